"""Bylines: raw author values into {name, kind, url, affiliation}.

Every reader hands its author values here, so one set of rules decides what is
a person, a wire agency or an organisation."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable

from ..normalize.text import clean_inline

# Wire services: what a byline may say -> canonical name.
AGENCIES: dict[str, str] = {
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse", "agence france presse": "Agence France-Presse",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "ap": "The Associated Press", "associated press": "The Associated Press", "the associated press": "The Associated Press",
    "dpa": "dpa", "deutsche presse-agentur": "dpa", "efe": "EFE", "agencia efe": "EFE", "ansa": "ANSA",
    "xinhua": "Xinhua", "xinhua news agency": "Xinhua", "tass": "TASS", "itar-tass": "TASS",
    "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "sputnik": "Sputnik", "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency", "aa": "Anadolu Agency", "pti": "Press Trust of India", "press trust of india": "Press Trust of India",
    "ians": "IANS", "ani": "ANI", "kyodo": "Kyodo News", "kyodo news": "Kyodo News", "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap", "upi": "UPI", "united press international": "UPI", "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg", "europa press": "Europa Press", "apa": "APA", "belga": "Belga", "anp": "ANP",
    "kna": "KNA", "epd": "epd", "sda": "Keystone-SDA", "keystone-sda": "Keystone-SDA", "ntb": "NTB", "tt": "TT",
    "ctk": "ČTK", "čtk": "ČTK", "pap": "PAP", "mti": "MTI", "interfax": "Interfax", "ukrinform": "Ukrinform",
    "unian": "UNIAN", "irna": "IRNA", "wam": "WAM", "spa": "SPA", "mena": "MENA", "cna": "CNA", "aap": "AAP",
    "canadian press": "The Canadian Press", "the canadian press": "The Canadian Press", "agência brasil": "Agência Brasil",
    "lusa": "Lusa", "notimex": "Notimex", "ips": "IPS", "cnn wire": "CNN Wire", "news service": None,
}
# Words that make a name an organisation, not a person.
ORG_WORDS = re.compile(
    r"\b(news|press|times|post|daily|today|media|tv|television|radio|network|bureau|desk|staff|team|editors?|editorial|"
    r"newsroom|agency|service|wire|magazine|journal|gazette|herald|tribune|channel|group|online|digital|report|reporters|"
    r"associated|international|world|sport|sports|weekly|monthly|blog|club|inc|ltd|llc|gmbh|sa|corp|company|foundation|institute|"
    r"university|council|ministry|office|department|rédaction|redaktion|redacción|редакция)\b", re.I)
NOT_NAMES = re.compile(r"^(email the author|e-mail|staff|admin|administrator|guest|anonymous|unknown|editor|author|none|null|"
                       r"published on|updated on|by|posted by|written by)$", re.I)
PREFIX = re.compile(
    r"^\s*(?:[|•·–—-]\s*)?(?:(?:posted|published|written|filed|veröffentlicht|verfasst|geschrieben|erstellt|publié|publicado|"
    r"pubblicato|view all posts|alle beiträge|all posts|more posts|mehr|artikel|beitrag)\s*(?:on\s+.{0,30}?\s+)?"
    r"(?:by|von|vom|par|por|da|di)\s*|(?:by|par|von|vom|por|di|de|door|av|af|przez)\s+|"
    r"(?:author|auteur|autor|autorin|autore|автор|text|texte|words by|reporting by|photos?|fotos?|von|by)\s*:\s*|(?:author|autor|auteur)\s+(?=[A-Z])|"
    r"(?:words|reporting)\s+by\s+|\(c\)\s*|©\s*)", re.I)
LEAD_DATE = re.compile(r"^\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\s*[-|–—,:]\s*")
INNER_BY = re.compile(r"\s(?:by|von|vom|par|por)\s+(.+)$", re.I)
# trailing dates, times, e-mail addresses, URLs and "| 12/10/2020"-like tails
TAIL_NOISE = re.compile(r"(?:\s*(?:[|,•·]|\bon\b|\bam\b|\ble\b)?\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|"
                        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2}\.? [A-Za-zä]+ \d{4})"
                        r".*$|\s+\S+@\S+\.\S+.*$|\s+(?:-\s+)?https?://\S+.*$)", re.I)
ROLE_TAIL = re.compile(r"\s*(?:,|\s-\s|\|)\s*(.+)$")
ROLES = re.compile(r"\b(writer|reporter|correspondent|editor|columnist|contributor|producer|journalist|photographer|"
                   r"analyst|critic|chief|senior|staff|special|national|political|auto|sports|security|business)\b", re.I)


@lru_cache(maxsize=1)
def _first_names():
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def is_first_name(token: str) -> bool:
    token = token.strip(".,")
    if len(token) < 2 or not token[0].isalpha():
        return False
    return _first_names().get_gender(token) != "unknown"


def agency_name(name: str) -> str | None:
    key = re.sub(r"[()]", "", name).strip().casefold()
    return AGENCIES.get(key)


def looks_like_person(name: str) -> bool:
    """A personal name: 2-5 words, capitalised, no organisation word; a known first name settles doubt."""
    words = name.split()
    if not 1 <= len(words) <= 5 or ORG_WORDS.search(name) or agency_name(name):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if not all(w[0].isupper() or w.lower() in PARTICLES for w in words if w[0].isalpha()):
        return False
    if len(words) == 1:
        return is_first_name(words[0]) and words[0][0].isupper()
    return is_first_name(words[0]) or all(w.isupper() for w in words if w.isalpha()) or len(words) >= 2


PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "dos", "das", "bin", "ibn", "al", "el", "y", "e", "ter", "ten", "zu"}


def title_case_name(name: str) -> str:
    """ALL-CAPS name to title case: McDonald, O'Brien, van der Berg, hyphenated names."""
    if not name.isupper():
        return name

    def word(w: str) -> str:
        low = w.lower()
        if low in PARTICLES:
            return low
        out = "-".join(p[:1].upper() + p[1:] for p in low.split("-"))
        out = re.sub(r"^(O'|D')(\w)", lambda m: m[1].upper() + m[2].upper(), out, flags=re.I)
        out = re.sub(r"^(Mc)(\w)", lambda m: "Mc" + m[2].upper(), out)
        return out

    words = name.split()
    cased = [word(w) for w in words]
    if cased:
        cased[0] = cased[0][:1].upper() + cased[0][1:]
    return " ".join(cased)


