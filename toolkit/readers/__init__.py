"""Readers: find the inputs and turn each into raw records (bytes + origin).

A reader never raises for bad content: it yields a Reject with the reason, so
one bad file never stops a batch."""
from __future__ import annotations

import glob
import gzip
import hashlib
import os
from pathlib import Path
from typing import Iterable, Iterator

from ..records import RawRecord, Reject
from . import flat

READERS = {"flat": flat.read}


def discover(inputs: Iterable[str]) -> list[str]:
    """Files named, found under folders (recursively) or matched by globs; sorted, each once."""
    found: list[str] = []
    for item in inputs:
        paths = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        if not paths:
            raise FileNotFoundError(f"{item}: no such file, folder or glob match")
        for path in paths:
            if os.path.isdir(path):
                for root, dirs, files in os.walk(path):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
            elif os.path.exists(path):
                found.append(path)
            else:
                raise FileNotFoundError(f"{path}: no such file or folder")
    seen: set[str] = set()
    return [p for p in found if not (p in seen or seen.add(p))]


def read_bytes(path: str) -> bytes:
    data = Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def detect_format(data: bytes) -> str | None:
    if flat.HEADER.search(data[:65536]):
        return "flat"
    return None


def read_file(path: str, fmt: str | None = None) -> Iterator[RawRecord | Reject]:
    """Raw records of one input file, or rejects saying why there are none."""
    try:
        data = read_bytes(path)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Reject(path, 0, f"cannot read the file: {exc}")
        return
    if not data.strip():
        yield Reject(path, 0, "empty input")
        return
    if flat.looks_binary(data):
        yield Reject(path, 0, "binary data, not text")
        return
    fmt = fmt or detect_format(data)
    if fmt is None:
        yield Reject(path, 0, "unrecognised input: no flat dump header (' date YYYY-MM URL') found")
        return
    yield from READERS[fmt](path, data)
