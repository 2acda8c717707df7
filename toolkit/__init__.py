"""Media Provenance Toolkit: scraped news articles into a validated, documented dataset.

    import toolkit
    ds = toolkit.load("build/datasets/sample")   # a datasets.DatasetDict
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("media-provenance-toolkit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__", "load", "convert"]


def load(folder: str, config: str = "default"):
    """A built dataset folder as a datasets.DatasetDict, with the schema's Features."""
    from .api import load as _load

    return _load(folder, config)


def convert(inputs: list[str], out: str, **options):
    """Convert inputs into a dataset folder; returns the manifest as a dict."""
    from .pipeline import convert as _convert

    return _convert(inputs, out, **options)
