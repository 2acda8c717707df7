"""Readers: find the inputs, and turn each into raw records (bytes + origin), one module a format.

Which reader reads a file is decided in `toolkit.formats`, where each format is declared once."""
from __future__ import annotations

import errno
import glob
import json
import os
import stat
from dataclasses import dataclass
from typing import Iterable, Iterator

from .. import storage
from ..records import RejectKind, Why, skipped
from .streams import DEFAULT_MAX_RECORD_MB, file_sha256

__all__ = ["DEFAULT_MAX_RECORD_MB", "Input", "discover", "file_sha256", "is_build_folder", "read_listing"]

GENERATOR = "media-provenance-toolkit"  # what a build writes into its manifest, so it is known as ours
PARTIAL_MARKER = ".mpt-partial"
HIDDEN = skipped("hidden", "the name starts with a dot; name the file itself to read it")
BUILD_FOLDER = skipped("a dataset folder written by mpt, not input")


@dataclass(frozen=True)
class Input:
    """A file to read, or a path that cannot be one, with the reason it becomes a reject."""

    path: str
    problem: Why | None = None
    span: tuple[int, int | None] | None = None  # a byte range of the file (None: to its end), read by itself


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


def read_listing(listing: str, base: str | None = None) -> list[str]:
    """The inputs a listing file names: one path or URL a line, as CC-NEWS publishes its `warc.paths.gz`
    (blank lines and '#' comments skipped; a `.gz` listing is read through). A relative line is joined
    to `base` (a folder or URL), else to the listing's own folder. The listing may itself be a URL."""
    import gzip

    where = base or (listing.rsplit("/", 1)[0] if storage.is_url(listing) else os.path.dirname(os.path.abspath(listing)))
    try:
        with storage.readable(listing) as local, open(local, "rb") as f:
            data = f.read()
    except (OSError, ValueError) as exc:
        raise FileNotFoundError(f"{listing}: cannot read the listing: {exc}") from None
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise ValueError(f"{listing}: a listing is text, one path or URL a line (UTF-8)") from None
    names = []
    for line in lines:
        line = line.split("#", 1)[0].strip() if not storage.is_url(line.strip()) else line.strip()
        if not line:
            continue
        if storage.is_url(line) or os.path.isabs(line):
            names.append(line)
        elif storage.is_url(where):
            names.append(where.rstrip("/") + "/" + line.lstrip("/"))
        else:
            names.append(os.path.join(where, line))
    if not names:
        raise ValueError(f"{listing}: the listing names no input")
    return names


def discover(inputs: Iterable[str]) -> list[Input]:
    """Files named, found under folders (recursively; a hidden name is a skipped input, not read) or matched by globs; sorted,
    each once. Paths that cannot be read as files (dangling links, loops, FIFOs, devices, folders a
    build wrote) are kept with the reason, so they are counted as rejects. A name that matches
    nothing at all is a usage error (FileNotFoundError)."""
    found: list[Input] = []
    for item in inputs:
        if storage.is_url(item):
            found.extend(_discover_url(item))
            continue
        paths = sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]
        if not paths:
            raise FileNotFoundError(f"{item}: no such file, folder or glob match")
        for path in paths:
            if not os.path.lexists(path):
                raise FileNotFoundError(f"{path}: no such file or folder")
            found.extend(_walk(path, set()))
    seen: set[str] = set()
    return [i for i in found if not (i.path in seen or seen.add(i.path))]  # type: ignore[func-returns-value]


def _discover_url(url: str) -> list[Input]:
    """A `file://` URL is walked as its local path, its files named as URLs again; any other URL is
    listed through fsspec (its files are read by the workers, which copy each where it is read)."""
    path = storage.local_path(url)
    if path is None:
        return [Input(name, BUILD_FOLDER if built else None) for name, built in storage.remote_inputs(url)]
    return [Input(storage.as_file_url(i.path), i.problem) for i in discover([path])]


def _walk(path: str, visited: set[tuple[int, int]]) -> Iterator[Input]:
    problem, st = _problem(path)
    if problem or st is None:
        yield Input(path, problem)
        return
    if not stat.S_ISDIR(st.st_mode):
        yield Input(path)
        return
    if (st.st_dev, st.st_ino) in visited:
        yield Input(path, skipped("symbolic link loop", "the folder is already being read"))
        return
    if is_build_folder(path):
        yield Input(path, BUILD_FOLDER)
        return
    visited = visited | {(st.st_dev, st.st_ino)}
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        yield Input(path, Why(RejectKind.CANNOT_READ_FOLDER, str(exc.strerror or exc)))
        return
    for name in names:
        if name.startswith("."):  # .git, .DS_Store, an editor's swap file: named, so the count says so
            yield Input(os.path.join(path, name), HIDDEN)
        else:
            yield from _walk(os.path.join(path, name), visited)


def _problem(path: str) -> tuple[Why | None, os.stat_result | None]:
    """Why a path cannot be read as an input file, or None; and its status (links followed)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Why(RejectKind.LINK_LOOP), None
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return Why(RejectKind.DANGLING_LINK, f"its target {os.readlink(path)!r} is not there"), None
        return Why(RejectKind.CANNOT_READ, str(exc.strerror or exc)), None
    if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode):
        return None, st
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a character device" if stat.S_ISCHR(st.st_mode)
            else "a block device" if stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
            else "not a regular file")
    return Why(RejectKind.NOT_A_FILE, kind), st
