"""Media Provenance Toolkit: scraped news articles into a validated, documented dataset.

    import toolkit
    ds = toolkit.load("build/datasets/sample")   # a datasets.DatasetDict
"""
from __future__ import annotations

from .version import __version__

__all__ = ["__version__", "load", "convert"]


def load(folder: str, config: str = "default"):
    """A built dataset folder as a datasets.DatasetDict, with the schema's Features."""
    from .api import load as _load

    return _load(folder, config)


def convert(inputs: list[str], out: str, **options):
    """Convert inputs into a dataset folder; returns the manifest as a dict."""
    from .build import convert as _convert

    return _convert(inputs, out, **options)
