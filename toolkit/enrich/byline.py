"""Bylines: author values from any reader into {name, kind, url, affiliation}.

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
   ("(Image: FBI)", "Foto: ...", "Getty Images") and bracketed notes are dropped;
   a person's name followed by a known or newspaper-shaped outlet ("John
   O'Connor The Associated Press", "Greyson Steele Battle Creek Enquirer") is
   the person, with the outlet as affiliation;
   a wire service (table below) is an agency under its canonical name; the
   outlet itself, a desk or staff is an organisation; the rest are people,
   ALL-CAPS names put in title case (McDonald, O'Brien, van der Berg).
6. Repeats merge (author, creator and contributor), order kept."""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Any, Callable, Iterable

from ..cache import cached_json

# Wire services: what a byline may say (folded) -> canonical name: the credit the agency puts on its own
# copy (AFP, dpa, PTI, Reuters, The Associated Press), which is also what pages most often write.
AGENCIES: dict[str, str] = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "reuters": "Reuters", "thomson reuters": "Reuters", "ap": "The Associated Press", "associated press": "The Associated Press",
    "the associated press": "The Associated Press", "dpa": "dpa", "deutsche presse-agentur": "dpa",
    "efe": "EFE", "agencia efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua News Agency", "xinhua news agency": "Xinhua News Agency",
    "新华社": "Xinhua News Agency", "tass": "TASS", "итар-тасс": "TASS", "тасс": "TASS", "itar-tass": "TASS",
    "ria novosti": "RIA Novosti", "риа новости": "RIA Novosti", "sputnik": "Sputnik", "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency", "anadolu ajansı": "Anadolu Agency", "aa": "Anadolu Agency",
    "pti": "PTI", "press trust of india": "PTI", "ians": "IANS",
    "indo-asian news service": "IANS", "ani": "ANI", "asian news international": "ANI", "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News", "yonhap": "Yonhap News Agency", "yonhap news agency": "Yonhap News Agency", "upi": "UPI",
    "united press international": "UPI", "bloomberg": "Bloomberg News", "bloomberg news": "Bloomberg News",
    "europa press": "Europa Press", "apa": "APA", "belga": "Belga", "anp": "ANP", "kna": "KNA", "epd": "epd",
    "sda": "Keystone-SDA", "keystone-sda": "Keystone-SDA", "ntb": "NTB", "ctk": "ČTK", "čtk": "ČTK", "pap": "PAP", "mti": "MTI",
    "interfax": "Interfax", "интерфакс": "Interfax", "ukrinform": "Ukrinform", "unian": "UNIAN", "irna": "IRNA", "wam": "WAM",
    "mena": "MENA", "aap": "AAP", "canadian press": "The Canadian Press", "the canadian press": "The Canadian Press",
    "agência brasil": "Agência Brasil", "lusa": "Lusa", "notimex": "Notimex", "ips": "IPS", "apa-ots": "APA",
    "ap photo": "The Associated Press", "reuters staff": "Reuters", "afp staff": "AFP",
}
AGENCY_TOKENS = sorted((k for k in AGENCIES if len(k) >= 2), key=len, reverse=True)
# "(Reuters)", "with AFP", "avec AFP", "mit dpa", "con EFE", "via AP"
AGENCY_CREDIT = re.compile(r"\(\s*(" + "|".join(map(re.escape, AGENCY_TOKENS)) + r")\s*\)|\b(?:with|avec|mit|con|via|com|и)\s+("
                           + "|".join(map(re.escape, AGENCY_TOKENS)) + r")\b", re.I)

