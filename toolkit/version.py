"""The toolkit's version, as installed (in its own module: every stage may ask, and none imports the package's facade)."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("media-provenance-toolkit")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
