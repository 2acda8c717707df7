"""Data that is slow to parse and never changes for a given input, kept as JSON in the user's cache folder.

Every worker process would otherwise pay it again (the shipped registry's YAML costs seconds, the
given-names list most of one). An entry is named by a key that changes with its input (a file's SHA-256,
a package version), so a stale entry is never read; a cache that cannot be written is no error, and only
data that JSON keeps exactly is stored."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable


def cache_dir() -> Path:
    """$MPT_CACHE_DIR, else the user's cache folder."""
    configured = os.environ.get("MPT_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "media-provenance-toolkit"


def cached_json(name: str, build: Callable[[], Any]) -> Any:
    """The data under `name` (a file name that holds its key), from the cache or from build()."""
    path = cache_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = build()
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) == data:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, path)  # whole or absent: a reader never sees half a file
    except (OSError, TypeError, ValueError):
        try:
            partial.unlink()
        except OSError:
            pass
    return data
