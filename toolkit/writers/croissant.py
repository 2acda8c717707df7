"""croissant.json: the folder described in Croissant (MLCommons), the metadata format of ML datasets,
with its Responsible AI fields. The record sets and their fields are derived from the JSON Schemas,
like the Arrow schema and the card's field table."""
from __future__ import annotations

import datetime
import json
import os
from typing import TYPE_CHECKING, Any

from ..readers.streams import file_sha256
from ..schema import load_schema

if TYPE_CHECKING:
    import mlcroissant

CROISSANT = "croissant.json"

# config name, its folder, its schema, its key field
CONFIGS = (("articles", "data", "article.schema.json", "id"),
           ("outlets", "outlets", "outlet.schema.json", "outlet_id"),
           ("clusters", "clusters", "cluster.schema.json", "cluster_id"))


def _data_type(node: dict[str, Any]) -> Any:
    import mlcroissant as mlc

    kinds = [t for t in ([node["type"]] if isinstance(node.get("type"), str) else node.get("type") or ["string"])
             if t != "null"]
    kind = kinds[0] if kinds else "string"
    if kind == "integer":
        return mlc.DataType.INTEGER
    if kind == "number":
        return mlc.DataType.FLOAT
    if kind == "boolean":
        return mlc.DataType.BOOL
    if node.get("format") == "date-time":
        return mlc.DataType.DATETIME
    return mlc.DataType.TEXT


def _is_object(node: dict[str, Any]) -> bool:
    return "properties" in node


def fields(record_set: str, file_set: str, schema: dict[str, Any]) -> list[mlcroissant.Field]:
    """One Croissant field per property, nested as the schema nests them. A nested value is reached from
    its Parquet column by one `jsonPath` transform per step: a step into a list applies to each item.

    A list of objects inside another list (an outlet's `periods[].evidence[]`) is left out: mlcroissant
    applies a transform across one level of list only, so it could not read the record set at all. Its
    parent's description says where it is."""
    import mlcroissant as mlc

    def field(path: list[str], node: dict[str, Any], in_list: bool) -> mlc.Field:
        source = mlc.Source(file_set=file_set, extract=mlc.Extract(column=path[0]),
                            transforms=[mlc.Transform(json_path=step) for step in path[1:]])
        common = {"id": "/".join([record_set, *path]), "name": path[-1], "source": source}
        description = node.get("description") or ""
        if _is_object(node):
            return mlc.Field(**common, description=description, sub_fields=subfields(path, node, in_list))
        items = node.get("items")
        if items is not None and _is_object(items):
            left_out = [k for k, sub in items["properties"].items() if _nested_list(sub)]
            if left_out:
                description += (f" Its {', '.join(left_out)} (lists of objects) are in the Parquet files but not "
                                "described here: mlcroissant reads lists nested one level deep only.")
            return mlc.Field(**common, description=description, repeated=True, sub_fields=subfields(path, items, True))
        if items is not None:
            return mlc.Field(**common, description=description, repeated=True, data_types=[_data_type(items)])
        return mlc.Field(**common, description=description, data_types=[_data_type(node)])

    def subfields(path: list[str], node: dict[str, Any], in_list: bool) -> list[mlc.Field]:
        return [field([*path, k], sub, in_list) for k, sub in node["properties"].items()
                if not (in_list and _nested_list(sub))]

    return [field([name], node, False) for name, node in schema["properties"].items()]


def _nested_list(node: dict[str, Any]) -> bool:
    return _is_object(node.get("items") or {})


def _parquet_files(folder: str, sub: str) -> list[str]:
    where = os.path.join(folder, sub)
    names = sorted(n for n in os.listdir(where) if n.endswith(".parquet")) if os.path.isdir(where) else []
    return [f"{sub}/{n}" for n in names]


