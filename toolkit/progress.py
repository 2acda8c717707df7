"""Progress while a build runs: a tqdm bar on a terminal, plain log lines elsewhere, nothing with --quiet."""
from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Progress:
    def __init__(self, mode: str = "auto", stream: TextIO | None = None, every: float = 10.0) -> None:
        """mode: 'auto' (bar on a terminal, lines otherwise), 'bar', 'lines' or 'quiet'."""
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode = mode
        self.every = every
        self.started = self.last = time.monotonic()
        self.done = self.rejected = 0
        self.bar: Any = None
        if mode == "bar":
            from tqdm import tqdm

            self.bar = tqdm(unit=" records", file=self.stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, records: int, rejected: int) -> None:
        self.done += records
        self.rejected += rejected
        if self.bar is not None:
            self.bar.update(records)
            self.bar.set_postfix(rejected=self.rejected, refresh=False)
        elif self.mode == "lines" and time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            rate = self.done / max(1e-9, self.last - self.started)
            print(f"mpt: {self.done} records, {self.rejected} rejected, {rate:.0f} records/s", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def log(self, message: str) -> None:
        if self.mode != "quiet":
            print(message, file=self.stream, flush=True)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 duplicate', '3 duplicates', '0 clusters'."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def summary(counts: dict[str, int], reasons: dict[str, int], seconds: float, out: str, shown: int = 3) -> str:
    """The line a build ends with: what was read and what became of it, the rejects by their kind as
    `rejects.jsonl` names it."""
    kinds = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    detail = ", ".join(f"{n} {kind}" for kind, n in kinds[:shown])
    if len(kinds) > shown:
        detail += f", {sum(n for _, n in kinds[shown:])} of {len(kinds) - shown} other kinds"
    rejected = f"{counts['rejected']} rejected" + (f" ({detail})" if detail else "")
    filtered = f", {counts['filtered']} filtered" if counts.get("filtered") else ""
    return (f"mpt: read {counted(counts['read'], 'record')}: {counts['written']} written, {rejected}, "
            f"{counted(counts['duplicates'], 'duplicate')}{filtered}; {seconds:.1f} s, "
            f"{counts['read'] / max(seconds, 1e-9):.0f} records/s -> {out}")
