"""The authors: the first signal that names them (JSON-LD author, creator and contributor merged; author
meta tags; microdata), then a policy of named steps (`POLICY`) for the cases where that signal misleads:
a declared name the page never shows, a given name alone, an e-mail address, the outlet itself."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, cast

from ...names.authors import MAX_AUTHORS, parse_author
from ...names.people import is_first_name, looks_like_person
from ...names.words import ORG_TYPES
from ...records import AuthorValue
from .. import jsonld
from ..visible_byline import VisibleByline
from .page import Page, text_of
from .signals import AUTHOR_KEYS, AUTHOR_META, EMAIL


@dataclass
class Authors:
    """The author search of one page as it goes: every value found, the ones taken, and the rule."""

    found: list[dict[str, Any]]
    kept: list[dict[str, Any]]
    source: str


Step = Callable[[Page, VisibleByline, Authors], None]


def authors(page: Page) -> None:
    """The first signal that names authors wins, then each step of `POLICY` may change what is taken.
    A declared name the page never shows (a CMS account, a site-wide default) is not taken. Names not
    taken stay in byline.raw."""
    found, source = declared_authors(page)
    kept = [a for a in found[:MAX_AUTHORS] if page.shows(a["name"])]  # past the cap: byline.raw only
    byline = VisibleByline(page.tree, page.out.fields.get("title") or "", page.outlet_names())
    state = Authors(found, kept, source)
    for step in POLICY:
        step(page, byline, state)
    if state.found and not state.kept:
        state.source += ":not-shown"
    taken = {id(k) for k in state.kept}
    if state.found:  # the names not taken stay in byline.raw: what was found
        page.out.authors = [cast(AuthorValue, a) for a in state.found if id(a) in taken]
        page.out.authors_found = [a["name"] for a in state.found]
        page.out.sources["byline"] = state.source


def given_name_completed(page: Page, byline: VisibleByline, state: Authors) -> None:
    """'Nina' declared, 'Nina Voss' by the headline: the full name."""
    if len(state.kept) == 1 and partial_name(state.kept[0]["name"]):
        full = byline.complete(state.kept[0]["name"])
        if full:
            state.kept, state.source = [{**state.kept[0], "name": full}], state.source + ":completed"
            state.found = [*state.found, *state.kept]


def person_in_meta(page: Page, byline: VisibleByline, state: Authors) -> None:
    """The JSON-LD names the outlet, or no one shown: a meta tag may name the person."""
    if state.found and state.source.startswith("json-ld") and (not state.kept or only_outlets(page, state.kept)):
        meta = meta_authors(page)
        people = [a for a in (meta or ([], ""))[0] if page.shows(a["name"]) and names_a_person(page, a["name"])]
        if meta and people:
            state.kept, state.source, state.found = people, meta[1], [*state.found, *people]


def name_of_email(page: Page, byline: VisibleByline, state: Authors) -> None:
    """'d.kuckelkorn@boersen-zeitung.de': the login part, as the page writes the name."""
    emails = [a for a in state.found if EMAIL.fullmatch(a["name"].strip())]
    if emails and all(any(a is e for e in emails) for a in state.kept):
        full = byline.complete(emails[0]["name"].strip().split("@")[0])
        if full:
            state.kept, state.source = [{"name": full, "url": None}], state.source + ":from-email"
            state.found = [*state.found, *state.kept]


def visible_byline(page: Page, byline: VisibleByline, state: Authors) -> None:
    """No one declared and shown, or only the outlet: the byline the page shows by the headline."""
    if state.kept and not only_outlets(page, state.kept):
        return
    visible = byline.find(people_only=bool(state.kept))
    if visible:
        shown = {"name": visible, "url": None}
        full = _completed(page, byline, visible)  # 'Von Moritz' where the page signs 'Moritz Kalden'
        state.kept = [{"name": full, "url": None}] if full else [shown]
        state.source = "html:byline-element" + (":completed" if full else "")
        state.found = [*state.found, shown, *state.kept] if full else [*state.found, shown]


POLICY: tuple[Step, ...] = (given_name_completed, person_in_meta, name_of_email, visible_byline)


def declared_authors(page: Page) -> tuple[list[dict[str, Any]], str]:
    a = page.article or {}
    found: list[dict[str, Any]] = []
    for key in AUTHOR_KEYS:
        for name, url, kind, affiliation in jsonld.names_of(a.get(key), page.graph):
            found.append({"name": name, "url": url, "type": kind, "affiliation": affiliation})
    if found:
        return found, "json-ld:author"
    meta = meta_authors(page)
    if meta:
        return meta
    names = []
    marked = page.tree.xpath("//*[@itemprop='author']")[:20]
    # an itemprop belongs to the item around it; one outside any item (a list of reviewers below the
    # article) counts only when no author is inside one
    scoped = [el for el in marked if any(a.get("itemscope") is not None for a in el.iterancestors())]
    for el in (scoped or marked)[:5]:
        inner = el.xpath(".//*[@itemprop='name']")
        names.append((inner[0].get("content") or text_of(inner[0])) if inner else (el.get("content") or text_of(el)))
    names = [n for n in names if n and len(n) <= 100]
    return [{"name": n, "url": None} for n in names], "microdata:author"


def meta_authors(page: Page) -> tuple[list[dict[str, Any]], str] | None:
    for key in AUTHOR_META:
        values = [v for v in page.meta.get(key, []) if not v.startswith(("http://", "https://"))]
        if values:
            return [{"name": v, "url": None} for v in values], f"meta:{key}"
    return None


def _completed(page: Page, byline: VisibleByline, visible: str) -> str | None:
    """The full name for a visible byline that gives a given name alone."""
    names = parse_author(visible, outlets=page.outlet_names())
    if len(names) == 1 and names[0]["kind"] == "person" and partial_name(names[0]["name"]):
        return byline.complete(names[0]["name"])
    return None


def partial_name(name: str) -> bool:
    """A given name alone ('Nina') or a CMS login ('marta.lindqvist'): the page may write the full name."""
    name = name.strip()
    return " " not in name and (is_first_name(name) or bool(re.fullmatch(r"[a-z]+(?:[._-][a-z]+){1,2}", name)))


def names_a_person(page: Page, value: str) -> bool:
    def caseless_name(name: str) -> bool:  # '松岡大地', '박준석': scripts without capitals, names of 2-4 signs
        return 2 <= len(name) <= 4 and name.isalpha() and not any(c.isupper() or c.islower() for c in name)

    return any(x["kind"] == "person" and (looks_like_person(x["name"]) or caseless_name(x["name"]))
               for x in parse_author(value, outlets=page.outlet_names()))


def only_outlets(page: Page, found: list[dict[str, Any]]) -> bool:
    outlets = page.outlet_names()
    # the declared type is left out: outlets are often typed Person ('L'Opinion'), but a name that reads
    # as a person's stays one even when the site is named after its owner
    def outlet_like(author: dict[str, Any]) -> bool:
        if (author.get("type") or "").lower() in ORG_TYPES:
            return True
        parsed = parse_author(author["name"], None, None, None, outlets)
        return bool(parsed) and all(x["kind"] == "organization" and not looks_like_person(x["name"]) for x in parsed)

    return bool(found) and all(outlet_like(a) for a in found)
