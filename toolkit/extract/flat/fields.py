"""From block roles to fields: one headline, dates in order, one publisher, a list of authors, a run of
keywords kept apart from a lone section. Each field records the role and the model's confidence
(`flat:model:author p=0.97`), so `mpt inspect` says why a field came out as it did."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ...names.people import agency_name, fold, is_first_name, looks_like_person
from ...names.words import AGENCIES, PARTICLES, ROLE_WORDS
from ...normalize.dates import parse_date
from ...records import AuthorValue, Extracted, RecordError, RejectKind
from .features import EMAIL, INT, SENTENCE_END, URL_TOKEN, Shape, name_part
from .model import RoleModel
from .roles import Role


@dataclass(frozen=True)
class Thresholds:
    """How sure the model must be before a block fills a field. A field left empty is better than a wrong one:
    the thresholds are the model's own scale, not tuned on any set."""

    single: float = 0.30  # title, description, section, publisher: the best block if at least this sure
    member: float = 0.50  # authors and keywords: every block at least this sure,
    weakest: float = 0.25  # or whose best guess the role is, at least this sure
    body_sure: float = 0.50  # below it the body is the longest prose block, as dumps are made
    body_min_chars: int = 200
    body_min_words: int = 30
    alternative_headline: float = 0.50  # what an alternative headline's probability adds to the headline's
    date_created: float = 0.50  # what a creation date's probability adds to the publication date's


THRESHOLDS = Thresholds()
PUBLISHER_NOISE = re.compile(r"^(?:#\w+|organization|organisation|newsmediaorganization|person)$", re.I)
NOT_A_NAME = re.compile(r"^(?:admin|administrator|editor|guest|anonymous|unknown|null|none|undefined)$", re.I)
BYLINE_PREFIX = re.compile(r"^(?:by|par|von|por|di|door|av|author:?|autor:?|person)\s+", re.I)
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def words_of(text: str) -> int:
    """Words of a text, a Chinese, Japanese, Korean or Thai sign counted as half a word."""
    return len(text.split()) + len(UNSPACED.findall(text)) // 2


