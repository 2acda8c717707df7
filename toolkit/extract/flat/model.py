"""The block-role model: gradient-boosted trees (LightGBM) over the features of `features.py`, in two
stages. The first reads each block's shape and context; the second reads the same features plus what
the first thought of the block, of its neighbours and of the other blocks for each role (stacking), so
a decision can lean on its neighbours': the second author beside the first, the copy of the publisher's
object that is the outlet signing as author.

The model ships as LightGBM's text format, which runs no code when loaded, beside a JSON card that
names its roles, its features and what it was trained on. `mpt train flat` rebuilds them
(toolkit/learn/train.py); MPT_FLAT_MODEL names another folder."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .features import feature_names
from .roles import ROLES

SHIPPED = Path(__file__).resolve().parent.parent.parent / "data" / "models" / "flat"
MODEL_FILE, STACKED_FILE, CARD_FILE = "roles.txt", "roles-stacked.txt", "roles.json"


class ModelError(ValueError):
    """A model folder that cannot be used; the message says why."""


def stacked_features(first: np.ndarray) -> np.ndarray:
    """What the first stage thought, as features of the second, for one dump's blocks: each block's role
    probabilities, its rank among the dump's blocks for each role, its distance to the best block of each
    role, and its neighbours' probabilities (two before, two after)."""
    n, roles = first.shape
    if n == 0:
        return np.zeros((0, roles * 7), dtype=np.float32)
    order = np.argsort(-first, axis=0, kind="stable")
    rank = np.empty_like(order)
    rank[order, np.arange(roles)] = np.arange(n)[:, None]
    padded = np.vstack([np.full((2, roles), -1.0), first, np.full((2, roles), -1.0)])
    return np.hstack([first, rank / max(1, n - 1), first.max(axis=0) - first,
                      padded[1:n + 1], padded[3:n + 3], padded[0:n], padded[4:n + 4]]).astype(np.float32)


@dataclass
class RoleModel:
    first: Any
    second: Any
    roles: list[str]
    card: dict[str, Any]

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """One row of role probabilities for each row of one dump's features."""
        if len(rows) == 0:
            return np.zeros((0, len(self.roles)), dtype=np.float64)
        first = self.first.predict(rows, num_threads=1)
        return self.second.predict(np.hstack([rows, stacked_features(first)]), num_threads=1)

    def index(self, role: str) -> int:
        return self.roles.index(role)


def model_folder() -> Path:
    return Path(os.environ.get("MPT_FLAT_MODEL") or SHIPPED)


@lru_cache(maxsize=4)
def load(folder: str | None = None) -> RoleModel:
    """The role model in `folder` (default: MPT_FLAT_MODEL, else the shipped one), loaded once."""
    import lightgbm

    where = Path(folder) if folder else model_folder()
    try:
        card = json.loads((where / CARD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{where}: not a flat role model ({exc})") from None
    if not isinstance(card, dict) or card.get("features") != feature_names() or card.get("roles") != ROLES:
        raise ModelError(f"{where}: the model was trained on other features or roles than this toolkit reads: retrain "
                         f"it with `mpt train flat`")
    try:
        first = lightgbm.Booster(model_file=str(where / MODEL_FILE))
        second = lightgbm.Booster(model_file=str(where / STACKED_FILE))
    except Exception as exc:  # lightgbm.basic.LightGBMError, OSError
        raise ModelError(f"{where}: not a flat role model ({exc})") from None
    return RoleModel(first, second, list(card["roles"]), card)
