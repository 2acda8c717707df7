"""Builds on a Dask cluster: the client sends work, not bytes.

The client lists the inputs (names and sizes, never their contents) and cuts them into shards:
consecutive files, or a byte range of a large one. A worker opens, reads and hashes its shard's files
itself, runs them through the stages with the loop of a local build in one process (`executors.collect`)
and writes the sorted runs, its rejects and a summary to staging, which every host reaches; it sends back
counts and file names. The merge and the writers then run on a worker too, reading from staging and
writing the folder (which the client renames into place, or which is copied to an object store). Shards
depend only on the inputs, and the output only on the records in input order, so a cluster build gives
the same bytes as a local one.

A shard whose task fails twice (an error, or its worker lost both times) becomes one reject per input
with the reason; the build goes on."""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .. import storage
from ..readers import Input
from ..records import Reject, RejectKind, Why
from ..writers.rejects import RejectSpool
from .executors import Executor, collect, merge_counts, run_serial
from .finish import Collected, Finish
from .inputs import shown
from .options import BuildOptions
from .shipped_registry import registry_paths, registry_texts

SHARD_BYTES = 16 << 20  # stored input bytes in a shard, at most (a larger file is cut in ranges of this size)
SHARD_FILES = 256  # files in a shard, at most: many small pages still spread over the workers
RETRIES = 1  # a failed shard is tried once more before it becomes rejects


@dataclass(frozen=True)
class Shard:
    """A unit of work as the client sends it: which files to read, never their bytes."""

    number: int
    inputs: tuple[Input, ...]
    staging: str  # this build's folder in staging: the shard writes under shard-NNNNNNNN/
    options: BuildOptions  # with only this shard's entries of an --urls map
    registry: tuple[tuple[str, bytes], ...] = ()  # the user's registry files (shipped_registry)


@dataclass
class ShardResult:
    number: int
    ok: int = 0
    runs: list[str] = field(default_factory=list)
    rejects_file: str | None = None
    rejected: int = 0
    filtered: dict[str, int] = field(default_factory=dict)  # records the filters dropped, by reason
    summary_file: str | None = None  # the fields below, written beside the runs instead of sent back
    categories: dict[str, int] = field(default_factory=dict)
    per_input: dict[str, int] = field(default_factory=dict)
    hashes: dict[str, str | None] = field(default_factory=dict)


class Dask(Executor):
    """The workers of a Dask cluster read the inputs themselves and write to staging; the merge and the
    writers run on a worker too. This process only lists the inputs and coordinates."""

    def __init__(self, name: str) -> None:
        self.name = name  # the output folder's name, which names this build's folder in staging

    def build(self, found: list[Input], finish: Finish, meter: Any) -> dict[str, Any]:
        options = finish.options
        assert options.scheduler is not None
        if options.staging:
            staging = storage.join(options.staging, f"{self.name}.staging-{os.getpid()}-{int(finish.started * 1000)}")
        else:
            assert finish.tmp is not None
            staging = os.path.join(finish.tmp, ".runs")
        if storage.is_local(staging):
            os.makedirs(storage.local_path(staging) or staging)
        texts = registry_texts(options.registry_files)
        results: list[ShardResult] = []

        def done(result: ShardResult) -> None:
            meter.update(result.ok + result.rejected + sum(result.filtered.values()), result.rejected)
            results.append(result)

        try:
            run(plan(found, staging, options, texts), options.scheduler, done, options.base_dir)
            meter.close()
            # the shards' per-file facts (checksums, rejects by input) stay in staging: the merging worker reads them
            remote = dataclasses.replace(finish, options=dataclasses.replace(options, workers=1), registry=None,
                                         registry_texts=texts)
            gather = Gather(sorted(results, key=lambda r: r.number), [shown(i.path, options.base_dir) for i in found],
                            staging, remote)
            return finish_on_cluster(options.scheduler, gather)
        except BaseException:
            if options.staging:  # this build's own folder in the user's staging; one inside the partial output goes with it
                _remove_quietly(staging)
            raise


