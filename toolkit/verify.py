"""Check a built dataset folder: its files against the manifest's checksums, the data against the
schema, the counts, the card and the outlets config. Each check returns its problems as lines;
nothing here raises for a damaged folder."""
from __future__ import annotations

import json
import os
from typing import Any, Callable

import pyarrow.parquet as pq

from .normalize.dates import ParsedDate
from .readers.streams import file_sha256
from .schema import arrow_schema, hf_features, timestamp_fields
from .validate import explain, fast_validator, is_valid
from .writers import croissant
from .writers.card import read_header
from .writers.parquet import MAX_ROW_GROUP

REQUIRED = ("README.md", "manifest.json", "rejects.jsonl", "data")


class Folder:
    """What the checks share: the folder, its manifest, its card's header and the rows counted."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.manifest: dict[str, Any] = {}
        self.header: dict[str, Any] | None = None
        self.rows = 0

    def file(self, *parts: str) -> str:
        return os.path.join(self.path, *parts)


def verify_folder(folder: str, max_reports: int = 20) -> list[str]:
    """Problems found in a built folder; an empty list means it is valid."""
    if not os.path.isdir(folder):
        return [f"{folder} is not a folder"]
    missing = [f"missing {name}" for name in REQUIRED if not os.path.exists(os.path.join(folder, name))]
    if missing:
        return missing
    f = Folder(folder)
    try:
        with open(f.file("manifest.json"), encoding="utf-8") as fh:
            f.manifest = json.load(fh)
    except (OSError, ValueError) as exc:
        return [f"manifest.json cannot be read: {exc}"]
    if not isinstance(f.manifest, dict):
        return ["manifest.json does not hold an object"]
    checks: list[Callable[[Folder], list[str]]] = [
        check_checksums, lambda x: check_rows(x, max_reports), check_counts, check_rejects, check_inputs,
        check_card, check_outlets, check_clusters, check_croissant]
    problems: list[str] = []
    for check in checks:
        try:
            problems += check(f)
        except Exception as exc:  # a damaged file must give a line, never a traceback
            problems.append(f"{getattr(check, '__name__', 'check')}: {type(exc).__name__}: {exc}")
    return problems


def check_checksums(f: Folder) -> list[str]:
    """Every file the manifest lists is there with its SHA-256; no data file is unlisted."""
    listed = {e["path"]: e.get("sha256") for e in f.manifest.get("files", []) if isinstance(e, dict) and isinstance(e.get("path"), str)}
    if not listed:
        return ["manifest.json lists no files with their SHA-256"]
    problems = []
    for path, sha in sorted(listed.items()):
        full = f.file(path)
        if not os.path.isfile(full):
            problems.append(f"{path}: listed in the manifest but missing")
        elif file_sha256(full) != sha:
            problems.append(f"{path}: SHA-256 differs from the manifest's: the file changed after the build")
    for sub in ("data", "outlets"):
        if os.path.isdir(f.file(sub)):
            for name in sorted(os.listdir(f.file(sub))):
                if f"{sub}/{name}" not in listed:
                    problems.append(f"{sub}/{name}: not listed in the manifest")
    return problems


def _as_json(row: dict[str, Any]) -> dict[str, Any]:
    for name in timestamp_fields():
        if row[name] is not None:
            row[name] = ParsedDate(row[name], "exact").iso()
    return row


def check_rows(f: Folder, max_reports: int) -> list[str]:
    """Data files: the derived Arrow schema, row groups within the contract, rows sorted and valid."""
    data_dir = f.file("data")
    files = sorted(n for n in os.listdir(data_dir) if n.endswith(".parquet"))
    if not files:
        return ["data/ holds no Parquet file"]
    problems: list[str] = []
    last_id, bad_rows = "", 0
    for name in files:
        try:
            pf = pq.ParquetFile(os.path.join(data_dir, name))
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
                f.rows += 1
                if row["id"] <= last_id:
                    problems.append(f"data/{name}: rows are not sorted by unique id at {row['id']}")
                last_id = row["id"]
                record = _as_json(row)
                if not is_valid(record):
                    bad_rows += 1
                    if bad_rows <= max_reports:
                        problems.append(f"data/{name}: record {row['id']}: {explain(record)}")
    return problems


def check_counts(f: Folder) -> list[str]:
    counts = f.manifest.get("counts", {})
    problems = []
    if counts.get("written") != f.rows:
        problems.append(f"manifest says {counts.get('written')} written, data holds {f.rows} rows")
    if counts.get("read") != counts.get("written", 0) + counts.get("rejected", 0) + counts.get("duplicates", 0) + \
            counts.get("filtered", 0):
        problems.append(f"manifest counts do not reconcile (read = written + rejected + duplicates + filtered): {counts}")
    if counts.get("filtered", 0) != sum(f.manifest.get("filter_reasons", {}).values()):
        problems.append(f"manifest says {counts.get('filtered', 0)} filtered, its filter_reasons add up to "
                        f"{sum(f.manifest.get('filter_reasons', {}).values())}")
    duplicates = f.file(f.manifest.get("duplicates_file") or "duplicates.jsonl")
    if not os.path.isfile(duplicates):
        problems.append("the list of duplicates (duplicates.jsonl) is missing")
    else:
        with open(duplicates, encoding="utf-8") as fh:
            listed = sum(1 for line in fh if line.strip())
        if listed != counts.get("duplicates"):
            problems.append(f"manifest says {counts.get('duplicates')} duplicates, duplicates.jsonl lists {listed}")
    return problems


def check_rejects(f: Folder) -> list[str]:
    rejected, by_reason = 0, {}  # type: int, dict[str, int]
    with open(f.file("rejects.jsonl"), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                reject = json.loads(line)
            except ValueError:
                return [f"rejects.jsonl: line {n} is not JSON"]
            rejected += 1
            by_reason[reject.get("category")] = by_reason.get(reject.get("category"), 0) + 1
    problems = []
    if f.manifest.get("counts", {}).get("rejected") != rejected:
        problems.append(f"manifest says {f.manifest.get('counts', {}).get('rejected')} rejected, "
                        f"rejects.jsonl holds {rejected}")
    if "reject_reasons" in f.manifest and f.manifest["reject_reasons"] != by_reason:
        problems.append("manifest's reject_reasons differ from the reasons in rejects.jsonl")
    return problems


def check_inputs(f: Folder) -> list[str]:
    """Every input has its SHA-256, unless it could not be read, which its reject says."""
    return [f"manifest: input {e.get('path')} has no sha256 and no reject says why"
            for e in f.manifest.get("inputs", []) if not e.get("sha256") and not e.get("rejected")]


def check_card(f: Folder) -> list[str]:
    try:
        with open(f.file("README.md"), encoding="utf-8") as fh:
            f.header = read_header(fh.read())
    except Exception as exc:  # yaml.YAMLError, UnicodeDecodeError, ValueError
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [f"README.md: the YAML header cannot be read: {first}"]
    if not isinstance(f.header, dict):
        return ["README.md: the YAML header is not a mapping"]
    problems = [f"README.md: YAML header lacks {key}"
                for key in ("configs", "dataset_info", "license", "pretty_name", "size_categories") if key not in f.header]
    infos = _infos(f.header)
    default = next((i for i in infos if i.get("config_name", "default") == "default"), None)
    if default is None:
        return problems + ["README.md: no dataset_info for the default config"]
    from datasets import Features

    try:
        if Features._from_yaml_list(default["features"]) != hf_features():
            problems.append("README.md: dataset_info features differ from the schema's")
    except Exception as exc:
        problems.append(f"README.md: dataset_info features unreadable ({exc})")
    split_rows = sum(s.get("num_examples", 0) for s in default.get("splits", []) if isinstance(s, dict))
    if split_rows != f.rows:
        problems.append(f"README.md: card says {split_rows} examples, data holds {f.rows}")
    return problems


def _infos(header: dict[str, Any] | None) -> list[dict[str, Any]]:
    infos = (header or {}).get("dataset_info") or []
    infos = infos if isinstance(infos, list) else [infos]
    return [i for i in infos if isinstance(i, dict)]


def _config_tables(f: Folder, config: str, schema_file: str) -> tuple[list[str], list[tuple[str, Any]]]:
    """A side config's Parquet files, when there is one: listed in the card, each with its schema's Arrow
    schema; the problems, and the tables that passed."""
    path = f.file(config)
    listed = next((i for i in _infos(f.header) if i.get("config_name") == config), None)
    article = "an" if config[0] in "aeiou" else "a"
    if not os.path.isdir(path):
        return ([f"README.md lists {article} {config} config but there is no {config}/ folder"] if listed else []), []
    if listed is None and f.header is not None:
        return [f"{config}/ exists but the card's YAML does not list the {config} config"], []
    problems, tables = [], []
    for name in sorted(os.listdir(path)):
        table = pq.read_table(os.path.join(path, name))
        if table.schema.remove_metadata().equals(arrow_schema(schema_file)):
            tables.append((name, table))
        else:
            problems.append(f"{config}/{name}: Arrow schema differs from schema/{schema_file}")
    return problems, tables


def check_outlets(f: Folder) -> list[str]:
    """The outlets config, when there is one: schema, listed in the card, entries valid."""
    problems, tables = _config_tables(f, "outlets", "outlet.schema.json")
    for name, table in tables:
        for row in table.to_pylist():
            if not fast_validator("outlet.schema.json").is_valid(_drop_nulls(row)):
                problems.append(f"outlets/{name}: entry {row.get('outlet_id')} does not validate against the outlet schema")
    return problems


def check_clusters(f: Folder) -> list[str]:
    """The clusters config, when there is one: schema, listed in the card, and the articles agree with it
    (each cluster's members carry its id and size; no article names a cluster that is not there)."""
    problems, tables = _config_tables(f, "clusters", "cluster.schema.json")
    if not os.path.isdir(f.file("clusters")) or (problems and not tables):
        return problems
    sizes: dict[str, int] = {}
    for name, table in tables:
        for row in table.to_pylist():
            sizes[row["cluster_id"]] = row["size"]
            if len(row["member_ids"]) != row["size"]:
                problems.append(f"clusters/{name}: cluster {row['cluster_id']} lists {len(row['member_ids'])} members, "
                                f"not its size {row['size']}")
    seen: dict[str, int] = {}
    for name in sorted(os.listdir(f.file("data"))):
        for batch in pq.ParquetFile(f.file("data", name)).iter_batches(columns=["reuse"]):
            for value in batch.column(0).to_pylist():
                if value is not None:
                    seen[value["cluster_id"]] = seen.get(value["cluster_id"], 0) + 1
    for cluster, count in sorted(seen.items()):
        if sizes.get(cluster) != count:
            problems.append(f"data: {count} articles name cluster {cluster}, which the clusters config "
                            + (f"gives size {sizes[cluster]}" if cluster in sizes else "does not have"))
    return problems[:20]


def check_croissant(f: Folder) -> list[str]:
    """croissant.json: mlcroissant reads it without an error, it describes every Parquet file with its
    SHA-256, and each record set has the fields of its config's schema."""
    import logging

    import mlcroissant as mlc

    path = f.file(croissant.CROISSANT)
    if not os.path.exists(path):
        listed = any(isinstance(e, dict) and e.get("path") == croissant.CROISSANT for e in f.manifest.get("files", []))
        return [f"missing {croissant.CROISSANT}"] if listed else []  # a build older than it has none
    absl = logging.getLogger("absl")
    level = absl.level
    absl.setLevel(logging.ERROR)  # its warnings (a recommended property) are not problems
    try:
        metadata = mlc.Dataset(jsonld=path).metadata
    except mlc.ValidationError as exc:
        errors = str(exc).split("warning(s) during the validation")[0].splitlines()[1:]  # not the warnings' list
        return [f"{croissant.CROISSANT}: mlcroissant: {line.strip(' -')}" for line in errors
                if line.strip(" -") and not line.startswith("Found the following")][:20]
    finally:
        absl.setLevel(level)
    problems = []
    described = {node.content_url: node.sha256 for node in metadata.distribution if isinstance(node, mlc.FileObject)}
    for _, sub, schema_file, _ in croissant.CONFIGS:
        for name in sorted(os.listdir(f.file(sub))) if os.path.isdir(f.file(sub)) else []:
            rel = f"{sub}/{name}"
            if rel not in described:
                problems.append(f"{croissant.CROISSANT} does not describe {rel}")
            elif described[rel] != file_sha256(f.file(sub, name)):
                problems.append(f"{croissant.CROISSANT}: the SHA-256 of {rel} differs from the file's")
    problems += [f"{croissant.CROISSANT} describes {rel}, which is not in the folder"
                 for rel in sorted(described) if not os.path.isfile(f.file(*rel.split("/")))]
    record_sets = {rs.name: [field.name for field in rs.fields] for rs in metadata.record_sets}
    for config, sub, schema_file, _ in croissant.CONFIGS:
        if config != "articles" and not os.path.isdir(f.file(sub)) and config not in record_sets:
            continue  # a side config with no rows is neither written nor described
        expected = list(arrow_schema(schema_file).names)
        if record_sets.get(config) != expected:
            problems.append(f"{croissant.CROISSANT}: record set {config} does not have the fields of schema/{schema_file}")
    return problems


def _drop_nulls(value: Any) -> Any:
    """Parquet writes absent optional keys as nulls; the schema's required keys are never null."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value
