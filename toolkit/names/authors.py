"""One author value as found into authors {name, kind, url, affiliation}.

Every reader hands its author values here (JSON-LD author/creator/contributor,
meta tags, visible bylines, a dump's name blocks), so one set of rules decides
what is a person, a wire agency or an organisation. The rules, in order:

1. Clean: HTML entities, NFC, markup, CSS rules and script that a styled
   byline leaks (a value with script is dropped whole); prefixes ("By", "Par", "Von", "Автор:",
   "Written by", "Posted on ... by"); dates; "Published/Updated ..."; e-mail
   addresses, URLs, @handles and "| Sponsored".
2. Agency credits anywhere ("(Reuters)", "with AFP", "avec AFP", "mit dpa")
   become agency authors.
3. A tail after a comma, " - " or "|" that is a role ("AP Auto Writer",
   "Staff Writer") leaves the names; when it names an organisation, that
   becomes the authors' affiliation.
4. Split several names on commas, "and", "&", "et", "und", "y", "e", "и",
   semicolons, pipes and " / ", keeping "Jr.", "Ph.D." and the like with their
   name. Surname-first ("Smith, John": two single words, the second a given
   name and the first not) is turned around.
5. Each name: "Email the author", "Staff", "Admin", dates, URLs, photo credits
   ("(Image: FBI)", "Foto: ...", "Getty Images"), bracketed notes, "last updated" in any language
   and share buttons ("Twitter Facebook") are dropped; an editor's sign in brackets after a name
   ("Elena Oberholzer (obe)") is no part of it (it stays in byline.raw);
   a person's name followed by a known or newspaper-shaped outlet ("John
   O'Connor The Associated Press", "Greyson Steele Battle Creek Enquirer") is
   the person, with the outlet as affiliation;
   a wire service (table below) is an agency under its canonical name; the
   outlet itself, a desk or staff is an organisation; the rest are people,
   ALL-CAPS names put in title case (McDonald, O'Brien, van der Berg).
6. Repeats merge (author, creator and contributor), order kept."""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from .outlets import is_outlet, outlet_desk, outlet_keys
from .people import agency_name, clean, is_first_name, looks_like_person, title_case_name
from .words import (AGENCY_CREDIT, INITIALS, INNER_BY, LAST_UPDATED, LEADING_ARTICLES, NEWSPAPER_SHAPED, NOT_NAMES, ORG_FORMS,
                    ORG_LINKS, ORG_TYPES, ORG_WORDS, OTHER_CREDITS, PHOTO_CREDIT, ROLE_WORDS, SHARE_WORDS, SPLIT, STAFF,
                    SUFFIXES, WRITTEN_FOR)

MAX_AUTHORS = 100  # authors kept a record at most; the values past it stay in byline.raw


def _split_tail(text: str) -> tuple[str, str | None]:
    """'TOM KRISHER, AP Auto Writer' -> ('TOM KRISHER', 'The Associated Press'); a role alone leaves no affiliation."""
    m = re.search(r"\s*(?:,|\s[-–—]\s|\|)\s*([^,|]+)$", text)
    if not m:
        return text, None
    tail = m[1].strip()
    words = tail.split()
    org = re.sub(r"^.*?\b(?:for|de|für|pour|para)\s+", "", tail) if re.search(r"\b(for|für|pour|para)\b", tail) else tail
    org_words = [w for w in org.split() if not ROLE_WORDS.search(w)]
    agency = agency_name(" ".join(org_words)) or (agency_name(org_words[0]) if org_words else None)
    is_role = bool(ROLE_WORDS.search(tail)) and len(words) <= 6
    is_org = bool(agency or ORG_WORDS.search(tail) or re.search(r"\.\w{2,}$", tail))
    if not (is_role or is_org) or (looks_like_person(tail) and not agency and not is_role):
        return text, None
    affiliation = agency or (org if is_org and not is_role else (" ".join(org_words) if org_words and ORG_WORDS.search(org) else None))
    return text[: m.start()].strip(), affiliation


