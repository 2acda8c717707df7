"""Read the fields of a flat page dump by the shape and position of its blocks.

Nothing in a dump names a field (see shared/formats/flat-dump.md): the blocks
are the leaf values of the page's schema.org article object, in the page's
key order. So each block is first classified by its shape alone (a date, a
URL, a language tag, a name with its attachments, prose, a short term), then
each field picks its block by rules that weigh shape, repetition, position
and agreement with the URL. Every field records the rule that chose it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable
from urllib.parse import unquote, urlsplit

from ..enrich.byline import ROLE_WORDS, agency_name, is_first_name, looks_like_person, ORG_WORDS
from ..normalize.dates import looks_like_date
from ..normalize.language import normalize_language
from ..normalize.text import clean_inline
from ..records import Extracted, RawRecord, RecordError
from .encoding import decode

URL = re.compile(r"^(?:https?:)?//\S+$")
URL_TOKEN = re.compile(r"^(?:https?://|www\.)\S+$")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
PHONE = re.compile(r"^\+?\(?\d[\d\-().]{6,}$")
INT = re.compile(r"^\d+(?:px)?$")
IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)|/(?:img|image|images|photos?|media|resizer|thumbor)/|[?&](?:w|width|h|height)=\d", re.I)
SELECTOR = re.compile(r"^(?:(?:/html|//|\.[\w-]|#[\w-])\S*\s*)+$")
NUMERIC_NOISE = re.compile(r"^(?:(?:\d+(?:\.\d+)?(?:px)?|true|false|True|False)\s*)+(?:\.[\w-]+)?$")
ID_NOISE = re.compile(r"^(?:uid\s+)?[a-z]{0,6}\d{4,}$|^(?:/[\w-]+\s+)?arc-[A-Z0-9]{10,}|^[\w-]+\.[\w-]+:[\w-]+$", re.I)
SENTENCE_END = re.compile(r"[.!?…]\s*[\"”»’')]?$|\.\.\.$")
WORD = re.compile(r"[^\W\d_]+", re.U)

PROFILE_URL = re.compile(r"/(?:authors?|people|person|contributors?|staff|profiles?|journalists?|writers?|reporters?|team|by|autor|auteur)/", re.I)
NOT_A_NAME = re.compile(r"^(?:admin|administrator|editor|staff|guest|anonymous|unknown|news|home|null|none)$", re.I)
STAFF = re.compile(r"\b(staff|bureau|desk|team|newsroom|news service|wire|editors|rédaction|redaktion|redacción)\b", re.I)

BYLINE_PREFIX = re.compile(r"^(?:by|par|von|por|author:?)\s", re.I)

# a name found in a dump: block index (for order), name, its URL, a schema.org type when the dump shows it
Signature = tuple[int, str, str | None, str | None]

PROSE_MIN = 60  # characters: shorter text is a term, a name or a title


@dataclass
class Entity:
    """A name with the values that came with it in one object (url, email, phone, legal name, logo size)."""

    name: str
    urls: list[str] = field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    legal_name: str | None = None
    has_logo: bool = False
    has_date: bool = False
    has_bio: bool = False  # an HTML description after the name: a person's or an outlet's 'about'

    @property
    def attached(self) -> bool:
        return bool(self.urls or self.email or self.phone or self.legal_name or self.has_logo or self.has_date or self.has_bio)


@dataclass
class Block:
    index: int
    text: str
    kind: str  # header, noise, url, image, date, lang, entity, csv, term, prose
    entity: Entity | None = None
    language: str | None = None
    key: str = ""  # the text case-folded, for comparing blocks

    def __post_init__(self) -> None:
        self.key = self.text.casefold()


def split_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\r?\n[ \t]*\r?\n", text) if b.strip()]


# -- classifying one block by its shape ------------------------------------------------------

def _doubled(words: list[str]) -> list[str]:
    """'National Review National Review' -> 'National Review' (a logo caption repeating the name)."""
    if len(words) > 1 and words[-1].lower() == "logo":
        words = words[:-1]
    n = len(words)
    for size in range(1, n // 2 + 1):
        if words[:size] == words[size: 2 * size] and n - 2 * size <= 1:
            return words[:size]
    return words


def parse_entity(text: str) -> Entity | None:
    """Split 'Name [email] [phone] [legal name] [url] [w h]' into an Entity; None for other shapes."""
    tokens = text.split(maxsplit=40)[:40]  # a name and its attachments come first; prose needs no more
    lead_logo = len(tokens) > 2 and INT.match(tokens[0]) is not None and INT.match(tokens[1]) is not None
    if lead_logo:  # logo width and height before the name
        tokens = tokens[2:]
    if not tokens or "<" in tokens[0] or INT.match(tokens[0]):
        return None
    name_end = len(tokens)
    email = phone = None
    urls: list[str] = []
    has_logo, has_date = lead_logo, False
    last_contact = -1
    has_bio = False
    for i, tok in enumerate(tokens):
        if tok.isalpha():
            continue  # a plain word: no URL, e-mail, phone, size or date (most tokens; the tests below are costly)
        if tok.startswith("<"):
            has_bio = name_end == len(tokens) and re.match(r"<(?:p|div|span|br)\b", tok) is not None
            name_end = min(name_end, i)
            break
        if URL_TOKEN.match(tok):
            urls.append(tok)
            name_end = min(name_end, i)
        elif EMAIL.match(tok):
            email = email or tok
            name_end = min(name_end, i)
            last_contact = i
        elif PHONE.match(tok) and sum(c.isdigit() for c in tok) >= 7:
            phone = phone or tok
            name_end = min(name_end, i)
            last_contact = i
        elif INT.match(tok) and i > 0 and i + 1 < len(tokens) and (INT.match(tokens[i + 1]) or URL_TOKEN.match(tokens[i + 1])):
            has_logo = True
            name_end = min(name_end, i)
        elif INT.match(tok) and i == len(tokens) - 1 and i > 0 and i - 1 >= 0 and not INT.match(tokens[i - 1]) and i >= name_end:
            has_logo = True
        elif i > 0 and tok[:1].isdigit() and looks_like_date(tok):
            has_date = True
            name_end = min(name_end, i)
    name_words = _doubled(tokens[:name_end])
    if not name_words:
        return None
    if len(tokens) > 1 and tokens[name_end - 1].lower() == "logo":
        has_logo = True  # 'Live Science Live Science logo': the logo's caption
    legal = None
    if last_contact >= 0:
        rest = []
        for tok in tokens[last_contact + 1:]:
            if INT.match(tok) or URL_TOKEN.match(tok) or EMAIL.match(tok):
                break
            rest.append(tok)
        legal = " ".join(rest) or None
    return Entity(" ".join(name_words), urls, email, phone, legal, has_logo, has_date, has_bio)


def classify(index: int, text: str, page_url: str) -> Block:
    if index == 0:
        return Block(index, text, "header")
    if SELECTOR.match(text) or NUMERIC_NOISE.match(text) or ID_NOISE.match(text):
        return Block(index, text, "noise")
    if URL.match(text):
        if _same_url(text, page_url):
            return Block(index, text, "noise")
        return Block(index, text, "image" if IMAGE_URL.search(text) else "url")
    if looks_like_date(text):
        return Block(index, text, "date")
    if len(text) <= 12:
        lang = normalize_language(text)
        if lang and (re.search(r"[-_]", text) or text.islower()):
            return Block(index, text, "lang", language=lang)
    tokens = text.split()
    if tokens and NUMERIC_NOISE.match(tokens[0]) and any(URL_TOKEN.match(t) for t in tokens):
        return Block(index, text, "image")  # an image object: width, height, url, caption
    entity = parse_entity(text)
    max_words = 5 if len(text) >= 200 else 8  # a long block is prose unless its name is short
    if entity and entity.attached and len(entity.name) <= 80 and len(entity.name.split()) <= max_words:
        return Block(index, text, "entity", entity=entity)
    if "," in text and len(text) < 1000 and _is_term_list(text) and not BYLINE_PREFIX.match(text) \
            and (text.count(",") >= 2 or _slug_overlap(text, _slug_words(page_url)) < 0.5):
        return Block(index, text, "csv")
    if len(text) >= PROSE_MIN and len(tokens) >= 8:
        return Block(index, text, "prose")
    return Block(index, text, "term", entity=entity if entity and entity.has_logo else Entity(text))


def _is_term_list(text: str) -> bool:
    items = [p.strip() for p in text.split(",")]
    if len(items) < 2 or any(not p for p in items[1:-1]):
        return False
    if SENTENCE_END.search(text) and not text.endswith(")"):
        return False
    longest = max(len(p.split()) for p in items)
    return (longest <= 4 or (len(items) >= 3 and longest <= 6)) and sum(len(p) for p in items) / len(items) <= 40


def _same_url(a: str, b: str) -> bool:
    def k(u: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", u.strip().lower()).split("#")[0].rstrip("/")

    return k(a) == k(b)


# -- choosing the block of each field --------------------------------------------------------

def _slug_words(url: str) -> set[str]:
    """Words of the URL's most wordy path segment: the article's slug."""
    segments = unquote(urlsplit(url).path).lower().split("/")
    best: set[str] = set()
    for seg in segments:
        words = {w for w in re.split(r"[^\w]+|_", re.sub(r"\.html?$|\.php$", "", seg)) if len(w) > 1 and not w.isdigit()}
        if len(words) > len(best):
            best = words
    return best


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _slug_overlap(text: str, slug: set[str]) -> float:
    words = {w for w in _words(text) if len(w) > 1}
    common = len(words & slug)
    if not common:
        return 0.0
    precision, recall = common / len(words), common / len(slug)
    return 2 * precision * recall / (precision + recall)


@lru_cache(maxsize=4096)
def _domain_match(name: str, host: str) -> float:
    """How well a name matches the site's host: 'The Hill' ~ thehill.com, 'NY Post' ~ nypost.com."""
    labels = [lab for lab in host.lower().split(".") if lab not in ("www", "m", "com", "co", "org", "net", "uk", "news")]
    squeezed = re.sub(r"[^a-z0-9]", "", name.lower())
    if not squeezed or not labels:
        return 0.0
    words = _words(name)
    initials = "".join(w[0] for w in words)
    best = 0.0
    for lab in labels:
        lab = re.sub(r"[^a-z0-9]", "", lab)
        if not lab:
            continue
        if squeezed == lab or squeezed.removeprefix("the") == lab:
            return 1.0
        if lab in squeezed or squeezed in lab:
            best = max(best, 0.8 * min(len(lab), len(squeezed)) / max(len(lab), len(squeezed)) + 0.2)
        elif initials and (lab.startswith(initials) or initials.startswith(lab)) and len(initials) >= 2:
            best = max(best, 0.6)
    return best


