"""The duplicate rule: one record per id. The merge and the reuse stage both ask it, so they keep the same rows."""
from __future__ import annotations

import itertools
import json
from array import array
from typing import Callable, Iterator

from .runs import Key, keys

DUPLICATES = "duplicates.jsonl"  # beside data/: the records dropped as duplicates, one a line
DUPLICATE_RULE = ("one record per canonical URL (same id): the one with the most body words; "
                  "on a tie, the first in input order (the inputs as given or found in folders, then byte offset)")


def _preferred(k: Key, best: Key) -> bool:
    """Most body words first; on a tie the first in input order: runs are numbered in input order and
    sorted by (id, input, offset) inside, so (run, row) is input order."""
    return (-k[3], k[1], k[2]) < (-best[3], best[1], best[2])


def choices(runs: list[str], dropped: Callable[[Key], None] = lambda k: None) -> Iterator[Key]:
    """The rule, id by id in id order: the record kept (as `runs.keys` gives it); each one dropped goes to
    `dropped` as it is found, so a corpus of copies costs no memory."""
    for _, group in itertools.groupby(keys(runs), key=lambda k: k[0]):
        best = next(group)
        for k in group:
            if _preferred(k, best):
                best, k = k, best
            dropped(k)
        yield best


def select(runs: list[str], duplicates_path: str) -> tuple[array, array, int]:
    """Which record of each id is kept, as (run, row) arrays in id order; the others are written to
    `duplicates_path`."""
    kept_run, kept_row = array("i"), array("i")
    count = 0
    with open(duplicates_path, "w", encoding="utf-8") as out:

        def write(k: Key) -> None:
            nonlocal count
            out.write(json.dumps({"id": k[0], "input": k[4], "offset": k[5]}, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1

        for best in choices(runs, write):
            kept_run.append(best[1])
            kept_row.append(best[2])
    return kept_run, kept_row, count
