"""Byte ranges of one large file, so that several workers read it at once.

A range is cut anywhere; the worker that reads [start, end) moves both ends forward to the next record
start, so consecutive ranges meet at the same record and together read exactly what reading the whole
file reads, at the same offsets. A record start is a line start in JSON lines, a dump header line in a
flat dump, and in a .warc.gz a gzip member that inflates to a WARC header (one record a member, as
crawlers write them; a file gzipped whole has no such member after its first, and is read whole by the
first range). Other files are not cut: a compressed stream cannot be entered in its middle, and an
uncompressed WARC's or an HTML page's records have no boundary a scan can trust."""
from __future__ import annotations

import dataclasses
from typing import Iterator

from ..records import RawRecord, Reject
from . import flat, jsonl, streams, warc

SPLITTABLE = ("flat", "jsonl")  # uncompressed; and warc when gzipped (formats.splittable)
SCAN = 1 << 16


def _line_start(f, at: int, limit: int) -> int | None:
    """The first line start at or after `at` and before `limit`, or None."""
    if at == 0:
        return 0
    f.seek(at - 1)
    position = at - 1
    while position < limit:
        chunk = f.read(SCAN)
        if not chunk:
            return None
        cut = chunk.find(b"\n")
        if cut >= 0:
            found = position + cut + 1
            return found if found < limit else None
        position += len(chunk)
    return None


def _glued_header_ahead(f, at: int, limit: int) -> int | None:
    """Where a dump header glued to the end of the line holding byte `at` starts, when it starts at or
    after `at` and before `limit` (flat.glued_header: dumps joined by `cat`)."""
    f.seek(at)
    ahead = f.read(flat.MAX_HEADER + 2)
    cut = ahead.find(b"\n")
    if cut < 0:
        return None
    line_end = at + cut + 1
    start = max(0, line_end - flat.MAX_HEADER - 2)
    f.seek(start)
    found = flat.GLUED_HEADER.search(f.read(line_end - start))
    return start + found.start() if found and at <= start + found.start() < limit else None


def _window(f, start: int, end: int) -> Iterator[bytes]:
    f.seek(start)
    left = end - start
    while left > 0:
        chunk = f.read(min(streams.PIECE, left))
        if not chunk:
            return
        left -= len(chunk)
        yield chunk


def record_start(f, fmt: str, at: int, size: int, stop: int | None = None) -> int | None:
    """Where the first record at or after byte `at` starts, as reading the whole file would cut it; with
    `stop`, None when none starts before it (then the range is empty, and its bytes the previous
    range's: scanning no further keeps a long stretch without a record start from being read by every
    range it spans)."""
    limit = size if stop is None else min(stop, size)
    if fmt == "warc":
        found = warc._next_header(f.name, at) if at > 0 else 0
        found = size if found is None else found
        return found if stop is None or found < limit else None
    glued = _glued_header_ahead(f, at, limit) if fmt == "flat" and at > 0 else None
    if glued is not None:
        return glued
    start = _line_start(f, at, limit)
    if start is None:
        return None if stop is not None else size
    if fmt == "jsonl" or start == 0:
        return start
    for piece in streams.pieces(_window(f, start, size)):
        if start + piece.offset >= limit:
            break
        if piece.line_start and flat.is_header(piece.text, start + piece.offset):
            return start + piece.offset
        glued = flat.glued_header(piece)
        if glued is not None and start + piece.offset + glued < limit:
            return start + piece.offset + glued
    return None if stop is not None else size


def read(path: str, fmt: str, start: int, end: int | None, limit: int) -> Iterator[RawRecord | Reject]:
    """The records that start in [start, end) once both ends are moved to record starts, with their
    offsets in the file; `end` None reads to the end of the file as it is now."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        first = record_start(f, fmt, start, size, stop=end)
        if first is None:
            return
        last = size if end is None or end >= size else record_start(f, fmt, end, size)
        if last is None or first >= last:
            return
        if fmt == "warc":
            yield from warc.read_file(path, limit, None, first, last)
            return
        lines = streams.pieces(_window(f, first, last))
        # text before the first dump header, in a window the header lies past, is rejected as reading the
        # whole file rejects it
        items = flat.read(path, lines, limit, header_follows=last < size) if fmt == "flat" else jsonl.read(path, lines, limit)
        for item in items:
            yield dataclasses.replace(item, offset=item.offset + first)
