"""The reuse stage, then the merge: in this process, or in a fresh interpreter
(`python -m toolkit.build.apart JOB RESULT`) once there are more runs than one merge pass takes.

Apart, the memory of reading, of linking texts and of merging never add up in the build's process, which
keeps the peak flat at any corpus size; small builds run both here, where starting a process would cost
more. A subprocess rather than multiprocessing's spawn, which re-imports the caller's __main__ and fails
when the toolkit is driven from a REPL or a pipe."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

from .. import reuse
from ..merge import MergeResult, merge
from ..merge import runs as run_files

Merged = tuple[MergeResult, reuse.Reuse, float]  # the merge, what the reuse stage found, and its seconds


def reuse_then_merge(runs: list[str], data_dir: str, metadata: dict[bytes, bytes], fan_in: int,
                     workers: int = 1) -> Merged:
    """The reuse stage over the runs (it keeps the rows the merge keeps), then the merge, which writes each
    article's `reuse` with its row. The levels before the last merge use `workers` processes."""
    found, seconds = reuse.find_and_clean(runs)
    return merge(runs, data_dir, metadata, fan_in=fan_in, workers=workers, reuse=found.by_id), found, seconds


def reuse_and_merge(runs: list[str], data_dir: str, metadata: dict[bytes, bytes], workers: int = 1) -> Merged:
    """`reuse_then_merge`, here for a few runs and in a fresh interpreter for more (`work_dir`: the runs')."""
    fan_in = run_files.MERGE_FAN_IN  # read at call time: a test lowers it
    if len(runs) <= fan_in:
        return reuse_then_merge(runs, data_dir, metadata, fan_in)
    return merge_in_subprocess(runs, data_dir, metadata, os.path.dirname(runs[0]), fan_in, workers)


def merge_in_subprocess(runs: list[str], data_dir: str, metadata: dict[bytes, bytes], work_dir: str,
                        fan_in: int, workers: int = 1) -> Merged:
    job, result = os.path.join(work_dir, "merge.job"), os.path.join(work_dir, "merge.result")
    with open(job, "wb") as f:
        pickle.dump((runs, data_dir, metadata, fan_in, workers), f)
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "toolkit.build.apart", job, result], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the merge failed: {done.stderr.strip()[-2000:]}")
    with open(result, "rb") as f:
        merged: Merged = pickle.load(f)
    os.remove(job)
    os.remove(result)
    return merged


def main(job: str, result: str) -> None:
    import signal

    from ..processes import watch_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build answers Ctrl-C and stops this process
    watch_parent(os.getppid())  # and if the build is killed, this process ends too

    with open(job, "rb") as f:
        runs, data_dir, metadata, fan_in, workers = pickle.load(f)
    merged, found, seconds = reuse_then_merge(runs, data_dir, metadata, fan_in, workers)
    found.by_id = {}  # written now; the build needs the clusters alone, and this grows with the corpus
    with open(result, "wb") as f:
        pickle.dump((merged, found, seconds), f)


if __name__ == "__main__":
    main(*sys.argv[1:3])