def _person_and_outlet(name: str, keys: frozenset[str],
                       known_outlet: Callable[[str], bool] | None) -> tuple[str, str] | None:
    """'John O'Connor The Associated Press', 'Greyson Steele Battle Creek Enquirer': a person's name and then,
    with no separator, the outlet they write for, when the outlet is known (an agency, this page's outlet,
    the registry) or shaped like a newspaper's name (two words or more, capitalised, a newspaper word last)."""
    words = name.split()
    if len(words) < 3 or re.search(r"[,;|/()]", name):
        return None
    for size in range(min(5, len(words) - 2), 0, -1):
        person, outlet = " ".join(words[:-size]), " ".join(words[-size:])
        if len(words) - size > 3 or not looks_like_person(person):
            continue
        agency = agency_name(outlet)
        capitalised = all(w[:1].isupper() for w in words[-size:] if w[:1].isalpha())
        if agency or (capitalised and (is_outlet(outlet, keys) or (known_outlet is not None and known_outlet(outlet))
                                       or (size >= 2 and NEWSPAPER_SHAPED.search(outlet)))):
            return person, agency or outlet
    return None


def _opens_like_a_name(part: str) -> bool:
    """A given name or an initial first ('Anna Voss', 'J. I. da Costa'), or an agency."""
    first = part.split()[0] if part.split() else ""
    initial = re.fullmatch(r"(?:[A-Z][a-z]?\.[-\s]?)+", first) and first.upper() not in ("U.S.", "U.K.", "U.N.", "E.U.")
    return is_first_name(first) or bool(initial) or agency_name(part) is not None


def _names(text: str) -> list[str]:
    parts = [p.strip() for p in SPLIT.split(text) if p and p.strip()]
    if len(parts) > 1 and ORG_LINKS.search(text) and not any(_opens_like_a_name(p) for p in parts):
        return [text]  # 'Landesamt für Wasser und Bodenschutz', 'U.S. Fish and Wildlife Service': one body
    if len(parts) == 2 and "," in text and all(len(p.split()) == 1 for p in parts) \
            and is_first_name(parts[1]) and not is_first_name(parts[0]):
        return [f"{parts[1]} {parts[0]}"]  # surname first: "Smith, John"
    names: list[str] = []
    for p in parts:
        if SUFFIXES.match(p) and names:
            names[-1] = f"{names[-1]}, {p}"  # "John Smith, Jr."
        else:
            names.append(p)
    if any(not looks_like_person(n) for n in names) and ("&" in text or " and " in text.lower()) and len(names) == 2:
        if ORG_WORDS.search(text) or not all(looks_like_person(n) for n in names):
            return [text] if "," not in text and ";" not in text else names  # "Jobs & Hire", "Johnson & Johnson"
    return names


