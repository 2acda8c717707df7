"""Enrichment: bylines, and source and affiliation from the outlet registry."""
from __future__ import annotations

from typing import Any

from ..normalize.urls import as_uri
from ..records import Article, AuthorValue
from . import affiliation, byline


def _http_urls_only(authors: list[AuthorValue], page_url: str, sources: dict[str, str]) -> list[AuthorValue]:
    """Author URLs as absolute http(s) URLs; others (javascript:, file:, data:) are dropped, on record."""
    out = []
    for author in authors:
        url = author.get("url")
        if isinstance(url, str) and url.strip():
            clean = as_uri(url, page_url)
            if clean is None:
                sources["byline.authors.url"] = "dropped:not-an-http-url"
            author = {**author, "url": clean}
        elif url is not None:
            author = {**author, "url": None}
        out.append(author)
    return out


def enrich(article: Article, registry: "affiliation.Registry | None" = None) -> dict[str, Any]:
    """The row with byline, source and affiliation filled, and the field sources written into provenance."""
    record, sources = article.row, article.sources
    authors = _http_urls_only(article.authors, record["url"], sources)
    outlets = [record["source"]["publisher"], record["domain"]]
    known = None if registry is None else (lambda name: registry.by_alias(name) is not None)
    record["byline"] = byline.parse_authors(authors, outlets=outlets, known_outlet=known, found=article.authors_found)
    if record["byline"]["authors"]:
        sources["byline.authors"] = sources.pop("byline", "byline")
    elif record["byline"]["raw"]:
        sources["byline.raw"] = sources.pop("byline", "byline")  # names found but none taken as an author
    else:
        sources.pop("byline", None)
    affiliation.apply(record, registry, sources)
    record["provenance"]["field_sources"] = [{"field": k, "rule": sources[k]} for k in sorted(sources)]
    return record
