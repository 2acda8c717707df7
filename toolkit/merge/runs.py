"""Sorted runs: reading them back in id order, and merging many into few (in a pool of processes).

A run is one batch's records sorted by id (writers.parquet.write_run). Only ids and a row group per run
are held in memory, so memory stays flat as the corpus grows."""
from __future__ import annotations

import bisect
import heapq
import math
import os
from typing import Any, Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..processes import worker_init
from ..schema import arrow_schema
from ..writers.parquet import RUN_ROW_GROUP

KEY_COLUMNS = ["id", "word_count", "provenance.input", "provenance.offset"]
MERGE_FAN_IN = 16  # runs merged at once: bounds the row groups held in memory whatever the corpus size
Key = tuple[str, int, int, int, str, int]  # (id, run, row, word_count, input, offset)


class RunReader:
    """Random access in increasing row order to one run, one small row group at a time."""

    def __init__(self, path: str) -> None:
        self.file = pq.ParquetFile(path)
        meta = self.file.metadata
        self.starts = []
        start = 0
        for i in range(meta.num_row_groups):
            self.starts.append(start)
            start += meta.row_group(i).num_rows
        self.group = -1
        self.table: pa.Table | None = None

    def take(self, rows: list[int]) -> pa.Table:
        parts = []
        i = 0
        while i < len(rows):
            g = bisect.bisect_right(self.starts, rows[i]) - 1
            if g != self.group or self.table is None:
                self.group, self.table = g, self.file.read_row_group(g)
            end = self.starts[g + 1] if g + 1 < len(self.starts) else math.inf
            first = i
            while i < len(rows) and rows[i] < end:
                i += 1
            local = [r - self.starts[g] for r in rows[first:i]]
            if local[-1] - local[0] == len(local) - 1:  # a contiguous range, the usual case: a slice, no copy
                parts.append(self.table.slice(local[0], len(local)))
            else:
                parts.append(self.table.take(local))
        return pa.concat_tables(parts) if parts else arrow_schema().empty_table()


def keys(runs: list[str]) -> Iterator[Key]:
    """(id, run, row, word_count, input, offset) of every record of the runs, in (id, run, row) order.
    Each run is sorted by id, so this is a streaming k-way merge: memory does not grow with the corpus."""

    def one(number: int, path: str) -> Iterator[Key]:
        row = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=4096, columns=KEY_COLUMNS):
            prov = batch.column(2)
            ids, words = batch.column(0).to_pylist(), batch.column(1).to_pylist()
            inputs, offsets = pc.struct_field(prov, "input").to_pylist(), pc.struct_field(prov, "offset").to_pylist()
            for i, key in enumerate(ids):
                yield key, number, row + i, words[i], inputs[i], offsets[i]
            row += len(ids)

    return heapq.merge(*(one(n, p) for n, p in enumerate(runs)))


def write_in_order(readers: list[RunReader], order: Iterable[tuple[int, int]], size: int,
                    write: Callable[[pa.Table], None]) -> None:
    """Gather rows in the given (run, row) order, `size` at a time, and hand each chunk to `write`."""
    runs: list[int] = []
    rows: list[int] = []
    for run, row in order:
        runs.append(run)
        rows.append(row)
        if len(runs) >= size:
            write(gather(readers, runs, rows))
            runs, rows = [], []
    if runs:
        write(gather(readers, runs, rows))


def _merge_group(group: list[str], out: str) -> str:
    """Runs into one run, in id order; the runs are removed."""
    readers = [RunReader(p) for p in group]
    with pq.ParquetWriter(out, arrow_schema(), compression="zstd", write_statistics=False) as writer:
        write_in_order(readers, ((k[1], k[2]) for k in keys(group)), RUN_ROW_GROUP, writer.write_table)
    for path in group:
        os.remove(path)
    return out


def reduce_runs(runs: list[str], fan_in: int | None = None, workers: int = 1) -> list[str]:
    """Merge runs in groups until at most fan_in remain, so the final merge holds fan_in row groups at most.
    The groups of a level are independent: with workers > 1 they merge in a process pool, since the rest
    of the merge is serial and would otherwise bound how well the build scales with workers."""
    fan_in = fan_in or MERGE_FAN_IN
    level = 0
    while len(runs) > fan_in:
        groups = [runs[g: g + fan_in] for g in range(0, len(runs), fan_in)]
        outs = [f"{group[0]}.L{level}-{i}.parquet" for i, group in enumerate(groups)]
        if workers > 1 and len(groups) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn: forking a process that holds Arrow's threads is unsafe; spawn re-imports __main__, which
            # here is toolkit.build.apart, the only caller that passes workers

            with ProcessPoolExecutor(min(workers, len(groups)), mp_context=multiprocessing.get_context("spawn"),
                                     initializer=worker_init, initargs=(os.getpid(),)) as pool:
                runs = list(pool.map(_merge_group, groups, outs))
        else:
            runs = [_merge_group(group, out) for group, out in zip(groups, outs)]
        level += 1
    return runs


def gather(readers: list[RunReader], runs: list[int], rows: list[int]) -> pa.Table:
    """Rows in the given (id) order, fetched run by run and put back in order."""
    by_run: dict[int, list[int]] = {}
    for run, row in zip(runs, rows):
        by_run.setdefault(run, []).append(row)
    tables = []
    positions: list[Any] = []
    for run, rws in by_run.items():
        tables.append(readers[run].take(rws))
        positions.extend((run, r) for r in rws)
    if not tables:
        return arrow_schema().empty_table()
    table = pa.concat_tables(tables)
    where = {p: i for i, p in enumerate(positions)}
    return table.take([where[(run, row)] for run, row in zip(runs, rows)])
