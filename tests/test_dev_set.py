"""The flat-dump scorer on the shared development set passes at its default thresholds."""
import subprocess
import sys

from conftest import ROOT, SHARED


def test_score_flat_passes():
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score_flat.py"), str(SHARED / "eval" / "flat-dev"),
                        "--project", str(ROOT)], capture_output=True, text=True, timeout=600)
    summary = r.stdout.strip().splitlines()[-1]
    assert r.returncode == 0, summary
    assert summary.startswith("flat-dump field accuracy on 114 articles")
