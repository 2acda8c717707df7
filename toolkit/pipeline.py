"""The pipeline: readers -> extract -> normalize -> enrich -> validate -> writers.

`process_shard` is the unit of work (one input file): it runs every record of
the file through the stages and writes sorted runs. `convert` runs the shards
(in a process pool, or in this process for one worker), merges the runs into
the dataset's Parquet files and writes rejects, manifest and card. The folder
is built under a temporary name and renamed into place at the end, so an
interrupted build never leaves a folder that looks complete."""
from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from . import __version__
from .enrich import enrich
from .extract import extract
from .normalize.record import normalize
from .readers import discover, file_sha256, read_file
from .records import RawRecord, RecordError, Reject
from .schema import hf_features
from .validate import SchemaError, check
from .writers import card, parquet

RUN_SIZE = 10_000  # records per sorted run: bounds a worker's memory


@dataclass(frozen=True)
class ShardTask:
    path: str  # where to read
    display: str  # how records and rejects name the input
    fmt: str | None
    spill_dir: str
    number: int
    registry_files: tuple[str, ...] = ()


@dataclass
class ShardResult:
    input: str
    sha256: str
    read: int = 0
    ok: int = 0
    rejects: list[dict[str, Any]] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)


def build_record(raw: RawRecord, registry: Any = None) -> dict[str, Any]:
    """One raw record through extract, normalize, enrich and validate; raises RecordError or SchemaError."""
    record = enrich(normalize(raw, extract(raw)), registry)
    check(record)
    return record


def records_of(path: str, display: str | None = None, fmt: str | None = None,
               registry: Any = None) -> Iterator[dict[str, Any] | Reject]:
    """Records and rejects of one input, in input order. Nothing raises: failures become rejects.
    Without a registry, the shipped one answers."""
    display = display or path
    registry = registry if registry is not None else load_registry(())
    for item in read_file(path, fmt):
        if isinstance(item, Reject):
            yield Reject(display, item.offset, item.reason, item.format, item.url, item.schema_path)
            continue
        raw = RawRecord(display, item.format, item.offset, item.data, item.meta)
        url = raw.meta.get("url")
        try:
            yield build_record(raw, registry)
        except SchemaError as exc:
            yield Reject(display, raw.offset, str(exc), raw.format, url, exc.path)
        except RecordError as exc:
            yield Reject(display, raw.offset, str(exc), raw.format, url)
        except Exception as exc:  # a bug must not stop the batch; the reject names it
            yield Reject(display, raw.offset, f"internal error: {type(exc).__name__}: {exc}", raw.format, url)


def load_registry(files: tuple[str, ...]) -> Any:
    from .registry import load_registry as _load

    return _load(files)


def process_shard(task: ShardTask) -> ShardResult:
    result = ShardResult(task.display, file_sha256(task.path))
    registry = load_registry(task.registry_files)
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        path = os.path.join(task.spill_dir, f"run-{task.number:06d}-{len(result.runs):04d}.parquet")
        parquet.write_run(batch, path)
        result.runs.append(path)
        batch.clear()

    for item in records_of(task.path, task.display, task.fmt, registry):
        result.read += 1
        if isinstance(item, Reject):
            result.rejects.append(item.to_json())
            continue
        result.ok += 1
        batch.append(item)
        if len(batch) >= RUN_SIZE:
            flush()
    if batch:
        flush()
    return result


def _run_shards(tasks: list[ShardTask], workers: int, progress: Callable[[ShardResult], None]) -> list[ShardResult]:
    if workers <= 1 or len(tasks) <= 1:
        results = []
        for t in tasks:
            results.append(process_shard(t))
            progress(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = []
        for r in pool.map(process_shard, tasks, chunksize=1):
            results.append(r)
            progress(r)
        return results


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"toolkit": __version__, "python": platform.python_version(),
            **{name: version(name) for name in ("pyarrow", "datasets", "jsonschema", "jsonschema-rs")}}


