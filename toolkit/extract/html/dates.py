"""The dates: every signal of the publication and of the modification, and the vote between them
(toolkit/extract/dates.py weighs the kinds)."""
from __future__ import annotations

import re
from datetime import datetime

from ...normalize.dates import parse_date
from .. import jsonld
from ..dates import WEIGHTS, vote
from .page import Page, text_of
from .signals import LABELLED_DATE, MODIFIED_META, PUBLISHED_META, PUBLISHED_META_GENERIC, URL_DATE

Signal = tuple[str, str, str]  # (value, kind, rule)


def date_candidates(page: Page) -> tuple[list[Signal], list[Signal]]:
    """Every signal of the publication and of the modification: (value, kind, rule), in the page's order
    of strength as declared. The kinds are the units the vote weighs."""
    a = page.article or {}
    webpage = next(iter(page.graph.pages()), {})
    published: list[tuple[str | None, str, str]] = [(jsonld.text_of(a.get("datePublished")), "jsonld", "json-ld:datePublished")]
    published += [(v, "meta", f"meta:{k}") for k in PUBLISHED_META for v in page.meta.get(k, [])[:1]]
    published += [(v, "microdata", r) for v, r in _microdata(page, "datePublished")]
    published += [(v, "time", r) for v, r in _time_elements(page)]
    published += [(v, "printed", r) for v, r in _labelled_date(page)]
    published += [(jsonld.text_of(a.get("dateCreated")), "jsonld_created", "json-ld:dateCreated"),
                  (jsonld.text_of(webpage.get("datePublished")), "jsonld_page", "json-ld:WebPage.datePublished")]
    published += [(v, "meta_generic", f"meta:{k}") for k in PUBLISHED_META_GENERIC for v in page.meta.get(k, [])[:1]]
    modified: list[tuple[str | None, str, str]] = [(jsonld.text_of(a.get("dateModified")), "jsonld", "json-ld:dateModified"),
                                                   (jsonld.text_of(webpage.get("dateModified")), "jsonld_page",
                                                    "json-ld:WebPage.dateModified")]
    modified += [(v, "meta", f"meta:{k}") for k in MODIFIED_META for v in page.meta.get(k, [])[:1]]
    modified += [(v, "microdata", r) for v, r in _microdata(page, "dateModified")]
    return ([(v.strip(), k, r) for v, k, r in published if v and v.strip()],
            [(v.strip(), k, r) for v, k, r in modified if v and v.strip()])


def dates(page: Page) -> None:
    """The publication date by a weighted vote of its signals; the modification date as declared. An
    implausible value (after the capture, before 1990) is no signal."""
    limit = parse_date(page.raw.meta.get("snapshot_date")) if page.raw.meta.get("snapshot_date") else None
    not_after = limit.value if limit else None
    published, modified = date_candidates(page)
    modified_values = [parse_date(v, not_after) for v, _, _ in modified]
    m = URL_DATE.search(page.url)
    late = [(f"{m[1]}-{m[2]}-{m[3]}", "url", "url:date-in-path")] if m else []
    modified_dates = [d for d in modified_values if d]
    chosen = vote(published, late, modified_dates, not_after)
    if chosen is None or chosen.margin <= WEIGHTS["htmldate"]:
        # htmldate's search is the slowest signal: asked only where its vote could change the day
        found = htmldate_day(page, not_after)
        if found:
            chosen = vote(published, [(found, "htmldate", "htmldate"), *late], modified_dates, not_after)
    if chosen:
        page.out.set("published_raw", chosen.value, chosen.rule)
        if chosen.local_value and chosen.local_rule:
            page.out.set("published_local_raw", chosen.local_value, chosen.local_rule)
    for value, _kind, rule in modified:
        if parse_date(value, not_after) is not None:
            page.out.set("modified_raw", value, rule)
            break


def _labelled_date(page: Page) -> list[tuple[str | None, str]]:
    """A date the page prints after a word that says it is the publication date ('Veröffentlicht am 16.08.2019')."""
    body = page.tree.find(".//body")
    if body is None:
        return []
    text = re.sub(r"\s+", " ", body.text_content()[:30000])
    m = LABELLED_DATE.search(text)
    if not m:
        return []
    value = m.group("date")
    d = re.match(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$", value)
    return [(f"{d[3]}-{int(d[2]):02d}-{int(d[1]):02d}" if d else value, "html:labelled-date")]


def _microdata(page: Page, prop: str) -> list[tuple[str | None, str]]:
    out = []
    for el in page.tree.xpath(f"//*[@itemprop='{prop}']")[:2]:
        out.append((el.get("content") or el.get("datetime") or text_of(el), f"microdata:{prop}"))
    return out


def _time_elements(page: Page) -> list[tuple[str | None, str]]:
    times = page.tree.xpath("//time[@datetime]")
    pub = [t for t in times if t.get("pubdate") is not None
           or re.search(r"publish|posted|date", (t.get("class") or "") + (t.get("itemprop") or ""), re.I)]
    return [(t.get("datetime"), "html:time[datetime]") for t in (pub or times)[:1]]


def htmldate_day(page: Page, not_after: datetime | None) -> str | None:
    """htmldate's day for the page (its extensive search), or None."""
    try:
        from htmldate import find_date

        found = find_date(page.tree, url=page.url, original_date=True, extensive_search=True,
                          outputformat="%Y-%m-%d", max_date=not_after.strftime("%Y-%m-%d") if not_after else None)
    except Exception:
        return None
    return found if found and parse_date(found, not_after) else None
