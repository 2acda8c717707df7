"""Where inputs, staging and outputs live: local paths, or URLs through fsspec (`file://`, and `s3://`,
`gs://`, `hdfs://`... with the implementation the user installs).

The readers and writers work on local files. A `file://` URL is the local path it names (on a cluster,
a shared file system mounted at the same path on every host); any other URL is copied to a local
temporary file where it is read."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from typing import Any, Iterator
from urllib.parse import quote, unquote, urlsplit

FILE_SCHEME = "file://"


def is_url(name: str) -> bool:
    """A URL with a scheme (`s3://bucket/x`), as opposed to a local path (a Windows drive is not a scheme)."""
    scheme, sep, _ = name.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").replace("-", "").isalnum()


def local_path(name: str) -> str | None:
    """The local path a name stands for: itself, or the path of a `file://` URL; None for a remote URL."""
    if not is_url(name):
        return name
    if name.startswith(FILE_SCHEME):
        parts = urlsplit(name)
        if parts.netloc not in ("", "localhost"):
            raise ValueError(f"{name}: a file:// URL names a path on this host (file:///path), not on {parts.netloc}")
        return unquote(parts.path)
    return None


def as_file_url(path: str) -> str:
    return FILE_SCHEME + quote(os.path.abspath(path))


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec file system of a URL and the path in it; ValueError when no implementation is installed."""
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise ValueError(f"{url}: cannot open this URL ({exc}); install the fsspec implementation of its scheme") from None


@contextlib.contextmanager
def readable(name: str) -> Iterator[str]:
    """A local path holding the bytes of `name`: the file itself when it is local, else a temporary copy
    (removed on exit), so the readers' seeking and bounded reading work on any storage."""
    path = local_path(name)
    if path is not None:
        yield path
        return
    fs, remote = filesystem(name)
    folder = tempfile.mkdtemp(prefix="mpt-input-")
    try:
        copy = os.path.join(folder, os.path.basename(remote.rstrip("/")) or "input")
        fs.get_file(remote, copy)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remote_inputs(url: str) -> list[str]:
    """The files a remote URL names: itself, the files under it when it is a folder, or a glob's matches;
    sorted, hidden names skipped. FileNotFoundError when it names nothing."""
    fs, path = filesystem(url)
    if any(c in path for c in "*?["):
        found = sorted(fs.glob(path))
    elif fs.isdir(path):
        found = sorted(fs.find(path))
    elif fs.exists(path):
        found = [path]
    else:
        found = []
    files = [p for p in found if not any(part.startswith(".") for part in p.split("/")[1:]) and not fs.isdir(p)]
    if not files:
        raise FileNotFoundError(f"{url}: no such file, folder or glob match")
    return [fs.unstrip_protocol(p) for p in files]


def size(name: str) -> int:
    """Stored size in bytes of an input (0 when it cannot be told: its reader will say why)."""
    try:
        path = local_path(name)
        if path is not None:
            return os.path.getsize(path)
        fs, remote = filesystem(name)
        return int(fs.size(remote) or 0)
    except (OSError, ValueError):
        return 0


def join(base: str, *parts: str) -> str:
    return "/".join([base.rstrip("/"), *parts]) if is_url(base) else os.path.join(base, *parts)


def is_local(name: str) -> bool:
    return local_path(name) is not None


def put_folder(folder: str, url: str) -> None:
    """Every file under a local folder copied to the same relative names under `url`, in path order."""
    fs, remote = filesystem(url)
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            target = "/".join([remote.rstrip("/"), *os.path.relpath(path, folder).split(os.sep)])
            fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
            fs.put_file(path, target)


def get_folder(url: str, folder: str) -> None:
    """Every file under `url` copied to the same relative names under a local folder."""
    fs, remote = filesystem(url)
    base = remote.rstrip("/")
    for path in sorted(fs.find(base)):
        target = os.path.join(folder, *path[len(base):].lstrip("/").split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fs.get_file(path, target)


def remove(url: str) -> None:
    """A folder of ours under `url` and everything in it, when it is there."""
    fs, remote = filesystem(url)
    if fs.exists(remote):
        fs.rm(remote, recursive=True)


def holds_files(url: str) -> bool:
    fs, remote = filesystem(url)
    return bool(fs.exists(remote) and fs.find(remote))


def write_text(url: str, text: str) -> None:
    fs, remote = filesystem(url)
    with fs.open(remote, "w", encoding="utf-8") as f:
        f.write(text)
