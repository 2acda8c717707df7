"""Fields of an HTML page from every metadata signal it offers, and its main text.

The page is parsed once with lxml (`page`). Metadata is read first, from JSON-LD (every block, @graph,
@id references), OpenGraph and article:* meta, author meta tags, microdata, <html lang>, <time> and the
canonical link (`signals`: which names say what, in which order of trust); then the same tree goes to
trafilatura for the main text. Each field has its rule (`title`, `fields`, `dates`, `authors`, `body`):
for each, the first signal in a fixed order of trust wins, and field_sources names it."""
from __future__ import annotations

from typing import Callable

from ...records import Extracted, RawRecord
from . import authors, body, dates, fields, title
from .body import choose_body
from .page import Page
from .signals import URL_DATE
from .title import strip_site_name

__all__ = ["STEPS", "URL_DATE", "Page", "choose_body", "extract", "strip_site_name"]


def url(page: Page) -> None:
    page.out.set("url", page.url, f"html:{page.url_rule}")
    page.out.set("snapshot_date", page.raw.meta.get("snapshot_date"), "warc:WARC-Date")


# in this order: the authors' rules read the title and the publisher, the body's the title
STEPS: tuple[Callable[[Page], None], ...] = (url, title.title, fields.simple_fields, dates.dates, fields.publisher,
                                             authors.authors, body.body)


def extract(raw: RawRecord) -> Extracted:
    page = Page(raw)
    for step in STEPS:
        step(page)
    return page.out