def plan(found: list[Input], staging: str, options: BuildOptions,
         registry: tuple[tuple[str, bytes], ...] = ()) -> list[Shard]:
    """Consecutive inputs grouped into shards by their stored size: the same shards for the same inputs.
    A local file larger than a shard is cut into byte ranges of that size, a shard each; the worker of
    a range moves its ends to record starts (readers.ranges)."""
    shards: list[Shard] = []
    current: list[Input] = []
    held = 0

    def close() -> None:
        nonlocal current, held
        if current:
            shards.append(Shard(len(shards), tuple(current), staging, _options_for(current, options), registry))
        current, held = [], 0

    for item in found:
        stored = 0 if item.problem else storage.size(item.path)
        if stored > SHARD_BYTES and storage.local_path(item.path) is not None:
            close()
            for start in range(0, stored, SHARD_BYTES):
                end = start + SHARD_BYTES if start + SHARD_BYTES < stored else None  # the last: to the end as read
                current = [Input(item.path, span=(start, end))]
                close()
            continue
        if current and (held + stored > SHARD_BYTES or len(current) >= SHARD_FILES):
            close()
        current.append(item)
        held += stored
    close()
    return shards


def _options_for(inputs: list[Input], options: BuildOptions) -> BuildOptions:
    """The shard's options, with only its own files' entries of an --urls map."""
    urls = options.urls
    if urls:  # keyed as the HTML reader looks them up: the path, the file name, the name without .gz
        names = set()
        for i in inputs:
            path = storage.local_path(i.path) or i.path
            base = os.path.basename(path.rstrip("/"))
            names |= {path, base, base.removesuffix(".gz")}
        urls = {path: url for path, url in urls.items() if path in names}
    return dataclasses.replace(options, urls=urls or None)


def process_shard(shard: Shard) -> ShardResult:
    """Read a shard's files and write its runs and sorted rejects under staging; runs on a worker. On an
    object store, the shard is written to a local folder first and copied up when it is complete."""
    with _staged(shard.staging, f"shard-{shard.number:08d}") as (work, publish):
        spool = RejectSpool(work)
        collected = collect(shard.inputs, shard.options, registry_paths(shard.registry), work, spool, run_serial)
        result = ShardResult(shard.number, ok=collected.ok, runs=collected.runs, filtered=collected.filtered,
                             hashes={i["path"]: i["sha256"] for i in collected.inputs})
        path = os.path.join(work, "rejects.jsonl")
        result.rejects_file, result.rejected = path, spool.write(path)
        result.categories, result.per_input = dict(spool.categories), dict(spool.per_input)
        _summarise(result, work)
        publish(result)
    return result


def failed(shard: Shard, exc: BaseException, base_dir: str | None) -> ShardResult:
    """A shard that failed twice, as one reject per input saying why; written to staging like any shard's."""

    def why(item: Input) -> Why:
        part = "this file" if not item.span else f"bytes {item.span[0]}-{item.span[1] or 'end'} of this file"
        return item.problem or Why(RejectKind.WORKER_FAILED, f"reading {part}: {type(exc).__name__}: {str(exc)[:300]}")

    with _staged(shard.staging, f"failed-{shard.number:08d}") as (work, publish):
        spool = RejectSpool(work)
        rejects = [Reject(shown(i.path, base_dir), i.span[0] if i.span else 0, why(i)).to_json() for i in shard.inputs]
        spool.add(rejects)
        path = os.path.join(work, "rejects.jsonl")
        result = ShardResult(shard.number, rejects_file=path)
        result.rejected = spool.write(path)
        result.categories, result.per_input = dict(spool.categories), dict(spool.per_input)
        # unread, so no checksum; a later range of a file leaves the first range's to it
        result.hashes = {shown(i.path, base_dir): None for i in shard.inputs if not i.span or i.span[0] == 0}
        _summarise(result, work)
        publish(result)
    return result


