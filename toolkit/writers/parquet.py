"""Parquet writing: sorted runs per shard, then one merge into the dataset's files.

Shards write their records as runs sorted by id; the merge reads the runs in
id order, keeps one record per id (the duplicate rule below) and writes
data/train-0000K-of-0000N.parquet. Only ids and a row group per run are held
in memory, so memory stays flat as the corpus grows, and the output does not
depend on how the work was split between workers."""
from __future__ import annotations

import bisect
import json
import math
import os
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..normalize.dates import to_datetime

try:  # measured with make bench: mimalloc, pyarrow's default, keeps ~150 MB more resident after a merge
    pa.set_memory_pool(pa.jemalloc_memory_pool())
except (NotImplementedError, AttributeError):
    pa.set_memory_pool(pa.system_memory_pool())
from ..schema import arrow_schema, hf_features, load_schema, timestamp_fields

MAX_ROW_GROUP = 10_000  # the contract: at most this many rows a row group
ROW_GROUP_SIZE = 4_000  # what the merge writes: fewer rows keep its memory small
ROWS_PER_FILE = 100_000
RUN_ROW_GROUP = 200  # small row groups in runs keep the merge's read-ahead small
MERGE_FAN_IN = 16  # runs merged at once: bounds the row groups held in memory whatever the corpus size
DUPLICATE_RULE = ("one record per canonical URL (same id): the one with the most body words; "
                  "on a tie, the first in input order (input path, then byte offset)")


def to_table(records: list[dict[str, Any]]) -> pa.Table:
    stamps = timestamp_fields()
    rows = []
    for r in records:
        row = dict(r)
        for name in stamps:
            row[name] = to_datetime(row[name])
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=arrow_schema())


def write_run(records: list[dict[str, Any]], path: str) -> int:
    """A sorted run: the shard's records ordered by id (input order breaks ties)."""
    records.sort(key=lambda r: (r["id"], r["provenance"]["input"], r["provenance"]["offset"]))
    pq.write_table(to_table(records), path, row_group_size=RUN_ROW_GROUP, compression="zstd")
    return len(records)


def file_metadata(inputs: list[dict[str, str]], version: str) -> dict[bytes, bytes]:
    return {
        b"huggingface": json.dumps({"info": {"features": hf_features().to_dict()}}).encode(),
        b"mpt.schema": json.dumps(load_schema(), ensure_ascii=False, sort_keys=True).encode(),
        b"mpt.toolkit_version": version.encode(),
        b"mpt.inputs": json.dumps(inputs, sort_keys=True).encode(),
    }


@dataclass
class MergeResult:
    files: list[str]
    written: int
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, dict[str, int]] = field(default_factory=dict)


class _RunReader:
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
            if g != self.group:
                self.group, self.table = g, self.file.read_row_group(g)
            end = self.starts[g + 1] if g + 1 < len(self.starts) else math.inf
            local = []
            while i < len(rows) and rows[i] < end:
                local.append(rows[i] - self.starts[g])
                i += 1
            parts.append(self.table.take(local))
        return pa.concat_tables(parts) if parts else arrow_schema().empty_table()


def _index(runs: list[str]) -> pa.Table:
    """id, duplicate-rule keys and (run, row) of every record: the only per-record state the merge holds."""
    cols = []
    for n, path in enumerate(runs):
        t = pq.read_table(path, columns=["id", "word_count", "provenance"])
        prov = t.column("provenance").combine_chunks()
        cols.append(pa.table({
            "id": t.column("id"),
            "word_count": t.column("word_count"),
            "input": pc.dictionary_encode(pc.struct_field(prov, "input")).cast(pa.dictionary(pa.int32(), pa.string())),
            "offset": pc.struct_field(prov, "offset"),
            "run": pa.array(np.full(t.num_rows, n, dtype=np.int32)),
            "row": pa.array(np.arange(t.num_rows, dtype=np.int32)),
        }))
    if not cols:
        return pa.table({"id": pa.array([], pa.string()), "word_count": pa.array([], pa.int64()),
                         "input": pa.array([], pa.dictionary(pa.int32(), pa.string())), "offset": pa.array([], pa.int64()),
                         "run": pa.array([], pa.int32()), "row": pa.array([], pa.int32())})
    return pa.concat_tables(cols, promote_options="permissive").combine_chunks()


def _reduce_runs(runs: list[str], fan_in: int = MERGE_FAN_IN) -> list[str]:
    """Merge runs in groups until at most fan_in remain, so the final merge holds fan_in row groups at most."""
    level = 0
    while len(runs) > fan_in:
        merged = []
        for g in range(0, len(runs), fan_in):
            group = runs[g: g + fan_in]
            out = f"{group[0]}.L{level}-{g // fan_in}.parquet"
            index = _index(group).sort_by([("id", "ascending"), ("run", "ascending"), ("row", "ascending")])
            readers = [_RunReader(p) for p in group]
            with pq.ParquetWriter(out, arrow_schema(), compression="zstd") as writer:
                for lo in range(0, index.num_rows, RUN_ROW_GROUP):
                    part = index.slice(lo, RUN_ROW_GROUP)
                    writer.write_table(_gather(readers, part.column("run").to_pylist(), part.column("row").to_pylist()))
            for path in group:
                os.remove(path)
            merged.append(out)
        runs, level = merged, level + 1
    return runs


