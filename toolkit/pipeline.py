"""The pipeline: readers -> extract -> normalize -> enrich -> validate -> writers.

The main process reads the inputs lazily into raw records and cuts them into
batches; `process_batch` is the unit of work: it runs each record through the
stages and writes one sorted run. Batches run in a process pool (or on Dask,
or in this process for one worker), a bounded number at a time, so memory
stays flat. Batch boundaries depend only on the inputs, never on the number of
workers, and the merge orders rows by id, so the output is the same for any
worker count. The folder is built under a temporary name and renamed into
place at the end, so an interrupted build never leaves a folder that looks complete."""
from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import time
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .enrich import enrich
from .extract import extract
from .normalize.record import normalize
from .readers import discover, file_sha256, read_file
from .records import Batch, BatchResult, RawRecord, RecordError, Reject
from .schema import hf_features
from .validate import SchemaError, check
from .writers import card, parquet

BATCH_SIZE = 2_000  # raw records in a unit of work at most: bounds a worker's memory and a run's size
BATCH_BYTES = 4 << 20  # and at most this many raw bytes, so a few large pages still spread over the workers


def build_record(raw: RawRecord, registry: Any = None) -> dict[str, Any]:
    """One raw record through extract, normalize, enrich and validate; raises RecordError or SchemaError."""
    record = enrich(normalize(raw, extract(raw)), registry)
    check(record)
    return record


def process_record(raw: RawRecord, registry: Any) -> dict[str, Any] | Reject:
    """A record or the reason it is not one. Nothing raises: a failure becomes a reject."""
    url = raw.meta.get("url")
    try:
        return build_record(raw, registry)
    except SchemaError as exc:
        return Reject(raw.input, raw.offset, str(exc), raw.format, url, exc.path)
    except RecordError as exc:
        return Reject(raw.input, raw.offset, str(exc), raw.format, url)
    except Exception as exc:  # a bug must not stop the batch; the reject names it
        return Reject(raw.input, raw.offset, f"internal error: {type(exc).__name__}: {exc}", raw.format, url)


def raw_records(paths: Iterable[str], fmt: str | None = None, base_dir: str | None = None,
                urls: dict[str, str] | None = None, hashes: dict[str, str] | None = None,
                jsonl_map: dict[str, list[str]] | None = None) -> Iterator[RawRecord | Reject]:
    """Raw records and file-level rejects of every input, named as the user sees them."""
    for path in paths:
        display = os.path.relpath(path, base_dir) if base_dir else path
        digest: dict[str, str] = {}
        for item in read_file(path, fmt, urls, digest):
            if isinstance(item, Reject):
                yield Reject(display, item.offset, item.reason, item.format, item.url, item.schema_path)
            else:
                meta = {**item.meta, "jsonl_map": jsonl_map} if jsonl_map and item.format == "jsonl" else item.meta
                yield RawRecord(display, item.format, item.offset, item.data, meta)
        if hashes is not None:  # files rejected before a full read are hashed here
            hashes[display] = digest.get("sha256") or file_sha256(path)


def records_of(path: str, fmt: str | None = None, registry: Any = None,
               urls: dict[str, str] | None = None) -> Iterator[dict[str, Any] | Reject]:
    """Records and rejects of one input, in input order. Without a registry, the shipped one answers."""
    registry = registry if registry is not None else load_registry(())
    for item in raw_records([path], fmt, urls=urls):
        yield item if isinstance(item, Reject) else process_record(item, registry)


def load_registry(files: tuple[str, ...]) -> Any:
    from .registry import load_registry as _load

    return _load(files)


def warm_up() -> None:
    """Load the lazily loaded tables (first names) before forking workers."""
    from .enrich.byline import is_first_name

    is_first_name("Anna")


def process_batch(batch: Batch) -> BatchResult:
    """The unit of work: a batch of raw records into one sorted run and its rejects."""
    registry = load_registry(batch.registry_files)
    result = BatchResult(batch.number)
    records = []
    for raw in batch.records:
        item = process_record(raw, registry)
        if isinstance(item, Reject):
            result.rejects.append(item.to_json())
        else:
            records.append(item)
    result.ok = len(records)
    if records:
        result.run = os.path.join(batch.spill_dir, f"run-{batch.number:08d}.parquet")
        parquet.write_run(records, result.run)
    return result


def batches(items: Iterable[RawRecord | Reject], size: int, spill_dir: str, registry_files: tuple[str, ...],
            early: list[dict[str, Any]]) -> Iterator[Batch]:
    """Cut raw records into batches; readers' rejects go straight to `early`."""
    current: list[RawRecord] = []
    number = held = 0
    for item in items:
        if isinstance(item, Reject):
            early.append(item.to_json())
            continue
        current.append(item)
        held += len(item.data)
        if len(current) >= size or held >= BATCH_BYTES:
            yield Batch(number, current, spill_dir, registry_files)
            number, current, held = number + 1, [], 0
    if current:
        yield Batch(number, current, spill_dir, registry_files)


def run_batches(work: Iterator[Batch], workers: int, scheduler: str | None, done: Callable[[BatchResult], None]) -> None:
    from . import executors

    def prefetch() -> None:
        import datasets  # noqa: F401  (needed for the card: loaded while the workers finish)

    if scheduler:
        executors.run_dask(work, process_batch, done, scheduler, prefetch)
    elif workers <= 1:
        executors.run_serial(work, process_batch, done)
    else:
        warm_up()  # load once here: forked workers share it
        import gc

        gc.freeze()  # the loaded objects out of the collector's sight: its passes would copy their pages into each worker
        executors.run_pool(work, process_batch, done, workers, prefetch)


