"""WARC and WARC.gz: HTML response records become raw records; every other
record (requests, revisits, metadata, non-HTML responses) is skipped with its
reason, so it is counted and nothing is silently lost.

A damaged file costs only its damaged records: a record cut short (by the end
of the file, or by a Content-Length that ends before the record does) is a
reject, "truncated" or "damaged"; a record swallowed by the one before it is
counted; and after bytes that cannot be read as a record, reading starts again
at the next record header. Payloads are read up to the size limit."""
from __future__ import annotations

import logging
import os
import re
import zlib
from typing import Any, BinaryIO, Iterator

from ..records import RawRecord, Reject, RejectKind, Why, skipped
from .streams import GZIP_MAGIC, HashingReader, file_sha256, head, too_large

HTML_TYPES = ("text/html", "application/xhtml+xml")
logging.getLogger("warcio").setLevel(logging.ERROR)  # its warnings about damage become rejects here
MAX_LINE = 1 << 20  # a header line longer than this is read in pieces, never whole
RESYNC_SCAN = 1 << 20


class HeaderScan:
    """Finds WARC record headers in a block fed chunk by chunk: a damaged record may have swallowed them."""

    KEEP = 4096

    def __init__(self) -> None:
        self.carry, self.headers = b"", []  # type: tuple[bytes, list[bytes]]

    def feed(self, chunk: bytes) -> None:
        data = self.carry + chunk
        start = 0
        while True:
            at = data.find(b"\nWARC/1.", start)
            if at < 0 or at >= len(data) - 8:
                break
            if at >= len(self.carry) - 8 or not self.carry:
                self.headers.append(data[at + 1: at + 1 + self.KEEP])
            start = at + 1
        self.carry = data[-self.KEEP:]


def _charset(content_type: str | None) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    return m[1].lower() if m else None


