"""Input formats, each declared once: how its first bytes are recognised, how a file is read into raw
records (readers/) and how a raw record becomes fields (extract/). The CLI's --format choices and the
detection of a file's format both come from FORMATS; adding a format is adding a class here.

A reader never raises for bad content: it yields a Reject with the reason, so one bad file never stops
a batch. The format is detected from the content (the extension is only a hint), unless the caller
forces one. Files are read as streams, so memory stays bounded whatever their size or compression."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar, Iterator

from .readers import flat, html, jsonl, ranges, streams, warc
from .readers.streams import DEFAULT_MAX_RECORD_MB, file_sha256
from .records import Extracted, RawRecord, Reject, RejectKind, Why, internal_error

REFUSED, NO, MAYBE, SURE = -1, 0, 1, 2  # how sure a format is that a head is its own; REFUSED: no format's


@dataclass(frozen=True)
class ReadOptions:
    """What reading a file needs beyond its path."""

    limit: int  # bytes a record may have at most
    urls: dict[str, str] | None = None  # file name -> URL, for HTML pages saved without theirs
    encoding: str | None = None  # UTF-16, when the head says so (flat dumps and JSON lines); HTML decides per page
    digest: dict[str, str] | None = None  # receives the file's sha256 as it is read


class InputFormat:
    """One input format. `read_stream` reads the decompressed bytes of a file; a format that reads its
    container itself (WARC) overrides `read`."""

    name: ClassVar[str]

    def sniff(self, head: bytes) -> int:
        """NO, MAYBE or SURE: whether the first bytes of a file (decompressed, as UTF-8) are this format's;
        REFUSED when they look like this format's but cannot be read as it, nor as any other."""
        raise NotImplementedError

    def read(self, path: str, options: ReadOptions) -> Iterator[RawRecord | Reject]:
        with open(path, "rb") as stored:
            kind = streams.compression(stored.read(6))
            stored.seek(0)
            hashing = streams.HashingReader(stored)
            source = streams.chunks(hashing, kind)  # type: ignore[arg-type]
            try:
                yield from self.read_stream(path, source, options)
            finally:
                if options.digest is not None:
                    options.digest["sha256"] = hashing.rest()

    def read_stream(self, path: str, source: Iterator[bytes], options: ReadOptions) -> Iterator[RawRecord | Reject]:
        raise NotImplementedError

    def extract(self, raw: RawRecord) -> Extracted:
        # each extractor is imported when first used: its models and parsers stay out of `mpt --help`
        raise NotImplementedError


class Warc(InputFormat):
    """WARC (and ARC) files, gzipped or not: the HTML responses, each an HTML page."""

    name = "warc"

    def sniff(self, head: bytes) -> int:
        return SURE if _text(head).startswith((b"WARC/", b"filedesc://")) else NO

    def read(self, path: str, options: ReadOptions) -> Iterator[RawRecord | Reject]:
        yield from warc.read_file(path, options.limit, options.digest)

    def extract(self, raw: RawRecord) -> Extracted:
        from .extract import html as html_extract

        return html_extract.extract(raw)


class Html(InputFormat):
    """One HTML page a file. A head with a doctype or an <html> tag is sure; a fragment (<body>, <div>,
    <p>) is a page only when no other format claims it."""

    name = "html"

    def sniff(self, head: bytes) -> int:
        lower = _text(head)[:1024].lower()
        if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in lower[:512]:
            return SURE
        return MAYBE if b"<body" in lower or b"<div" in lower or b"<p>" in lower else NO

    def read_stream(self, path: str, source: Iterator[bytes], options: ReadOptions) -> Iterator[RawRecord | Reject]:
        yield from html.read(path, source, options.limit, options.urls)

    def extract(self, raw: RawRecord) -> Extracted:
        from .extract import html as html_extract

        return html_extract.extract(raw)


class JsonLines(InputFormat):
    """One JSON object a line (news-please, trafilatura, this toolkit's own output)."""

    name = "jsonl"

    def sniff(self, head: bytes) -> int:
        """JSON lines are known by their lines, so a first line that is a number, an array or broken is
        that line's reject, not the file's: sure when the first line, or half the lines of the head, are
        JSON objects; maybe when one is (or the last line, cut by the head's end, opens one). A format sure
        of the head (a flat dump, one of whose blocks is an object) wins over a maybe."""
        head = _text(head)
        lines = head.split(b"\n")
        if len(lines) == 1:  # one line longer than the head: its reader decides; one JSON array is no input
            return SURE if head.startswith(b"{") else REFUSED if head.startswith(b"[") else NO
        complete = [line.strip() for line in lines[:-1] if line.strip()]
        objects = [n for n, line in enumerate(complete) if _is_json_object(line)]
        if objects and (objects[0] == 0 or 2 * len(objects) >= len(complete)):
            return SURE
        return MAYBE if objects or lines[-1].lstrip().startswith(b"{") and len(lines[-1]) > 1024 else NO

    def read_stream(self, path: str, source: Iterator[bytes], options: ReadOptions) -> Iterator[RawRecord | Reject]:
        yield from jsonl.read(path, streams.pieces(source, options.encoding), options.limit)

    def extract(self, raw: RawRecord) -> Extracted:
        from .extract import jsonl as jsonl_extract

        return jsonl_extract.extract(raw)


