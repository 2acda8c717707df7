"""JSON lines: one object a line, from news-please, trafilatura or this toolkit."""
from __future__ import annotations

from typing import Iterator

from ..records import RawRecord, Reject


def read(path: str, data: bytes) -> Iterator[RawRecord | Reject]:
    offset = 0
    for line in data.splitlines(keepends=True):
        start = offset
        offset += len(line)
        if line.strip():
            yield RawRecord(path, "jsonl", start, line.strip(), {})
