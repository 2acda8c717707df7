"""The pipeline: readers -> extract -> normalize -> enrich -> validate -> writers, and reuse across the build.

The main process reads the inputs lazily into raw records and cuts them into
batches; `process_batch` is the unit of work: it runs each record through the
stages and writes one sorted run, with the MinHash signatures of its bodies. Once
every batch is done, the reuse stage links republished texts across the runs, and
the merge writes each article's `reuse` with the rows. Batches run in a process pool (or on Dask,
or in this process for one worker), a bounded number at a time, so memory
stays flat. Batch boundaries depend only on the inputs, never on the number of
workers, and the merge orders rows by id, so the output is the same for any
worker count. The folder is built under a temporary name and renamed into
place at the end, so an interrupted build never leaves a folder that looks complete."""
from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .enrich import enrich
from .formats import extract, read_file
from .normalize.record import normalize
from .readers import DEFAULT_MAX_RECORD_MB, Input, discover, file_sha256, ranges
from .records import Batch, BatchResult, RawRecord, RecordError, Reject
from .filters import Filters
from .validate import SchemaError, check, repair_strings
from .writers import card, croissant, folder, manifest, parquet
from . import reuse, storage
from .writers.rejects import RejectSpool


class CannotWrite(OSError):
    """The output cannot be written (read-only folder, full disk); nothing of the user's was changed."""

BATCH_SIZE = 2_000  # raw records in a unit of work at most: bounds a worker's memory and a run's size
BATCH_BYTES = 4 << 20  # and at most this many raw bytes, so a few large pages still spread over the workers


def build_record(raw: RawRecord, registry: Any = None) -> dict[str, Any]:
    """One raw record through extract, normalize, enrich and validate; raises RecordError or SchemaError."""
    record = enrich(normalize(raw, extract(raw)), registry)
    repaired = repair_strings(record)
    if repaired:
        sources = record["provenance"]["field_sources"] + repaired
        record["provenance"]["field_sources"] = sorted(sources, key=lambda s: (s["field"], s["rule"]))
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


def shown(path: str, base_dir: str | None = None) -> str:
    """A path as the user sees it, as valid text: bytes of a name that are not UTF-8 are escaped (\\xe9)."""
    display = os.path.relpath(path, base_dir) if base_dir and not storage.is_url(path) else path
    return os.fsencode(display).decode("utf-8", "backslashreplace")


def raw_records(paths: Iterable[str | Input], fmt: str | None = None, base_dir: str | None = None,
                urls: dict[str, str] | None = None, hashes: dict[str, str | None] | None = None,
                jsonl_map: dict[str, list[str]] | None = None,
                max_record_bytes: int = DEFAULT_MAX_RECORD_MB << 20) -> Iterator[RawRecord | Reject]:
    """Raw records and file-level rejects of every input, named as the user sees them."""
    for item in paths:
        found = item if isinstance(item, Input) else Input(item)
        display = shown(found.path, base_dir)
        if found.problem:
            yield Reject(display, 0, found.problem)
            if hashes is not None:
                hashes[display] = None
            continue
        digest: dict[str, str] = {}
        try:
            with storage.readable(found.path) as local:
                for record in _read_input(local, found.span, fmt, urls, digest, max_record_bytes):
                    if isinstance(record, Reject):
                        yield Reject(display, record.offset, record.reason, record.format, record.url, record.schema_path)
                    else:
                        meta = {**record.meta, "jsonl_map": jsonl_map} if jsonl_map and record.format == "jsonl" else record.meta
                        yield RawRecord(display, record.format, record.offset, record.data, meta)
        except (OSError, ValueError) as exc:  # a remote input that cannot be fetched
            yield Reject(display, 0, f"cannot read the file: {exc}")
        if hashes is not None and not (found.span and found.span[0] > 0):  # a file's first range gives its checksum
            hashes[display] = digest.get("sha256")


