"""Reuse: which texts of a build were republished, and where they first appeared.

`signature` runs per record in the workers (a MinHash of the body's shingles); `clusters` runs once
over the whole build, between the batches and the merge (LSH candidates, checked pairs, connected
components, the origin of each cluster); `stage` joins the two to the build's runs."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .signature import SETTINGS
from .stage import Reuse, find, remove_signatures, write_signatures

__all__ = ["Reuse", "find", "remove_signatures", "write_signatures", "settings_description"]


def settings_description() -> dict[str, Any]:
    """The settings as the manifest records them."""
    return {**asdict(SETTINGS), "permutations": SETTINGS.permutations}