def parse_author(value: str, url: str | None = None, declared_type: str | None = None,
                 affiliation: str | None = None) -> list[dict[str, Any]]:
    """One author value as found into zero or more authors. A declared schema.org type
    (Person, Organization) is trusted over the name's shape."""
    text = clean_inline(value, decode_entities=True)
    if not text:
        return []
    text = unicodedata.normalize("NFC", text)
    text = PREFIX.sub("", text, count=1)
    text = LEAD_DATE.sub("", text)
    text = TAIL_NOISE.sub("", text).strip(" |,;-–—")
    inner = INNER_BY.search(text)
    if inner and len(text[: inner.start()].split()) <= 4 and looks_like_person(inner[1]):
        text = inner[1]  # "Blog Beitrag von Margarita Koreneva"
    tail = ROLE_TAIL.search(text)
    if tail and (ROLES.search(tail[1]) or ORG_WORDS.search(tail[1]) or agency_name(tail[1]) or "." in tail[1]):
        text = text[: tail.start()].strip()
        org = re.sub(r"^(?:\w+\s+)*?(?:for|de|für)\s+", "", tail[1]) if re.search(r"\b(for|de|für)\b", tail[1]) else tail[1]
        org_words = [w for w in org.split() if not ROLES.search(w)]
        agency = agency_name(" ".join(org_words)) or (agency_name(org_words[0]) if org_words else None)
        affiliation = agency or (org if ORG_WORDS.search(org) or "." in org else None)
    if not text or NOT_NAMES.match(text) or re.match(r"^https?://", text):
        return []
    agency = agency_name(text)
    if agency:
        return [{"name": agency, "kind": "agency", "url": url, "affiliation": None}]
    declared = (declared_type or "").lower()
    if declared in ("organization", "newsmediaorganization", "corporation"):
        kind = "organization"
    elif declared == "person":
        kind = "person"
    else:
        kind = "person" if looks_like_person(text) else "organization"
    name = title_case_name(text) if kind == "person" else text
    return [{"name": name, "kind": kind, "url": url, "affiliation": affiliation}]


def parse_authors(values: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Author values from any source ({name, url, type, affiliation}) into a byline:
    the raw text and de-duplicated authors in order."""
    raw: list[str] = []
    authors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in values:
        value = item.get("name")
        if not isinstance(value, str):
            continue
        if value and value not in raw:
            raw.append(value)
        for author in parse_author(value, item.get("url"), item.get("type"), item.get("affiliation")):
            key = author["name"].casefold()
            if key in seen:
                continue
            seen.add(key)
            authors.append(author)
    return {"raw": " | ".join(raw) or None, "authors": authors}