class FlatDump(InputFormat):
    """Flat page dumps: ' date YYYY-MM URL' headers, each followed by the page's text blocks."""

    name = "flat"

    def sniff(self, head: bytes) -> int:
        return SURE if flat.has_header(head) else NO

    def read_stream(self, path: str, source: Iterator[bytes], options: ReadOptions) -> Iterator[RawRecord | Reject]:
        yield from flat.read(path, streams.pieces(source, options.encoding), options.limit, options.encoding)

    def extract(self, raw: RawRecord) -> Extracted:
        from .extract import flat as flat_extract

        return flat_extract.extract(raw)


# in the order detection asks them: a format that is sure wins, then the first that is maybe
FORMATS: tuple[InputFormat, ...] = (Warc(), Html(), JsonLines(), FlatDump())
FORMAT_NAMES = tuple(sorted(f.name for f in FORMATS))
_BY_NAME = {f.name: f for f in FORMATS}


def by_name(name: str) -> InputFormat:
    return _BY_NAME[name]


def _is_json_object(line: bytes) -> bool:
    if not (line.startswith(b"{") and line.endswith(b"}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _text(head: bytes) -> bytes:
    """The head without a byte-order mark and the blank space before the content."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")


def detect_format(head: bytes) -> str | None:
    """The input format from its first bytes (decompressed, as UTF-8)."""
    sureness = [(f.sniff(head), f.name) for f in FORMATS]
    best = max(s for s, _ in sureness)
    if best < SURE and any(s == REFUSED for s, _ in sureness):
        return None
    return next(name for s, name in sureness if s == best) if best > NO else None


def splittable(path: str, fmt: str | None) -> str | None:
    """The format a file can be read in byte ranges as (readers.ranges), or None."""
    with open(path, "rb") as f:
        packed = streams.compression(f.read(6))
    head, _ = streams.head(path)
    if streams.utf16_of(head):
        return None
    kind = fmt or detect_format(head)
    if packed is not None:
        return kind if kind == "warc" and packed == "gzip" else None
    return kind if kind in ranges.SPLITTABLE else None


def extract(raw: RawRecord) -> Extracted:
    """The fields of a raw record, by the extractor of its format."""
    return by_name(raw.format).extract(raw)


def read_file(path: str, fmt: str | None = None, urls: dict[str, str] | None = None,
              digest: dict[str, str] | None = None,
              max_record_bytes: int = DEFAULT_MAX_RECORD_MB << 20) -> Iterator[RawRecord | Reject]:
    """Raw records of one input file, or rejects saying why there are none. `digest["sha256"]` gets the
    checksum of the file as stored, computed while it is read. Nothing raises: an unexpected error
    becomes a reject that names the file and the offset it was reached at."""
    offset = 0
    try:
        for item in _read(path, fmt, urls, digest, max_record_bytes):
            offset = item.offset
            yield item
    except Exception as exc:  # a bug must not stop the build: the rest of this file is this reject
        yield Reject(path, offset, internal_error(exc, "reading stopped at this offset"), fmt)
    if digest is not None and not digest.get("sha256"):  # a file rejected before it was read through
        try:
            digest["sha256"] = file_sha256(path)
        except OSError:
            pass  # unreadable: its reject says so


def _read(path: str, fmt: str | None, urls: dict[str, str] | None, digest: dict[str, str] | None,
          limit: int) -> Iterator[RawRecord | Reject]:
    try:
        head, broken = streams.head(path)
    except OSError as exc:
        yield Reject(path, 0, Why(RejectKind.CANNOT_READ, str(exc.strerror or exc)))
        return
    encoding = streams.utf16_of(head)
    text_head = head.decode(encoding, "replace").encode("utf-8") if encoding else head
    if not text_head.strip(b"\xef\xbb\xbf \t\r\n"):
        yield Reject(path, 0, broken or Why(RejectKind.EMPTY))
        return
    fmt = fmt or detect_format(text_head)
    if fmt is not None and fmt not in _BY_NAME:
        yield Reject(path, 0, Why(RejectKind.UNKNOWN_FORMAT, f"{fmt!r} is not one of {', '.join(FORMAT_NAMES)}"))
        return
    if fmt is None:
        yield Reject(path, 0, Why(RejectKind.NOT_TEXT) if flat.looks_binary(head) else Why(
            RejectKind.UNRECOGNISED, "not a flat dump (' date YYYY-MM URL' header), HTML, WARC or JSON lines"))
        return
    yield from by_name(fmt).read(path, ReadOptions(limit, urls, encoding, digest))
