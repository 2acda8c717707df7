"""Readers: find the inputs and turn each into raw records (bytes + origin).

A reader never raises for bad content: it yields a Reject with the reason, so
one bad file never stops a batch. The format is detected from the content
(the extension is only a hint), unless the caller forces one."""
from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..records import RawRecord, Reject
from . import flat, html, jsonl, warc

FORMATS = ("flat", "html", "warc", "jsonl")


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


def read_bytes(path: str, digest: dict[str, str] | None = None) -> bytes:
    """The file's bytes, gunzipped; `digest["sha256"]` gets the checksum of the file as stored."""
    data = Path(path).read_bytes()
    if digest is not None:
        digest["sha256"] = hashlib.sha256(data).hexdigest()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


class _HashingReader:
    """A binary stream that hashes what is read through it, so a streamed WARC is read once."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.hash = stream, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.hash.update(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:
        line = self.stream.readline(size)
        self.hash.update(line)
        return line

    def rest(self) -> str:
        for chunk in iter(lambda: self.read(1 << 20), b""):
            pass
        return self.hash.hexdigest()


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _head(path: str, size: int = 65536) -> bytes:
    with open(path, "rb") as f:
        raw = f.read(size)
    if raw[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, size)
        except zlib.error:
            return b""
    return raw


def detect_format(head: bytes) -> str | None:
    """The input format from its first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    lower = text[:1024].lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in lower[:512]:
        return "html"
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    if flat.HEADER.search(head):
        return "flat"
    if b"<body" in lower or b"<div" in lower or b"<p>" in lower:
        return "html"
    return None


def read_file(path: str, fmt: str | None = None, urls: dict[str, str] | None = None,
              digest: dict[str, str] | None = None) -> Iterator[RawRecord | Reject]:
    """Raw records of one input file, or rejects saying why there are none. When the file is read
    whole (or streamed to its end), `digest["sha256"]` gets its checksum on the way."""
    try:
        head = _head(path)
    except OSError as exc:
        yield Reject(path, 0, f"cannot read the file: {exc}")
        return
    if not head.strip():
        yield Reject(path, 0, "empty input")
        return
    fmt = fmt or detect_format(head)
    if fmt == "warc":
        with open(path, "rb") as stream:  # streamed: a WARC may be larger than memory
            hashing = _HashingReader(stream)
            yield from warc.read_stream(path, hashing)  # type: ignore[arg-type]
            if digest is not None:
                digest["sha256"] = hashing.rest()
        return
    if fmt is None and flat.looks_binary(head):
        yield Reject(path, 0, "binary data, not text")
        return
    if fmt is None:
        yield Reject(path, 0, "unrecognised input: not a flat dump (' date YYYY-MM URL' header), HTML, WARC or JSON lines")
        return
    try:
        data = read_bytes(path, digest)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Reject(path, 0, f"cannot read the file: {exc}", fmt)
        return
    if fmt == "html":
        yield from html.read(path, data, urls)
    elif fmt == "jsonl":
        yield from jsonl.read(path, data)
    else:
        yield from flat.read(path, data)
