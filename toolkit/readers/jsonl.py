"""JSON lines: one object a line, from news-please, trafilatura or this toolkit. The file is read
as a stream of lines, so a line past the size limit is counted and skipped without being held."""
from __future__ import annotations

from typing import Iterator

from ..records import RawRecord, Reject
from .streams import STREAM_ERRORS, TRAILING, Gathered, Piece, after_the_end, stream_error, too_large


def read(path: str, lines: Iterator[Piece], limit: int) -> Iterator[RawRecord | Reject]:
    line: Gathered | None = None
    try:
        for piece in lines:
            if piece.line_start:
                line = Gathered(piece.offset, limit)
            assert line is not None
            line.add(piece.text)
            if piece.text.endswith(b"\n"):
                yield from _record(path, line)
                line = None
    except STREAM_ERRORS as exc:
        if after_the_end(exc):
            if line is not None:
                yield from _record(path, line)
            yield Reject(path, line.offset + line.size if line else 0, TRAILING, "jsonl")
        else:
            yield Reject(path, line.offset if line else 0, stream_error(exc), "jsonl")
        return
    if line is not None:
        yield from _record(path, line)


def _record(path: str, line: Gathered) -> Iterator[RawRecord | Reject]:
    if line.too_large:
        yield Reject(path, line.offset, too_large(line.size, line.limit), "jsonl")
        return
    data = line.data().strip()
    if data:
        yield RawRecord(path, "jsonl", line.offset, data, {})
