"""The flat page dump: blocks of leaf values separated by blank lines, each
dump starting with ` date YYYY-MM URL` (see shared/formats/flat-dump.md).
A file may hold several dumps; each becomes one raw record."""
from __future__ import annotations

import re
from typing import Iterator

from ..records import RawRecord, Reject

HEADER = re.compile(rb"^ ?date (\d{4}-\d{2}(?:-\d{2})?) (\S+)[ \t]*\r?$", re.M)
CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample or len(CONTROL.findall(sample)) > len(sample) * 0.05


def read(path: str, data: bytes) -> Iterator[RawRecord | Reject]:
    starts = [m for m in HEADER.finditer(data)]
    if not starts:
        yield Reject(path, 0, "no flat dump header (' date YYYY-MM URL') found", format="flat")
        return
    lead = data[: starts[0].start()]
    if lead.strip(b"\xef\xbb\xbf \t\r\n"):
        yield Reject(path, 0, "text before the first dump header is not part of any dump", format="flat")
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(data)
        yield RawRecord(path, "flat", m.start(), data[m.start():end],
                        {"snapshot_date": m[1].decode("ascii"), "url": m[2].decode("utf-8", "replace")})
