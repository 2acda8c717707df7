"""Reuse: which texts of a build were republished, and where they first appeared.

`signature` runs per record in the workers (a MinHash of the body's shingles); `clusters` runs once
over the whole build, between the batches and the merge (LSH candidates, checked pairs, connected
components, the origin of each cluster); `stage` joins the two to the build's runs."""
from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from .boilerplate import site_of
from .signature import SETTINGS
from .stage import Reuse, find, remove_signatures, write_signatures

__all__ = ["Reuse", "find", "find_and_clean", "remove_signatures", "site_of", "write_signatures",
           "settings_description"]


def find_and_clean(runs: list[str]) -> tuple[Reuse, float]:
    """The stage over the runs, its seconds, and the signature files removed: the merge does not need them."""
    started = time.time()
    found = find(runs)
    remove_signatures(runs)
    return found, time.time() - started


def settings_description() -> dict[str, Any]:
    """The settings as the manifest records them."""
    return {**asdict(SETTINGS), "permutations": SETTINGS.permutations}