def _read_input(path: str, span: tuple[int, int | None] | None, fmt: str | None, urls: dict[str, str] | None,
                digest: dict[str, str], max_record_bytes: int) -> Iterator[RawRecord | Reject]:
    """A whole file, or a byte range of one. The first range hashes the whole file; a file that cannot be
    read in ranges (compressed, plain WARC, HTML) or cannot be opened is read whole by its first range
    (which says why it cannot), and not by the others."""
    try:
        kind = ranges.splittable(path, fmt) if span else None
    except OSError:
        kind = None
    if span is None or (kind is None and span[0] == 0):
        yield from read_file(path, fmt, urls, digest, max_record_bytes)
        return
    if span[0] == 0:
        digest["sha256"] = file_sha256(path)
    if kind is not None:
        yield from ranges.read(path, kind, span[0], span[1], max_record_bytes)


def records_of(path: str, fmt: str | None = None, registry: Any = None,
               urls: dict[str, str] | None = None) -> Iterator[dict[str, Any] | Reject]:
    """Records and rejects of one input, in input order. Without a registry, the shipped one answers."""
    registry = registry if registry is not None else load_registry(())
    for item in raw_records(discover([path]), fmt, urls=urls):
        yield item if isinstance(item, Reject) else process_record(item, registry)


def load_registry(files: tuple[str, ...]) -> Any:
    from .registry import load_registry as _load

    return _load(files)


def warm_up() -> None:
    """Load the lazily loaded tables (first names) before forking workers."""
    from .names.people import is_first_name

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
        elif batch.filters and (why := batch.filters.reason(item)):
            result.filtered[why] = result.filtered.get(why, 0) + 1
        else:
            records.append(item)
    arrival = {id(r): i for i, r in enumerate(records)}  # input order, before the run sorts them by id
    if records:
        result.run = os.path.join(batch.spill_dir, f"run-{batch.number:08d}.parquet")
        try:
            parquet.write_run(records, result.run)
        except OSError:
            raise  # the disk, not a record: the build stops and says so
        except Exception:  # a record Arrow cannot take must not cost the others: find it
            records = _writable(records, result)
            if records:
                parquet.write_run(records, result.run)
            else:
                result.run = None
    if result.run:
        # in the run's row order: write_run sorted them
        reuse.write_signatures(result.run, [r["body"] for r in records], [arrival[id(r)] for r in records],
                               sites=[reuse.site_of(r) for r in records])
    result.ok = len(records)
    return result


def _writable(records: list[dict[str, Any]], result: BatchResult) -> list[dict[str, Any]]:
    kept = []
    for record in records:
        try:
            parquet.to_table([record])
            kept.append(record)
        except Exception as exc:
            prov = record["provenance"]
            result.rejects.append(Reject(prov["input"], prov["offset"], f"internal error: the record cannot be "
                                         f"written ({type(exc).__name__}: {exc})", prov["format"], record["url"]).to_json())
    return kept


def batches(items: Iterable[RawRecord | Reject], size: int, spill_dir: str, registry_files: tuple[str, ...],
            early: Callable[[list[dict[str, Any]]], None], filters: Any = None) -> Iterator[Batch]:
    """Cut raw records into batches; readers' rejects go straight to `early`."""
    current: list[RawRecord] = []
    number = held = 0
    for item in items:
        if isinstance(item, Reject):
            early([item.to_json()])
            continue
        current.append(item)
        held += len(item.data)
        if len(current) >= size or held >= BATCH_BYTES:
            yield Batch(number, current, spill_dir, registry_files, filters)
            number, current, held = number + 1, [], 0
    if current:
        yield Batch(number, current, spill_dir, registry_files, filters)


def run_batches(work: Iterator[Batch], workers: int, done: Callable[[BatchResult], None]) -> None:
    from . import executors

    def prefetch() -> None:
        import datasets  # noqa: F401  (needed for the card: loaded while the workers finish)

    if workers <= 1:
        executors.run_serial(work, process_batch, done)
    else:
        warm_up()  # load once here: forked workers share it
        import gc

        gc.freeze()  # the loaded objects out of the collector's sight: its passes would copy their pages into each worker
        executors.run_pool(work, process_batch, done, workers, prefetch)


def merge_runs(runs: list[str], data_dir: str, metadata: dict[bytes, bytes],
               workers: int = 1) -> tuple[parquet.MergeResult, reuse.Reuse, float]:
    """The reuse stage and the merge, in a fresh process once there are more runs than one merge pass
    takes: the memory of reading, of linking texts and of merging then never add up in one process, which
    keeps the peak flat at any corpus size. Small builds run both here, where starting a process would
    cost more. The levels before the last merge use `workers` processes. Returns the merge, what the
    reuse stage found and its seconds."""
    fan_in = parquet.MERGE_FAN_IN
    if len(runs) <= fan_in:
        found, seconds = reuse.find_and_clean(runs)
        return parquet.merge(runs, data_dir, metadata, fan_in=fan_in, reuse=found.by_id), found, seconds
    from .writers.merge_apart import merge_in_subprocess

    return merge_in_subprocess(runs, data_dir, metadata, os.path.dirname(runs[0]), fan_in, workers)


