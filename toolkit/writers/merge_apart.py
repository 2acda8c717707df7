"""The reuse stage and the merge in a fresh interpreter: `python -m toolkit.writers.merge_apart JOB RESULT`.

A subprocess rather than multiprocessing's spawn, which re-imports the caller's
__main__ and fails when the toolkit is driven from a REPL or a pipe."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from typing import Any


def merge_in_subprocess(runs: list[str], data_dir: str, metadata: dict[bytes, bytes], work_dir: str,
                        fan_in: int, workers: int = 1) -> Any:
    """The reuse stage and the merge in a fresh interpreter: (MergeResult, Reuse, the stage's seconds)."""
    job, result = os.path.join(work_dir, "merge.job"), os.path.join(work_dir, "merge.result")
    with open(job, "wb") as f:
        pickle.dump((runs, data_dir, metadata, fan_in, workers), f)
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "toolkit.writers.merge_apart", job, result], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the merge failed: {done.stderr.strip()[-2000:]}")
    with open(result, "rb") as f:
        merged = pickle.load(f)
    os.remove(job)
    os.remove(result)
    return merged


def main(job: str, result: str) -> None:
    import signal

    from toolkit.executors import watch_parent
    from toolkit.reuse import find_and_clean
    from toolkit.writers.parquet import merge

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build answers Ctrl-C and stops this process
    watch_parent(os.getppid())  # and if the build is killed, this process ends too

    with open(job, "rb") as f:
        runs, data_dir, metadata, fan_in, workers = pickle.load(f)
    found, seconds = find_and_clean(runs)
    merged = merge(runs, data_dir, metadata, fan_in=fan_in, workers=workers, reuse=found.by_id)
    found.by_id = {}  # written now; the build needs the clusters alone, and this grows with the corpus
    with open(result, "wb") as f:
        pickle.dump((merged, found, seconds), f)


if __name__ == "__main__":
    main(*sys.argv[1:3])