def _iterator(stream: BinaryIO, arc: bool = False, gzipped: bool = False) -> Any:
    """warcio's ArchiveIterator with two changes: header lines are read in bounded pieces, and a record
    not followed by its blank line is noted instead of warned about on stderr, with reading resumed
    at the next WARC header."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedReader(DecompressingBufferedReader):
        def readline(self, length: int | None = None) -> bytes:
            return super().readline(MAX_LINE if not length or length > MAX_LINE else length)

        def _decompress(self, data: bytes) -> bytes:
            # warcio prints a member that fails part-way to stderr and reads on as if the file ended there:
            # the records after it would be lost unnoted.
            if self.decompressor and data and self.num_block_read:
                try:
                    return self.decompressor.decompress(data)
                except zlib.error as exc:
                    raise DamagedMember(f"a gzip member cannot be inflated ({exc})") from exc
            return super()._decompress(data)

    class Iterator_(ArchiveIterator):  # noqa: N801
        def __init__(self, fileobj: BinaryIO) -> None:
            super().__init__(fileobj, arc2warc=True)
            self.reader = BoundedReader(self.fh, block_size=16384)
            self.damaged = False
            self.embedded = HeaderScan()  # record headers inside the current record's block

        def read_to_end(self, record=None):
            if self.record and not self.member_info:
                stream = self.record.raw_stream
                read = stream.read

                def scanning(size: int = -1) -> bytes:
                    chunk = read(size)
                    self.embedded.feed(chunk)
                    return chunk

                stream.read = scanning
            return super().read_to_end(record)

        def _consume_blanklines(self):
            """Blank lines between records, as warcio's; anything else before the next header is the rest
            of a damaged record (a wrong Content-Length), noted and skipped up to the next header."""
            empty_size = 0
            while True:
                line = self.reader.readline()
                if not line:
                    return None, empty_size
                if gzipped and self.reader.decompressor is None and line.rstrip():
                    raise DamagedMember("a gzip member cannot be inflated")  # warcio would read it as plain bytes
                if not line.rstrip() or (not arc and not line.startswith(b"WARC/")):
                    self.damaged = self.damaged or bool(line.rstrip())
                    empty_size += len(line)
                    continue
                return line, empty_size

    return Iterator_(stream)


def read_file(path: str, limit: int, digest: dict[str, str] | None = None, start: int = 0,
              end: int | None = None) -> Iterator[RawRecord | Reject]:
    """Raw records and rejects of a WARC file; `digest["sha256"]` gets the file's checksum. With `start`
    and `end` (record starts: readers.ranges), only the records that begin in [start, end)."""
    resynced = False
    arc = head(path, 64)[0].lstrip().startswith(b"filedesc://")  # an ARC file: records start otherwise
    whole = start == 0 and end is None
    with open(path, "rb") as stored:
        gzipped = stored.read(2) == GZIP_MAGIC
        stored.seek(start)
        hashing = HashingReader(stored)
        stream: BinaryIO = hashing if whole else stored  # type: ignore[assignment]
        while True:
            it = _iterator(stream, arc, gzipped)  # its offsets count from where `stored` stands
            try:
                yield from _records(path, it, limit, end)
                break
            except Exception as exc:  # unreadable bytes: skip to the next record header
                failed_at = it.offset or 0  # absolute: where the record that failed began
                resume = _next_header(path, failed_at + 1)
                stop = end if end is not None else os.path.getsize(path)
                until = min(resume, stop) if resume is not None else stop
                first_line = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
                yield Reject(path, failed_at, Why(RejectKind.DAMAGED, f"bytes {failed_at}-{until} cannot be read as WARC "
                                                  f"records ({first_line})"), "warc")
                if resume is None or resume >= stop:
                    break
                stored.seek(resume)
                stream, resynced = stored, True
        if digest is not None and whole:
            digest["sha256"] = file_sha256(path) if resynced else hashing.rest()


class DamagedMember(Exception):
    """A gzip member of a .warc.gz that does not inflate: reading resumes at the next member."""


def _next_header(path: str, start: int) -> int | None:
    """Where the next readable record begins at or after `start`: a gzip member that inflates to a WARC
    header (in a .warc.gz), else a line that opens 'WARC/1.'. Scanned a MiB at a time: memory stays
    bounded however far the damage runs."""
    step = 1 << 20
    with open(path, "rb") as fh:
        gzipped = fh.read(2) == GZIP_MAGIC  # the stored bytes, not the inflated ones
        mark = GZIP_MAGIC + b"\x08" if gzipped else b"\nWARC/1."
        position = max(start - (0 if gzipped else 1), 0)
        while True:
            fh.seek(position)
            window = fh.read(step + len(mark))
            if len(window) < len(mark):
                return None
            found = window.find(mark)
            while found != -1:
                at = position + found + (0 if gzipped else 1)
                if at >= start and (not gzipped or _inflates_to_warc(fh, at)):
                    return at
                found = window.find(mark, found + 1)
            position += step


def _inflates_to_warc(fh: BinaryIO, at: int) -> bool:
    fh.seek(at)
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(1 << 16), 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _records(path: str, it: Any, limit: int, end: int | None = None) -> Iterator[RawRecord | Reject]:
    for record in it:
        if end is not None and it.offset >= end:
            return  # the next range's first record
        kind = record.rec_type
        url = record.rec_headers.get_header("WARC-Target-URI")
        item, payload = _classify(path, record, kind, url, limit)
        it.damaged, it.embedded = False, HeaderScan()
        it.embedded.feed(payload)
        offset = it.get_record_offset()  # reads to the record's end: damage is known after it
        remaining = getattr(record.raw_stream, "limit", 0) or 0
        if remaining > 0:
            yield Reject(path, offset, Why(RejectKind.TRUNCATED, f"the record ends {remaining} bytes before its "
                                                     "Content-Length"), "warc", url)
        elif it.damaged:
            yield Reject(path, offset, Why(RejectKind.DAMAGED, "the record is not followed by the blank line that ends it "
                                                     "(its Content-Length is wrong)"), "warc", url)
            yield from _swallowed(path, offset, it.embedded.headers)
        elif isinstance(item, Reject):
            yield Reject(item.input, offset, item.why, item.format, item.url)
        elif kind != "warcinfo":  # a warcinfo record describes the file, not a capture
            yield RawRecord(path, "warc", offset, payload, {
                "url": url, "snapshot_date": record.rec_headers.get_header("WARC-Date"),
                "http_charset": _charset(_content_type(record))})


def _content_type(record: Any) -> str:
    http = record.http_headers
    return (http.get_header("Content-Type") if http is not None else None) \
        or record.rec_headers.get_header("Content-Type") or ""


def _classify(path: str, record: Any, kind: str, url: str | None, limit: int) -> tuple[Reject | None, bytes]:
    """(None, payload) for a page; (a reject, payload read so far) for anything else."""
    if kind == "warcinfo":
        return None, b""  # describes the file, not a capture
    if not kind:
        return Reject(path, 0, Why(RejectKind.DAMAGED, "a record header without a WARC-Type"), "warc", url), b""
    if kind not in ("response", "resource"):
        return Reject(path, 0, skipped(f"{kind} record", "WARC, not a page"), "warc", url), b""
    http = record.http_headers
    status = http.get_statuscode() if http is not None and kind == "response" else "200"
    content_type = _content_type(record)
    if not any(t in content_type.lower() for t in HTML_TYPES):
        return Reject(path, 0, skipped("not HTML", content_type.split(';')[0] or 'no content type'), "warc", url), b""
    if status and not str(status).startswith("2"):
        return Reject(path, 0, skipped(f"HTTP status {status}"), "warc", url), b""
    try:
        payload = _read_upto(record.content_stream(), limit + 1)
    except DamagedMember:
        raise  # the file's damage, not the payload's: reading resumes at the next member
    except Exception as exc:  # a broken chunked or compressed payload: this record's loss only
        return Reject(path, 0, Why(RejectKind.DAMAGED, f"the payload cannot be decoded ({type(exc).__name__}: {exc})"),
                      "warc", url), b""
    if len(payload) > limit:
        return Reject(path, 0, too_large(len(payload), limit), "warc", url), b""
    return None, payload


def _read_upto(stream: Any, size: int) -> bytes:
    """Up to `size` bytes: warcio's readers give one buffer a call."""
    parts, got = [], 0
    while got < size:
        chunk = stream.read(min(size - got, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _swallowed(path: str, offset: int, headers: list[bytes]) -> Iterator[Reject]:
    """Records whose headers sit inside a damaged record: the record before them ran past its end."""
    for header in headers:
        if b"WARC-Type:" not in header:
            continue
        uri = re.search(rb"WARC-Target-URI:[ \t]*<?([^\s>]+)", header)
        yield Reject(path, offset, Why(RejectKind.DAMAGED, "swallowed by the record before it (its Content-Length runs past "
                                                   "its end)"), "warc", uri[1].decode("utf-8", "replace") if uri else None)
