"""Training the flat reader's block-role model from pages with JSON-LD (`mpt train flat`).

Deterministic: the same pages give the same model file, byte for byte (one thread, fixed seeds)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from ..extract.flat.features import feature_names, featurize, split_blocks
from ..extract.flat.roles import ROLES
from ..extract.flat.model import CARD_FILE, MODEL_FILE, STACKED_FILE, stacked_features
from .dumps import documented_dumps, labelled_dumps

PARAMS = {"objective": "multiclass", "num_class": len(ROLES), "learning_rate": 0.2, "num_leaves": 15,
          "min_data_in_leaf": 5, "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1,
          "lambda_l2": 1.0, "verbose": -1, "seed": 1, "deterministic": True, "num_threads": 1,
          "force_col_wise": True}
ROUNDS = 60  # with the learning rate above: within half a point of 200 rounds at 0.1, and five times faster to run
FOLDS = 5  # the second stage learns from first-stage guesses on dumps the first stage did not see


@dataclass
class Example:
    source: str  # the pages folder's name
    url: str
    rows: np.ndarray
    roles: np.ndarray
    variant: int = 0


VARIANTS = 0  # reordered copies of each labelled dump added to the training data


PROJECT = Path(__file__).resolve().parent.parent.parent


def examples(folders: Iterable[str], variants: int = VARIANTS, documented: bool = True) -> list[Example]:
    """Labelled blocks of the pages folders' dumps, and of the dumps labelled by hand in the project."""
    out = []
    dumps = [d for folder in folders for d in labelled_dumps(folder, variants=variants)]
    if documented:
        dumps += list(documented_dumps(str(PROJECT)))
    for dump in dumps:
        blocks = split_blocks(dump.text)[1:]
        if len(blocks) != len(dump.roles):
            continue  # a value that held a blank line: the blocks no longer align with the keys
        _, rows = featurize(blocks, dump.url)
        out.append(Example(dump.source, dump.url, rows, np.array([ROLES.index(r) for r in dump.roles]), dump.variant))
    return out


def _boost(rows: np.ndarray, roles: np.ndarray, names: list[str]):
    import lightgbm

    return lightgbm.train(PARAMS, lightgbm.Dataset(rows, roles, feature_name=names, free_raw_data=True),
                          num_boost_round=ROUNDS)


def stacked_names() -> list[str]:
    return feature_names() + [f"s1_{kind}_{role}" for kind in ("p", "rank", "gap", "prev", "next", "prev2", "next2")
                              for role in ROLES]


def fit(train: list[Example]) -> tuple:
    """The two stages: the first on the features; the second on the features and the first stage's
    out-of-fold guesses (each dump's guesses from a first stage trained without it)."""
    rows = np.vstack([e.rows for e in train])
    roles = np.concatenate([e.roles for e in train])
    first = _boost(rows, roles, feature_names())
    guesses: list[np.ndarray] = [np.empty(0)] * len(train)
    for fold in range(FOLDS):
        held = [i for i in range(len(train)) if i % FOLDS == fold]
        rest = [e for i, e in enumerate(train) if i % FOLDS != fold]
        partial = _boost(np.vstack([e.rows for e in rest]), np.concatenate([e.roles for e in rest]), feature_names())
        for i in held:
            guesses[i] = partial.predict(train[i].rows, num_threads=1)
    stacked = np.vstack([np.hstack([e.rows, stacked_features(g)]) for e, g in zip(train, guesses)])
    second = _boost(stacked, roles, stacked_names())
    return first, second


def predict(model: tuple, rows: np.ndarray) -> np.ndarray:
    first, second = model
    return second.predict(np.hstack([rows, stacked_features(first.predict(rows, num_threads=1))]), num_threads=1)


def save(model: tuple, folder: str | Path, sources: list[str], n_dumps: int, n_blocks: int) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model[0].save_model(str(folder / MODEL_FILE))
    model[1].save_model(str(folder / STACKED_FILE))
    card = {"roles": ROLES, "features": feature_names(), "trained_on": sources, "dumps": n_dumps, "blocks": n_blocks,
            "params": PARAMS, "rounds": ROUNDS,
            "note": "LightGBM text model of block roles over shape and context features; no page text is in it."}
    (folder / CARD_FILE).write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def train(folders: list[str], out: str, variants: int = VARIANTS) -> dict:
    """Train on every labelled dump of the pages folders and write the model into `out`."""
    found = examples(folders, variants)
    if not found:
        raise ValueError("no labelled dumps: none of the pages has a JSON-LD article object")
    model = fit(found)
    save(model, out, sorted({e.source for e in found}), len(found), int(sum(len(e.roles) for e in found)))
    return {"dumps": len(found), "blocks": int(sum(len(e.roles) for e in found)), "out": out}


def block_accuracy(model: tuple, test: list[Example]) -> dict[str, float]:
    right = sum(int((predict(model, e.rows).argmax(1) == e.roles).sum()) for e in test)
    blocks = sum(len(e.roles) for e in test)
    return {"blocks": float(blocks), "accuracy": right / blocks if blocks else 0.0}


def leave_one_out(folders: list[str], out_root: str, variants: int = VARIANTS) -> list[dict]:
    """A model trained on all folders but one, for each folder, into out_root/<folder>; with its block
    accuracy on the folder left out (its dumps as written, not reordered)."""
    found = examples(folders, variants)
    report = []
    for held in sorted({e.source for e in found} - {"seed"}):
        train_on = [e for e in found if e.source != held]
        model = fit(train_on)
        where = os.path.join(out_root, held)
        save(model, where, sorted({e.source for e in train_on}), len(train_on), int(sum(len(e.roles) for e in train_on)))
        test = [e for e in found if e.source == held and e.variant == 0]
        report.append({"held_out": held, "model": where, **block_accuracy(model, test)})
    return report