@dataclass
class Decoder:
    blocks: list[str]
    shapes: list[Shape]
    probs: np.ndarray
    model: RoleModel
    out: Extracted = field(default_factory=Extracted)
    used: set[int] = field(default_factory=set)

    def p(self, role: str) -> np.ndarray:
        return self.probs[:, self.model.index(role)]

    def best(self, role: str, allowed: list[int] | None = None) -> tuple[int, float] | None:
        """The block most likely in `role` among the free (or allowed) ones, with its probability."""
        p = self.p(role)
        cands = [i for i in (allowed if allowed is not None else range(len(self.blocks))) if i not in self.used]
        if not cands:
            return None
        i = max(cands, key=lambda k: (p[k], -k))
        return i, float(p[i])

    def member(self, k: int, role: str) -> bool:
        """Whether block k belongs to a list field: the model is sure of the role, or the role is its best guess."""
        at = self.model.index(role)
        prob = self.probs[k, at]
        return prob >= THRESHOLDS.member or (prob >= THRESHOLDS.weakest and int(self.probs[k].argmax()) == at)

    def rule(self, role: str, prob: float) -> str:
        return f"flat:model:{role} p={prob:.2f}"

    def run(self) -> Extracted:
        self.body()
        self.headline()
        self.description()
        self.dates()
        self.language()
        self.image()
        self.publisher()
        self.authors()
        self.section()
        self.keywords_and_topics()
        return self.out

    def body(self) -> None:
        found = self.best(Role.BODY)
        if found is None:
            raise RecordError(RejectKind.NO_BODY, "the dump has no blocks")
        i, prob = found
        prose = [k for k, s in enumerate(self.shapes) if s.kind == "prose"]
        if prob < THRESHOLDS.body_sure and prose:  # the model is unsure: the longest prose block
            i = max(prose, key=lambda k: (len(self.blocks[k]), -k))
            prob = float(self.p(Role.BODY)[i])
        text = self.blocks[i]
        if len(text) < THRESHOLDS.body_min_chars and words_of(text) < THRESHOLDS.body_min_words:
            raise RecordError(RejectKind.NO_BODY, f"the longest prose block has only {len(text)} characters")
        self.out.set("body", text, self.rule(Role.BODY, prob))
        self.used.add(i)

    def _take_copies(self, i: int) -> None:
        self.used.update(k for k, b in enumerate(self.blocks) if b == self.blocks[i])

    def headline(self) -> None:
        p = self.p(Role.HEADLINE) + THRESHOLDS.alternative_headline * self.p(Role.ALT_HEADLINE)
        cands = [k for k in range(len(self.blocks)) if k not in self.used and self.shapes[k].kind not in
                 ("url", "image", "date", "locale", "numeric", "selector")]
        if not cands:
            return
        i = max(cands, key=lambda k: (p[k], -k))
        if p[i] < THRESHOLDS.single:
            return
        # the headline and the page's name often both appear, one with the site's name appended: the shorter
        for k in cands:
            other, text = self.blocks[k], self.blocks[i]
            if k != i and p[k] >= THRESHOLDS.single and text.startswith(other) and \
                    re.match(r"^\s*[-|–—:]\s*\S", text[len(other):]):
                i = k
                break
        self.out.set("title", self.blocks[i], self.rule(Role.HEADLINE, float(p[i])))
        self._take_copies(i)

    def description(self) -> None:
        found = self.best(Role.DESCRIPTION, [k for k, s in enumerate(self.shapes) if s.kind in ("prose", "term", "csv", "entity")])
        if found and found[1] >= THRESHOLDS.single:
            self.out.set("description", self.blocks[found[0]], self.rule(Role.DESCRIPTION, found[1]))
            self._take_copies(found[0])

    def dates(self) -> None:
        dated = [k for k, s in enumerate(self.shapes) if s.kind == "date" and parse_date(self.blocks[k]) is not None]
        if not dated:
            return
        published = max(dated, key=lambda k: (self.p(Role.DATE_PUBLISHED)[k] + THRESHOLDS.date_created * self.p(Role.DATE_CREATED)[k], -k))
        prob = float(self.p(Role.DATE_PUBLISHED)[published])
        if prob >= THRESHOLDS.single:
            self.out.set("published_raw", self.blocks[published], self.rule(Role.DATE_PUBLISHED, prob))
        else:  # no block reads as the publication: the earliest date, as the format note has it
            published = min(dated, key=lambda k: (parse_date(self.blocks[k]).value, k))  # type: ignore[union-attr]
            self.out.set("published_raw", self.blocks[published], "flat:earliest-date-block")
        rest = [k for k in dated if self.blocks[k] != self.blocks[published]]
        if rest:
            modified = max(rest, key=lambda k: (self.p(Role.DATE_MODIFIED)[k], -k))
            prob = float(self.p(Role.DATE_MODIFIED)[modified])
            if prob >= THRESHOLDS.single:
                self.out.set("modified_raw", self.blocks[modified], self.rule(Role.DATE_MODIFIED, prob))
        elif len([k for k in dated if self.blocks[k] == self.blocks[published]]) > 1:
            self.out.set("modified_raw", self.blocks[published], "flat:same-date-repeated")
        self.used.update(dated)

    def language(self) -> None:
        locales = [k for k, s in enumerate(self.shapes) if s.kind == "locale"]
        found = self.best(Role.LANGUAGE, locales) if locales else None
        if found and found[1] >= THRESHOLDS.single:
            self.out.set("language", self.blocks[found[0]], self.rule(Role.LANGUAGE, found[1]))
            self.used.add(found[0])

    def image(self) -> None:
        p = self.p(Role.MEDIA)
        for k in sorted(range(len(self.blocks)), key=lambda k: (-p[k], k)):
            if p[k] < THRESHOLDS.single:
                return
            url = next((t for t in self.blocks[k].split() if URL_TOKEN.match(t)), None)
            if url:
                self.out.set("image_url", url, self.rule(Role.MEDIA, float(p[k])))
                return

    def publisher(self) -> None:
        found = self.best(Role.PUBLISHER)
        if not found or found[1] < THRESHOLDS.single:
            return
        i, prob = found
        name, legal = publisher_name(self.blocks[i])
        if name:
            self.out.set("source.publisher", name, self.rule(Role.PUBLISHER, prob))
            self.out.set("source.legal_name", legal, self.rule(Role.PUBLISHER, prob) + ":legal-name")
            self._take_copies(i)

    def authors(self) -> None:
        p = self.p(Role.AUTHOR)
        found = []
        taken: list[int] = []
        seen: set[str] = set()
        for k in range(len(self.blocks)):
            if k in self.used or not self.member(k, Role.AUTHOR) or self.blocks[k] in seen:
                continue
            seen.add(self.blocks[k])
            author = author_value(self.blocks[k], self.shapes[k])
            if author:
                found.append(author)
                taken.append(k)
                self.used.add(k)
        if found:
            self.out.authors = found
            self.out.sources["byline"] = self.rule(Role.AUTHOR, float(max(p[k] for k in taken)))

    def section(self) -> None:
        p = self.p(Role.SECTION)
        cands = [k for k, s in enumerate(self.shapes) if k not in self.used and s.kind in ("term", "csv", "entity")
                 and len(self.blocks[k]) <= (400 if s.kind == "csv" else 80)]
        if not cands:
            return
        i = max(cands, key=lambda k: (p[k], -k))
        if p[i] < THRESHOLDS.single:
            return
        while i - 1 in cands and p[i - 1] >= THRESHOLDS.single:  # a list of sections: the page's first
            i -= 1
        self.out.set("section", self.blocks[i], self.rule(Role.SECTION, float(p[i])))
        self.used.add(i)

    def keywords_and_topics(self) -> None:
        """Keyword blocks are a list's items, or one comma-separated string: only a lone block is split."""
        pk, pt = self.p(Role.KEYWORD), self.p(Role.TERM)
        free = [k for k in range(len(self.blocks)) if k not in self.used]
        keyword_blocks = [k for k in free if self.member(k, Role.KEYWORD) and pk[k] >= pt[k]]
        term_blocks = [k for k in free if self.member(k, Role.TERM) and k not in keyword_blocks]
        lists = [k for k in keyword_blocks if "," in self.blocks[k] and self.shapes[k].kind == "csv"]
        if len(lists) == 1 and len(keyword_blocks) > 1:
            # keywords declared once, as a string: single terms that repeat its items are about/mentions terms
            items = {t.casefold() for t in split_terms(self.blocks[lists[0]])}
            singles = [k for k in keyword_blocks if k != lists[0]]
            if sum(self.blocks[k].casefold() in items for k in singles) >= len(singles) / 2:
                term_blocks = sorted(term_blocks + singles)
                keyword_blocks = lists
        if len(keyword_blocks) == 1:
            keywords = split_terms(self.blocks[keyword_blocks[0]])
        else:
            keywords = [self.blocks[k].strip() for k in keyword_blocks]
        topics = [name_of_term(self.blocks[k]) for k in term_blocks]
        self.out.set("keywords", dedupe(keywords), self.rule(Role.KEYWORD, max((float(pk[k]) for k in keyword_blocks), default=0)))
        self.out.set("topics", dedupe(topics), self.rule(Role.TERM, max((float(pt[k]) for k in term_blocks), default=0)))


