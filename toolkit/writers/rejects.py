"""rejects.jsonl: every input record that did not become a row, with its reason, in input order.

Rejects are spooled to sorted run files as they come and merged at the end, so a
corpus of millions of bad records costs disk, not memory. Counts by reason and
by input are kept on the way for the manifest."""
from __future__ import annotations

import heapq
import json
import os
from collections import Counter
from typing import Any, Iterator

BUFFER = 10_000  # rejects held before they are written as a run
FAN_IN = 128  # runs merged at once


def _key(reject: dict[str, Any]) -> tuple[str, int, str]:
    """Input order; the whole line breaks ties, so the order never depends on which worker finished first."""
    return reject["input"], reject["offset"], _dump(reject)


def _dump(reject: dict[str, Any]) -> str:
    return json.dumps(reject, ensure_ascii=False, sort_keys=True) + "\n"


class RejectSpool:
    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.runs: list[str] = []
        self.buffer: list[dict[str, Any]] = []
        self.count = 0
        self.categories: Counter[str] = Counter()
        self.per_input: Counter[str] = Counter()

    def add(self, rejects: list[dict[str, Any]]) -> None:
        for reject in rejects:
            self.count += 1
            self.categories[reject["category"]] += 1
            self.per_input[reject["input"]] += 1
        self.buffer.extend(rejects)
        if len(self.buffer) >= BUFFER:
            self.flush()

    def adopt(self, path: str | None, count: int, categories: dict[str, int], per_input: dict[str, int]) -> None:
        """Another spool's sorted file (a shard's `rejects.jsonl`) and its counts, merged in by `write`."""
        if path and count:
            self.runs.append(path)
        self.count += count
        self.categories.update(categories)
        self.per_input.update(per_input)

    def flush(self) -> None:
        if not self.buffer:
            return
        path = os.path.join(self.folder, f"rejects-{len(self.runs):08d}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(k[2] for k in sorted(map(_key, self.buffer)))
        self.runs.append(path)
        self.buffer = []

    def write(self, path: str) -> int:
        """Merge the runs into `path`, sorted by input and offset (input order breaks ties)."""
        self.flush()
        runs = self.runs
        level = 0
        while len(runs) > FAN_IN:
            merged = []
            for start in range(0, len(runs), FAN_IN):
                target = os.path.join(self.folder, f"rejects-l{level}-{start // FAN_IN:06d}.jsonl")
                _merge(runs[start:start + FAN_IN], target)
                merged.append(target)
            runs, level = merged, level + 1
        _merge(runs, path)
        return self.count


def _read(path: str) -> Iterator[tuple[str, int, str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            reject = json.loads(line)
            yield reject["input"], reject["offset"], line


def _merge(runs: list[str], target: str) -> None:
    with open(target, "w", encoding="utf-8") as out:
        for _input, _offset, line in heapq.merge(*(_read(p) for p in runs)):
            out.write(line)
    for path in runs:
        os.remove(path)