# Words that make a name an organisation, not a person.
ORG_WORDS = re.compile(
    r"\b(news|press|times|post|daily|today|media|tv|television|radio|network|bureau|desk|staff|team|editors?|editorial|"
    r"newsroom|agency|service|wire|magazine|journal|gazette|herald|tribune|channel|group|online|digital|report|reporters|"
    r"associated|international|world|sport|sports|weekly|monthly|blog|club|inc|ltd|llc|gmbh|sa|corp|company|foundation|institute|"
    r"university|council|ministry|office|department|rédaction|redaktion|redacción|redação|redazione|редакция|zeitung|nachrichten|"
    r"noticias|notícias|journal|revue|verlag|editorial team|online-redaktion|chronicle|observer|guardian|telegraph|courier|"
    r"examiner|inquirer|enquirer|sentinel|bulletin|dispatch|monitor|globe|ledger|review|register)\b", re.I)
# legal forms and the German compounds that end in an organisation word ('Sportverband', 'Landesanstalt')
ORG_FORMS = re.compile(r"\b(?-i:e\.\s?V\.?|g?GmbH|AG|KG|SE|mbH|S\.A\.|Ltd\.?|Inc\.?|LLC|Co\.)(?=\s|$|,)|"
                       r"\w(?:stiftung|verband|verein|ministerium|anstalt|institut|akademie|gesellschaft|genossenschaft|"
                       r"kammer|partei|fraktion|verlag|redaktion)\b", re.I)
STAFF = re.compile(r"\b(staff|bureau|desk|team|newsroom|editors|rédaction|redaktion|redacción|redação|redazione|редакция)\b", re.I)
NOT_NAMES = re.compile(r"^(email the author|e-?mail|email|staff|admin|administrator|guest|anonymous|anónimo|anonym|unknown|editor|"
                       r"author|no author|super user|publisher|wordpressadmin|us|none|null|zur person|"
                       r"(?:den|the|der|die|l'|el|la)\s*(?:autor(?:in)?|author|auteur)|"
                       r"published|updated|by|posted|written|sponsored|advertisement|anzeige|contributor|undefined|n/?a)$", re.I)
PREFIX = re.compile(
    r"^\s*(?:[|•·–—-]\s*)?(?:(?:posted|published|written|filed|eingestellt|veröffentlicht|verfasst|geschrieben|erstellt|publié|publicado|"
    r"pubblicato|view all posts|alle beiträge|all posts|more posts|mehr|artikel|beitrag|recipe|rezept|story|reported)\s*"
    r"(?:on\s+.{0,30}?\s+|in\s+.{0,40}?\s+)?(?:by|von|vom|par|por|da|di)\s*|(?:by|par|von|vom|por|di|de|door|av|af|przez|від|от)\s+|"
    r"(?:author|auteur|autor|autorin|autore|автор|автори|συντάκτης|text|texte|words by|reporting by|von|by)\s*:\s*|"
    r"(?:text|texte|words)\s*(?:&|und|and|et|y)\s*(?:fotos?|photos?|bilder?|bild)\s*:\s*|"
    r"(?:author|autor|auteur)\s+(?=[A-Z])|(?:words|reporting|written)\s+by\s+|\(c\)\s*|©\s*|"
    r"(?:über|about|zur person|interview|zum profil von|profil von)(?:\s*:\s*|\s+)|"
    r"(?:責任編輯|责任编辑|编辑|作者|記者|记者)\s*[:：]?\s*)", re.I)
