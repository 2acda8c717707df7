"""Python API for built folders."""
from __future__ import annotations

import json
import os


def load(folder: str, config: str = "default"):
    """A built folder as a datasets.DatasetDict (split 'train'), with the Features derived from the schema.

    A build with no article loads as zero rows: `datasets.load_dataset` itself cannot load an empty
    split (it raises 'Instruction "train" corresponds to no data!'), so that case is built here."""
    from datasets import Dataset, DatasetDict, load_dataset

    if not os.path.isfile(os.path.join(folder, "README.md")):
        raise FileNotFoundError(f"{folder}: not a built dataset folder (no README.md)")
    if config == "default":
        from .schema import hf_features

        features = hf_features()
        if _written(folder) == 0:
            return DatasetDict({"train": Dataset.from_dict({name: [] for name in features}, features=features)})
        return load_dataset(folder, features=features)
    return load_dataset(folder, config)


def _written(folder: str) -> int | None:
    try:
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            return json.load(f)["counts"]["written"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
