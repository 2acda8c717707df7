"""The byline a reader sees on an HTML page, for pages whose metadata names no author (or only the outlet).

In order: an element marked as the author's (class, id, rel or itemprop) or a link
to an author's page, by the headline first; a short text by the headline that
opens like a byline ("By", "Von", "Posted in ... by", "Autor:"); a metadata line
that names someone after a label or after "von"/"by" on a dated line; a
name-and-date line; an <address>; a Chinese editor's label anywhere. Comment
threads, footers and teasers are skipped; every candidate must read as names once
the byline rules (enrich/byline.py) have cleaned it."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..names.authors import parse_author
from ..names.people import looks_like_person
from ..names.words import WEEKDAYS, one_of

# what marks an element as the author's, in ' class id rel itemprop ' lower-cased
BYLINE_MARK = re.compile(r"byline| author|author[ _-]|-author| fn |auteur| autor|verfasser|writer")
# a link to the author's page: '/author/jane-roe/', '/staff/lea-kunz/', '/autoren/hanna-meier'
AUTHOR_LINK = re.compile(r"/(?:author|authors|autor|autoren|auteur|auteurs|autore|autori|staff|journalists?|redakteure?|"
                         r"reporters?|columnists?|contributors?)/[^/?#]+/?(?:[?#]|$)", re.I)
NOT_BYLINE_TAGS = {"meta", "link", "script", "style", "img", "body", "html", "article", "main", "section", "noscript",
                   "textarea", "option", "select", "button", "title", "nav"}
NAME_TAGS = ("h2", "h3", "h4", "h5", "strong", "b", "a", "span", "p", "div")
# a short text that opens like a byline: 'By Jane Doe', 'Von Hans Müller', 'Posted by ...', 'Autor: ...'
BYLINE_START = re.compile(r"^(?:(?:by|von|par|por|door|di|posted by|written by|geschrieben von|verfasst von|posted (?:in|on) .{1,60}? by|"
                          r"(?:blog\s+)?beitrag von)(?:\s+\S|\s*$)|"
                          r"(?:text|texte|autor(?:in)?|author|auteur|autore|von|by|par|por)\s*:(?:\s*\S|\s*$))", re.I)
BARE_PREFIX = re.compile(r"^(?:by|von|par|por|door|di|posted by|written by|text:|autor(?:in)?:|author:|auteur:)$", re.I)
_NAME_RUN = r"(?P<name>[^|•·:：()\d]{2,60})"
LABELLED_NAME = re.compile(r"(?:^|[\s|•·,(】])(?:(?:autor(?:in)?|author|auteur|redaktion|text|von|by|verfasst von|geschrieben von|"
                           r"责任编辑|責任編輯|编辑|作者|记者|記者)\s*[:：]\s*|"
                           r"(?:text von|ein artikel von|verfasst von|geschrieben von|posted by|written by|gespeichert von|"
                           r"beitrag von)\s+)" + _NAME_RUN, re.I)
CJK_LABEL = re.compile(r"(?:责任编辑|責任編輯|记者|記者)\s*[:：]\s*(?P<name>[^\s|()（）:：\d]{2,20})")
DATED_BY = re.compile(r"(?:^|[\s|•·,!])(?:by|von|par|por|ein artikel von|gespeichert von)\s+" + _NAME_RUN, re.I)
# 'Tobi 4. Mai 2016', '03.04.2020 - Lina Hartmann', '11.03.2021 | 09:45 Uhr | Uta Lindner': a name and
# a date (and time), alone on a line
_DATE = (r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.?\s+[A-ZÄÖÜa-zäöüéû]+\.?\s+\d{4}|"
         r"[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})(?:\s*[|,·•-]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:[Uu]hr|h|[ap]m|[AP]M))?)?")
_DATE_IN = re.compile(_DATE)
DATED_NAME = re.compile(rf"^(?:{_DATE}\s*[-|–—·•,]\s*(?P<after>[^\d|]{{4,40}})|(?P<before>[^\d|]{{4,40}}?)\s*[-|–—·•,]?\s*{_DATE})$")


def _spaced_text(el: etree._Element) -> str:
    """The element's text with its pieces kept apart: 'Lea Kunz<span>Do 9 Apr</span>' must not glue."""
    return re.sub(r"\s+", " ", " ".join(el.itertext())).strip()


def _handle_shaped(name: str) -> bool:
    """A user name: one token, in lower case, with digits, or camelCase ('sunnyday42', 'lkunz', 'LeaKunz')."""
    return " " not in name and len(name) <= 30 and (name.islower() or any(c.isdigit() for c in name)
                                                    or any(c.isupper() for c in name[1:]))


