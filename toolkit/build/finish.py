"""The end of a build, once every batch is done: the runs merged into data/ (after the reuse stage), then
rejects, configs, card, Croissant and manifest."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Any

from .. import reuse, storage
from ..merge.duplicates import DUPLICATE_RULE, DUPLICATES
from ..registry import Registry, load_registry
from ..version import __version__
from ..writers import card, croissant, manifest, parquet
from ..writers.rejects import RejectSpool
from .apart import reuse_and_merge
from .options import BuildOptions
from .shipped_registry import registry_paths


@dataclass
class Collected:
    """What the stages produced from the inputs: runs in input order, the rejects spooled, each input's
    checksum, and the records written to runs (`ok`) and dropped by the filters, by reason. `scratch`
    is the runs' local folder, removed once they are merged."""

    runs: list[str]
    spool: RejectSpool
    inputs: list[dict[str, Any]]  # {"path", "sha256"} in input order
    ok: int
    filtered: dict[str, int]
    scratch: str

    @property
    def read(self) -> int:
        return self.ok + self.spool.count + sum(self.filtered.values())


@dataclass
class Finish:
    """The merge and the writers, into `tmp`. Picklable, so that on a cluster it runs on a worker, which
    reads the runs from staging; the registry is then loaded there, from the files' contents
    (`registry_texts`). With `publish` (an object store URL) the folder is built in a local temporary
    folder and copied there, `.mpt-complete` last."""

    options: BuildOptions
    started: float
    tmp: str | None
    registry: Registry | None = None
    registry_texts: tuple[tuple[str, bytes], ...] = ()
    publish: str | None = None

    def __call__(self, collected: Collected) -> dict[str, Any]:
        tmp = self.tmp or tempfile.mkdtemp(prefix="mpt-build-")
        try:
            registry = self.registry if self.registry is not None else load_registry(registry_paths(self.registry_texts))
            built = self._write(tmp, registry, collected)
            if self.publish:
                storage.put_folder(tmp, self.publish)
                storage.write_text(storage.join(self.publish, storage.COMPLETE), built["started_at"] + "\n")
        finally:
            if self.publish:
                shutil.rmtree(tmp, ignore_errors=True)
        return built

    def _write(self, tmp: str, registry: Registry, collected: Collected) -> dict[str, Any]:
        options = self.options
        merged, republished, reuse_seconds = reuse_and_merge(
            collected.runs, os.path.join(tmp, "data"), parquet.file_metadata(collected.inputs, __version__),
            options.workers)
        collected.spool.write(os.path.join(tmp, "rejects.jsonl"))
        if storage.is_local(collected.scratch):
            shutil.rmtree(collected.scratch)
        outlets = parquet.write_outlet_config(registry, merged.stats.get("outlet_id", {}), tmp)
        clusters = parquet.write_cluster_config(republished.clusters, tmp)
        described = {**options.describe(), "duplicate_rule": DUPLICATE_RULE, "duplicates_file": DUPLICATES}
        built = manifest.describe(described, collected.inputs, collected.spool, merged.written, merged.duplicates,
                                  registry, outlets, collected.read, self.started, collected.filtered)
        built["reuse"] = {"clusters": clusters, "articles_in_clusters": sum(c["size"] for c in republished.clusters),
                          "seconds": round(reuse_seconds, 3), "settings": reuse.settings_description()}
        card.write(tmp, options.meta, built, merged.stats, outlets, republished.clusters)
        croissant.write(tmp, options.meta, built, card.languages(merged.stats), card.citation(options.meta, built),
                        card.PERSONAL_DATA)
        manifest.write(tmp, built, self.started)
        return built