LEAD_DATE = re.compile(r"^\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\s*[-|–—,:]\s*")
INNER_BY = re.compile(r"\s(?:by|von|vom|par|por)\s+(.+)$", re.I)
# trailing dates, "Published/Updated ...", e-mail addresses, URLs, handles and "| Sponsored"
TAIL_NOISE = re.compile(
    r"(?:\s*(?:[|,•·]|\bon\b|\bam\b|\ble\b)?\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2}\.? [A-Za-zä]+ \d{4})"
    r".*$|\s*[|,-]?\s*(?:published|updated|posted|aktualisiert|veröffentlicht|mis à jour|publié|publicado|publicada|actualizado|"
    r"atualizado|pubblicato|aggiornato|опубликовано|обновлено)\b.*$|"
    r"\s*\|\s*sponsored\b.*$|(?:^|\s+)\S+@\S+\.\S+.*$|\s+(?:-\s+)?https?://\S+.*$|"
    # what a visible byline carries after the name: the weekday, the time, "Stand:", "vor 5 Stunden", profile links
    r"\s*[|,•·]?\s*(?:\b(?:am|on|le|el)\s+)?\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|mo|di|mi|do|fr|sa|so|"
    r"mon|tue|wed|thu|fri|sat|sun)\.?,?\s+\d.*$|"
    r"\s*[|,•·]?\s*\b(?:at|um|à)\s+\d{1,2}[:.]\d{2}\b.*$|\s*[|,•·]?\s*\bstand:.*$|\s*\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen)\b.*$|"
    r"(?:^|\s+)(?:alle artikel|alle beiträge|all articles|all posts|more articles|mehr artikel|mehr|follow|folgen|profil|view profile|"
    r"shares?|save|teilen|merken|drucken|print|tweet|contact|contactar|contatto|kontakt|contacter)\s*$)", re.I)
# credits that are not bylines: "Editing by ...", "Graphics by ..."
OTHER_CREDITS = re.compile(r"[;,|]?\s*\b(?:(?:editing|edited|graphics|illustrations?|photos?|fotos?|video)\s+(?:by|von|par)\s+|"
                           r"(?:photos?|fotos?|bilder?|illustrations?|illustrator(?:in)?|grafik|video)\s*:\s*)[^;|]*", re.I)
HANDLE = re.compile(r"(?:^|\s)@\w+")
ROLE_WORDS = re.compile(
    r"\b(writer|reporter|correspondent|editor|columnist|contributor|producer|journalist|photographer|analyst|critic|chief|"
    r"senior|staff|special|national|political|auto|sports|security|business|science|health|technology|tech|foreign|"
    r"investigative|deputy|managing|executive|associate|assistant|freelance|contributing|host|anchor|ceo|cto|cfo|founder|"
    r"co-founder|president|director|gründer(?:in)?|geschäftsführer(?:in)?|"
    r"[\w-]*(?:leiter|sprecher|referent|direktor|vorsitzende|beauftragte|mitarbeiter|wissenschaftler|berater|koordinator)(?:in|r)?|(?:chef)?redakteur(?:in)?|autor(?:in)?|"
    r"korrespondent(?:in)?|journalistin?|rédacteur|rédactrice|envoyée? spéciale?|corresponsal|periodista|редактор|корреспондент)\b", re.I)
SUFFIXES = re.compile(r"^(jr\.?|sr\.?|ii|iii|iv|ph\.?\s?d\.?|m\.?d\.?|md|phd|esq\.?|mba|cbe|obe|mbe)$", re.I)
SPLIT = re.compile(r"\s*(?:;|\||\s/\s|,\s*(?:and|und|et|y|e|и)\s+|\s+(?:and|und|et|y|e|и|&)\s+|,)\s*", re.I)
PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "dos", "das", "bin", "ibn",
             "al", "el", "y", "e", "ter", "ten", "zu", "af", "av"}


# words the name list holds that, leading a name, are an article ('The Hill', 'El País', 'Il Post')
NOT_GIVEN_NAMES = {"the", "el", "il"}
LEADING_ARTICLES = {"the", "die", "der", "das", "el", "il", "los", "las", "les", "gli"}


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from importlib.metadata import version

    def from_package() -> list[str]:
        import gender_guesser.detector as gender

        return sorted(gender.Detector(case_sensitive=False).names)

    return frozenset(cached_json(f"given-names-gender-guesser-{version('gender-guesser')}.json", from_package))


@lru_cache(maxsize=65536)
def is_first_name(token: str) -> bool:
    """A given name in the list of ~40,000 names from many countries (gender-guesser's data; its genders are not used)."""
    token = token.strip(".,")
    if len(token) < 2 or not token[0].isalpha() or token.casefold() in NOT_GIVEN_NAMES:
        return False
    return token.lower() in _first_names()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[()\[\]]", "", text)).strip().casefold()