def split_terms(text: str) -> list[str]:
    """A keyword string's items: comma-separated, else semicolon-separated (an entity's ';' is no separator)."""
    if "," in text:
        return [t.strip() for t in text.split(",") if t.strip()]
    if re.search(r";(?<!&\w{2};)(?<!&\w{3};)(?<!&\w{4};)(?<!&#\d{2};)(?<!&#\d{3};)", text):
        return [t.strip() for t in re.split(r"(?<!&\w{2})(?<!&\w{3})(?<!&\w{4})(?<!&#\d{2})(?<!&#\d{3});", text) if t.strip()]
    return [text.strip()]


def name_of_term(text: str) -> str:
    """An about or mentions object keeps its name: the words before its URLs."""
    words = name_part(text)
    return " ".join(words) if words else text


def dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def publisher_name(text: str) -> tuple[str | None, str | None]:
    """The outlet's name in a publisher object flattened ('Name [email] [phone] [legal name] [logo] [w h]'),
    and its legal name when contact details set it apart."""
    tokens = text.split()
    while tokens and PUBLISHER_NOISE.match(tokens[0]):
        tokens = tokens[1:]  # 'organization La Vanguardia'
    words = name_part(" ".join(tokens))
    words = _undoubled(words)
    if words and words[-1].lower() == "logo":
        words = words[:-1]
    name = " ".join(words).strip(" ,;|") or None
    legal = None
    contacts = [i for i, t in enumerate(tokens) if EMAIL.fullmatch(t) or (sum(c.isdigit() for c in t) >= 7 and t[:1] in "+(0123456789")]
    if contacts:
        rest = []
        for tok in tokens[contacts[-1] + 1:]:
            if INT.match(tok) or URL_TOKEN.match(tok) or "@" in tok:
                break
            rest.append(tok)
        legal = " ".join(rest) or None
    return name, legal


