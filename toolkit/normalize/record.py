"""Extracted fields -> one record in the schema's shape, normalised."""
from __future__ import annotations

import hashlib
from typing import Any

from ..version import __version__
from ..records import Article, Extracted, RawRecord, RecordError, RejectKind
from .dates import ParsedDate, capture_limit, parse_date
from .language import language_of, normalize_language
from .text import clean_body, clean_inline, content_sha256, word_count
from .urls import BadURL, as_uri, canonical_url, host_of, record_id, registered_domain


def empty_source() -> dict[str, Any]:
    return {"name": None, "outlet_id": None, "publisher": None, "legal_name": None, "country": None}


def empty_affiliation() -> dict[str, Any]:
    return {"category": "unknown", "typology": None, "owner": None, "parent": None, "country": None, "network": None,
            "basis": "none", "evidence": [], "uncertain": False, "uncertain_note": None, "registry_version": None}


def _snapshot(value: str | None) -> str | None:
    """The capture time as the container says it: a dump's month stays YYYY-MM; a timestamp becomes RFC 3339."""
    if not value or len(value) <= 10:
        return value or None
    parsed = parse_date(value)
    return parsed.iso() if parsed else None


def _local_time(published: ParsedDate | None, local_raw: str | None, sources: dict[str, str]) -> str | None:
    """The publication time with the page's own UTC offset: from the published value when it has one, else
    from another signal of the same instant that declares it (a page's JSON-LD in UTC, its meta tag local)."""
    rule = sources.pop("published_local_raw", None)
    if published is None:
        return None
    if published.local_iso() and published.local is not None and published.local.utcoffset():
        sources["published_local"] = sources.get("published_raw", "published_raw")
        return published.local_iso()
    other = parse_date(local_raw) if local_raw else None
    if other is not None and other.local is not None and abs(other.value - published.value).total_seconds() <= 60:
        sources["published_local"] = f"{rule}:same-instant"
        return other.local_iso()
    if published.local_iso():  # an explicit UTC offset (Z or +00:00) is the page's own statement too
        sources["published_local"] = sources.get("published_raw", "published_raw")
        return published.local_iso()
    return None


def _as_read(fields: dict[str, Any], name: str, sources: dict[str, str]) -> str | None:
    """The value as a reader sees it (entities decoded); the declared one stays in field_sources when they differ."""
    value = clean_inline(fields.get(name))
    declared = clean_inline(fields.get(name), decode=False)
    if value != declared and declared is not None:
        sources[name] = sources.get(name, name) + ":entities-decoded"
        sources[f"{name}.declared"] = declared
    return value


def _urls(fields: dict[str, Any], raw: RawRecord) -> tuple[str, str]:
    """The page's URL as found, and its canonical form; a record without a usable one is rejected."""
    url = fields.get("url") or raw.meta.get("url")
    if not url:
        raise RecordError(RejectKind.NO_URL, "the input gives no address for the page")
    try:
        return url, canonical_url(url)
    except BadURL as exc:
        raise RecordError(RejectKind.BAD_URL, str(exc)) from None


def _dates(fields: dict[str, Any], raw: RawRecord, sources: dict[str, str]) -> tuple[ParsedDate | None, ParsedDate | None]:
    """Publication and modification dates; a page cannot be published after it was captured, and a
    modification date is only checked against now. A date read to the day or the month says so."""
    published = parse_date(fields.get("published_raw"),
                           capture_limit(fields.get("snapshot_date") or raw.meta.get("snapshot_date")))
    modified = parse_date(fields.get("modified_raw"))
    for name, parsed in (("published_at", published), ("modified_at", modified)):
        raw_rule = sources.get(name.replace("_at", "_raw"))
        if parsed is not None and raw_rule:
            sources[name] = raw_rule + ("" if parsed.precision == "exact" else f":{parsed.precision}")
    return published, modified


def _source(fields: dict[str, Any]) -> dict[str, Any]:
    """The publisher as declared; the outlet it stands for is decided by enrich."""
    source = empty_source()
    source["publisher"] = clean_inline(fields.get("source.publisher"))
    source["legal_name"] = clean_inline(fields.get("source.legal_name"))
    source["name"] = source["publisher"]
    return source


def normalize(raw: RawRecord, ex: Extracted) -> Article:
    """Extracted fields into a row in the schema's shape; byline and affiliation are left to enrich."""
    f = ex.fields
    sources = dict(ex.sources)
    url, canonical = _urls(f, raw)
    host = host_of(canonical)
    body = clean_body(f.get("body") or "")
    if not body:
        raise RecordError(RejectKind.NO_BODY)
    published, modified = _dates(f, raw, sources)
    local = _local_time(published, f.get("published_local_raw"), sources)
    if f.get("image_url") and as_uri(f["image_url"], url) is None:
        sources["image_url"] = f"dropped:not-an-http-url ({sources.get('image_url', 'image')})"
    language = language_of(normalize_language(f.get("language")), body, sources)
    record: dict[str, Any] = {
        "id": record_id(canonical),
        "url": url,
        "canonical_url": canonical,
        "host": host,
        "domain": registered_domain(host),
        "title": _as_read(f, "title", sources),
        "titles": [{"text": text, "source": t["source"]} for t in f.get("titles") or []
                   if (text := clean_inline(t["text"]))],
        "description": _as_read(f, "description", sources),
        "body": body,
        "language": language,
        "section": _as_read(f, "section", sources),
        "keywords": list(f.get("keywords") or []),
        "topics": list(f.get("topics") or []),
        "image_url": as_uri(f.get("image_url"), url),
        "published_at": published.iso() if published else None,
        "published_local": local,
        "modified_at": modified.iso() if modified else None,
        "published_raw": f.get("published_raw"),
        "modified_raw": f.get("modified_raw"),
        "snapshot_date": _snapshot(f.get("snapshot_date") or raw.meta.get("snapshot_date")),
        "source": _source(f),
        "byline": {"raw": None, "authors": []},
        "affiliation": empty_affiliation(),
        "reuse": None,  # filled for the whole build at once, between the batches and the merge
        "provenance": {
            "input": raw.input,
            "format": raw.format,
            "offset": raw.offset,
            "raw_sha256": hashlib.sha256(raw.data).hexdigest(),
            "toolkit_version": __version__,
            "field_sources": [],
        },
        "content_sha256": content_sha256(body),
        "word_count": word_count(body),
    }
    return Article(record, sources, ex.authors, ex.authors_found)
