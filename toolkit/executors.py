"""Where batches run: this process or a local process pool (a Dask cluster reads its own inputs:
toolkit.shards).

Each executor calls `process_batch` on every batch and hands the results to
`done` as they finish; a bounded number of batches (and of raw bytes) is in
flight, so reading never runs far ahead of the work and memory stays flat.
Pool workers leave Ctrl-C to the main process, which stops them, and they exit
on their own when the main process dies."""
from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Iterator

from .records import Batch, BatchResult

IN_FLIGHT_BYTES = 256 << 20  # raw bytes submitted and not yet done, beyond the first batch


def run_serial(work: Iterator[Batch], process: Callable[[Batch], BatchResult], done: Callable[[BatchResult], None]) -> None:
    for batch in work:
        done(process(batch))


def watch_parent(parent: int, every: float = 0.5) -> None:
    """Exit this process when its parent is gone (it was killed, even by SIGKILL)."""

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def worker_init(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process answers Ctrl-C and stops the workers
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    watch_parent(parent)


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


def run_pool(work: Iterator[Batch], process: Callable[[Batch], BatchResult], done: Callable[[BatchResult], None],
             workers: int, before_wait: Callable[[], None] = lambda: None) -> None:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_init, initargs=(os.getpid(),))
    try:
        pending: dict[Future, int] = {}
        for batch in work:
            pending[pool.submit(process, batch)] = batch.size
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