def _undoubled(words: list[str]) -> list[str]:
    """'National Review National Review' -> 'National Review' (a logo caption repeating the name)."""
    n = len(words)
    for size in range(1, n // 2 + 1):
        if words[:size] == words[size: 2 * size] and n - 2 * size <= 1:
            return words[:size]
    return words


NAME_RUN = re.compile(r"(?:[A-Z][\w'’-]+\.?\s+){1,3}[A-Z][\w'’-]+")


def emailed_name(text: str) -> str | None:
    """The name an e-mail address in the block spells ('... meg.james@example.com Staff Writer Meg James'):
    a person object flattened with its biography names its person so."""
    for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        local = [p for p in re.split(r"[._-]+", email.split("@")[0].casefold()) if p.isalpha()]
        for m in NAME_RUN.finditer(text):
            words = m.group().split()
            for i in range(len(words) - 1):
                first, last = words[i].casefold().strip("."), words[i + 1].casefold().strip(".")
                if len(local) >= 2 and local[-1] == last and (local[0] == first or local[0][:1] == first[:1]):
                    return " ".join(words[i:i + 2])
                if len(local) == 1 and len(last) >= 3 and local[0] in (first + last, first[0] + last, last):
                    return " ".join(words[i:i + 2])
    return None


def author_value(text: str, shape: Shape) -> AuthorValue | None:
    """An author block as a byline value: the name, its profile or photo URL, and an affiliation a role
    phrase names ('AP College Football Writer RALPH D. RUSSO': Ralph D. Russo, The Associated Press)."""
    tokens = text.split()
    url = next((t for t in tokens if URL_TOKEN.match(t)), None)
    spelled = emailed_name(text) if "@" in text else None
    if spelled:
        return {"name": spelled, "url": url, "type": "Person", "affiliation": None}
    words = name_part(BYLINE_PREFIX.sub("", text)) or tokens[:6]
    name, affiliation = split_role(words)
    if not name or NOT_A_NAME.match(name):
        return None
    if len(name) > 120:  # a biography flattened after the name: its first words
        name = " ".join(name.split()[:4])
    return {"name": name, "url": url, "type": None, "affiliation": affiliation}


# Job words, also inside compounds ('Wirtschaftsredakteur', 'Chefreporterin'): the title after a name.
ROLE_STEM = re.compile(r"(?:redakt|editor|report|journalist|correspond|korrespond|columnist|kolumnist|autor|author|"
                       r"writer|chef|leiter|director|direktor|producer|produzent|fotograf|photograph|moderat|analyst|"
                       r"corresponsal|periodista|rédact|редакт|корреспондент|журналист)", re.I)


def split_role(words: list[str]) -> tuple[str, str | None]:
    """A person's name apart from a job title before or after it, and the organisation the title names."""
    if len(words) < 3:
        return " ".join(words), None
    roles = [i for i, w in enumerate(words) if ROLE_WORDS.fullmatch(w.strip(",.")) or ROLE_STEM.search(w)]
    if roles:  # title first: 'AP College Football Writer RALPH D. RUSSO'
        last = max(roles)
        head, tail = words[: last + 1], words[last + 1:]
        joined = " ".join(tail)
        if tail and looks_like_person(joined.title() if joined.isupper() else joined):
            return joined, _organisation(head)
    cut = _title_after_name(words)
    if cut:
        return " ".join(words[:cut]), _organisation(words[cut:])
    if not roles:
        return " ".join(words), None
    # name first: 'Phil Helsel Reporter and news editor'
    first = min(roles)
    head, tail = words[:first], words[first:]
    if len(head) >= 2 and looks_like_person(" ".join(head)):
        return " ".join(head), _organisation(tail)
    return " ".join(words), None


def _title_after_name(words: list[str]) -> int | None:
    """Where a name's capitalised words end and a title or a slug begins: 'Holger Zschäpitz Leitender
    Wirtschaftsredakteur', 'Ярослав Кузишин адвокационный менеджер', 'Jody Robbins jody-robbins'."""

    for k in range(2, min(5, len(words))):
        head, rest = words[:k], words[k:]
        if not all(w[:1].isupper() or w.lower() in PARTICLES for w in head) or head[-1].lower() in PARTICLES:
            continue
        nxt = rest[0]
        if (nxt[:1].islower() and nxt.lower() not in PARTICLES) or any(ROLE_STEM.search(w) for w in rest[:3]):
            return k
    return None


def _organisation(words: list[str]) -> str | None:
    for size in (3, 2, 1):
        for start in range(0, len(words) - size + 1):
            agency = agency_name(" ".join(words[start:start + size]))
            if agency:
                return agency
    return None


__all__ = ["Decoder", "Thresholds", "THRESHOLDS", "publisher_name", "author_value", "split_role", "words_of",
           "AGENCIES", "fold", "is_first_name", "SENTENCE_END"]
