"""The merge: the workers' sorted runs into the dataset's files, one record per id (duplicates.py), each
with its `reuse` value, and the counts the card draws.

Parquet files data/train-0000K-of-0000N.parquet are written in id order, so the output does not depend on
how the work was split between workers."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..schema import arrow_schema
from ..writers.parquet import ROW_GROUP_SIZE, ROWS_PER_FILE, STATISTICS
from .duplicates import DUPLICATES, select
from .runs import RunReader, reduce_runs, write_in_order


@dataclass
class MergeResult:
    files: list[str]
    written: int
    duplicates: int = 0  # listed in duplicates.jsonl
    stats: dict[str, dict[str, int]] = field(default_factory=dict)


def merge(runs: list[str], data_dir: str, metadata: dict[bytes, bytes], rows_per_file: int = ROWS_PER_FILE,
          row_group_size: int = ROW_GROUP_SIZE, fan_in: int | None = None, workers: int = 1,
          reuse: dict[str, tuple[dict[str, Any], str]] | None = None) -> MergeResult:
    """The runs into the dataset's files in data_dir; the duplicates dropped go to duplicates.jsonl beside it.
    `reuse` gives, by id, the `reuse` value of the articles whose text appears elsewhere, and its rule."""
    runs = reduce_runs(runs, fan_in, workers)
    kept_run, kept_row, duplicates = select(runs, os.path.join(os.path.dirname(data_dir), DUPLICATES))
    os.makedirs(data_dir, exist_ok=True)
    total = len(kept_run)
    n_files = max(1, math.ceil(total / rows_per_file))
    readers = [RunReader(p) for p in runs]
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
                count(chunk, stats)
                writer.write_table(chunk.cast(schema), row_group_size=row_group_size)

            write_in_order(readers, zip(kept_run[lo:hi], kept_row[lo:hi]), row_group_size, write)
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


def count(chunk: pa.Table, stats: dict[str, dict[str, int]]) -> None:
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
