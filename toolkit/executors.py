"""Where batches run: this process, a local process pool, or a Dask cluster.

Each executor calls `process_batch` on every batch and hands the results to
`done` as they finish; a bounded number of batches is in flight, so reading
never runs far ahead of the work and memory stays flat."""
from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Iterator

from .records import Batch, BatchResult


def run_serial(work: Iterator[Batch], process: Callable[[Batch], BatchResult], done: Callable[[BatchResult], None]) -> None:
    for batch in work:
        done(process(batch))


def run_pool(work: Iterator[Batch], process: Callable[[Batch], BatchResult], done: Callable[[BatchResult], None],
             workers: int, before_wait: Callable[[], None] = lambda: None) -> None:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future] = set()
        for batch in work:
            pending.add(pool.submit(process, batch))
            while len(pending) >= 2 * workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    done(f.result())
        before_wait()
        for f in pending:
            done(f.result())


def run_dask(work: Iterator[Batch], process: Callable[[Batch], BatchResult], done: Callable[[BatchResult], None],
             address: str, before_wait: Callable[[], None] = lambda: None) -> None:
    """The same per-batch function on a Dask cluster. Runs are written where the batch says (the output
    folder), so the workers must see it: a local path on one machine, a shared file system on a cluster."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ValueError("--scheduler needs Dask: pip install 'media-provenance-toolkit[dask]'") from None
    with Client(address) as client:
        limit = 2 * max(1, sum(client.nthreads().values()))
        futures = as_completed()
        in_flight = 0
        for batch in work:
            futures.add(client.submit(process, batch, pure=False))
            in_flight += 1
            while in_flight >= limit:
                done(next(futures).result())
                in_flight -= 1
        before_wait()
        for f in futures:
            done(f.result())
