"""The output folder: never harm what the user keeps there.

A build writes into `OUT.partial-PID` beside OUT and renames it into place when it
is complete. It replaces OUT only when OUT is a folder an earlier build wrote and
still holds exactly what that build listed in its manifest, unchanged; anything
else is refused before any work starts. A lock beside OUT keeps two builds from
writing the same folder, and partial folders of builds whose process is gone are
removed by the next build."""
from __future__ import annotations

import errno
import fcntl
import glob
import json
import os
import shutil
from dataclasses import dataclass
from typing import Iterable

from ..readers import GENERATOR, PARTIAL_MARKER
from ..readers.streams import file_sha256

MANIFEST = "manifest.json"


class OutputRefused(ValueError):
    """--out names a place a build must not write to; the message says why."""


class OutputBusy(OutputRefused):
    """Another build holds the lock on --out."""


def check_target(out: str, inputs: Iterable[str]) -> None:
    """Refuse an --out that is, holds or lies inside an input, or that holds anything a build did not write."""
    real_out = os.path.realpath(out)
    roots = [path for item in inputs for path in (sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item])]
    for item in roots:
        real_in = os.path.realpath(item)
        if real_out == real_in:
            raise OutputRefused(f"--out {out} is the input {item}: a build never writes over its inputs")
        if _inside(real_out, real_in):
            raise OutputRefused(f"--out {out} lies inside the input {item}: choose a folder outside the inputs")
        if _inside(real_in, real_out):
            raise OutputRefused(f"--out {out} holds the input {item}: choose a folder that holds no input")
    problem = replaceable(out)
    if problem:
        raise OutputRefused(problem)


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def replaceable(out: str) -> str | None:
    """Why an existing OUT must not be replaced, or None when a build may replace it (it does not
    exist, is an empty folder, or is an unchanged folder of an earlier build)."""
    if not os.path.lexists(out):
        return None
    if os.path.islink(out) or not os.path.isdir(out):
        return f"--out {out} exists and is not a folder: a build writes a folder and never replaces a file"
    present = _files(out)
    if not present:
        return None
    try:
        with open(os.path.join(out, MANIFEST), encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        manifest = None
    if isinstance(manifest, dict) and manifest.get("generator") is None and "duplicate_rule" in manifest:
        return (f"--out {out} was written by an older mpt that did not record a checksum of every file, so it "
                f"cannot tell your changes from its own: remove the folder yourself, or choose another --out")
    if not isinstance(manifest, dict) or manifest.get("generator") != GENERATOR:
        return (f"--out {out} is a folder that a build of mpt did not write (it holds {_sample(present)}): "
                f"choose a new folder, or an earlier build's folder")
    listed = {f["path"]: f.get("sha256") for f in manifest.get("files", []) if isinstance(f, dict) and f.get("path")}
    extra = sorted(p for p in present if p != MANIFEST and p not in listed)
    if extra:
        return f"--out {out} holds files the earlier build did not write ({_sample(extra)}): move them first"
    for path, sha in sorted(listed.items()):
        full = os.path.join(out, path)
        if os.path.isfile(full) and sha and file_sha256(full) != sha:
            return f"--out {out}: {path} was changed after the build wrote it; move it first"
    return None


def _files(folder: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out += sorted(os.path.relpath(os.path.join(root, f), folder) for f in files)
        out += [os.path.relpath(os.path.join(root, d), folder) + os.sep for d in dirs
                if os.path.islink(os.path.join(root, d))]
    return out


def _sample(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


@dataclass
class Lock:
    """An exclusive lock on OUT, held by an open file beside it for as long as the build runs."""

    path: str
    fd: int

    @classmethod
    def take(cls, out: str) -> "Lock":
        parent, name = os.path.split(os.path.abspath(out))
        path = os.path.join(parent, f".{name}.mpt-lock")
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = _read_pid(fd)
                os.close(fd)
                if exc.errno in (errno.EAGAIN, errno.EACCES):
                    raise OutputBusy(f"another build (pid {holder or '?'}) is writing {out}") from None
                raise
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:  # not a lock file that its holder removed while we waited for it
                os.ftruncate(fd, 0)
                os.write(fd, str(os.getpid()).encode())
                return cls(path, fd)
            os.close(fd)

    def release(self) -> None:
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        os.close(self.fd)


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return int(os.read(fd, 32).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


def start_time(pid: int) -> str | None:
    """When a process started (clock ticks since boot), to tell it from a later one with the same pid."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return started is None or start_time(pid) in (None, started)


def make_partial(out: str) -> str:
    """The folder a build writes into, marked as a build's work in progress."""
    tmp = f"{out}.partial-{os.getpid()}"
    os.makedirs(tmp)
    with open(os.path.join(tmp, PARTIAL_MARKER), "w", encoding="utf-8") as f:
        json.dump({"pid": os.getpid(), "started": start_time(os.getpid()), "out": out}, f)
    return tmp


def remove_stale_partials(out: str) -> list[str]:
    """Remove the partial folders of earlier builds of OUT whose process no longer runs."""
    parent, name = os.path.split(out)
    removed: list[str] = []
    try:
        names = os.listdir(parent or ".")
    except OSError:
        return removed
    for entry in sorted(names):
        if not entry.startswith(f"{name}.partial-") and not entry.startswith(f"{name}.old-"):
            continue
        path = os.path.join(parent, entry)
        marker = os.path.join(path, PARTIAL_MARKER)
        try:
            with open(marker, encoding="utf-8") as f:
                info = json.load(f)
        except (OSError, ValueError):
            continue  # not ours: left alone
        if isinstance(info, dict) and not alive(int(info.get("pid", 0)), info.get("started")):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def discard(tmp: str) -> None:
    """Remove a partial folder this process made."""
    if os.path.isfile(os.path.join(tmp, PARTIAL_MARKER)):
        shutil.rmtree(tmp, ignore_errors=True)


def swap_into_place(tmp: str, out: str) -> None:
    """Rename the finished folder into place. An earlier build's folder is set aside and deleted file by
    file, only what its manifest lists; anything else found there is left where it is."""
    problem = replaceable(out)  # checked again: the user may have put something there meanwhile
    if problem:
        raise OutputRefused(problem)
    os.remove(os.path.join(tmp, PARTIAL_MARKER))
    if not os.path.lexists(out):
        os.replace(tmp, out)
        return
    old = f"{out}.old-{os.getpid()}"
    os.replace(out, old)
    with open(os.path.join(old, PARTIAL_MARKER), "w", encoding="utf-8") as f:
        json.dump({"pid": os.getpid(), "started": start_time(os.getpid()), "out": out}, f)
    os.replace(tmp, out)
    _remove_listed(old)


def _remove_listed(folder: str) -> None:
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as f:
            listed = [e["path"] for e in json.load(f).get("files", []) if isinstance(e, dict) and e.get("path")]
    except (OSError, ValueError, AttributeError):
        listed = []
    base = os.path.realpath(folder)
    for path in [*listed, MANIFEST, PARTIAL_MARKER]:
        full = os.path.realpath(os.path.join(base, path))
        if _inside(full, base):
            try:
                os.remove(full)
            except (FileNotFoundError, IsADirectoryError):
                pass
    for root, dirs, _files in os.walk(folder, topdown=False):
        for d in dirs:
            try:
                os.rmdir(os.path.join(root, d))
            except OSError:
                pass
    try:
        os.rmdir(folder)
    except OSError:
        pass  # something not listed is there: it stays, in OUT.old-PID
