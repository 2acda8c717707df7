"""Enrichment: bylines, and source and affiliation from the outlet registry."""
from __future__ import annotations

from typing import Any

from . import affiliation, byline


def enrich(record: dict[str, Any], registry: "affiliation.Registry | None" = None) -> dict[str, Any]:
    """Fill byline, source and affiliation, then write the field sources into provenance."""
    sources: dict[str, str] = record.pop("_sources")
    authors = record.pop("_authors")
    outlets = [record["source"]["publisher"], record["domain"]]
    record["byline"] = byline.parse_authors(authors, outlets=outlets)
    if record["byline"]["authors"]:
        sources["byline.authors"] = sources.pop("byline", "byline")
    elif record["byline"]["raw"]:
        sources["byline.raw"] = sources.pop("byline", "byline")  # names found but none taken as an author
    else:
        sources.pop("byline", None)
    affiliation.apply(record, registry, sources)
    record["provenance"]["field_sources"] = [{"field": k, "rule": sources[k]} for k in sorted(sources)]
    return record
