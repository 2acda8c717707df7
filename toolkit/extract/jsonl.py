"""JSON-lines records from other tools into fields.

The mapping below says, for each of our fields, which keys to try, in order.
It covers news-please (maintext, date_publish, authors ...), trafilatura's JSON
output (text, date, author, sitename ...) and this toolkit's own records;
`mpt convert --jsonl-map FILE` (YAML: field -> list of keys) puts a user's keys
first. Dotted keys reach into objects (source.publisher)."""
from __future__ import annotations

import json
from typing import Any

from ..records import AuthorValue, Extracted, RawRecord, RecordError, RejectKind
from .encoding import decode_text

DEFAULT_MAP: dict[str, list[str]] = {
    "url": ["url", "canonical_url", "source", "link", "page_url"],
    "title": ["title", "title_page", "headline"],
    "description": ["description", "excerpt", "summary"],
    "body": ["body", "maintext", "text", "raw_text", "content", "article_text"],
    "language": ["language", "lang", "inLanguage"],
    "section": ["section", "categories", "category"],
    "keywords": ["keywords", "tags"],
    "topics": ["topics"],
    "image_url": ["image_url", "image", "top_image"],
    "published_raw": ["published_raw", "published_at", "date_publish", "date", "published", "datePublished"],
    "modified_raw": ["modified_raw", "modified_at", "date_modify", "dateModified"],
    "snapshot_date": ["snapshot_date", "date_download", "crawl_date"],
    "source.publisher": ["source.publisher", "sitename", "publisher", "site_name"],
    "source.legal_name": ["source.legal_name"],
    "authors": ["byline.authors", "authors", "author", "byline"],
}


def _get(obj: dict[str, Any], key: str) -> Any:
    cur: Any = obj
    for part in key.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _scalar(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float))), None)
    if value is None or isinstance(value, (dict, bool)):
        return None
    text = str(value).strip()
    return text or None


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
    return []


def _json_object(text: str) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise RecordError(RejectKind.NOT_JSON, str(exc)) from None
    except RecursionError:
        raise RecordError(RejectKind.NOT_JSON, "nested too deeply to read") from None
    if not isinstance(obj, dict):
        raise RecordError(RejectKind.NOT_JSON, "a line must hold one object")
    return obj


def extract(raw: RawRecord) -> Extracted:
    decoded = decode_text(raw.data)
    obj = _json_object(decoded.text)
    mapping = {**DEFAULT_MAP, **{k: list(v) + DEFAULT_MAP.get(k, []) for k, v in (raw.meta.get("jsonl_map") or {}).items()}}
    out = Extracted()
    out.sources["encoding"] = decoded.rule
    for field, keys in mapping.items():
        for key in keys:
            value = _get(obj, key)
            if value in (None, "", []):
                continue
            rule = f"jsonl:{key}"
            if field == "authors":
                out.authors = _authors(value)
                out.sources["byline"] = rule
            elif field in ("keywords", "topics"):
                out.set(field, _list(value), rule)
            elif field == "section" and isinstance(value, list):
                out.set(field, ", ".join(_list(value)), rule)
            else:
                out.set(field, _scalar(value), rule)
            if field in out.fields or field == "authors":
                break
    if not out.fields.get("body"):
        raise RecordError(RejectKind.NO_BODY, "none of the body keys (" + ", ".join(mapping["body"]) + ") holds text")
    return out


def _authors(value: Any) -> list[AuthorValue]:
    items = value if isinstance(value, list) else [value]
    out: list[AuthorValue] = []
    for item in items:
        if isinstance(item, dict) and item.get("name"):
            out.append({"name": str(item["name"]), "url": item.get("url"), "type": item.get("kind"),
                        "affiliation": item.get("affiliation")})
        elif isinstance(item, str):
            # trafilatura joins several authors with '; '
            out.extend({"name": part.strip(), "url": None} for part in item.split(";") if part.strip())
    return out
