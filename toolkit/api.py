"""Python API for built folders."""
from __future__ import annotations

import glob
import os

CONFIGS = {"default": ("data", "article.schema.json"), "outlets": ("outlets", "outlet.schema.json"),
           "clusters": ("clusters", "cluster.schema.json")}


def load(folder: str, config: str = "default"):
    """A built folder as a datasets.DatasetDict (split 'train'), with the Features derived from the schema.

    A config with no rows loads as zero rows with its features: `datasets.load_dataset` itself cannot
    load an empty split (it raises 'Instruction "train" corresponds to no data!'), so that case is built
    here; a build writes no `outlets` or `clusters` folder when that config would be empty."""
    from datasets import Dataset, DatasetDict, load_dataset

    from .schema import hf_features

    if not os.path.isfile(os.path.join(folder, "README.md")):
        raise FileNotFoundError(f"{folder}: not a built dataset folder (no README.md)")
    if config not in CONFIGS:
        return load_dataset(folder, config)
    sub, schema = CONFIGS[config]
    features = hf_features(schema)
    if _rows(os.path.join(folder, sub)) == 0:
        return DatasetDict({"train": Dataset.from_dict({name: [] for name in features}, features=features)})
    return load_dataset(folder, config, features=features)


def _rows(where: str) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(glob.glob(os.path.join(where, "*.parquet"))))
