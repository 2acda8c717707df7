"""manifest.json: what a build read, what it wrote and with what, so a dataset can be traced to its inputs.
Written last, with the SHA-256 of every other file of the folder."""
from __future__ import annotations

import json
import os
import platform
import time
from typing import Any

from ..version import __version__
from ..readers import GENERATOR, file_sha256
from .folder import MANIFEST
from .rejects import RejectSpool


def versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"toolkit": __version__, "python": platform.python_version(),
            **{name: version(name) for name in ("pyarrow", "datasets", "jsonschema", "jsonschema-rs", "trafilatura")}}


def describe(build: dict[str, Any], inputs_meta: list[dict[str, Any]], rejects: RejectSpool, written: int,
             duplicates: int, registry: Any, outlets: int, read: int, started: float,
             filtered: dict[str, int] | None = None) -> dict[str, Any]:
    """The manifest of a build, before its file listing and time: counts that must reconcile
    (read = written + rejected + duplicates + filtered), the inputs with their checksums, the options,
    filters and versions. `build`: its name, command, options, registry files, duplicate rule and
    duplicates file."""
    per_input, reasons = rejects.per_input, rejects.categories
    filtered = filtered or {}
    counts = {"read": read, "written": written, "rejected": rejects.count, "duplicates": duplicates,
              "filtered": sum(filtered.values())}
    if read != written + rejects.count + duplicates + counts["filtered"]:
        raise RuntimeError(f"counts do not reconcile: {counts}")
    return {
        "generator": GENERATOR,
        "name": build["name"],
        "command": build["command"],
        "versions": versions(),
        "options": build["options"],
        "inputs": [{"path": i["path"], "sha256": i["sha256"], "rejected": per_input.get(i["path"], 0)}
                   for i in inputs_meta],
        "registry": {"version": registry.version if registry else None, "files": build["registry_files"],
                     "outlets_referenced": outlets},
        "counts": counts,
        "reject_reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        "filter_reasons": dict(sorted(filtered.items(), key=lambda kv: (-kv[1], kv[0]))),
        "duplicate_rule": build["duplicate_rule"],
        "duplicates_file": build["duplicates_file"],
        "files": [],
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": None,
    }


def listing(folder: str) -> list[dict[str, str]]:
    """Every file of the finished folder but the manifest, with its SHA-256, in path order."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            if rel not in (MANIFEST, ".mpt-partial"):
                files.append({"path": rel, "sha256": file_sha256(path)})
    return sorted(files, key=lambda f: f["path"])


def write(folder: str, manifest: dict[str, Any], started: float) -> None:
    """The manifest with the folder's file listing and the build's time, as the folder's last file."""
    manifest["files"] = listing(folder)
    manifest["seconds"] = round(time.time() - started, 3)
    with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
