"""The scorers on the evaluation sets: flat-dev keeps the thresholds it passed when the reader was
written (a regression guard); every set's summary line is printed (make eval shows them)."""
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED

FLAT_SETS = ["flat-dev", "flat-traf", "flat-fundus-dev"]


def score_flat(name: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SHARED / "eval" / "score_flat.py"), str(SHARED / "eval" / name),
                           "--project", str(ROOT), *extra], capture_output=True, text=True, timeout=1800)


def test_flat_dev_passes_its_thresholds():
    r = score_flat("flat-dev")
    summary = r.stdout.strip().splitlines()[-1]
    print(summary)
    assert r.returncode == 0, summary
    assert summary.startswith("flat-dump field accuracy on 114 articles")


@pytest.mark.parametrize("name", FLAT_SETS[1:])
def test_flat_sets_are_scored(name):
    r = score_flat(name, "--min-mean", "0", "--min-field", "0")
    summary = r.stdout.strip().splitlines()[-1]
    print(f"{name}: {summary}")
    assert summary.startswith("flat-dump field accuracy on"), r.stdout[-500:] + r.stderr[-500:]
