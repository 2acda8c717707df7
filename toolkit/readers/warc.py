"""WARC and WARC.gz: HTML response records become raw records; every other
record (requests, revisits, metadata, non-HTML responses) is skipped with its
reason, so it is counted and nothing is silently lost."""
from __future__ import annotations

import io
import re
from typing import BinaryIO, Iterator

from ..records import RawRecord, Reject

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str | None) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    return m[1].lower() if m else None


def read_stream(path: str, stream: BinaryIO) -> Iterator[RawRecord | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    it = ArchiveIterator(stream, arc2warc=True)
    try:
        for record in it:
            kind = record.rec_type
            url = record.rec_headers.get_header("WARC-Target-URI")
            if kind in ("warcinfo",):
                continue  # describes the file, not a capture
            if kind not in ("response", "resource"):
                yield Reject(path, it.get_record_offset(), f"skipped: WARC {kind} record, not a page", "warc", url)
                continue
            http = record.http_headers
            status = http.get_statuscode() if http is not None and kind == "response" else "200"
            content_type = (http.get_header("Content-Type") if http is not None else None) \
                or record.rec_headers.get_header("Content-Type") or ""
            if not any(t in content_type.lower() for t in HTML_TYPES):
                yield Reject(path, it.get_record_offset(), f"skipped: not HTML ({content_type.split(';')[0] or 'no content type'})", "warc", url)
                continue
            if status and not str(status).startswith("2"):
                yield Reject(path, it.get_record_offset(), f"skipped: HTTP status {status}", "warc", url)
                continue
            payload = record.content_stream().read()  # before the offset: asking for it first empties the stream
            offset = it.get_record_offset()
            date = record.rec_headers.get_header("WARC-Date")
            yield RawRecord(path, "warc", offset, payload,
                            {"url": url, "snapshot_date": date, "charset": _charset(content_type)})
    except ArchiveLoadFailed as exc:
        yield Reject(path, 0, f"not a readable WARC file: {exc}", "warc")


def read(path: str, data: bytes) -> Iterator[RawRecord | Reject]:
    yield from read_stream(path, io.BytesIO(data))