def convert(inputs: list[str], out: str, *, fmt: str | None = None, workers: int | None = None,
            registry_files: tuple[str, ...] = (), meta: dict[str, Any] | None = None, base_dir: str | None = None,
            urls: dict[str, str] | None = None, jsonl_map: dict[str, list[str]] | None = None,
            command: list[str] | None = None, scheduler: str | None = None, staging: str | None = None,
            progress: str = "quiet", filters: Any = None,
            batch_size: int = BATCH_SIZE, max_record_mb: float = DEFAULT_MAX_RECORD_MB) -> dict[str, Any]:
    """Convert inputs into a dataset folder at `out`; returns the manifest (on a cluster without its
    per-file `inputs` and `files` lists, which the client is not sent: manifest.json has them).

    progress: 'auto' (a bar on a terminal, log lines elsewhere), 'bar', 'lines' or 'quiet'.
    scheduler: a Dask scheduler address; the workers of that cluster then read the inputs and write runs
    and rejects to `staging`, a folder or URL every host sees (default: inside the partial output).
    Inputs, `out` and `staging` may be paths or URLs (file://, or any scheme whose fsspec implementation
    is installed). On an object store `out` must not exist yet: the folder is copied there when complete,
    and `.mpt-complete` is written last.
    Raises FileNotFoundError or ValueError (folder.OutputRefused among them) before any work when the
    inputs or --out are wrong, and CannotWrite when the output cannot be written."""
    started = time.time()
    if workers is not None and workers < 1:
        raise ValueError(f"--workers must be 1 or more, not {workers}")
    if not max_record_mb > 0:
        raise ValueError(f"--max-record-mb must be more than 0, not {max_record_mb}")
    scheduler = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    if staging and not scheduler:
        raise ValueError("--staging is where the workers of a Dask cluster write: give --scheduler too")
    if scheduler and not staging and not storage.is_local(out):
        raise ValueError(f"--out {out} is on an object store: give the cluster a --staging URL too")
    found = discover(inputs)
    registry = load_registry(tuple(registry_files))  # a bad registry file stops here, before any work
    options = {"fmt": fmt, "registry_files": tuple(registry_files), "meta": dict(meta or {}), "base_dir": base_dir,
               "urls": urls, "jsonl_map": jsonl_map, "scheduler": scheduler,
               "command": list(command if command is not None else sys.argv),  # the client's, not a worker's
               "staging": _absolute(staging) if staging else None,
               "batch_size": batch_size, "max_record_bytes": int(max_record_mb * (1 << 20)),
               "workers": workers or os.cpu_count() or 1, "filters": filters or Filters()}
    local_out = storage.local_path(out)
    if local_out is None:
        for item in inputs:
            root = item.split("*")[0].split("?")[0].split("[")[0]
            if storage.inside(out, root) or storage.inside(root, out):
                raise folder.OutputRefused(f"--out {out} and the input {item} overlap: a build never writes among "
                                           "its inputs")
        if storage.holds_files(out):
            raise folder.OutputRefused(f"--out {out} already holds files: on an object store a build never replaces "
                                       "a folder; remove it or choose another")
        return _build(found, out, registry, progress, started, options)
    folder.check_target(local_out, [storage.local_path(i) or i for i in inputs])
    local_out = os.path.abspath(local_out)
    try:
        os.makedirs(os.path.dirname(local_out), exist_ok=True)
        lock = folder.Lock.take(local_out)
    except folder.OutputBusy:
        raise
    except OSError as exc:
        raise CannotWrite(f"cannot write {local_out}: {exc.strerror or exc}") from None
    try:
        folder.remove_stale_partials(local_out)
        return _build(found, local_out, registry, progress, started, options)
    finally:
        lock.release()


def _absolute(name: str) -> str:
    path = storage.local_path(name)
    return name if path is None else os.path.abspath(path)


