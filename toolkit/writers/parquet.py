"""Parquet writing: sorted runs per shard, then one merge into the dataset's files.

Shards write their records as runs sorted by id; the merge reads the runs in
id order, keeps one record per id (the duplicate rule below) and writes
data/train-0000K-of-0000N.parquet. Only ids and a row group per run are held
in memory, so memory stays flat as the corpus grows, and the output does not
depend on how the work was split between workers."""
from __future__ import annotations

import bisect
import heapq
import itertools
import json
import math
import os
from array import array
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..normalize.dates import to_datetime
from ..schema import arrow_schema, hf_features, load_schema, timestamp_fields

MAX_ROW_GROUP = 10_000  # the contract: at most this many rows a row group
ROW_GROUP_SIZE = 4_000  # what the merge writes: fewer rows keep its memory small
ROWS_PER_FILE = 100_000
RUN_ROW_GROUP = 200  # small row groups in runs keep the merge's read-ahead small
# min/max statistics where a reader can skip row groups with them (not for bodies: they would bloat the footer)
STATISTICS = ["id", "url", "canonical_url", "host", "domain", "language", "section", "published_at", "modified_at",
              "snapshot_date", "word_count", "content_sha256"]
KEY_COLUMNS = ["id", "word_count", "provenance.input", "provenance.offset"]
MERGE_FAN_IN = 16  # runs merged at once: bounds the row groups held in memory whatever the corpus size
DUPLICATES = "duplicates.jsonl"  # beside data/: the records dropped as duplicates, one a line
DUPLICATE_RULE = ("one record per canonical URL (same id): the one with the most body words; "
                  "on a tie, the first in input order (the inputs as given or found in folders, then byte offset)")


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
    """A sorted run: the batch's records ordered by id; the sort is stable, so records of one id stay in
    input order (the order the batch holds them in: the inputs as given or found, then byte offset).
    Runs hold consecutive stretches of the inputs and are numbered in input order, so (run, row) is
    input order across runs too, however the work was cut."""
    records.sort(key=lambda r: r["id"])
    # no statistics: runs are read back whole, and min/max of every body would sit in their footers
    pq.write_table(to_table(records), path, row_group_size=RUN_ROW_GROUP, compression="zstd", write_statistics=False)
    return len(records)


def file_metadata(inputs: list[dict[str, str | None]], version: str) -> dict[bytes, bytes]:
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
    duplicates: int = 0  # listed in duplicates.jsonl
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


def _keys(runs: list[str]) -> Iterator[tuple[str, int, int, int, str, int]]:
    """(id, run, row, word_count, input, offset) of every record of the runs, in (id, run, row) order.
    Each run is sorted by id, so this is a streaming k-way merge: memory does not grow with the corpus."""

    def one(number: int, path: str) -> Iterator[tuple[str, int, int, int, str, int]]:
        row = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=4096, columns=KEY_COLUMNS):
            prov = batch.column(2)
            ids, words = batch.column(0).to_pylist(), batch.column(1).to_pylist()
            inputs, offsets = pc.struct_field(prov, "input").to_pylist(), pc.struct_field(prov, "offset").to_pylist()
            for i, key in enumerate(ids):
                yield key, number, row + i, words[i], inputs[i], offsets[i]
            row += len(ids)

    return heapq.merge(*(one(n, p) for n, p in enumerate(runs)))


def _write_in_order(readers: list[_RunReader], order: Iterable[tuple[int, int]], size: int,
                    write: Callable[[pa.Table], None]) -> None:
    """Gather rows in the given (run, row) order, `size` at a time, and hand each chunk to `write`."""
    runs: list[int] = []
    rows: list[int] = []
    for run, row in order:
        runs.append(run)
        rows.append(row)
        if len(runs) >= size:
            write(_gather(readers, runs, rows))
            runs, rows = [], []
    if runs:
        write(_gather(readers, runs, rows))


