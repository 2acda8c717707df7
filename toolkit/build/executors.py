"""Where a build's batches run, behind one interface: `Executor.build` takes the inputs through the stages
and hands what they produced to the merge and the writers (`finish.Finish`).

- `Local`: this process reads the inputs and cuts them into batches, which run in a process pool (or in
  this process for one worker). A bounded number of batches (and of raw bytes) is in flight, so reading
  never runs far ahead of the work and memory stays flat.
- `cluster.Dask`: the workers of a Dask cluster read their shards of the inputs themselves, each with the
  loop of this module (`collect`) in one process.

Pool workers leave Ctrl-C to the main process, which stops them, and they exit on their own when the
main process dies."""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterable, Iterator

from ..processes import worker_init
from ..readers import Input
from ..records import Batch, BatchResult, Reject
from ..writers.rejects import RejectSpool
from .finish import Collected, Finish
from .inputs import Checksum, batches, read_inputs
from .options import BuildOptions
from .stages import process_batch, warm_up

IN_FLIGHT_BYTES = 256 << 20  # raw bytes submitted and not yet done, beyond the first batch

MapBatches = Callable[[Iterator[Batch], Callable[[BatchResult], None]], None]
Meter = Callable[[int, int], None]  # (records done, of them rejected)


class Executor(ABC):
    @abstractmethod
    def build(self, found: list[Input], finish: Finish, meter: Any) -> dict[str, Any]:
        """Every input through the stages, then `finish`; returns the manifest. `meter` is a progress.Progress."""


def collect(inputs: Iterable[Input], options: BuildOptions, registry_files: tuple[str, ...], work_dir: str,
            spool: RejectSpool, map_batches: MapBatches, meter: Meter = lambda done, rejected: None) -> Collected:
    """Read the inputs, run their batches with `map_batches` and gather the runs (in input order), the
    rejects (into `spool`), the checksums and the counts: the loop of a local build and of a shard."""
    checksums: dict[str, str | None] = {}
    results: list[BatchResult] = []

    def aside(item: Reject | Checksum) -> None:
        if isinstance(item, Checksum):
            checksums[item.input] = item.sha256
        else:
            meter(1, 1)
            spool.add([item.to_json()])

    def done(result: BatchResult) -> None:
        meter(result.ok + len(result.rejects) + sum(result.filtered.values()), len(result.rejects))
        spool.add(result.rejects)
        result.rejects = []  # on disk now: a corpus of bad records costs no memory
        results.append(result)

    items = read_inputs(inputs, options.fmt, options.base_dir, options.urls, options.jsonl_map, options.max_record_bytes)
    map_batches(batches(items, options.batch_size, work_dir, registry_files, aside, options.filters), done)
    results.sort(key=lambda r: r.number)
    return Collected(runs=[r.run for r in results if r.run], spool=spool,
                     inputs=[{"path": p, "sha256": h} for p, h in checksums.items()], ok=sum(r.ok for r in results),
                     filtered=merge_counts(r.filtered for r in results), scratch=work_dir)


def merge_counts(parts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for part in parts:
        for key, n in part.items():
            total[key] = total.get(key, 0) + n
    return total


class Local(Executor):
    """This process reads the inputs and hands batches of raw records to its pool of `options.workers`."""

    def build(self, found: list[Input], finish: Finish, meter: Any) -> dict[str, Any]:
        assert finish.tmp is not None
        spill = os.path.join(finish.tmp, ".runs")
        os.makedirs(spill)
        collected = collect(found, finish.options, finish.options.registry_files, spill, RejectSpool(spill),
                            self._map(finish.options.workers), meter.update)
        meter.close()
        return finish(collected)

    @staticmethod
    def _map(workers: int) -> MapBatches:
        if workers <= 1:
            return run_serial

        def pooled(work: Iterator[Batch], done: Callable[[BatchResult], None]) -> None:
            def prefetch() -> None:
                import datasets  # noqa: F401  (needed for the card: loaded while the workers finish)

            warm_up()  # load once here: forked workers share it
            import gc

            gc.freeze()  # the loaded objects out of the collector's sight: its passes would copy their pages into each worker
            run_pool(work, done, workers, prefetch)

        return pooled


def run_serial(work: Iterator[Batch], done: Callable[[BatchResult], None]) -> None:
    for batch in work:
        done(process_batch(batch))


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: running batches are abandoned, their workers killed. The thread that feeds batches
    to the workers may be stuck writing a large one into their pipe, which no one reads any more: its
    pipe is closed under it and its thread not waited for, or the process would hang at exit."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError):
            pass
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()
        try:
            queue._reader.close()  # the feeder's write now fails at once instead of waiting for a reader
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def run_pool(work: Iterator[Batch], done: Callable[[BatchResult], None], workers: int,
             before_wait: Callable[[], None] = lambda: None) -> None:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_init, initargs=(os.getpid(),))
    try:
        pending: dict[Future, int] = {}
        for batch in work:
            pending[pool.submit(process_batch, batch)] = batch.size
            while len(pending) >= 2 * workers or (len(pending) > 1 and sum(pending.values()) > IN_FLIGHT_BYTES):
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    del pending[f]
                    done(f.result())
        before_wait()
        for f in list(pending):
            done(f.result())
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)