@contextlib.contextmanager
def _staged(staging: str, name: str) -> Iterator[tuple[str, Callable[[ShardResult], None]]]:
    """A fresh local folder to write a shard in, and what publishes it: nothing on a shared file system
    (the folder is in staging), a copy up to `staging/name` on an object store, with the result's file
    names changed to where they now are."""
    local = storage.local_path(staging)
    if local is not None:
        work = os.path.join(local, name)
        shutil.rmtree(work, ignore_errors=True)  # what an earlier, failed try of this shard left
        os.makedirs(work)
        yield work, lambda result: None
        return
    scratch = tempfile.mkdtemp(prefix="mpt-shard-")
    work = os.path.join(scratch, name)
    os.makedirs(work)
    target = storage.join(staging, name)

    def publish(result: ShardResult) -> None:
        storage.remove(target)
        storage.put_folder(work, target)
        result.runs = [storage.join(target, os.path.basename(run)) for run in result.runs]
        for name in ("rejects_file", "summary_file"):
            if getattr(result, name):
                setattr(result, name, storage.join(target, os.path.basename(getattr(result, name))))

    try:
        yield work, publish
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(shards: list[Shard], address: str, done: Callable[[ShardResult], None], base_dir: str | None) -> None:
    """Every shard on the cluster, a bounded number submitted at once; results to `done` as they come."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ValueError("--scheduler needs Dask: pip install 'media-provenance-toolkit[dask]'") from None
    with Client(address) as client:
        limit = 4 * max(1, sum(client.nthreads().values()))
        pending = iter(shards)
        futures = as_completed()
        by_key: dict[str, tuple[Shard, Any]] = {}  # the shards submitted and not done, with their futures

        def submit() -> None:
            shard = next(pending, None)
            if shard is not None:
                future = client.submit(process_shard, shard, pure=False, retries=RETRIES)
                by_key[future.key] = (shard, future)
                futures.add(future)

        try:
            for _ in range(limit):
                submit()
            for future in futures:
                shard, _ = by_key.pop(future.key)
                try:
                    done(future.result())
                except Exception as exc:  # the task failed twice, or its workers were lost
                    done(failed(shard, exc, base_dir))
                submit()
        except BaseException:
            client.cancel([f for _, f in by_key.values()])  # an interrupted build: nothing may write to staging after it
            raise


def finish_on_cluster(address: str, job: Callable[[], Any]) -> Any:
    """Run the merge and the writers on a worker: they read the runs from staging, not through the client."""
    from distributed import Client

    with Client(address) as client:
        return client.submit(job, pure=False).result()


def _summarise(result: ShardResult, work: str) -> None:
    """The shard's per-file facts written beside its runs rather than sent back: the client only
    coordinates, and for many small files these would be a good part of what it receives."""
    path = os.path.join(work, "summary.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"categories": result.categories, "per_input": result.per_input, "hashes": result.hashes}, f)
    result.summary_file = path
    result.categories, result.per_input, result.hashes = {}, {}, {}


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


@dataclass
class Gather:
    """On the worker that merges: every shard's runs, rejects and per-file facts read from staging (copied
    down first from an object store) and handed to the merge and the writers (`finish`). Returns the
    manifest without its per-file lists, which the client has no use for; manifest.json has them."""

    results: list[ShardResult]
    inputs: list[str]  # the inputs' names, in input order
    staging: str
    finish: Finish

    def __call__(self) -> dict[str, Any]:
        local = storage.local_path(self.staging)
        copied = None
        if local is None:
            copied = local = tempfile.mkdtemp(prefix="mpt-staging-")
            storage.get_folder(self.staging, copied)
        try:
            built = self.finish(self._collected(local))
        finally:
            if copied:
                shutil.rmtree(copied, ignore_errors=True)
                storage.remove(self.staging)
        return {k: v for k, v in built.items() if k not in ("inputs", "files")}

    def _collected(self, local: str) -> Collected:
        def here(name: str) -> str:
            return name if storage.is_local(self.staging) else os.path.join(
                local, *name[len(self.staging):].lstrip("/").split("/"))

        spool = RejectSpool(local)
        hashes: dict[str, str | None] = {}
        runs = []
        for r in self.results:
            runs += [here(run) for run in r.runs]
            summary: dict[str, dict[str, Any]] = {"categories": {}, "per_input": {}, "hashes": {}}
            if r.summary_file:
                with open(here(r.summary_file), encoding="utf-8") as f:
                    summary = json.load(f)
            spool.adopt(here(r.rejects_file) if r.rejects_file else None, r.rejected, summary["categories"],
                        summary["per_input"])
            for name, digest in summary["hashes"].items():
                hashes[name] = hashes.get(name) or digest  # a file's first range gives its checksum
        return Collected(runs=runs, spool=spool, inputs=[{"path": name, "sha256": hashes.get(name)} for name in self.inputs],
                         ok=sum(r.ok for r in self.results), filtered=merge_counts(r.filtered for r in self.results),
                         scratch=local)