def _credits(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The agency credits a value carries ('(Reuters)', 'with AFP', 'Hans Meier/dpa'), and the text without them."""
    credits = [{"name": agency_name(m[1] or m[2]), "kind": "agency", "url": None, "affiliation": None}
               for m in AGENCY_CREDIT.finditer(text)]
    text = AGENCY_CREDIT.sub(" ", text).strip(" ,;|-–—")
    code = re.search(r"(?<=\w)/\s?([\w-]{1,6})$", text)
    # 'Karl Brenner/KX-Z', 'RADIO NORD/ls': an agency credit or an editor's code
    if code and " / " not in text and (" " in text[: code.start()].strip() or agency_name(text[: code.start()])):
        agency = agency_name(code[1])
        if agency:
            credits.append({"name": agency, "kind": "agency", "url": None, "affiliation": None})
        text = text[: code.start()].strip()
    return text, credits


def _names_and_affiliation(text: str, affiliation: str | None, keys: frozenset[str]) -> tuple[str, str | None]:
    """The names part of a byline, and the organisation it names as where they work: 'X and Y for The Mail
    on Sunday', 'TOM KRISHER, AP Auto Writer', 'Nora Quist HarborVoice Staff', 'techdiario - Marta Ríos'."""
    inner = INNER_BY.search(text)
    if inner and not re.search(r"[;,|]", text[: inner.start()]) and len(text[: inner.start()].split()) <= 4 \
            and looks_like_person(inner[1]):
        text = inner[1]  # "Blog Beitrag von Irina Volkova"
    written_for = WRITTEN_FOR.search(text)
    if written_for and _names(text[: written_for.start()]) and all(
            looks_like_person(n) for n in _names(text[: written_for.start()])):
        text, affiliation = text[: written_for.start()], affiliation or written_for[1]
    text, tail_affiliation = _split_tail(text)
    words = text.split()
    if len(words) >= 3 and ROLE_WORDS.fullmatch(words[-1]) and not STAFF.fullmatch(words[-1]) \
            and looks_like_person(" ".join(words[:-1])):
        text = " ".join(words[:-1])  # 'Paul Egger Chefredakteur': a job title after the name, no comma
    affiliation = affiliation or tail_affiliation
    words = text.split()
    if len(words) >= 4 and STAFF.fullmatch(words[-1]):  # 'Nora Quist HarborVoice Staff': the outlet's desk after the name
        for size in (1, 2):
            person, desk = " ".join(words[: -1 - size]), " ".join(words[-1 - size: -1])
            if is_outlet(desk, keys) and len(person.split()) >= 2 and looks_like_person(person):
                text, affiliation = person, affiliation or desk
                break
    parts = re.split(r"\s+[-–—|/]\s+", text)
    if len(parts) > 1:  # 'techdiario - Marta Ríos': the outlet written beside the name
        named = [p for p in parts if not is_outlet(p, keys)]
        if named and len(named) < len(parts):
            affiliation = affiliation or next(p for p in parts if is_outlet(p, keys))
            text = " | ".join(named)
    return text, affiliation


def _kind(name: str, declared: str, keys: frozenset[str]) -> str:
    """person or organization; a declared type decides (a declared Person stays one, even when the site is
    named after them), else the name's shape."""
    if declared in ORG_TYPES or declared != "person" and (
            is_outlet(name, keys) or outlet_desk(name, keys) or STAFF.search(name) or "&" in name
            or ORG_WORDS.search(name) or ORG_FORMS.search(name) or (SPLIT.search(name) and ORG_LINKS.search(name))):
        return "organization"
    if declared == "person" or looks_like_person(name) or _looks_like_handle(name):
        return "person"
    return "organization" if len(name.split()) > 5 or name.split()[0].lower() in LEADING_ARTICLES else "person"


def parse_author(value: str, url: str | None = None, declared_type: str | None = None,
                 affiliation: str | None = None, outlets: Iterable[str] = (),
                 known_outlet: Callable[[str], bool] | None = None) -> list[dict[str, Any]]:
    """One author value as found into zero or more authors. A declared schema.org type
    (Person, Organization) is trusted over the name's shape; `known_outlet` tells whether a name is an
    outlet's (the registry's aliases)."""
    if not isinstance(value, str) or not value.strip():
        return []
    text, credits = _credits(OTHER_CREDITS.sub("", clean(value)).strip(" ,;|-–—"))
    declared = (declared_type or "").lower()
    keys = outlet_keys(tuple(outlets))
    text, affiliation = _names_and_affiliation(text, affiliation, keys)
    authors: list[dict[str, Any]] = []
    for name in ([text] if declared in ORG_TYPES else _names(text)):
        name = INITIALS.sub("", name.strip(" ,;|-–—:")).strip(" ,;|-–—:")  # the sign stays in byline.raw
        if not name or NOT_NAMES.match(name) or re.match(r"^(https?://|www\.)", name) or not re.search(r"[^\W\d_]", name):
            continue
        if LAST_UPDATED.match(name) or set(name.casefold().split()) <= SHARE_WORDS:
            continue  # "Son Güncelleme", "Twitter Facebook": what is printed beside a byline, not a name
        if PHOTO_CREDIT.search(name) or re.fullmatch(r"\(.*\)", name):
            continue  # a photo credit or a bracketed note, not a signature
        agency = agency_name(name)
        if agency:
            authors.append({"name": agency, "kind": "agency", "url": url, "affiliation": None})
            continue
        split = None if declared in ORG_TYPES else _person_and_outlet(name, keys, known_outlet)
        if split:
            authors.append({"name": title_case_name(split[0]), "kind": "person", "url": url,
                            "affiliation": affiliation or split[1]})
            continue
        kind = _kind(name, declared, keys)
        authors.append({"name": title_case_name(name) if kind == "person" else name, "kind": kind, "url": url,
                        "affiliation": affiliation if kind == "person" else None})
    return authors + credits


def _looks_like_handle(name: str) -> bool:
    return " " not in name and len(name) <= 30


MAX_AUTHORS = 100  # authors kept a record at most; the values past it stay in byline.raw