def _inline_bylines(text: str) -> list[str]:
    """Names that a metadata line gives inside it: after a label with a colon ('Autor: ...'), or after
    'von'/'by' when the line also carries a date, so that 'Die Rückkehr von Robin Hood' is not one."""
    found = [m["name"] for m in LABELLED_NAME.finditer(text)]
    if _DATE_IN.search(text):
        found += [m["name"] for m in DATED_BY.finditer(text)]
    return [re.split(r"\s+(?:am|on|le|el|il|um|at|quelle|source|illustrations?|fotos?|photos?|bild)\b", n, flags=re.I)[0].strip()
            for n in found]


def _strongly_marked(el: etree._Element) -> bool:
    """rel=author, itemprop=author or a class that is exactly the author's name ('fn', 'author', 'author-name'):
    then even a one-word pen name ('Moonberry') is the author."""
    classes = set((el.get("class") or "").lower().split())
    return ((el.get("rel") or "").lower() == "author" or (el.get("itemprop") or "").lower() == "author"
            or bool(classes & {"fn", "author", "author-name", "authorname", "byline-name", "author_name"}))


# regions, by class or id, whose names are not this article's byline: footers and comment threads; teasers,
# sliders and related articles (other articles' authors); and, for links to authors' pages, menus and sidebars,
# which list the columnists
FOOTERS = re.compile(r"footer", re.I)
COMMENTS = re.compile(r"comment", re.I)
TEASERS = re.compile(r"teaser|slider|carousel|related|recommend", re.I)
MENUS = re.compile(r"menu|nav|dropdown|sidebar|widget", re.I)


def _within(el: etree._Element, region: re.Pattern[str], tag: str | None = None, itself: bool = True,
            unless: frozenset[Any] = frozenset()) -> bool:
    """Whether the element (with itself, or only its ancestors) sits in a region named by its class or id, or
    tag; a region among `unless` (those that hold the headline) does not count."""
    around = itertools.chain([el] if itself else [], el.iterancestors())
    return any((a.tag == tag or region.search((a.get("class") or "") + (a.get("id") or ""))) and a not in unless
               for a in around)


def _in_footer(el: etree._Element) -> bool:
    return _within(el, FOOTERS, "footer")


def _in_comments(el: etree._Element) -> bool:
    return _within(el, COMMENTS, itself=False)


@dataclass(frozen=True)
class Limits:
    """The sizes the byline search trusts. A byline is a short line of one to a few names by the headline;
    the limits say so in characters, words and elements. They are set by that shape, not tuned on a set."""

    name_words: int = 5  # a name has at most these words,
    name_chars: int = 50  # and these characters
    names_chars: int = 120  # a text read as a list of names
    marked_chars: int = 80  # a marked element read whole; a longer one is an author box, searched inside
    box_name_chars: int = 60  # a name inside an author box
    line_chars: int = 150  # a byline line: co-authors, 'By ...', 'Datum: ... Autor: ...'
    marked_elements: int = 40  # elements marked as the author's looked at
    address_elements: int = 3  # <address> elements looked at
    before_headline: int = 15  # text nodes searched before the headline,
    after_headline: int = 80  # and after it
    without_headline: int = 150  # text nodes from the page's start when there is no headline


LIMITS = Limits()


NOT_A_BYLINE = re.compile(r"^(posted|published|veröffentlicht|publiziert|erstellt|geschrieben|auteurs?|autor(en|in)?|authors?|"
                          r"artikel|beitrag|von|by|par|written|filed|date|datum|mehr|more|alle|all|editor|letzte|last|zuletzt|updated|aktualisiert|"
                          + one_of(WEEKDAYS) + r")\b", re.I)


def plausible_name(name: str) -> bool:
    """A byline's name, not a label ('Posted on'), a sentence or a title."""
    words = name.split()
    return (1 <= len(words) <= LIMITS.name_words and len(name) <= LIMITS.name_chars and not NOT_A_BYLINE.match(name)
            and not re.search(r"[!?:]$|(?<![\s.][A-Z])\.$|[»«›‹]", name) and (not re.search(r"\d{3,}", name) or _handle_shaped(name))
            and re.search(r"[^\W\d_]", name) is not None)


