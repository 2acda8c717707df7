"""The flat page dump: blocks of leaf values separated by blank lines, each
dump starting with ` date YYYY-MM URL` (see docs/formats.md).
A file may hold several dumps; each becomes one raw record. The file is read as
a stream of lines, so a dump past the size limit is counted and skipped without
being held, and the dumps after it are still read."""
from __future__ import annotations

import re
from typing import Iterator

from ..records import RawRecord, Reject, RejectKind, Why
from .streams import STREAM_ERRORS, TRAILING, Gathered, Piece, after_the_end, stream_error, too_large

HEADER = re.compile(rb"^ ?date (\d{4}-\d{2}(?:-\d{2})?) (\S+)[ \t]*\r?$", re.M)
HEADER_LINE = re.compile(rb"(?:\xef\xbb\xbf)? ?date (\d{4}-\d{2}(?:-\d{2})?) (\S+)[ \t]*\r?\n?")
# a header glued to the end of the line before it: only with a web URL, so that prose is never cut
GLUED_HEADER = re.compile(rb"(?<=\S) date \d{4}-\d{2}(?:-\d{2})? https?://\S+[ \t]*\r?\n\Z")
CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
MAX_HEADER = 64 << 10
LEAD = Why(RejectKind.OUTSIDE_DUMPS)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample or len(CONTROL.findall(sample)) > len(sample) * 0.05


def has_header(head: bytes) -> bool:
    return bool(HEADER.search(head.removeprefix(b"\xef\xbb\xbf")))


def is_header(line: bytes, offset: int) -> re.Match[bytes] | None:
    """The header of a dump, when this line (starting at `offset` of the file) is one; a byte-order mark
    only counts at the file's start."""
    m = HEADER_LINE.fullmatch(line) if len(line) <= MAX_HEADER else None
    return m if m and (offset == 0 or not line.startswith(b"\xef\xbb\xbf")) else None


def glued_header(piece: Piece) -> int | None:
    """Where a dump header starts inside this piece when it ends a line that began with other text: dumps
    saved without a final newline and joined with `cat` ('... ossétie du sud date 2022-02 https://...')."""
    if not piece.text.endswith(b"\n"):
        return None
    tail_start = max(0, len(piece.text) - MAX_HEADER)
    tail = piece.text[tail_start:]
    if b" date " not in tail:
        return None
    m = GLUED_HEADER.search(tail)
    if not m or (tail_start + m.start() == 0 and piece.line_start):
        return None
    return tail_start + m.start()


def read(path: str, lines: Iterator[Piece], limit: int, charset: str | None = None,
         header_follows: bool = False) -> Iterator[RawRecord | Reject]:
    """Raw records of a stream of lines: one a dump, from its header line to the next. `header_follows`:
    the lines are the start of a file cut short before a header (readers.ranges)."""
    current: Gathered | None = None
    header: re.Match[bytes] | None = None
    lead = False  # text before the first header
    try:
        for piece in _split_glued(lines, charset):
            m = is_header(piece.text, piece.offset) if piece.line_start else None
            if m:
                if current is not None and header is not None:
                    yield _record(path, current, header, charset)
                elif lead:
                    yield Reject(path, 0, LEAD, format="flat")
                current, header = Gathered(piece.offset, limit), m
                current.add(piece.data)
            elif current is not None:
                current.add(piece.data)
            elif piece.text.strip(b"\xef\xbb\xbf \t\r\n"):
                lead = True
    except STREAM_ERRORS as exc:
        if after_the_end(exc) and current is not None and header is not None:
            yield _record(path, current, header, charset)
            yield Reject(path, current.offset + current.size, TRAILING, "flat")
        else:
            yield Reject(path, current.offset if current else 0, stream_error(exc), "flat",
                         header[2].decode("utf-8", "replace") if header else None)
        return
    if current is not None and header is not None:
        yield _record(path, current, header, charset)
    elif header_follows:
        if lead:
            yield Reject(path, 0, LEAD, format="flat")
    else:
        yield Reject(path, 0, Why(RejectKind.NO_DUMP_HEADER, "no line ' date YYYY-MM URL' found"), format="flat")


def _split_glued(lines: Iterator[Piece], charset: str | None) -> Iterator[Piece]:
    """The pieces, a line that ends in a glued header cut in two: its text, then the header as a line."""
    for piece in lines:
        at = glued_header(piece)
        if at is None:
            yield piece
            continue
        before = piece.text[:at]
        stored = len(before.decode("utf-8", "surrogatepass").encode(charset, "surrogatepass")) if charset else at
        yield Piece(piece.offset, piece.data[:stored], before, piece.line_start)
        yield Piece(piece.offset + stored, piece.data[stored:], piece.text[at:], True)


def _record(path: str, dump: Gathered, header: re.Match[bytes], charset: str | None) -> RawRecord | Reject:
    url = header[2].decode("utf-8", "replace")
    if dump.too_large:
        return Reject(path, dump.offset, too_large(dump.size, dump.limit), "flat", url)
    meta = {"snapshot_date": header[1].decode("ascii"), "url": url}
    if charset:
        meta["file_encoding"] = charset
    return RawRecord(path, "flat", dump.offset, dump.data(), meta)