def agency_name(name: str) -> str | None:
    return AGENCIES.get(fold(name))


def looks_like_person(name: str) -> bool:
    """A personal name: 1-5 words, capitalised, no organisation word or digit; one word only when it is a given name."""
    words = name.split()
    if not 1 <= len(words) <= 5 or ORG_WORDS.search(name) or ORG_FORMS.search(name) or agency_name(name) \
            or any(ch.isdigit() for ch in name):
        return False
    if not all(w[0].isupper() or w.lower() in PARTICLES or not w[0].isalpha() for w in words):
        return False
    if len(words) > 1 and words[0].lower() in LEADING_ARTICLES and not is_first_name(words[1]):
        return False  # 'Die KLARHEIT', 'El Vigía', 'The Hill'; but a pen name, 'der Jakob'
    if len(words) == 1:
        return is_first_name(words[0]) and words[0][0].isupper()
    return True


def title_case_name(name: str) -> str:
    """ALL-CAPS name to title case: McDonald, O'Brien, van der Berg, Smith-Jones. Mixed case is left as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) <= 3:
        return name

    def word(w: str, first: bool) -> str:
        if re.fullmatch(r"(?:\w\.){2,}", w):
            return w  # 'U.S.'
        low = w.lower()
        if low in PARTICLES and not first:
            return low
        out = "-".join(p[:1].upper() + p[1:] for p in low.split("-"))
        out = re.sub(r"^([OD]['’])(\w)", lambda m: m[1].upper() + m[2].upper(), out)
        if low.startswith("mc") and len(low) > 3:
            out = "Mc" + out[2].upper() + out[3:]  # McDonald; "Mac" stays as written (Mack, Macy)
        return out

    return " ".join(word(w, i == 0) for i, w in enumerate(name.split()))


# what a byline element leaks from its page: CSS rules ('.css-1fvj8jv{color:#ba0600}') and script
CSS_RULE = re.compile(r"[^\s{}]*\{[^{}]*(?:\}|$)|^[^{}]*?\}")
SCRIPT = re.compile(r"function\s*\(|=>|\bvar\s+\w+\s*=|\b(?:window|document)\.\w|\$\(|</?script", re.I)
# a photo credit beside the byline: '(Image: FBI)', 'Foto: dpa', 'Getty Images'
PHOTO_CREDIT = re.compile(r"^\(?\s*(?:images?|photos?|photograph|pictures?|pics?|foto|fotos|bild|bilder|credits?|crédits?|crédito|"
                          r"quelle|source|fuente|fonte|imagen|immagine|©)\s*(?:[:：]|$)|\b(?:getty ?images|shutterstock|istock(?:photo)?|"
                          r"alamy|imago images|picture alliance)\b", re.I)


def clean(value: str) -> str:
    text = html.unescape(html.unescape(value)) if "&" in value else value
    if SCRIPT.search(text):
        return ""
    if "{" in text or "}" in text:
        text = CSS_RULE.sub(" ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip()
    text = re.sub(r"^(?:【[^】]*】|\[[^\]]*\])\s*", "", text)  # '【纠错】' and other bracketed page labels
    for _ in range(2):  # 'Rezept von Zum Profil von ...'
        text = PREFIX.sub("", text, count=1)
    text = LEAD_DATE.sub("", text)
    text = TAIL_NOISE.sub("", text)
    text = HANDLE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" |,;-–—:")
    half = len(text) // 2
    if len(text) >= 6 and text[:half].strip() == text[half:].strip():
        text = text[:half].strip()  # the name written twice: a link's text and its title, or two layouts
    return text


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


# what only an organisation's name holds: a lower-case link word between capitalised ones ('Bundesministerium für
# Wirtschaft', 'Institute of Physics') or a dotted abbreviation ('U.S. Customs')
ORG_LINKS = re.compile(r"(?<=\w)\s(?:für|for|of|pour|para|per|des|der|in|im|am|zur|zum)\s(?=\w)|\b(?:[A-Z]\.){2,}(?=\s|$)")


# the last word of a newspaper's name ('Battle Creek Enquirer', 'The Boston Globe', 'Westfälische Rundschau')
NEWSPAPER_SHAPED = re.compile(
    r"(?:enquirer|inquirer|times|post|news|herald|tribune|journal|gazette|chronicle|observer|courier|register|examiner|"
    r"sentinel|bulletin|dispatch|monitor|globe|ledger|star|standard|telegraph|mirror|express|independent|guardian|record|"
    r"review|press|daily|zeitung|nachrichten|kurier|anzeiger|rundschau|tagblatt|tageblatt|allgemeine|presse)$", re.I)


def _person_and_outlet(name: str, outlet_keys: frozenset[str],
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
        if agency or (capitalised and (_is_outlet(outlet, outlet_keys) or (known_outlet is not None and known_outlet(outlet))
                                       or (size >= 2 and NEWSPAPER_SHAPED.search(outlet)))):
            return person, agency or outlet
    return None


# 'Glen Owen and Brendan Carlin for The Mail On Sunday', 'Anna Smith For Dailymail.com': the outlet written for
WRITTEN_FOR = re.compile(r"\s+(?:for|für|pour|para|per)\s+((?:the\s+)?[A-Z0-9][\w.'’&-]*(?:\s+(?:[A-Z0-9][\w.'’&-]*|on|of|de|am))"
                         r"{0,5})$", re.I)


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


ORG_TYPES = ("organization", "newsmediaorganization", "corporation")


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


def _names_and_affiliation(text: str, affiliation: str | None, outlet_keys: frozenset[str]) -> tuple[str, str | None]:
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
            if _is_outlet(desk, outlet_keys) and len(person.split()) >= 2 and looks_like_person(person):
                text, affiliation = person, affiliation or desk
                break
    parts = re.split(r"\s+[-–—|/]\s+", text)
    if len(parts) > 1:  # 'techdiario - Marta Ríos': the outlet written beside the name
        named = [p for p in parts if not _is_outlet(p, outlet_keys)]
        if named and len(named) < len(parts):
            affiliation = affiliation or next(p for p in parts if _is_outlet(p, outlet_keys))
            text = " | ".join(named)
    return text, affiliation


def _kind(name: str, declared: str, outlet_keys: frozenset[str]) -> str:
    """person or organization; a declared type decides (a declared Person stays one, even when the site is
    named after them), else the name's shape."""
    if declared in ORG_TYPES or declared != "person" and (
            _is_outlet(name, outlet_keys) or _outlet_desk(name, outlet_keys) or STAFF.search(name) or "&" in name
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
    outlet_keys = _outlet_keys(tuple(outlets))
    text, affiliation = _names_and_affiliation(text, affiliation, outlet_keys)
    authors: list[dict[str, Any]] = []
    for name in ([text] if declared in ORG_TYPES else _names(text)):
        name = name.strip(" ,;|-–—:")
        if not name or NOT_NAMES.match(name) or re.match(r"^(https?://|www\.)", name) or not re.search(r"[^\W\d_]", name):
            continue
        if PHOTO_CREDIT.search(name) or re.fullmatch(r"\(.*\)", name):
            continue  # a photo credit or a bracketed note, not a signature
        agency = agency_name(name)
        if agency:
            authors.append({"name": agency, "kind": "agency", "url": url, "affiliation": None})
            continue
        split = None if declared in ORG_TYPES else _person_and_outlet(name, outlet_keys, known_outlet)
        if split:
            authors.append({"name": title_case_name(split[0]), "kind": "person", "url": url,
                            "affiliation": affiliation or split[1]})
            continue
        kind = _kind(name, declared, outlet_keys)
        authors.append({"name": title_case_name(name) if kind == "person" else name, "kind": kind, "url": url,
                        "affiliation": affiliation if kind == "person" else None})
    return authors + credits


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


SECOND_LEVEL = {"com", "org", "net", "gov", "edu", "info", "biz"}  # eldeber.com.bo, bbc.co.uk


@lru_cache(maxsize=1024)
def _outlet_keys(outlets: tuple[str | None, ...]) -> frozenset[str]:
    """The outlet's names as compared: 'Harbour Gazette', and for a host 'www.harbour-gazette.de' both
    'harbourgazettede' and 'harbourgazette'."""
    keys = set()
    for outlet in outlets:
        if not outlet:
            continue
        keys.add(_squeeze(outlet))
        if "." in outlet and " " not in outlet.strip():
            labels = [lab for lab in outlet.lower().split(".") if lab not in ("www", "m")]
            keys.add(_squeeze(".".join(labels)))
            if len(labels) >= 2:  # the registrable name only: a blog's subdomain is its author, not the platform
                name_at = -3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL | {"co", "ac", "gv", "or"} else -2
                keys.add(_squeeze(labels[name_at]))
                keys.add(_squeeze(".".join(labels[name_at:])))
    keys.discard("")
    return frozenset(keys)


def _is_outlet(name: str, keys: frozenset[str]) -> bool:
    """'Die KLARHEIT' for klarheit.at, 'STERN.de' for www.stern.de, 'CNN' for edition.cnn.com."""
    squeezed = _squeeze(name)
    bare = _squeeze(re.sub(r"^(?:the|die|der|das|la|le|el|il|l'|les|los|las)\s+", "", name.strip(), flags=re.I))
    return bool(squeezed) and (squeezed in keys or bare in keys)


def _outlet_desk(name: str, keys: frozenset[str]) -> bool:
    """'MDR THÜRINGEN' on mdr.de, 'BBC Sport' on bbc.co.uk: the outlet's acronym, then a desk or region."""
    words = name.split()
    return 2 <= len(words) <= 3 and len(words[0]) >= 2 and words[0].isupper() and _squeeze(words[0]) in keys


def _looks_like_handle(name: str) -> bool:
    return " " not in name and len(name) <= 30


MAX_AUTHORS = 100  # authors kept a record at most; the values past it stay in byline.raw


def parse_authors(values: Iterable[dict[str, Any]], outlets: Iterable[str] = (),
                  known_outlet: Callable[[str], bool] | None = None) -> dict[str, Any]:
    """Author values from any source ({name, url, type, affiliation}) into a byline:
    the raw text and de-duplicated authors in order, at most MAX_AUTHORS (in linear time: a page may
    declare a hundred thousand)."""
    outlets = list(outlets)
    raw: dict[str, None] = {}  # ordered, and a set
    authors: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for item in values:
        value = item.get("name")
        if not isinstance(value, str):
            continue
        if value:
            raw.setdefault(value)
        if item.get("kept") is False or len(authors) >= MAX_AUTHORS:
            continue  # found but not taken as an author (a declared name the page never shows, or past the cap)
        for author in parse_author(value, item.get("url"), item.get("type"), item.get("affiliation"), outlets, known_outlet):
            key = fold(author["name"])
            if key in seen:
                kept = seen[key]
                kept["url"] = kept["url"] or author["url"]
                kept["affiliation"] = kept["affiliation"] or author["affiliation"]
                continue
            seen[key] = author
            authors.append(author)
    keys = _outlet_keys(tuple(outlets))
    outlet_orgs = [a for a in authors if a["kind"] == "organization" and (_is_outlet(a["name"], keys) or _outlet_desk(a["name"], keys))]
    people = [a for a in authors if a["kind"] == "person"]
    if people and outlet_orgs:  # 'Lena Ostrow, CNN' on cnn.com: the outlet is where they work, not a co-author
        for person in people:
            person["affiliation"] = person["affiliation"] or outlet_orgs[0]["name"]
        dropped = {id(o) for o in outlet_orgs}
        authors = [a for a in authors if id(a) not in dropped]
    return {"raw": " | ".join(raw) or None, "authors": authors[:MAX_AUTHORS]}
