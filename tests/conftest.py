import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_2f8a4e7a85224ba2.txt"
SAMPLE = ROOT / "datasets" / "sample"


@pytest.fixture(scope="session")
def seed_record():
    from toolkit.pipeline import records_of

    records = list(records_of(str(SEED)))
    assert len(records) == 1 and isinstance(records[0], dict), records
    return records[0]


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory):
    """The sample recipe built once into a temporary folder."""
    from toolkit.recipe import build

    out = tmp_path_factory.mktemp("sample") / "sample"
    manifest = build(str(SAMPLE), str(out), workers=1)
    return out, manifest


def run_mpt(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def write_dump(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path
