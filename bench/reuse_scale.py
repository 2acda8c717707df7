"""The reuse stage's linking at a given corpus size, on synthetic signatures: time and peak memory.

    python bench/reuse_scale.py [--n 1000000]

Signatures are written as the workers write them (one file of 2,000 rows a run, read row by row when
checked); a hundredth of the rows are near-copies of another row (a fifth of their components changed).
What runs is what `toolkit.reuse.stage.find` does after its duplicate pass: band keys of every row,
candidates, checked pairs, components. The duplicate pass streams the runs' key columns as the merge
does, and the clustered rows' data is read for them alone, so neither grows with the corpus."""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from toolkit.reuse import clusters  # noqa: E402
from toolkit.reuse.signature import SETTINGS  # noqa: E402
from toolkit.reuse.stage import SignatureFiles, band_keys_of  # noqa: E402

RUN = 2_000


def write(folder: str, n: int) -> int:
    rng = np.random.default_rng(1)
    files = 0
    for start in range(0, n, RUN):
        rows = min(RUN, n - start)
        sigs = rng.integers(0, 1 << 32, size=(rows, SETTINGS.permutations), dtype=np.uint32)
        copies = rng.choice(rows, size=max(1, rows // 100), replace=False)
        for c in copies:  # a near-copy of the row before it
            source = (c + 1) % rows
            changed = rng.random(SETTINGS.permutations) < 0.2
            sigs[c] = np.where(changed, sigs[c], sigs[source])
        np.save(os.path.join(folder, f"run-{files:08d}.minhash.npy"), sigs)
        np.save(os.path.join(folder, f"run-{files:08d}.shingles.npy"), np.full(rows, 400, dtype=np.int64))
        files += 1
    return files


def link(folder: str, files: int) -> None:
    started = time.perf_counter()
    paths = [os.path.join(folder, f"run-{i:08d}.minhash.npy") for i in range(files)]
    sizes = np.concatenate([np.load(os.path.join(folder, f"run-{i:08d}.shingles.npy")) for i in range(files)])
    starts = [i * RUN for i in range(files)]
    keys = band_keys_of(paths, starts, sizes.size)
    signature_of = SignatureFiles(paths, starts)

    groups = clusters.link(keys, sizes, np.ones(sizes.size, dtype=bool), signature_of)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reuse linking: {sizes.size} rows, {len(groups)} clusters, {seconds:.1f} s, peak RSS {rss:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--link", nargs=2, help=argparse.SUPPRESS)  # the measured half, in a fresh process
    args = ap.parse_args()
    if args.link:
        link(args.link[0], int(args.link[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = write(tmp, args.n)
        subprocess.run([sys.executable, __file__, "--link", tmp, str(files)], check=True)


if __name__ == "__main__":
    main()
