"""Check a built dataset folder: data against the schema, the card, the manifest."""
from __future__ import annotations

import json
import os
from typing import Any

import pyarrow.parquet as pq

from .normalize.dates import ParsedDate
from .schema import arrow_schema, hf_features, timestamp_fields
from .validate import explain, is_valid
from .writers.card import read_header
from .writers.parquet import MAX_ROW_GROUP


def _as_json(row: dict[str, Any]) -> dict[str, Any]:
    for name in timestamp_fields():
        if row[name] is not None:
            row[name] = ParsedDate(row[name], "exact").iso()
    return row


def verify_folder(folder: str, max_reports: int = 20) -> list[str]:
    """Problems found in a built folder; an empty list means it is valid."""
    problems: list[str] = []
    if not os.path.isdir(folder):
        return [f"{folder} is not a folder"]
    for name in ("README.md", "manifest.json", "rejects.jsonl", "data"):
        if not os.path.exists(os.path.join(folder, name)):
            problems.append(f"missing {name}")
    if problems:
        return problems
    try:
        manifest = json.load(open(os.path.join(folder, "manifest.json"), encoding="utf-8"))
    except ValueError as exc:
        return [f"manifest.json is not JSON: {exc}"]
    data_dir = os.path.join(folder, "data")
    files = sorted(f for f in os.listdir(data_dir) if f.endswith(".parquet"))
    if not files:
        problems.append("data/ holds no Parquet file")
    rows = 0
    last_id = ""
    bad_rows = 0
    for name in files:
        path = os.path.join(data_dir, name)
        try:
            pf = pq.ParquetFile(path)
        except Exception as exc:
            problems.append(f"data/{name}: not a readable Parquet file ({exc})")
            continue
        if not pf.schema_arrow.remove_metadata().equals(arrow_schema()):
            problems.append(f"data/{name}: Arrow schema differs from the one derived from schema/article.schema.json")
            continue
        for g in range(pf.metadata.num_row_groups):
            if pf.metadata.row_group(g).num_rows > MAX_ROW_GROUP:
                problems.append(f"data/{name}: row group {g} has more than {MAX_ROW_GROUP} rows")
        for batch in pf.iter_batches(batch_size=2000):
            for row in batch.to_pylist():
                rows += 1
                if row["id"] <= last_id:
                    problems.append(f"data/{name}: rows are not sorted by unique id at {row['id']}")
                last_id = row["id"]
                record = _as_json(row)
                if not is_valid(record):
                    bad_rows += 1
                    if bad_rows <= max_reports:
                        err = explain(record)
                        problems.append(f"data/{name}: record {row['id']}: {err}")
    counts = manifest.get("counts", {})
    if counts.get("written") != rows:
        problems.append(f"manifest says {counts.get('written')} written, data holds {rows} rows")
    if counts.get("read") != counts.get("written", 0) + counts.get("rejected", 0) + counts.get("duplicates", 0):
        problems.append(f"manifest counts do not reconcile (read = written + rejected + duplicates): {counts}")
    with open(os.path.join(folder, "rejects.jsonl"), encoding="utf-8") as f:
        rejects = sum(1 for line in f if line.strip())
    if counts.get("rejected") != rejects:
        problems.append(f"manifest says {counts.get('rejected')} rejected, rejects.jsonl holds {rejects}")
    if len(manifest.get("duplicates", [])) != counts.get("duplicates"):
        problems.append("manifest's duplicate list and count differ")
    for entry in manifest.get("inputs", []):
        if not entry.get("sha256"):
            problems.append(f"manifest: input {entry.get('path')} has no sha256")
    try:
        header = read_header(open(os.path.join(folder, "README.md"), encoding="utf-8").read())
    except ValueError as exc:
        problems.append(f"README.md: {exc}")
        return problems
    for key in ("configs", "dataset_info", "license", "pretty_name", "size_categories"):
        if key not in header:
            problems.append(f"README.md: YAML header lacks {key}")
    infos = header.get("dataset_info") or []
    infos = infos if isinstance(infos, list) else [infos]
    default = next((i for i in infos if i.get("config_name", "default") == "default"), None)
    if default is None:
        problems.append("README.md: no dataset_info for the default config")
    else:
        from datasets import Features

        try:
            if Features._from_yaml_list(default["features"]) != hf_features():
                problems.append("README.md: dataset_info features differ from the schema's")
        except Exception as exc:
            problems.append(f"README.md: dataset_info features unreadable ({exc})")
        split_rows = sum(s.get("num_examples", 0) for s in default.get("splits", []))
        if split_rows != rows:
            problems.append(f"README.md: card says {split_rows} examples, data holds {rows}")
    problems += _verify_outlets(folder, infos)
    return problems


def _verify_outlets(folder: str, infos: list[dict[str, Any]]) -> list[str]:
    """The outlets config, when there is one: schema, listed in the card, entries valid."""
    path = os.path.join(folder, "outlets")
    listed = next((i for i in infos if i.get("config_name") == "outlets"), None)
    if not os.path.isdir(path):
        return ["README.md lists an outlets config but there is no outlets/ folder"] if listed else []
    if listed is None:
        return ["outlets/ exists but the card's YAML does not list the outlets config"]
    problems = []
    from .validate import fast_validator

    for name in sorted(os.listdir(path)):
        table = pq.read_table(os.path.join(path, name))
        if not table.schema.remove_metadata().equals(arrow_schema("outlet.schema.json")):
            problems.append(f"outlets/{name}: Arrow schema differs from schema/outlet.schema.json")
            continue
        for row in table.to_pylist():
            clean = _drop_nulls(row)
            if not fast_validator("outlet.schema.json").is_valid(clean):
                problems.append(f"outlets/{name}: entry {row.get('outlet_id')} does not validate against the outlet schema")
    return problems


def _drop_nulls(value: Any) -> Any:
    """Parquet writes absent optional keys as nulls; the schema's required keys are never null."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value
