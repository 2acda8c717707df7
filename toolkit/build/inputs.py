"""Finding and reading a build's inputs: every input into raw records, the readers' rejects, and each
file's checksum as it is known; then the raw records cut into batches, the unit of work."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .. import storage
from ..filters import Filters
from ..formats import read_file, splittable
from ..readers import DEFAULT_MAX_RECORD_MB, Input, file_sha256, ranges
from ..records import Batch, RawRecord, Reject, RejectKind, Why
from .options import BATCH_BYTES


@dataclass(frozen=True)
class Checksum:
    """An input read to its end (or that could not be read: `sha256` None), as the manifest lists it."""

    input: str
    sha256: str | None


def shown(path: str, base_dir: str | None = None) -> str:
    """A path as the user sees it, as valid text: bytes of a name that are not UTF-8 are escaped (\\xe9)."""
    display = os.path.relpath(path, base_dir) if base_dir and not storage.is_url(path) else path
    return os.fsencode(display).decode("utf-8", "backslashreplace")


def read_inputs(paths: Iterable[str | Input], fmt: str | None = None, base_dir: str | None = None,
                urls: dict[str, str] | None = None, jsonl_map: dict[str, list[str]] | None = None,
                max_record_bytes: int = DEFAULT_MAX_RECORD_MB << 20) -> Iterator[RawRecord | Reject | Checksum]:
    """Raw records and file-level rejects of every input, named as the user sees them, each input followed
    by its checksum (a byte range of a file after the first gives none: the first range has the file's)."""
    for item in paths:
        found = item if isinstance(item, Input) else Input(item)
        display = shown(found.path, base_dir)
        if found.problem:
            yield Reject(display, 0, found.problem)
            yield Checksum(display, None)
            continue
        digest: dict[str, str] = {}
        try:
            with storage.readable(found.path) as local:
                for record in _read_input(local, found.span, fmt, urls, digest, max_record_bytes):
                    if isinstance(record, Reject):
                        yield Reject(display, record.offset, record.why, record.format, record.url, record.schema_path)
                    else:
                        meta = {**record.meta, "jsonl_map": jsonl_map} if jsonl_map and record.format == "jsonl" else record.meta
                        yield RawRecord(display, record.format, record.offset, record.data, meta)
        except (OSError, ValueError) as exc:  # a remote input that cannot be fetched
            yield Reject(display, 0, Why(RejectKind.CANNOT_READ, str(exc)))
        if not (found.span and found.span[0] > 0):
            yield Checksum(display, digest.get("sha256"))


def raw_records(paths: Iterable[str | Input], fmt: str | None = None, base_dir: str | None = None,
                urls: dict[str, str] | None = None) -> Iterator[RawRecord | Reject]:
    """The raw records and rejects of `read_inputs`, without the checksums."""
    for item in read_inputs(paths, fmt, base_dir, urls):
        if not isinstance(item, Checksum):
            yield item


def _read_input(path: str, span: tuple[int, int | None] | None, fmt: str | None, urls: dict[str, str] | None,
                digest: dict[str, str], max_record_bytes: int) -> Iterator[RawRecord | Reject]:
    """A whole file, or a byte range of one. The first range hashes the whole file; a file that cannot be
    read in ranges (compressed, plain WARC, HTML) or cannot be opened is read whole by its first range
    (which says why it cannot), and not by the others."""
    try:
        kind = splittable(path, fmt) if span else None
    except OSError:
        kind = None
    if span is None or (kind is None and span[0] == 0):
        yield from read_file(path, fmt, urls, digest, max_record_bytes)
        return
    if span[0] == 0:
        digest["sha256"] = file_sha256(path)
    if kind is not None:
        yield from ranges.read(path, kind, span[0], span[1], max_record_bytes)


def batches(items: Iterable[RawRecord | Reject | Checksum], size: int, spill_dir: str, registry_files: tuple[str, ...],
            aside: Callable[[Reject | Checksum], None], filters: Filters | None = None) -> Iterator[Batch]:
    """Cut raw records into batches; the readers' rejects and the checksums go straight to `aside`."""
    current: list[RawRecord] = []
    number = held = 0
    for item in items:
        if not isinstance(item, RawRecord):
            aside(item)
            continue
        current.append(item)
        held += len(item.data)
        if len(current) >= size or held >= BATCH_BYTES:
            yield Batch(number, current, spill_dir, registry_files, filters)
            number, current, held = number + 1, [], 0
    if current:
        yield Batch(number, current, spill_dir, registry_files, filters)
