"""Python API for built folders."""
from __future__ import annotations

import os


def load(folder: str, config: str = "default"):
    """A built folder as a datasets.DatasetDict (split 'train'), with the Features derived from the schema."""
    from datasets import load_dataset

    if not os.path.isfile(os.path.join(folder, "README.md")):
        raise FileNotFoundError(f"{folder}: not a built dataset folder (no README.md)")
    if config == "default":
        from .schema import hf_features

        return load_dataset(folder, features=hf_features())
    return load_dataset(folder, config)
