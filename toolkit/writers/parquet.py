"""Parquet writing: a batch's sorted run, the file metadata, and the side configs (outlets, clusters).

The merge (toolkit.merge) writes the dataset's files from the runs, with the settings below."""
from __future__ import annotations

import json
import os
from typing import Any, Iterable

import pyarrow as pa
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
