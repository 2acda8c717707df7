"""Leave one set out: each flat set scored by a model trained on the other sets' pages, and by the
shipped model (trained on all of them). A reader that is good only where it was trained shows here.

usage: python eval/leave_one_out.py [--shared ../shared]"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {"flat-dev": "aeb-pages", "flat-traf": "traf-pages", "flat-fundus-dev": "fundus-dev",
        "flat-htmldate": "htmldate-pages", "flat-gotraf": "gotraf-pages", "flat-readability": "readability-pages",
        "flat-np4k": "np4k-pages", "flat-goose": "goose-pages"}


def score(shared: Path, flat_set: str, model: str | None) -> str:
    env = dict(os.environ, **({"MPT_FLAT_MODEL": model} if model else {}))
    done = subprocess.run([sys.executable, str(shared / "eval" / "score_flat.py"), str(shared / "eval" / flat_set),
                           "--project", str(ROOT), "--min-mean", "0", "--min-field", "0"],
                          capture_output=True, text=True, env=env)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-300:]


def mean_of(summary: str) -> float | None:
    found = re.search(r"mean ([0-9.]+)", summary)
    return float(found[1]) if found else None


def main(argv: list[str] | None = None) -> dict[str, dict[str, float | None]]:
    """Each set's mean field accuracy read by the model trained without it, and by the shipped model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    shared = Path(parser.parse_args(argv).shared)
    pages = [str(shared / "eval" / p) for p in SETS.values()]
    results: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(ROOT / ".venv" / "bin" / "mpt"), "train", "flat", *pages, "--out", tmp, "--leave-one-out"],
                       check=True, capture_output=True)
        print(f"{'set':18} {'left out':>9} {'all sets':>9} {'gap':>6}")
        for flat_set, page_set in SETS.items():
            left, shipped = mean_of(score(shared, flat_set, os.path.join(tmp, page_set))), mean_of(score(shared, flat_set, None))
            results[flat_set] = {"left_out": left, "all_sets": shipped}
            gap = f"{shipped - left:6.3f}" if left is not None and shipped is not None else ""
            print(f"{flat_set:18} {left or float('nan'):9.3f} {shipped or float('nan'):9.3f} {gap}")
    return results


if __name__ == "__main__":
    main()
