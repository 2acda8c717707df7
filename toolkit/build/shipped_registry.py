"""The user's registry files carried to the workers of a cluster: a worker on another host cannot open the
client's paths, so each shard and the merge carry the files' contents (they are small)."""
from __future__ import annotations

import hashlib
import os
import tempfile

from ..cache import cache_dir


def registry_texts(files: tuple[str, ...]) -> tuple[tuple[str, bytes], ...]:
    """The user's registry files as (name, content)."""
    texts = []
    for path in files:
        with open(path, "rb") as f:
            texts.append((os.path.basename(path), f.read()))
    return tuple(texts)


def registry_paths(texts: tuple[tuple[str, bytes], ...]) -> tuple[str, ...]:
    """The registry files written once per content in this host's cache folder (its temporary folder when
    the cache cannot be written), for the registry loader."""
    paths = []
    for name, content in texts:
        # the file keeps its name: a registry without `version:` is versioned by it, in every row
        key = f"worker-registry-{hashlib.sha256(content).hexdigest()[:24]}"
        folder = os.path.join(cache_dir(), key)
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError:
            folder = os.path.join(tempfile.gettempdir(), f"mpt-{key}")
            os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            partial = f"{path}.{os.getpid()}"
            with open(partial, "wb") as f:
                f.write(content)
            os.replace(partial, path)
        paths.append(path)
    return tuple(paths)
