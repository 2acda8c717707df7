"""Tests that need the evaluation data in ../shared (run by `make eval`, not by `make test`)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MPT_SHARED", ROOT.parent / "shared")).resolve()

if not (SHARED / "eval").is_dir():
    pytest.exit(f"make eval needs the evaluation data: {SHARED / 'eval'} is not there "
                f"(clone the shared folder beside this one, or set MPT_SHARED)", returncode=2)


def run_mpt(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], capture_output=True, text=True, cwd=cwd)
