"""Where inputs, staging and outputs live: local paths, or URLs through fsspec (`file://`, `http://` and
`https://` out of the box, and `s3://`, `gs://`, `hdfs://`... with the implementation the user installs).

The readers and writers work on local files. A `file://` URL is the local path it names (on a cluster,
a shared file system mounted at the same path on every host); any other URL is copied to a local
temporary file where it is read, streamed in blocks; a web download that fails is tried again
(`WEB_ATTEMPTS` times, from the start) before the input becomes a reject."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from typing import Any, Iterator
from urllib.parse import quote, unquote_to_bytes, urlsplit

FILE_SCHEME = "file://"
WEB_SCHEMES = ("http://", "https://")
WEB_ATTEMPTS = 4
WEB_BLOCK = 1 << 20


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
        return os.fsdecode(unquote_to_bytes(parts.path))
    return None


def as_file_url(path: str) -> str:
    return FILE_SCHEME + quote(os.fsencode(os.path.abspath(path)))  # any bytes of a name, percent-encoded


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
        copy = os.path.join(folder, os.path.basename(urlsplit(name).path.rstrip("/")) or "input")
        if name.lower().startswith(WEB_SCHEMES):
            download(fs, name, copy)
        else:
            fs.get_file(remote, copy)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def download(fs: Any, url: str, target: str, attempts: int = WEB_ATTEMPTS, pause: float = 0.25) -> None:
    """A web file streamed into `target` in blocks, tried again from the start when the connection fails
    or drops mid-file (a short body is an error: aiohttp checks the announced length). OSError names the
    URL, the attempts and the last failure."""
    import time

    last: BaseException | None = None
    for attempt in range(attempts):
        try:
            with fs.open(url, "rb", block_size=0) as source, open(target, "wb") as sink:
                while block := source.read(WEB_BLOCK):
                    sink.write(block)
            return
        except (KeyboardInterrupt, SystemExit):
            raise
        except FileNotFoundError as exc:  # a 404 is an answer, not a failure to try again
            raise FileNotFoundError(f"{url}: not found on the server ({exc})") from None
        except Exception as exc:  # aiohttp's, asyncio's and fsspec's errors have no common base
            last = exc
            if attempt + 1 < attempts:
                time.sleep(pause * (2 ** attempt))
    raise OSError(f"{url}: the download failed {attempts} times; last: {type(last).__name__}: {last}")


COMPLETE = ".mpt-complete"  # what a build writes last into its folder on an object store, where nothing renames


def remote_inputs(url: str) -> list[tuple[str, bool]]:
    """The files a remote URL names, as (URL, whether it is a dataset folder a build wrote): itself, the files under it when it is a folder,
    or a glob's matches; sorted, hidden names below the URL skipped, and a folder a build wrote (it
    holds `.mpt-complete`) named once as skipped. FileNotFoundError when it names nothing."""
    if url.lower().startswith(WEB_SCHEMES):
        return [(url, False)]  # the web has no folders or globs: a URL names one file, read (or rejected) later
    fs, path = filesystem(url)
    magic = any(c in path for c in "*?[")
    if magic:
        base = path[:min(path.index(c) for c in "*?[" if c in path)].rsplit("/", 1)[0]
        found = sorted(fs.glob(path))
    else:
        base = path.rstrip("/")
        found = sorted(fs.find(path)) if fs.isdir(path) else ([path] if fs.exists(path) else [])
    built = sorted({p.rsplit("/", 1)[0] for p in found if p.rsplit("/", 1)[-1] == COMPLETE})
    named = [(fs.unstrip_protocol(b), True) for b in built]
    for p in found:
        below = p[len(base):] if p.startswith(base) else p
        if any(part.startswith(".") for part in below.split("/") if part) or any(p.startswith(b + "/") for b in built):
            continue
        if magic and fs.isdir(p):
            continue
        named.append((fs.unstrip_protocol(p), False))
    if not named:
        raise FileNotFoundError(f"{url}: no such file, folder or glob match")
    return sorted(named)


def inside(name: str, folder: str) -> bool:
    """`name` is `folder` or lies inside it (URLs compared as written, after their scheme)."""
    a, b = name.rstrip("/"), folder.rstrip("/")
    return a == b or a.startswith(b + "/")


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
    """Every file under a local folder copied to the same relative names under `url`, in path order. If a
    copy fails, the files already copied are removed again: nothing half-written stays behind."""
    fs, remote = filesystem(url)
    copied: list[str] = []
    try:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                target = "/".join([remote.rstrip("/"), *os.path.relpath(path, folder).split(os.sep)])
                fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
                fs.put_file(path, target)
                copied.append(target)
    except BaseException:
        for target in copied:
            try:
                fs.rm_file(target)
            except Exception:
                pass
        raise


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