def _merge_group(group: list[str], out: str) -> str:
    """Runs into one run, in id order; the runs are removed."""
    readers = [_RunReader(p) for p in group]
    with pq.ParquetWriter(out, arrow_schema(), compression="zstd", write_statistics=False) as writer:
        _write_in_order(readers, ((k[1], k[2]) for k in _keys(group)), RUN_ROW_GROUP, writer.write_table)
    for path in group:
        os.remove(path)
    return out


def _reduce_runs(runs: list[str], fan_in: int | None = None, workers: int = 1) -> list[str]:
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
            # here is toolkit.writers.merge_apart, the only caller that passes workers
            from ..executors import worker_init

            with ProcessPoolExecutor(min(workers, len(groups)), mp_context=multiprocessing.get_context("spawn"),
                                     initializer=worker_init, initargs=(os.getpid(),)) as pool:
                runs = list(pool.map(_merge_group, groups, outs))
        else:
            runs = [_merge_group(group, out) for group, out in zip(groups, outs)]
        level += 1
    return runs


def _preferred(k: tuple[str, int, int, int, str, int], best: tuple[str, int, int, int, str, int]) -> bool:
    """Most body words first; on a tie the first in input order: runs are numbered in input order and
    sorted by (id, input, offset) inside, so (run, row) is input order."""
    return (-k[3], k[1], k[2]) < (-best[3], best[1], best[2])


Key = tuple[str, int, int, int, str, int]


def choices(runs: list[str], dropped: Callable[[Key], None] = lambda k: None) -> Iterator[Key]:
    """The duplicate rule, id by id in id order: the record kept (as `_keys` gives it); each one dropped
    goes to `dropped` as it is found, so a corpus of copies costs no memory. The merge and the reuse
    stage both ask it, so they keep the same rows."""
    for _, group in itertools.groupby(_keys(runs), key=lambda k: k[0]):
        best = next(group)
        for k in group:
            if _preferred(k, best):
                best, k = k, best
            dropped(k)
        yield best


def _select(runs: list[str], duplicates_path: str) -> tuple[array, array, int]:
    """Pass one: which record of each id is kept, as (run, row) arrays in id order; the others are written
    to `duplicates_path`."""
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


def merge(runs: list[str], data_dir: str, metadata: dict[bytes, bytes], rows_per_file: int = ROWS_PER_FILE,
          row_group_size: int = ROW_GROUP_SIZE, fan_in: int | None = None, workers: int = 1,
          reuse: dict[str, tuple[dict[str, Any], str]] | None = None) -> MergeResult:
    """The runs into the dataset's files in data_dir; the duplicates dropped go to duplicates.jsonl beside it.
    `reuse` gives, by id, the `reuse` value of the articles whose text appears elsewhere, and its rule."""
    runs = _reduce_runs(runs, fan_in, workers)
    kept_run, kept_row, duplicates = _select(runs, os.path.join(os.path.dirname(data_dir), DUPLICATES))
    os.makedirs(data_dir, exist_ok=True)
    total = len(kept_run)
    n_files = max(1, math.ceil(total / rows_per_file))
    readers = [_RunReader(p) for p in runs]
    schema = arrow_schema().with_metadata(metadata)
    files = []
    stats: dict[str, dict[str, int]] = {"outlet": {}, "language": {}, "month": {}, "category": {}, "outlet_id": {},
                                        "category_outlet": {}, "month_category": {}, "network": {}, "uncertain": {}}
    for k in range(n_files):
        path = os.path.join(data_dir, f"train-{k:05d}-of-{n_files:05d}.parquet")
        files.append(path)
        lo, hi = k * rows_per_file, min(total, (k + 1) * rows_per_file)
        with pq.ParquetWriter(path, schema, compression="zstd", write_statistics=STATISTICS) as writer:

            def write(chunk: pa.Table) -> None:
                chunk = with_reuse(chunk, reuse) if reuse else chunk
                _count(chunk, stats)
                writer.write_table(chunk.cast(schema), row_group_size=row_group_size)

            _write_in_order(readers, zip(kept_run[lo:hi], kept_row[lo:hi]), row_group_size, write)
            if total == 0:
                writer.write_table(schema.empty_table())
    return MergeResult(files, total, duplicates, stats)