class VisibleByline:
    """The byline search over one parsed page; `title` picks the headline, `outlets` tell the outlet's names."""

    def __init__(self, tree: etree._Element, title: str, outlets: list[str]) -> None:
        self.tree = tree
        self.title = title
        self.outlets = outlets
        self._near: list[Any] | None = None
        self._headline_holders: frozenset[Any] = frozenset()  # the headline and the elements around it
        self.people_only = False

    def find(self, people_only: bool = False) -> str | None:
        """The first byline the passes find; with people_only, one that names a person."""
        self.people_only = people_only
        for search in (self._marked, self._opening_words, self._metadata_lines, self._dated_names, self._address,
                       self._editor_label):
            found = search()
            if found:
                return found
        return None

    def complete(self, declared: str) -> str | None:
        """The full name that a short declared author stands for, as the text by the headline writes it: a
        given name alone ('Nina' -> 'Nina Voss') or a login ('marta.lindqvist' -> 'Marta K. Lindqvist',
        'd.kuckelkorn' -> 'Dieter Kuckelkorn').
        None unless the page writes exactly one such name."""
        parts = [p for p in re.split(r"[._-]+", declared.strip()) if p.isalpha()]
        if not parts or len(parts) > 3:
            return None
        middle = r"(?:\s+(?:[A-Z]\.|van|von|de|der|den|da|di|del|le|la)){0,2}"
        if len(parts) == 1:
            pattern = rf"\b{re.escape(parts[0])}{middle}\s+[A-ZÀ-Þ][\w'’-]+"
        else:  # 'd.kuckelkorn': an initial stands for the given name
            given = rf"{re.escape(parts[0])}[^\W\d_]+" if len(parts[0]) == 1 else re.escape(parts[0])
            pattern = rf"\b{given}{middle}\s+" + r"\s+".join(map(re.escape, parts[1:])) + r"\b"
        found = {re.sub(r"\s+", " ", m[0]) for node in self.near_headline()
                 for m in re.finditer(pattern, str(node), 0 if len(parts) == 1 else re.I)}
        return found.pop() if len(found) == 1 and looks_like_person(next(iter(found))) else None

    def _names_in(self, text: str, handles: bool = True, single_word: bool = False) -> list[dict[str, Any]] | None:
        """The authors a text names, when every one reads as a name: a person's name (or, inside a marked
        element, a user handle like 'sunnyday42'), an agency, or an organisation."""
        if not (2 < len(text) <= LIMITS.names_chars or len(text) == 2 and not text.isascii()):  # '李明': a CJK name may have two signs
            return None
        names = parse_author(text, outlets=self.outlets)
        if not names or not all(plausible_name(n["name"]) for n in names):
            return None
        if not all(n["kind"] != "person" or looks_like_person(n["name"]) or (handles and _handle_shaped(n["name"]))
                   or (single_word and " " not in n["name"]) for n in names):
            return None
        if self.people_only and not any(n["kind"] == "person" for n in names):
            return None
        return names

    def _people_in(self, text: str, handles: bool = True) -> bool:
        names = self._names_in(text, handles) or []
        return bool(names) and all(n["kind"] == "person" for n in names)

    def _marked(self) -> str | None:
        """An element marked as the author's, or a short name inside a marked author box; the ones by the
        headline first, since one further away may belong to a teaser."""
        marked = self.marked_elements(LIMITS.marked_elements)
        near: set[Any] = set()  # the elements that hold, or contain, a text node by the headline
        for node in self.near_headline():
            el = node.getparent()
            while el is not None and el not in near:
                near.add(el)
                el = el.getparent()
        for el in [e for e in marked if e in near] + marked:
            if el.tag in NOT_BYLINE_TAGS or _in_comments(el):
                continue
            text = _spaced_text(el)
            if len(text) <= LIMITS.marked_chars:
                if self._names_in(text, single_word=_strongly_marked(el)):
                    return self._with_co_authors(el, marked) or text
                continue
            for inner in el.iterdescendants(*NAME_TAGS):  # an author box: its heading or link is the name
                inner_text = _spaced_text(inner)
                if len(inner_text) <= LIMITS.box_name_chars and self._people_in(inner_text, handles=False):
                    return inner_text
        return None

    def _with_co_authors(self, el: etree._Element, marked: list[Any]) -> str | None:
        """'<a class=author>Glen Owen</a> and <a class=author>Brendan Carlin</a>': the line that holds
        several marked names, when it reads as names too."""
        parent = el.getparent()
        if parent is None or parent.tag in NOT_BYLINE_TAGS or sum(m.getparent() is parent for m in marked) < 2:
            return None
        line = _spaced_text(parent)
        return line if len(line) <= LIMITS.line_chars and self._names_in(line) else None

    def _opening_words(self) -> str | None:
        """A short text by the headline that opens like a byline: 'By ...', 'Von ...', 'Posted in X by ...'."""
        for node in self.near_headline():
            if len(node) > LIMITS.line_chars or not BYLINE_START.match(node.strip()):
                continue
            el = node.getparent().getparent() if node.is_tail else node.getparent()
            if el is not None and BARE_PREFIX.match(_spaced_text(el)):
                el = el.getparent()  # '<span>Von</span> <a>Hanna Meier</a>': the name is a sibling
            if el is None or el.tag in NOT_BYLINE_TAGS or _in_comments(el) or _in_footer(el):
                continue
            text = _spaced_text(el)
            if self._people_in(text):
                return text
        return None

    def _metadata_lines(self) -> str | None:
        """'Datum: 03.11.2021 Autor: Karl Brenner', 'Veröffentlicht am 8. Februar 2022 von Tierschutz-Team'."""
        seen: set[Any] = set()
        for node in self.near_headline():
            el = node.getparent().getparent() if node.is_tail else node.getparent()
            if el is None or el in seen or el.tag in NOT_BYLINE_TAGS or el.tag == "h1" or _in_comments(el) or _in_footer(el):
                continue
            seen.add(el)
            text = _spaced_text(el)
            if len(text) > LIMITS.line_chars:
                continue
            for name in _inline_bylines(text):
                names = self._names_in(name)
                if names and all(n["kind"] in ("person", "organization") for n in names):
                    return name
        return None

    def _dated_names(self) -> str | None:
        """'Tobi 4. Mai 2016', '03.04.2020 - Lina Hartmann': a full name beside a date."""
        for node in self.near_headline():
            m = DATED_NAME.match(node.strip())
            if m and not _in_comments(node.getparent()) and not _in_footer(node.getparent()):
                name = (m["before"] or m["after"] or "").strip()
                names = self._names_in(name, handles=False)
                if names and len(names) == 1 and names[0]["kind"] == "person" and len(name.split()) >= 2:
                    return name
        return None

    def _address(self) -> str | None:
        for el in self.tree.xpath("//body//address")[:LIMITS.address_elements]:
            text = _spaced_text(el)
            if not _in_comments(el) and self._people_in(text, handles=False):
                return text
        return None

    def _editor_label(self) -> str | None:
        """'责任编辑：李明': Chinese news pages sign an article under its text, far from the headline; the label
        is unambiguous wherever it stands."""
        for node in self.tree.xpath("//body//text()[contains(., '编辑') or contains(., '編輯') or contains(., '记者')"
                                    " or contains(., '記者')]"):
            if _in_comments(node.getparent()):
                continue
            m = CJK_LABEL.search(str(node))
            names = self._names_in(m["name"].strip(), handles=False, single_word=True) if m else None
            if m and names and all(n["kind"] == "person" for n in names):  # CJK names have no case to test
                return m["name"].strip()
        return None

    def marked_elements(self, limit: int) -> list[Any]:
        """Elements whose class, id, rel or itemprop marks them as the author's, and links to an author's page,
        in document order. A loop in Python: the same test as an XPath predicate cost more than the rest of
        the byline search."""
        found = []
        self.near_headline()
        body = self.tree.find("body")
        for el in (body.iter() if body is not None else ()):
            if not isinstance(el.tag, str):
                continue
            attrib = el.attrib
            if not ("class" in attrib or "id" in attrib or "rel" in attrib or "itemprop" in attrib or "href" in attrib):
                continue
            mark = f" {attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('rel', '')} {attrib.get('itemprop', '')} ".lower()
            # a 'teaser' that holds the headline is the article's own header, not another article's
            if (BYLINE_MARK.search(mark) and not _within(el, TEASERS, unless=self._headline_holders)) or (
                    el.tag == "a" and AUTHOR_LINK.search(attrib.get("href", "")) and not _within(el, MENUS, "nav")):
                found.append(el)
                if len(found) >= limit:
                    break
        return found

    def near_headline(self) -> list[Any]:
        """The text nodes around the headline, where a byline stands (a teaser's 'Von ...' in a sidebar is
        further away). The headline is the <h1> that matches the title (pages put logos and donation
        widgets in <h1> too), else such an <h2>, else the first <h1>; without one, the start of the page."""
        if self._near is not None:
            return self._near
        nodes = self.tree.xpath("//body//text()[normalize-space()]")
        headlines = self.tree.xpath("//body//h1")
        title = self.title.casefold()

        def matches(heading: etree._Element, min_length: int) -> bool:
            text = _spaced_text(heading)
            return bool(title) and len(text) > min_length and text.casefold()[:40] in title

        first = next((h for h in headlines if matches(h, 0)), None)
        if first is None:
            first = next((h for h in self.tree.xpath("//body//h2") if matches(h, 10)), headlines[0] if headlines else None)
        if first is not None:
            self._headline_holders = frozenset([first, *first.iterancestors()])
        at = None if first is None else next(
            (i for i, n in enumerate(nodes) if n.getparent() is first or first in n.getparent().iterancestors()), None)
        self._near = nodes[:LIMITS.without_headline] if at is None else \
            nodes[max(0, at - LIMITS.before_headline): at + LIMITS.after_headline]
        return self._near
