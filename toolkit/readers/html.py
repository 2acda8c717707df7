"""HTML pages: one file, one raw record. The URL comes from a sidecar mapping
(--urls), else from the page itself (canonical link, og:url) at extraction."""
from __future__ import annotations

import os
from typing import Iterator

from ..records import RawRecord, Reject
from .streams import STREAM_ERRORS, after_the_end, stream_error, too_large


def read(path: str, source: Iterator[bytes], limit: int, urls: dict[str, str] | None = None) -> Iterator[RawRecord | Reject]:
    name = os.path.basename(path)
    url = None
    if urls:
        url = urls.get(path) or urls.get(name) or urls.get(name.removesuffix(".gz"))
    parts: list[bytes] = []
    size = 0
    try:
        for chunk in source:
            parts.append(chunk)
            size += len(chunk)
            if size > limit:  # the rest is not read: a page is one record
                yield Reject(path, 0, too_large(size, limit), "html", url)
                return
    except STREAM_ERRORS as exc:
        if not (after_the_end(exc) and parts):
            yield Reject(path, 0, stream_error(exc), "html", url)
            return
    data = b"".join(parts)
    meta = {"url": url} if url else {}
    yield RawRecord(path, "html", 0, data, meta)


def load_url_map(path: str) -> dict[str, str]:
    """Sidecar file -> {file name: URL}: CSV (file,url) or JSONL ({"file": .., "url": ..})."""
    import csv
    import json

    mapping: dict[str, str] = {}
    with open(path, encoding="utf-8-sig") as f:
        if path.endswith((".jsonl", ".json")):
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        item = json.loads(line)
                    except ValueError:
                        item = None
                    if not isinstance(item, dict) or not item.get("file") or not item.get("url"):
                        raise ValueError(f"{path}: line {n}: expected {{\"file\": ..., \"url\": ...}}")
                    mapping[item["file"]] = item["url"]
        else:
            for n, row in enumerate(csv.DictReader(f), 2):
                if not row.get("file") or not row.get("url"):
                    raise ValueError(f"{path}: row {n}: expected columns file,url")
                mapping[row["file"]] = row["url"]
    return mapping