NAME_RUN = re.compile(r"(?:[A-Z][\w'’-]+\.?\s+){1,3}[A-Z][\w'’-]+")


def _email_names(email: str, words: list[str]) -> bool:
    """Whether an address's local part spells the name: philip.helsel@, meg_james@, mjames@ for Meg James."""
    local = email.split("@")[0].casefold()
    parts = [p for p in re.split(r"[._-]+", local) if p.isalpha()]
    names = [w.casefold().strip(".") for w in words if w[:1].isalpha()]
    if len(names) < 2 or not parts:
        return False
    first, last = names[0], names[-1]
    if len(parts) >= 2:
        return parts[-1] == last and (parts[0] == first or parts[0][:3] == first[:3] or parts[0] == first[0])
    return len(last) >= 3 and parts[0] in (first + last, first[0] + last, last)


def _is_name_like(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 6 and len(text) <= 60 and not SENTENCE_END.search(text) and "," not in text


class FlatExtractor:
    """Fields of one dump. A class only to share the classified blocks between the field rules."""

    def __init__(self, raw: RawRecord) -> None:
        self.raw = raw
        self.url = raw.meta["url"]
        self.host = (urlsplit(self.url).hostname or "").lower()
        self.slug = _slug_words(self.url)
        text, self.encoding = decode(raw.data, raw.meta.get("charset"), self.url)
        parts = split_blocks(text)
        self.blocks = [classify(i, t, self.url) for i, t in enumerate(parts)]
        self.used: set[int] = set()
        self.out = Extracted()
        self._evidence: dict[tuple[int, str], float] = {}
        self._names: dict[int, str] = {}

    def of(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    def run(self) -> Extracted:
        out = self.out
        out.set("url", self.url, "flat:header-url")
        out.set("snapshot_date", self.raw.meta.get("snapshot_date"), "flat:header-month")
        if self.encoding:
            out.sources["encoding"] = self.encoding
        self.body()
        self.title()
        self.description()
        self.dates()
        self.language()
        self.image()
        self.publisher_and_authors()
        self.keywords_and_topics()
        self.section()
        return out

    # body: the longest prose block
    def body(self) -> None:
        prose = [b for b in self.of("prose", "term", "csv", "entity") if len(b.text) >= PROSE_MIN]
        if not prose:
            raise RecordError("no article body: the dump has no prose block")
        best = max(prose, key=lambda b: (len(b.text), -b.index))
        if len(best.text) < 200 and _words_of(best.text) < 30:
            raise RecordError(f"no article body: the longest prose block has only {len(best.text)} characters")
        self.out.set("body", best.text, "flat:longest-prose-block")
        self.body_block = best
        self.used.add(best.index)

    # title: a short line that agrees with the URL slug, comes early and is not a sentence
    def title(self) -> None:
        body = self.body_block.text
        cands = []
        counts: dict[str, int] = {}
        for b in self.blocks:
            counts[b.key] = counts.get(b.key, 0) + 1
        for b in self.of("term", "prose", "csv", "entity"):
            if b.index in self.used or not 6 <= len(b.text) <= 300 or _words_of(b.text) < 2:
                continue
            if b.kind == "entity" and b.entity and (b.entity.email or b.entity.phone or b.entity.has_logo or b.entity.urls):
                continue
            score = 2.0 * _slug_overlap(b.text, self.slug)
            score += 0.6 if counts[b.key] > 1 else 0.0
            score -= 0.08 * min(b.index, 15)
            if SENTENCE_END.search(b.text) and not b.text.endswith("?") and not b.text.endswith("!"):
                score -= 0.8
            if b.text.endswith("...") or b.text.endswith("…"):
                score -= 1.0
            if body.startswith(b.text[:60]):
                score -= 0.8
            n = _words_of(b.text)
            if n < 3:
                score -= 0.6
            if n > 30:
                score -= 1.0
            if looks_like_person(b.text) and _slug_overlap(b.text, self.slug) < 0.5:
                score -= 1.5
            if b.kind == "csv" or b.kind == "entity":
                score -= 0.7
            if _domain_match(b.text, self.host) >= 0.8:
                score -= 2.0  # the outlet's name
            cands.append((score, -b.index, b))
        cands = [c for c in cands if c[0] > -1.5]
        if not cands:
            return
        cands.sort(key=lambda c: (c[0], c[1]), reverse=True)
        best = cands[0][2]
        # headline and name often both appear, one with the site's name appended: keep the headline
        for score, _, other in cands[1:]:
            if other.text != best.text and best.text.startswith(other.text) and re.match(r"^\s*[-|–—:]\s*\S", best.text[len(other.text):]):
                best = other
                break
        self.out.set("title", best.text, "flat:title-block")
        self.title_block = best
        for b in self.blocks:
            if b.key == best.key:
                self.used.add(b.index)
        for b in self.blocks:  # the headline's variants with the site's name appended
            if b.text.startswith(best.text) and re.match(r"^\s*[-|–—:]\s*\S", b.text[len(best.text):]) and len(b.text) - len(best.text) < 60:
                self.used.add(b.index)

    # description: a sentence-like prose block shorter than the body, often its first words
    def description(self) -> None:
        body = self.body_block.text
        head = re.sub(r"\W+", " ", body[:400]).lower()
        cands = []
        for b in self.of("prose", "term"):
            if b.index in self.used or len(b.text) < 30 or len(b.text.split()) < 5 or len(b.text) > 1000:
                continue
            if BYLINE_PREFIX.match(b.text) or (b.kind == "term" and not SENTENCE_END.search(b.text)):
                continue
            if len(b.text) >= len(body):
                continue
            words = re.sub(r"\W+", " ", b.text.rstrip(".… ")).lower().strip()
            score = 0.0
            if words and words[:80] in head:
                score += 1.5
            if SENTENCE_END.search(b.text):
                score += 0.7
            score -= 0.05 * min(b.index, 20)
            if looks_like_person(" ".join(b.text.split()[:3])) and not SENTENCE_END.search(b.text):
                score -= 1.0
            cands.append((score, -b.index, b))
        if not cands:
            return
        best = max(cands, key=lambda c: (c[0], c[1]))[2]
        self.out.set("description", best.text, "flat:description-block")
        for b in self.blocks:
            if b.key == best.key:
                self.used.add(b.index)

    # dates: the earliest plausible one is the publication, the latest the modification
    def dates(self) -> None:
        from ..normalize.dates import parse_date

        found = []
        for b in self.of("date"):
            parsed = parse_date(b.text)
            if parsed is not None:
                found.append((parsed.value, b.index, b.text))
            self.used.add(b.index)
        if not found:
            return
        first = min(found)
        last = max(found)
        self.out.set("published_raw", first[2], "flat:earliest-date-block")
        if len(found) > 1 and (last[0] != first[0] or len(found) >= 2):
            self.out.set("modified_raw", last[2], "flat:latest-date-block")

    def language(self) -> None:
        for b in self.of("lang"):
            prev, nxt = self._outer(b, -1), self._outer(b, 1)
            in_list = prev is not None and nxt is not None and prev.kind == "term" and nxt.kind == "term" \
                and prev.text.islower() and nxt.text.islower()
            if in_list and not re.search(r"[-_]", b.text):
                continue  # 'it' or 'no' among lower-case keywords is a word, not a locale
            self.out.set("language", b.text, "flat:locale-block")
            self.used.add(b.index)
            return

    def image(self) -> None:
        for b in self.of("image"):
            url = next((t for t in b.text.split() if URL_TOKEN.match(t)), None)
            if url:
                self.out.set("image_url", url, "flat:first-image-url")
                return

    # publisher and authors: names with their attachments, and bare names
    def _name_of(self, b: Block) -> str:
        if b.index not in self._names:
            self._names[b.index] = self._read_name(b)
        return self._names[b.index]

    def _read_name(self, b: Block) -> str:
        name = b.entity.name if b.entity else b.text
        name = re.sub(r"^(?:by|par|von|por|author:?|autor:?|person|organization)\s+", "", name, flags=re.I)
        name = re.split(r",\s|\s\|\s|\s[-–—]\s", name)[0]  # a role or outlet after the name
        name = re.sub(r"\s+(?:author|autor|auteur)$", "", name, flags=re.I).strip()
        words = name.split()
        # a person object's job title follows its name: 'Phil Helsel Reporter and news editor'
        role = next((i for i, w in enumerate(words) if i >= 2 and ROLE_WORDS.fullmatch(w)), None)
        if role is not None and looks_like_person(" ".join(words[:role])):
            name = " ".join(words[:role])
        return name

    @cached_property
    def _folded_blocks(self) -> list[str]:
        return [re.sub(r"[_/:-]+", " ", b.key) for b in self.blocks]

    def _named_elsewhere(self, b: Block, words: list[str]) -> bool:
        """Whether any of the words comes back in a block other than this name's own copies."""
        folded = [w.casefold() for w in words]
        return any(o.text != b.text and any(w in text for w in folded)
                   for o, text in zip(self.blocks, self._folded_blocks))

    def _emailed_person(self, b: Block) -> str | None:
        """The name in a person object flattened with its biography ('... meg.james@latimes.com Staff Writer
        Meg James'): the capitalised words that its e-mail address spells."""
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", b.text):
            for m in NAME_RUN.finditer(b.text):
                words = m.group().split()
                for i in range(len(words) - 1):
                    pair = words[i:i + 2]
                    if _email_names(email, pair) and looks_like_person(" ".join(pair)):
                        return " ".join(pair)
        return None

    def _neighbours(self, b: Block) -> list[Block]:
        return [self.blocks[i] for i in (b.index - 1, b.index + 1) if 0 < i < len(self.blocks)]

    def _person_evidence(self, b: Block, name: str) -> float:
        key = (b.index, name)
        if key not in self._evidence:  # asked again by several field rules: computed once per block
            self._evidence[key] = self._weigh_person(b, name)
        return self._evidence[key]

    def _weigh_person(self, b: Block, name: str) -> float:
        """How much says this block is a person's name. A known first name counts most; without one,
        only the byline's own marks (a 'By', a profile URL, capitals, its place by the dates and the
        publisher) count, since sections like 'Front Page' look like names too."""
        words = name.split()
        if BYLINE_PREFIX.match(b.text) and b.kind == "term" and len(b.text.split()) <= 16 and not SENTENCE_END.search(b.text):
            return 3.0  # 'By ANNA VOSS and LIAM REED, Associated Press': the byline module splits it
        if len(words) < 2 or "&" in name or not looks_like_person(" ".join(words[:4])):
            return 0.0  # a lone given name in a dump is as often a topic ('Moon') as a blogger
        s = 0.0
        if BYLINE_PREFIX.match(b.text):
            s += 2.0
        if b.entity and any(PROFILE_URL.search(u) or IMAGE_URL.search(u) for u in b.entity.urls):
            s += 1.5
        if name.isupper() and len(words) >= 2:
            s += 1.0
        neighbours = self._neighbours(b)
        if any(n.kind == "date" for n in neighbours):
            s += 0.5
        if any(n.kind == "entity" and n.entity and n.entity.has_logo for n in neighbours):
            s += 0.5  # an author object often stands right before or after the publisher's
        if b.entity and b.entity.email and _email_names(b.entity.email, words):
            s += 2.0  # philip.helsel@... beside 'Phil Helsel'
        if b.entity and b.entity.has_bio and is_first_name(words[0]):
            s += 0.5
        if not self._named_elsewhere(b, words):
            s += 0.5  # a byline's name is seldom in the story or the other metadata; a topic or a section is
        same = [o.index for o in self.blocks if o.text == b.text]
        if is_first_name(words[0]):
            s += 2.0
            if len(same) > 1:
                s += 0.5  # author and creator: the same name twice
        elif len(same) > 1 and max(same) - min(same) > 1:
            s += 0.5  # the same name in two places, not a repeated list item
        return s

    def _org_evidence(self, b: Block, name: str) -> float:
        e = b.entity
        s = 0.0
        if e and e.has_logo:
            s += 3.0
        if e and (e.email or e.phone or e.legal_name) and not is_first_name(name.split()[0]):
            s += 1.5
        if e and e.has_date:
            s += 1.0
        s += 2.0 * _domain_match(name, self.host)
        if agency_name(name):
            s += 1.5
        if STAFF.search(name):
            s += 1.0
        if ORG_WORDS.search(name) and (len(name.split()) >= 2 or name.isupper()):
            s += 1.0 if e and e.attached else 0.4  # a bare 'Company Town' is more often a section
        return s

    def publisher_and_authors(self) -> None:
        runs = self.keyword_runs()
        in_runs = {b.index for r in runs for b in r}
        people: list[Signature] = []
        orgs: dict[str, list[tuple[Block, float]]] = {}
        for b in self.blocks:
            if b.index in self.used or b.index in in_runs or b.entity is None:
                continue
            name = self._name_of(b)
            if b.kind == "term" and not _is_name_like(name):
                continue
            if not name or NOT_A_NAME.match(name):
                continue
            person, org = self._person_evidence(b, name), self._org_evidence(b, name)
            if person > org and person >= 1.0:
                url = next(iter(b.entity.urls), None) if b.kind == "entity" else None
                people.append((b.index, b.text if b.kind == "term" else name, url, None))
                self.used.add(b.index)
            elif org >= 1.0:
                orgs.setdefault(name.casefold(), []).append((b, org))
        for b in self.blocks:
            if b.index not in self.used and b.kind in ("prose", "entity", "term") and b.index not in in_runs and "@" in b.text:
                name = self._emailed_person(b)
                if name:
                    people.append((b.index, name, None, "Person"))
                    self.used.add(b.index)
        publisher_key = None
        if orgs:
            publisher_key = max(orgs, key=lambda k: (max(o for _, o in orgs[k]), -orgs[k][0][0].index))
            members = orgs[publisher_key]
            best = max(members, key=lambda m: (m[1], -m[0].index))[0]
            self.out.set("source.publisher", clean_inline(self._name_of(best)), "flat:publisher-block")
            legal = next((b.entity.legal_name for b, _ in members if b.entity and b.entity.legal_name), None)
            self.out.set("source.legal_name", clean_inline(legal), "flat:publisher-block-legal-name")
        signed: list[Signature] = []
        site_names: list[Signature] = []
        for key, members in orgs.items():
            if key == publisher_key:
                self.used.update(b.index for b, _ in members)
            bare = [b for b, _ in members if not (b.entity and (b.entity.has_logo or b.entity.email or b.entity.legal_name))]
            name = self._name_of(members[0][0])
            if key == publisher_key:
                # the outlet also signed the article when its name stands alone beside its logo object
                if bare and (len(bare) < len(members) or len(bare) >= 2):
                    signed.append((bare[0].index, name, next(iter(bare[0].entity.urls), None) if bare[0].entity else None, "Organization"))
            elif bare and (agency_name(name) or STAFF.search(name) or BYLINE_PREFIX.match(bare[0].text)):
                signed.append((bare[0].index, name, None, None))
                self.used.update(b.index for b, _ in members)
            elif bare and _domain_match(name, self.host) >= 0.8 and _domain_match(publisher_key or "", self.host) < 0.5:
                site_names.append((bare[0].index, name, None, "Organization"))
        if publisher_key is not None and not people:
            people = self._names_beside_publisher([b for b, _ in orgs[publisher_key]], in_runs)
        if not people and not signed:
            # the site's own name beside another publisher (a blog platform's) signs when nobody else does
            signed = site_names
        authors = sorted(people + signed)
        self.out.authors = [{"name": n, "url": u, "type": t} for _, n, u, t in authors]
        if authors:
            self.out.sources["byline"] = "flat:name-blocks"

    def _names_beside_publisher(self, publisher: list[Block], in_runs: set[int]) -> list[Signature]:
        """A lone given name right after the publisher object ('The Anti-June Cleaver', then 'Regan'): a blog's
        author signing with a first name. Only there: elsewhere a lone name is as often a topic."""
        for p in publisher:
            b = self._outer(p, 1)
            if b is None or b.kind != "term" or b.index in self.used or b.index in in_runs:
                continue
            words = b.text.split()
            if len(words) == 1 and words[0][:1].isupper() and is_first_name(words[0]) and looks_like_person(words[0]):
                self.used.add(b.index)
                return [(b.index, b.text, None, "Person")]
        return []

    def keyword_runs(self) -> list[list[Block]]:
        """Runs of short term blocks (list values: keywords, about, mentions), names at their edges trimmed off."""
        if hasattr(self, "_keyword_runs"):
            return self._keyword_runs
        runs = []
        for run in self._runs():
            # an author repeated as author and creator is a name, not a list item
            repeated = {b.key for b in run if sum(o.text == b.text for o in run) > 1 and self._person_evidence(b, self._name_of(b)) >= 2.0}
            pieces: list[list[Block]] = [[]]
            for b in run:
                if b.key in repeated:
                    pieces.append([])
                else:
                    pieces[-1].append(b)
            for piece in pieces:
                outer = self._outer(piece[0], -1) if piece else None
                while piece and self._is_edge_name(piece[0], outer):
                    outer, piece = None, piece[1:]
                outer = self._outer(piece[-1], 1) if piece else None
                while piece and self._is_edge_name(piece[-1], outer):
                    outer, piece = None, piece[:-1]
                if len(piece) >= 2 and len({b.key for b in piece}) >= 2:
                    runs.append(piece)
        self._keyword_runs = runs
        return runs

    def _outer(self, b: Block, step: int) -> Block | None:
        i = b.index + step
        return self.blocks[i] if 0 < i < len(self.blocks) else None

    def _is_edge_name(self, b: Block, outer: Block | None) -> bool:
        name = self._name_of(b)
        if name[:1].islower() or (outer is not None and outer.kind in ("term", "prose")):
            return False
        return self._person_evidence(b, name) >= 2.0 or self._org_evidence(b, name) >= 1.5

    def _runs(self) -> list[list[Block]]:
        """Consecutive short term blocks; a date, URL, image, noise block or the body may interrupt a run once."""
        runs: list[list[Block]] = []
        cur: list[Block] = []
        gap = 0
        for b in self.blocks[1:]:
            if b.kind == "term" and len(b.text) <= 80 and b.index not in self.used:
                cur.append(b)
                gap = 0
            elif cur and gap == 0 and (b.kind in ("date", "url", "image", "noise") or b is self.body_block):
                gap = 1
            else:
                if cur:
                    runs.append(cur)
                cur, gap = [], 0
        if cur:
            runs.append(cur)
        return runs

    section_from_run: str | None = None
    section_from_list: Block | None = None

    def _standalone_terms(self) -> list[Block]:
        in_runs = {b.index for r in self.keyword_runs() for b in r}
        return [b for b in self.of("term") if b.index not in self.used and b.index not in in_runs and len(b.text) <= 60
                and self._person_evidence(b, self._name_of(b)) < 2.0]

    def keywords_and_topics(self) -> None:
        csvs = [b for b in self.of("csv") if b.index not in self.used]
        runs = [[b for b in r if b.index not in self.used] for r in self.keyword_runs()]
        runs = [r for r in runs if len(r) >= 2]
        keywords: list[str] = []
        topics: list[str] = []
        rule_kw = rule_topics = ""
        if csvs:
            # WordPress and others write keywords, then articleSection: of two lists the second is the section
            best = csvs[0]
            if len(csvs) >= 2:
                self.section_from_list = csvs[1]
            keywords = [p.strip() for p in best.text.split(",") if p.strip()]
            self.used.add(best.index)
            topics = [b.text for r in runs for b in r]
            rule_kw, rule_topics = "flat:comma-separated-block", "flat:term-block-runs"
        elif runs:
            best_run = max(runs, key=lambda r: (len(r), -r[0].index))
            keywords = [b.text for b in best_run]
            if not self._standalone_terms():
                first, last = best_run[0], best_run[-1]
                if len(best_run) >= 3 and _stands_apart(first, best_run[1:]):
                    self.section_from_run = keywords.pop(0)
                elif _stands_apart(last, best_run[:-1]) and len(best_run) >= 2:
                    self.section_from_run = keywords.pop()
            topics = [b.text for r in runs if r is not best_run for b in r]
            rule_kw, rule_topics = "flat:longest-term-block-run", "flat:other-term-block-runs"
        for r in runs:
            self.used.update(b.index for b in r)
        self.out.set("keywords", _dedupe(keywords), rule_kw)
        self.out.set("topics", _dedupe(topics), rule_topics)

    def section(self) -> None:
        """A short term standing alone; failing that, the item just before the keyword list
        (pages put articleSection right before keywords)."""
        cands = []
        for b in self.of("term", "csv"):
            if b.index in self.used or len(b.text) > 60 or len(b.text.split()) > 6:
                continue
            if self._person_evidence(b, self._name_of(b)) >= 2.0:
                continue
            cands.append((-0.3 if b.kind == "csv" else 0.0) - 0.02 * b.index)
            cands[-1] = (cands[-1], b)
        if self.section_from_list is not None:
            self.out.set("section", self.section_from_list.text, "flat:second-comma-separated-block")
            self.used.add(self.section_from_list.index)
        elif cands:
            best = max(cands, key=lambda c: c[0])[1]
            self.out.set("section", best.text, "flat:standalone-term-block")
            self.used.add(best.index)
        elif self.section_from_run is not None:
            self.out.set("section", self.section_from_run, "flat:item-before-keyword-list")


def _stands_apart(item: Block, others: list[Block]) -> bool:
    """A list item that is really the section written next to the list: it comes back inside the
    list ('Business News', or 'Category: Moon' after 'Moon'), or it alone is not in lower case."""
    if any(o.key == item.key or o.key.endswith(": " + item.key) for o in others):
        return True
    return not item.text.islower() and all(o.text.islower() or not o.text[:1].isalpha() for o in others)


# Scripts written without spaces between words: each sign carries about a word's meaning.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def _words_of(text: str) -> int:
    """Words of a text, a Chinese, Japanese, Korean or Thai sign counted as one."""
    return len(text.split()) + len(UNSPACED.findall(text)) // 2


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        item = clean_inline(item) or ""
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def extract(raw: RawRecord) -> Extracted:
    return FlatExtractor(raw).run()
