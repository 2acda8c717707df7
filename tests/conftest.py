import atexit
import os
import shutil
import tempfile

import pytest
from helpers import SAMPLE, SEED

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
# parsed registry files are cached per run, not in the user's cache folder, and removed when the run ends
if "MPT_CACHE_DIR" not in os.environ:
    os.environ["MPT_CACHE_DIR"] = tempfile.mkdtemp(prefix="mpt-test-cache-")
    atexit.register(shutil.rmtree, os.environ["MPT_CACHE_DIR"], True)


@pytest.fixture(scope="session")
def seed_record():
    from toolkit.build import records_of

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