def metadata(folder: str, meta: dict[str, Any], manifest: dict[str, Any], languages: list[str],
             citation: str, personal_data: str) -> mlcroissant.Metadata:
    """The Croissant description of a finished folder: every Parquet file with its SHA-256, one record set
    per config, licence, citation, versions and how the data was collected."""
    import mlcroissant as mlc

    distribution: list[Any] = []
    record_sets = []
    for config, sub, schema_file, key in CONFIGS:
        files = _parquet_files(folder, sub)
        distribution += [mlc.FileObject(id=path, name=path, content_url=path, encoding_formats=["application/x-parquet"],
                                        sha256=file_sha256(os.path.join(folder, path))) for path in files]
        file_set = f"{config}-parquet"
        distribution.append(mlc.FileSet(id=file_set, name=file_set, encoding_formats=["application/x-parquet"],
                                        includes=[f"{sub}/*.parquet"], description=f"The Parquet files of the {config} config."))
        schema = load_schema(schema_file)
        record_sets.append(mlc.RecordSet(id=config, name=config, description=schema.get("description"),
                                         key=[f"{config}/{key}"], fields=fields(config, file_set, schema)))
    toolkit = manifest["versions"]["toolkit"]
    inputs = manifest.get("inputs") or []
    counts = manifest["counts"]
    return mlc.Metadata(
        name=meta.get("pretty_name") or meta.get("name") or "News articles with provenance",
        description=(meta.get("description") or "News articles with their source, byline and outlet affiliation.")
        + f" Built with the Media Provenance Toolkit {toolkit}; README.md is the dataset card.",
        url=meta.get("url"),
        license=[meta.get("license") or "other"],
        version=str(meta.get("version") or "1.0.0"),
        date_published=_date(meta.get("date_published")),
        cite_as=citation,
        keywords=sorted(set(["news", "media-provenance", "state-media"] + list(meta.get("tags") or []))),
        in_language=languages or None,
        distribution=distribution,
        record_sets=record_sets,
        data_collection=(
            f"News pages scraped by the dataset's authors and read by the Media Provenance Toolkit {toolkit} from "
            f"{len(inputs)} input files ({_names(inputs)}); manifest.json lists each with its SHA-256, and every article's "
            "`provenance` names its input, byte offset and the SHA-256 of its raw bytes. Of "
            f"{counts['read']} records read, {counts['written']} were written, {counts['rejected']} rejected "
            f"(rejects.jsonl gives each reason) and {counts['duplicates']} dropped as duplicates of an URL "
            "(duplicates.jsonl)."),
        data_collection_type=["Web Scraping"],
        data_collection_raw_data="The raw pages are not part of the dataset; `provenance.raw_sha256` identifies each.",
        data_preprocessing_protocol=[
            f"Media Provenance Toolkit {toolkit}: extraction of the fields from page metadata and text, "
            "normalisation (UTC dates, BCP 47 languages, canonical URLs), outlet affiliation from the outlet "
            f"registry {manifest.get('registry', {}).get('version') or ''}".rstrip() + ", near-duplicate clusters. "
            "`provenance.field_sources` names the rule behind each field."],
        personal_sensitive_information=[personal_data],
        data_limitations=[
            "Affiliation labels come from the outlet registry and are `unknown` for outlets it does not know; "
            "authors and dates are what the pages declare or what the extraction rules found."],
    )


def _names(inputs: list[dict[str, Any]], limit: int = 20) -> str:
    names = [str(i["path"]) for i in inputs[:limit]]
    return ", ".join(names) + (f" and {len(inputs) - limit} more" if len(inputs) > limit else "")


def _date(value: Any) -> datetime.datetime | None:
    """A recipe's `date_published` (YAML reads 2025-03-01 as a date); none by default, as a build date would
    make the same inputs give different bytes."""
    if value is None:
        return None
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def write(folder: str, meta: dict[str, Any], manifest: dict[str, Any], languages: list[str],
          citation: str, personal_data: str) -> None:
    document = metadata(folder, meta, manifest, languages, citation, personal_data).to_json()
    with open(os.path.join(folder, CROISSANT), "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=2, default=str)
        f.write("\n")