def merge_runs(runs: list[str], data_dir: str, metadata: dict[bytes, bytes], workers: int = 1) -> parquet.MergeResult:
    """The merge, in a fresh process once there are more runs than one merge pass takes: the memory of
    reading and of merging then never add up in one process, which keeps the peak flat at any corpus size.
    Small builds merge here, where starting a process would cost more than the merge. The levels before
    the last merge use `workers` processes."""
    fan_in = parquet.MERGE_FAN_IN
    if len(runs) <= fan_in:
        return parquet.merge(runs, data_dir, metadata, fan_in=fan_in)
    from .writers.merge_apart import merge_in_subprocess

    return merge_in_subprocess(runs, data_dir, metadata, os.path.dirname(runs[0]), fan_in, workers)


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"toolkit": __version__, "python": platform.python_version(),
            **{name: version(name) for name in ("pyarrow", "datasets", "jsonschema", "jsonschema-rs", "trafilatura")}}


def convert(inputs: list[str], out: str, *, fmt: str | None = None, workers: int | None = None,
            registry_files: tuple[str, ...] = (), meta: dict[str, Any] | None = None, base_dir: str | None = None,
            urls: dict[str, str] | None = None, jsonl_map: dict[str, list[str]] | None = None,
            command: list[str] | None = None, scheduler: str | None = None, progress: str = "quiet",
            batch_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Convert inputs into a dataset folder at `out`; returns the manifest.

    progress: 'auto' (a bar on a terminal, log lines elsewhere), 'bar', 'lines' or 'quiet'.
    scheduler: a Dask scheduler address; the batches then run on that cluster."""
    from .progress import Progress

    started = time.time()
    scheduler = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    meta = dict(meta or {})
    paths = discover(inputs)
    registry = load_registry(tuple(registry_files))  # a bad registry file stops here, before any work
    out = os.path.abspath(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = f"{out}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    spill = os.path.join(tmp, ".runs")
    os.makedirs(spill)
    try:
        hashes: dict[str, str] = {}
        early: list[dict[str, Any]] = []
        results: list[BatchResult] = []
        meter = Progress(progress)

        def done(result: BatchResult) -> None:
            results.append(result)
            meter.update(result.ok + len(result.rejects), len(result.rejects))

        work = batches(raw_records(paths, fmt, base_dir, urls, hashes, jsonl_map), batch_size, spill, tuple(registry_files), early)
        workers = workers or os.cpu_count() or 1
        run_batches(work, workers, scheduler, done)
        meter.close()
        results.sort(key=lambda r: r.number)
        runs = [r.run for r in results if r.run]
        inputs_meta = [{"path": p, "sha256": h} for p, h in hashes.items()]
        merged = merge_runs(runs, os.path.join(tmp, "data"), parquet.file_metadata(inputs_meta, __version__), workers)
        shutil.rmtree(spill)
        outlets = _write_outlets(registry, merged.stats.get("outlet_id", {}), tmp)
        rejects = sorted(early + [rj for r in results for rj in r.rejects], key=lambda j: (j["input"], j["offset"]))
        parquet.write_jsonl(os.path.join(tmp, "rejects.jsonl"), rejects)
        read = sum(r.ok + len(r.rejects) for r in results) + len(early)
        manifest = _manifest(meta, command, inputs_meta, rejects, results, early, merged, registry, registry_files,
                             outlets, read, started, tmp)
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
    meter.log(f"mpt: read {c['read']}, written {c['written']}, rejected {c['rejected']}, duplicates {c['duplicates']}, "
              f"{manifest['seconds']:.1f} s, {c['read'] / max(manifest['seconds'], 1e-9):.0f} records/s -> {out}")
    return manifest


def _manifest(meta, command, inputs_meta, rejects, results, early, merged, registry, registry_files, outlets,
              read, started, tmp) -> dict[str, Any]:
    per_input: dict[str, dict[str, int]] = {i["path"]: {"records": 0, "rejected": 0} for i in inputs_meta}
    for rj in rejects:
        per_input.setdefault(rj["input"], {"records": 0, "rejected": 0})["rejected"] += 1
    reasons: dict[str, int] = {}
    for rj in rejects:
        key = rj["reason"].split(":")[0] if rj["reason"].startswith(("skipped", "schema", "internal")) else rj["reason"]
        reasons[key[:120]] = reasons.get(key[:120], 0) + 1
    counts = {"read": read, "written": merged.written, "rejected": len(rejects), "duplicates": len(merged.duplicates)}
    if read != merged.written + len(rejects) + len(merged.duplicates):
        raise RuntimeError(f"counts do not reconcile: {counts}")
    return {
        "name": meta.get("name"),
        "command": command if command is not None else sys.argv,
        "versions": _versions(),
        "inputs": [{"path": i["path"], "sha256": i["sha256"], "rejected": per_input[i["path"]]["rejected"]}
                   for i in inputs_meta],
        "registry": {"version": registry.version if registry else None, "files": list(registry_files),
                     "outlets_referenced": outlets},
        "counts": counts,
        "reject_reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        "duplicate_rule": parquet.DUPLICATE_RULE,
        "duplicates": merged.duplicates,
        "files": [{"path": os.path.relpath(f, tmp), "sha256": file_sha256(f)} for f in merged.files],
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": None,
    }


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