@dataclass
class Finish:
    """The merge and the writers, once every batch is done: the runs merged into data/, then rejects,
    configs, card, Croissant and manifest. Picklable, so that on a cluster it runs on a worker, which
    reads the runs from staging; the registry is then loaded there, from the files' contents.

    `scratch` is the runs' local folder, removed once merged. With `publish` (an object store URL) the
    folder is built in a local temporary folder and copied there, `.mpt-complete` last."""

    tmp: str | None
    runs: list[str]
    spool: RejectSpool
    inputs_meta: list[dict[str, Any]]
    read: int
    o: dict[str, Any]
    started: float
    scratch: str
    registry_texts: tuple[tuple[str, bytes], ...] = ()
    registry: Any = None
    publish: str | None = None
    filtered: dict[str, int] | None = None  # records the filters dropped, by reason

    def __call__(self) -> dict[str, Any]:
        import tempfile

        from .shards import registry_paths

        tmp = self.tmp or tempfile.mkdtemp(prefix="mpt-build-")
        try:
            registry = self.registry if self.registry is not None else load_registry(registry_paths(self.registry_texts))
            built = self._write(tmp, registry)
            if self.publish:
                storage.put_folder(tmp, self.publish)
                storage.write_text(storage.join(self.publish, storage.COMPLETE), built["started_at"] + "\n")
        finally:
            if self.publish:
                shutil.rmtree(tmp, ignore_errors=True)
        return built

    def _write(self, tmp: str, registry: Any) -> dict[str, Any]:
        o = self.o
        merged, republished, reuse_seconds = merge_runs(self.runs, os.path.join(tmp, "data"),
                                                        parquet.file_metadata(self.inputs_meta, __version__), o["workers"])
        self.spool.write(os.path.join(tmp, "rejects.jsonl"))
        if storage.is_local(self.scratch):
            shutil.rmtree(self.scratch)
        outlets = parquet.write_outlet_config(registry, merged.stats.get("outlet_id", {}), tmp)
        clusters = parquet.write_cluster_config(republished.clusters, tmp)
        built = manifest.describe(o, self.inputs_meta, self.spool, merged, registry, outlets, self.read, self.started,
                                  self.filtered or {})
        built["reuse"] = {"clusters": clusters, "articles_in_clusters": sum(c["size"] for c in republished.clusters),
                          "seconds": round(reuse_seconds, 3), "settings": reuse.settings_description()}
        card.write(tmp, o["meta"], built, merged.stats, outlets, republished.clusters)
        croissant.write(tmp, o["meta"], built, card.languages(merged.stats), card.citation(o["meta"], built),
                        card.PERSONAL_DATA)
        manifest.write(tmp, built, self.started)
        return built


def _here(found: list[Input], tmp: str, registry: Any, o: dict[str, Any], meter: Any, started: float,
          publish: str | None) -> dict[str, Any]:
    """This process reads the inputs and hands batches of raw records to its pool of workers."""
    spill = os.path.join(tmp, ".runs")
    os.makedirs(spill)
    hashes: dict[str, str | None] = {}
    spool = RejectSpool(spill)
    results: list[BatchResult] = []

    def done(result: BatchResult) -> None:
        meter.update(result.ok + len(result.rejects) + sum(result.filtered.values()), len(result.rejects))
        spool.add(result.rejects)
        result.rejects = []  # on disk now: a corpus of bad records costs no memory
        results.append(result)

    def early(rejects: list[dict[str, Any]]) -> None:
        meter.update(len(rejects), len(rejects))
        spool.add(rejects)

    records = raw_records(found, o["fmt"], o["base_dir"], o["urls"], hashes, o["jsonl_map"], o["max_record_bytes"])
    run_batches(batches(records, o["batch_size"], spill, o["registry_files"], early, o["filters"]), o["workers"], done)
    meter.close()
    results.sort(key=lambda r: r.number)
    inputs_meta = [{"path": p, "sha256": h} for p, h in hashes.items()]
    filtered = merge_counts(r.filtered for r in results)
    return Finish(tmp, [r.run for r in results if r.run], spool, inputs_meta,
                  sum(r.ok for r in results) + spool.count + sum(filtered.values()), o, started, spill,
                  registry=registry, publish=publish, filtered=filtered)()


