"""A build's options, checked once and frozen: what every stage, worker and writer of the build reads."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Mapping

from .. import storage
from ..filters import Filters
from ..readers import DEFAULT_MAX_RECORD_MB

BATCH_SIZE = 2_000  # raw records in a unit of work at most: bounds a worker's memory and a run's size
BATCH_BYTES = 4 << 20  # and at most this many raw bytes, so a few large pages still spread over the workers


@dataclass(frozen=True)
class BuildOptions:
    """What `convert` was asked, in the form the stages use. Picklable: shards and the merge on a cluster
    carry it to the workers."""

    fmt: str | None = None  # the inputs' format, when not sniffed
    registry_files: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)  # the card's name, licence, citation, version ...
    base_dir: str | None = None  # inputs are named relative to it (a recipe's folder)
    urls: dict[str, str] | None = None  # HTML file -> its URL
    jsonl_map: dict[str, list[str]] | None = None  # JSON lines: field -> the keys that give it
    scheduler: str | None = None  # a Dask scheduler's address
    staging: str | None = None  # where a cluster's workers write (absolute, or a URL)
    command: tuple[str, ...] = ()  # the client's command line, for the manifest
    batch_size: int = BATCH_SIZE
    max_record_bytes: int = DEFAULT_MAX_RECORD_MB << 20
    workers: int = 1
    filters: Filters = field(default_factory=Filters)

    def describe(self) -> dict[str, Any]:
        """What the manifest records of the options."""
        return {"name": self.meta.get("name"), "command": list(self.command), "registry_files": list(self.registry_files),
                "options": {"format": self.fmt, "max_record_mb": self.max_record_bytes / (1 << 20),
                            "filters": self.filters.describe() if self.filters else {}}}

    @classmethod
    def checked(cls, *, workers: int | None = None, max_record_mb: float = DEFAULT_MAX_RECORD_MB,
                scheduler: str | None = None, staging: str | None = None, out: str = "",
                registry_files: tuple[str, ...] = (), meta: Mapping[str, Any] | None = None,
                command: list[str] | None = None, filters: Filters | None = None, **given: Any) -> BuildOptions:
        """The options of `convert`'s arguments; ValueError names the first that is wrong."""
        if workers is not None and workers < 1:
            raise ValueError(f"--workers must be 1 or more, not {workers}")
        if not max_record_mb > 0:
            raise ValueError(f"--max-record-mb must be more than 0, not {max_record_mb}")
        scheduler = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
        if staging and not scheduler:
            raise ValueError("--staging is where the workers of a Dask cluster write: give --scheduler too")
        if scheduler and not staging and not storage.is_local(out):
            raise ValueError(f"--out {out} is on an object store: give the cluster a --staging URL too")
        return cls(registry_files=tuple(registry_files), meta=dict(meta or {}), scheduler=scheduler,
                   staging=_absolute(staging) if staging else None,
                   command=tuple(command if command is not None else sys.argv),  # the client's, not a worker's
                   max_record_bytes=int(max_record_mb * (1 << 20)), workers=workers or os.cpu_count() or 1,
                   filters=filters or Filters(), **given)


def _absolute(name: str) -> str:
    path = storage.local_path(name)
    return name if path is None else os.path.abspath(path)