def merge(runs: list[str], data_dir: str, metadata: dict[bytes, bytes],
          rows_per_file: int = ROWS_PER_FILE, row_group_size: int = ROW_GROUP_SIZE) -> MergeResult:
    runs = _reduce_runs(runs)
    index = _index(runs)
    # runs are numbered in input order and sorted by (id, input, offset) inside: (run, row) is input order
    order = index.sort_by([("id", "ascending"), ("word_count", "descending"), ("run", "ascending"), ("row", "ascending")])
    ids = order.column("id")
    if order.num_rows:
        same = pc.equal(ids.slice(1), ids.slice(0, order.num_rows - 1)).combine_chunks()
        keep = pa.concat_arrays([pa.array([True]), pc.invert(same)])
    else:
        keep = pa.array([], pa.bool_())
    kept = order.filter(keep)
    dropped = order.filter(pc.invert(keep))
    duplicates = [{"input": r["input"], "offset": r["offset"], "id": r["id"]} for r in dropped.select(["input", "offset", "id"]).to_pylist()]
    del order, index, ids, keep
    os.makedirs(data_dir, exist_ok=True)
    total = kept.num_rows
    n_files = max(1, math.ceil(total / rows_per_file))
    readers = [_RunReader(p) for p in runs]
    schema = arrow_schema().with_metadata(metadata)
    files = []
    stats: dict[str, dict[str, int]] = {"outlet": {}, "language": {}, "month": {}, "category": {}, "outlet_id": {},
                                        "category_outlet": {}}
    for k in range(n_files):
        name = f"train-{k:05d}-of-{n_files:05d}.parquet"
        path = os.path.join(data_dir, name)
        files.append(path)
        lo, hi = k * rows_per_file, min(total, (k + 1) * rows_per_file)
        with pq.ParquetWriter(path, schema, compression="zstd", write_statistics=True) as writer:
            for g in range(lo, hi, row_group_size):
                part = kept.slice(g, min(hi, g + row_group_size) - g)
                chunk = _gather(readers, part.column("run").to_pylist(), part.column("row").to_pylist())
                _count(chunk, stats)
                writer.write_table(chunk.cast(schema), row_group_size=row_group_size)
            if total == 0:
                writer.write_table(schema.empty_table())
    return MergeResult(files, total, duplicates, stats)


def _gather(readers: list[_RunReader], runs: list[int], rows: list[int]) -> pa.Table:
    """Rows in the given (id) order, fetched run by run and put back in order."""
    by_run: dict[int, list[int]] = {}
    for run, row in zip(runs, rows):
        by_run.setdefault(run, []).append(row)
    tables = []
    positions = []
    for run, rws in by_run.items():
        tables.append(readers[run].take(rws))
        positions.extend((run, r) for r in rws)
    if not tables:
        return arrow_schema().empty_table()
    table = pa.concat_tables(tables)
    where = {p: i for i, p in enumerate(positions)}
    return table.take([where[(run, row)] for run, row in zip(runs, rows)])


def _count(chunk: pa.Table, stats: dict[str, dict[str, int]]) -> None:
    source = chunk.column("source").combine_chunks()
    aff = chunk.column("affiliation").combine_chunks()
    published = chunk.column("published_at").to_pylist()
    names = pc.struct_field(source, "name").to_pylist()
    categories = pc.struct_field(aff, "category").to_pylist()
    for key, values in (
        ("outlet_id", pc.struct_field(source, "outlet_id").to_pylist()),
        ("category_outlet", [f"{c}\t{n or '(none)'}" for c, n in zip(categories, names)]),
        ("outlet", names),
        ("language", chunk.column("language").to_pylist()),
        ("month", [d.strftime("%Y-%m") if d else None for d in published]),
        ("category", categories),
    ):
        bucket = stats[key]
        for v in values:
            v = v or "(none)"
            bucket[v] = bucket.get(v, 0) + 1


def write_jsonl(path: str, rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def write_outlets(entries: list[dict[str, Any]], path: str, metadata: dict[bytes, bytes]) -> int:
    """The registry entries the articles refer to, as the `outlets` config (schema/outlet.schema.json)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    schema = arrow_schema("outlet.schema.json")
    table = pa.Table.from_pylist(sorted(entries, key=lambda e: e["outlet_id"]), schema=schema)
    pq.write_table(table.replace_schema_metadata(metadata), path, compression="zstd", row_group_size=ROW_GROUP_SIZE)
    return table.num_rows