def merge_counts(parts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for part in parts:
        for key, n in part.items():
            total[key] = total.get(key, 0) + n
    return total


def _on_cluster(found: list[Input], tmp: str | None, o: dict[str, Any], meter: Any, started: float, name: str,
                publish: str | None) -> dict[str, Any]:
    """The workers of a Dask cluster read the inputs themselves and write to staging; the merge and the
    writers run on a worker too. This process only lists the inputs and coordinates (toolkit.shards)."""
    from . import shards

    if o["staging"]:
        staging = storage.join(o["staging"], f"{name}.staging-{os.getpid()}-{int(started * 1000)}")
    else:
        assert tmp is not None
        staging = os.path.join(tmp, ".runs")
    if storage.is_local(staging):
        os.makedirs(storage.local_path(staging) or staging)
    settings = {k: o[k] for k in ("fmt", "base_dir", "urls", "jsonl_map", "max_record_bytes", "batch_size", "filters")}
    texts = shards.registry_texts(o["registry_files"])
    plan = shards.plan(found, staging, {**settings, "registry": texts})
    results: list[shards.ShardResult] = []

    def done(result: shards.ShardResult) -> None:
        meter.update(result.ok + result.rejected + sum(result.filtered.values()), result.rejected)
        results.append(result)

    try:
        shards.run(plan, o["scheduler"], done, o["base_dir"])
        meter.close()
        # the shards' per-file facts (checksums, rejects by input) stay in staging: the merging worker reads them
        filtered = merge_counts(r.filtered for r in results)
        finish = Finish(tmp, [], RejectSpool(staging), [], sum(r.ok + r.rejected for r in results) + sum(filtered.values()),
                        {**o, "workers": 1}, started, staging, texts, publish=publish, filtered=filtered)
        gather = shards.Gather(sorted(results, key=lambda r: r.number), [shown(i.path, o["base_dir"]) for i in found],
                               staging, finish)
        return shards.finish_on_cluster(o["scheduler"], gather)
    except BaseException:
        if o["staging"]:  # this build's own folder in the user's staging; one inside the partial output goes with it
            _remove_quietly(staging)
        raise


def _remove_quietly(name: str) -> None:
    """A folder of this build's, removed on the way out of a failure that matters more."""
    local = storage.local_path(name)
    try:
        if local is not None:
            shutil.rmtree(local, ignore_errors=True)
        else:
            storage.remove(name)
    except Exception:
        pass


def _build(found: list[Input], out: str, registry: Any, progress: str, started: float,
           o: dict[str, Any]) -> dict[str, Any]:
    """The build into `out`: a local folder is written as OUT.partial-PID and renamed into place; a folder
    on an object store is built in a local temporary folder (on the worker that merges, on a cluster)
    and copied up, `.mpt-complete` last."""
    import tempfile

    from .progress import Progress, summary

    publish = None if storage.is_local(out) else out
    try:
        if publish is None:
            tmp: str | None = folder.make_partial(out)
        else:
            tmp = None if o["scheduler"] else tempfile.mkdtemp(prefix="mpt-build-")
    except OSError as exc:
        raise CannotWrite(f"cannot write {out}: {exc.strerror or exc}") from None
    meter = Progress(progress)
    name = os.path.basename(out.rstrip("/")) or "out"
    try:
        if o["scheduler"]:
            built = _on_cluster(found, tmp, o, meter, started, name, publish)
        else:
            assert tmp is not None
            built = _here(found, tmp, registry, o, meter, started, publish)
        if tmp and publish is None:
            folder.swap_into_place(tmp, out)
    except OSError as exc:
        _discard(tmp, publish)
        if isinstance(exc, CannotWrite):
            raise
        raise CannotWrite(f"cannot write {out}: {exc.strerror or exc}") from None
    except BaseException:
        _discard(tmp, publish)
        raise
    c = built["counts"]
    meter.log(summary(c, built["reject_reasons"], built["seconds"], out))
    if c["written"] == 0:
        meter.log(f"mpt: no article was written: {out} holds the rejects and an empty table; datasets.load_dataset "
                  f"cannot load an empty split, toolkit.load and pandas can")
    return built


def _discard(tmp: str | None, publish: str | None) -> None:
    if tmp is None:
        return
    if publish is None:
        folder.discard(tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