def with_reuse(chunk: pa.Table, reuse: dict[str, tuple[dict[str, Any], str]]) -> pa.Table:
    """The chunk with the `reuse` value, and its field source, of each article that has one. Only the two
    columns are rebuilt: the bodies stay in Arrow."""
    ids = chunk.column("id").to_pylist()
    found = [reuse.get(i) for i in ids]
    if not any(found):
        return chunk
    provenance = chunk.column("provenance").to_pylist()
    for prov, hit in zip(provenance, found):
        if hit:
            sources = prov["field_sources"] + [{"field": "reuse", "rule": hit[1]}]
            prov["field_sources"] = sorted(sources, key=lambda s: (s["field"], s["rule"]))
    schema = chunk.schema
    at_reuse, at_provenance = schema.get_field_index("reuse"), schema.get_field_index("provenance")
    chunk = chunk.set_column(at_reuse, schema.field(at_reuse),
                             pa.array([hit[0] if hit else None for hit in found], type=schema.field(at_reuse).type))
    return chunk.set_column(at_provenance, schema.field(at_provenance),
                            pa.array(provenance, type=schema.field(at_provenance).type))


def _gather(readers: list[_RunReader], runs: list[int], rows: list[int]) -> pa.Table:
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


def _count(chunk: pa.Table, stats: dict[str, dict[str, int]]) -> None:
    source = chunk.column("source").combine_chunks()
    aff = chunk.column("affiliation").combine_chunks()
    published = chunk.column("published_at").to_pylist()
    local = chunk.column("published_local").to_pylist()
    names = pc.struct_field(source, "name").to_pylist()
    categories = pc.struct_field(aff, "category").to_pylist()
    networks = pc.struct_field(pc.struct_field(aff, "network"), "name").to_pylist()
    # the local news day where the page gave its offset ('2022-02-02T00:30:00+01:00' is February), else UTC
    months = [(loc or "")[:7] or (d.strftime("%Y-%m") if d else "") for loc, d in zip(local, published)]
    for key, values in (
        ("month_category", [f"{m}\t{c}" if m else None for m, c in zip(months, categories)]),
        ("outlet_id", pc.struct_field(source, "outlet_id").to_pylist()),
        ("category_outlet", [f"{c}\t{n or '(none)'}" for c, n in zip(categories, names)]),
        ("outlet", names),
        ("language", chunk.column("language").to_pylist()),
        ("month", [d.strftime("%Y-%m") if d else None for d in published]),
        ("category", categories),
        ("network", networks),
        ("uncertain", ["uncertain" if u else "certain" for u in pc.struct_field(aff, "uncertain").to_pylist()]),
    ):
        bucket = stats.setdefault(key, {})
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


def write_cluster_config(rows: list[dict[str, Any]], folder: str) -> int:
    """The `clusters` config: one row a cluster of republished texts. Not written when there is none:
    `datasets.load_dataset` cannot load an empty split, and a config the card declares must load."""
    if not rows:
        return 0
    schema = arrow_schema("cluster.schema.json").with_metadata({b"huggingface": json.dumps(
        {"info": {"features": hf_features("cluster.schema.json").to_dict()}}).encode()})
    path = os.path.join(folder, "clusters", "train-00000-of-00001.parquet")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, compression="zstd")
    return len(rows)


def write_outlet_config(registry: Any, referenced: dict[str, int], folder: str) -> int:
    """The registry entries the articles refer to, as the `outlets` config; not written when no article
    matched an outlet (a config the card declares must load, and an empty split cannot)."""
    ids = sorted(k for k in referenced if k and k != "(none)")
    entries = [registry.entries[i] for i in ids if registry is not None and i in registry.entries]
    if not entries:
        return 0
    meta = {b"mpt.registry_version": (registry.version if registry else "").encode(), b"huggingface": json.dumps(
        {"info": {"features": hf_features("outlet.schema.json").to_dict()}}).encode()}
    return write_outlets(entries, os.path.join(folder, "outlets", "train-00000-of-00001.parquet"), meta)
