"""Bylines: the author values a reader found into a record's byline {raw, authors}: each value parsed
by `names.authors`, repeats merged in order, and the outlet's own name taken as the authors' affiliation."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from ..names.authors import MAX_AUTHORS, parse_author
from ..names.outlets import is_outlet, outlet_desk, outlet_keys
from ..names.people import fold
from ..records import AuthorValue


def parse_authors(values: Iterable[AuthorValue], outlets: Iterable[str] = (),
                  known_outlet: Callable[[str], bool] | None = None, found: Iterable[str] | None = None) -> dict[str, Any]:
    """Author values into a byline: the raw text of every name `found` (by default the values' names)
    and the de-duplicated authors of the values in order, at most MAX_AUTHORS (in linear time: a page may
    declare a hundred thousand)."""
    outlets = list(outlets)
    values = list(values)
    raw: dict[str, None] = {}  # ordered, and a set
    for name in (found if found is not None else (item.get("name") for item in values)):
        if isinstance(name, str) and name:
            raw.setdefault(name)
    authors: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for item in values:
        value = item.get("name")
        if not isinstance(value, str):
            continue
        if len(authors) >= MAX_AUTHORS:
            break  # the values past the cap stay in byline.raw
        for author in parse_author(value, item.get("url"), item.get("type"), item.get("affiliation"), outlets, known_outlet):
            key = fold(author["name"])
            if key in seen:
                kept = seen[key]
                kept["url"] = kept["url"] or author["url"]
                kept["affiliation"] = kept["affiliation"] or author["affiliation"]
                continue
            seen[key] = author
            authors.append(author)
    keys = outlet_keys(tuple(outlets))
    outlet_orgs = [a for a in authors if a["kind"] == "organization" and (is_outlet(a["name"], keys) or outlet_desk(a["name"], keys))]
    people = [a for a in authors if a["kind"] == "person"]
    if people and outlet_orgs:  # 'Lena Ostrow, CNN' on cnn.com: the outlet is where they work, not a co-author
        for person in people:
            person["affiliation"] = person["affiliation"] or outlet_orgs[0]["name"]
        dropped = {id(o) for o in outlet_orgs}
        authors = [a for a in authors if id(a) not in dropped]
    return {"raw": " | ".join(raw) or None, "authors": authors[:MAX_AUTHORS]}
