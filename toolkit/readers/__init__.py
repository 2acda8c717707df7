"""Readers: find the inputs and turn each into raw records (bytes + origin).

A reader never raises for bad content: it yields a Reject with the reason, so
one bad file never stops a batch. The format is detected from the content
(the extension is only a hint), unless the caller forces one. Files are read
as streams, so memory stays bounded whatever their size or compression."""
from __future__ import annotations

import errno
import glob
import json
import os
import stat
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..records import RawRecord, Reject
from . import flat, html, jsonl, streams, warc
from .streams import DEFAULT_MAX_RECORD_MB, file_sha256

__all__ = ["FORMATS", "DEFAULT_MAX_RECORD_MB", "Input", "discover", "detect_format", "read_file", "file_sha256",
           "is_build_folder"]

FORMATS = ("flat", "html", "warc", "jsonl")
GENERATOR = "media-provenance-toolkit"  # what a build writes into its manifest, so it is known as ours
PARTIAL_MARKER = ".mpt-partial"


@dataclass(frozen=True)
class Input:
    """A file to read, or a path that cannot be one, with the reason it becomes a reject."""

    path: str
    problem: str | None = None


def is_build_folder(path: str) -> bool:
    """A folder a build of this toolkit wrote (or is writing): never read back as input."""
    if os.path.isfile(os.path.join(path, PARTIAL_MARKER)):
        return True
    try:
        with open(os.path.join(path, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict):
        return False
    return manifest.get("generator") == GENERATOR or {"counts", "duplicate_rule", "versions"} <= manifest.keys()


def discover(inputs: Iterable[str]) -> list[Input]:
    """Files named, found under folders (recursively, hidden names skipped) or matched by globs; sorted,
    each once. Paths that cannot be read as files (dangling links, loops, FIFOs, devices, folders a
    build wrote) are kept with the reason, so they are counted as rejects. A name that matches
    nothing at all is a usage error (FileNotFoundError)."""
    found: list[Input] = []
    for item in inputs:
        paths = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        if not paths:
            raise FileNotFoundError(f"{item}: no such file, folder or glob match")
        for path in paths:
            if not os.path.lexists(path):
                raise FileNotFoundError(f"{path}: no such file or folder")
            found.extend(_walk(path, set()))
    seen: set[str] = set()
    return [i for i in found if not (i.path in seen or seen.add(i.path))]  # type: ignore[func-returns-value]


def _walk(path: str, visited: set[tuple[int, int]]) -> Iterator[Input]:
    problem, st = _problem(path)
    if problem or st is None:
        yield Input(path, problem)
        return
    if not stat.S_ISDIR(st.st_mode):
        yield Input(path)
        return
    if (st.st_dev, st.st_ino) in visited:
        yield Input(path, "skipped: symbolic link loop (the folder is already being read)")
        return
    if is_build_folder(path):
        yield Input(path, "skipped: a dataset folder written by mpt, not input")
        return
    visited = visited | {(st.st_dev, st.st_ino)}
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        yield Input(path, f"cannot read the folder: {exc.strerror or exc}")
        return
    for name in names:
        if not name.startswith("."):
            yield from _walk(os.path.join(path, name), visited)


def _problem(path: str) -> tuple[str | None, os.stat_result | None]:
    """Why a path cannot be read as an input file, or None; and its status (links followed)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop", None
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return f"dangling symbolic link (to {os.readlink(path)!r})", None
        return f"cannot read the file: {exc.strerror or exc}", None
    if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode):
        return None, st
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a character device" if stat.S_ISCHR(st.st_mode)
            else "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
            else "not a regular file")
    return f"not a regular file: {kind}", st


def detect_format(head: bytes) -> str | None:
    """The input format from its first bytes (decompressed, as UTF-8)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    lower = text[:1024].lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in lower[:512]:
        return "html"
    if text.startswith((b"{", b"[")):
        lines = text.split(b"\n")
        if len(lines) == 1:
            return "jsonl" if text.startswith(b"{") else None  # one line longer than the head: its reader decides
        for line in lines[:-1][:20]:  # a bad line or two at the top of a JSON-lines file is its own reject
            try:
                if isinstance(json.loads(line), dict):
                    return "jsonl"
            except (ValueError, RecursionError):
                continue
    if flat.has_header(head):
        return "flat"
    if b"<body" in lower or b"<div" in lower or b"<p>" in lower:
        return "html"
    return None


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
        yield Reject(path, offset, f"internal error: reading stopped at this offset ({type(exc).__name__}: {exc})",
                     fmt)
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
        yield Reject(path, 0, f"cannot read the file: {exc.strerror or exc}")
        return
    encoding = streams.utf16_of(head)
    text_head = head.decode(encoding, "replace").encode("utf-8") if encoding else head
    if not text_head.strip(b"\xef\xbb\xbf \t\r\n"):
        yield Reject(path, 0, broken or "empty input")
        return
    fmt = fmt or detect_format(text_head)
    if fmt == "warc":
        yield from warc.read_file(path, limit, digest)
        return
    if fmt is None:
        reason = ("binary data, not text" if flat.looks_binary(head) else
                  "unrecognised input: not a flat dump (' date YYYY-MM URL' header), HTML, WARC or JSON lines")
        yield Reject(path, 0, reason)
        return
    with open(path, "rb") as stored:
        hashing = streams.HashingReader(stored)
        source = streams.chunks(hashing, streams.compression(_magic(path)))  # type: ignore[arg-type]
        try:
            if fmt == "html":
                yield from html.read(path, source, limit, urls, encoding)
            elif fmt == "jsonl":
                yield from jsonl.read(path, streams.pieces(source, encoding), limit)
            else:
                yield from flat.read(path, streams.pieces(source, encoding), limit, encoding)
        finally:
            if digest is not None:
                digest["sha256"] = hashing.rest()


def _magic(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read(6)