def convert(inputs: list[str], out: str, *, fmt: str | None = None, workers: int | None = None,
            registry_files: tuple[str, ...] = (), meta: dict[str, Any] | None = None, base_dir: str | None = None,
            command: list[str] | None = None, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Convert inputs into a dataset folder at `out`; returns the manifest."""
    started = time.time()
    log = log or (lambda msg: None)
    meta = dict(meta or {})
    paths = discover(inputs)
    registry = load_registry(tuple(registry_files))  # a bad registry file stops here, before any work
    out = os.path.abspath(out)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    tmp = f"{out}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    spill = os.path.join(tmp, ".runs")
    os.makedirs(spill)
    try:
        tasks = [ShardTask(p, os.path.relpath(p, base_dir) if base_dir else p, fmt, spill, n, tuple(registry_files))
                 for n, p in enumerate(paths)]
        done = {"read": 0, "rejected": 0}

        def progress(r: ShardResult) -> None:
            done["read"] += r.read
            done["rejected"] += len(r.rejects)

        results = _run_shards(tasks, workers or os.cpu_count() or 1, progress)
        runs = [path for r in results for path in r.runs]
        inputs_meta = [{"path": r.input, "sha256": r.sha256} for r in results]
        merged = parquet.merge(runs, os.path.join(tmp, "data"), parquet.file_metadata(inputs_meta, __version__))
        shutil.rmtree(spill)
        outlets = _write_outlets(registry, merged.stats.get("outlet_id", {}), tmp)
        rejects = sorted((rj for r in results for rj in r.rejects), key=lambda j: (j["input"], j["offset"]))
        parquet.write_jsonl(os.path.join(tmp, "rejects.jsonl"), rejects)
        read = sum(r.read for r in results)
        manifest = {
            "name": meta.get("name"),
            "command": command if command is not None else sys.argv,
            "versions": _versions(),
            "inputs": [{"path": r.input, "sha256": r.sha256, "records": r.read, "written_or_duplicate": r.ok,
                        "rejected": len(r.rejects)} for r in results],
            "registry": {"version": registry.version if registry else None, "files": list(registry_files),
                         "outlets_referenced": outlets},
            "counts": {"read": read, "written": merged.written, "rejected": len(rejects), "duplicates": len(merged.duplicates)},
            "duplicate_rule": parquet.DUPLICATE_RULE,
            "duplicates": merged.duplicates,
            "files": [{"path": os.path.relpath(f, tmp), "sha256": file_sha256(f)} for f in merged.files],
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
            "seconds": None,
        }
        if read != merged.written + len(rejects) + len(merged.duplicates):
            raise RuntimeError(f"counts do not reconcile: {manifest['counts']}")
        with open(os.path.join(tmp, "README.md"), "w", encoding="utf-8") as f:
            extra = [{"name": "outlets", "path": "outlets/*.parquet", "rows": outlets, "bytes": _bytes(tmp, "outlets"),
                      "features": hf_features("outlet.schema.json")}] if outlets else []
            f.write(card.render(meta, manifest, merged.stats, extra_configs=extra, data_bytes=_bytes(tmp, "data"),
                                extra_sections=[card.affiliation_table(merged.stats)]))
        manifest["seconds"] = round(time.time() - started, 3)
        with open(os.path.join(tmp, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2)
            f.write("\n")
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    c = manifest["counts"]
    log(f"read {c['read']}, written {c['written']}, rejected {c['rejected']}, duplicates {c['duplicates']}, "
        f"{manifest['seconds']:.1f} s -> {out}")
    return manifest


def _bytes(folder: str, sub: str) -> int:
    path = os.path.join(folder, sub)
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path)) if os.path.isdir(path) else 0


def _write_outlets(registry: Any, referenced: dict[str, int], folder: str) -> int:
    ids = sorted(k for k in referenced if k and k != "(none)")
    if registry is None or not ids:
        return 0
    entries = [registry.entries[i] for i in ids if i in registry.entries]
    meta = {b"mpt.registry_version": registry.version.encode(), b"huggingface": json.dumps(
        {"info": {"features": hf_features("outlet.schema.json").to_dict()}}).encode()}
    return parquet.write_outlets(entries, os.path.join(folder, "outlets", "train-00000-of-00001.parquet"), meta)


def _swap_into_place(tmp: str, out: str) -> None:
    if os.path.exists(out):
        old = f"{out}.old-{os.getpid()}"
        os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)
