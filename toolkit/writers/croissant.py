"""croissant.json: the folder described in Croissant (MLCommons), the metadata format of ML datasets,
with its Responsible AI fields. The record sets and their fields are derived from the JSON Schemas,
like the Arrow schema and the card's field table."""
from __future__ import annotations

import datetime
import json
import os
from typing import Any

from ..readers.streams import file_sha256
from ..schema import load_schema

CROISSANT = "croissant.json"

# config name, its folder, its schema, its key field
CONFIGS = (("articles", "data", "article.schema.json", "id"),
           ("outlets", "outlets", "outlet.schema.json", "outlet_id"),
           ("clusters", "clusters", "cluster.schema.json", "cluster_id"))


# the JSON-LD context of Croissant 1.0, as mlcroissant writes it
CONTEXT: dict[str, Any] = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract", "field": "cr:field",
    "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "samplingRate": "cr:samplingRate", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform"}


def _data_type(node: dict[str, Any]) -> str:
    kinds = [t for t in ([node["type"]] if isinstance(node.get("type"), str) else node.get("type") or ["string"])
             if t != "null"]
    kind = kinds[0] if kinds else "string"
    if kind == "integer":
        return "sc:Integer"
    if kind == "number":
        return "sc:Float"
    if kind == "boolean":
        return "sc:Boolean"
    if node.get("format") == "date-time":
        return "sc:DateTime"
    return "sc:Text"


def _is_object(node: dict[str, Any]) -> bool:
    return "properties" in node


def fields(record_set: str, file_set: str, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """One Croissant field per property, nested as the schema nests them. A nested value is reached from
    its Parquet column by one `jsonPath` transform per step: a step into a list applies to each item.

    A list of objects inside another list (an outlet's `periods[].evidence[]`) is left out: mlcroissant
    applies a transform across one level of list only, so it could not read the record set at all. Its
    parent's description says where it is."""

    def field(path: list[str], node: dict[str, Any], in_list: bool) -> dict[str, Any]:
        source: dict[str, Any] = {"fileSet": {"@id": file_set}, "extract": {"column": path[0]}}
        steps = [{"jsonPath": step} for step in path[1:]]
        if steps:
            source["transform"] = steps[0] if len(steps) == 1 else steps
        out: dict[str, Any] = {"@type": "cr:Field", "@id": "/".join([record_set, *path]), "name": path[-1],
                               "description": node.get("description") or ""}
        items = node.get("items")
        if _is_object(node):
            return {**out, "source": source, "subField": subfields(path, node, in_list)}
        if items is not None and _is_object(items):
            left_out = [k for k, sub in items["properties"].items() if _nested_list(sub)]
            if left_out:
                out["description"] += (f" Its {', '.join(left_out)} (lists of objects) are in the Parquet files but "
                                       "not described here: mlcroissant reads lists nested one level deep only.")
            return {**out, "repeated": True, "source": source, "subField": subfields(path, items, True)}
        if items is not None:
            return {**out, "dataType": _data_type(items), "repeated": True, "source": source}
        return {**out, "dataType": _data_type(node), "source": source}

    def subfields(path: list[str], node: dict[str, Any], in_list: bool) -> list[dict[str, Any]]:
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
             citation: str, personal_data: str) -> dict[str, Any]:
    """The Croissant description of a finished folder, as JSON-LD: every Parquet file with its SHA-256, one
    record set per config, licence, citation, versions and how the data was collected. Written as plain
    data (mlcroissant, a second's import, only checks it in `mpt validate`)."""
    distribution: list[dict[str, Any]] = []
    record_sets = []
    for config, sub, schema_file, key in CONFIGS:
        if config != "articles" and not _parquet_files(folder, sub):
            continue  # a side config with no rows is not written (see writers/parquet.py)
        distribution += [{"@type": "cr:FileObject", "@id": path, "name": path, "contentUrl": path,
                          "encodingFormat": "application/x-parquet", "sha256": file_sha256(os.path.join(folder, path))}
                         for path in _parquet_files(folder, sub)]
        file_set = f"{config}-parquet"
        distribution.append({"@type": "cr:FileSet", "@id": file_set, "name": file_set,
                             "description": f"The Parquet files of the {config} config.",
                             "encodingFormat": "application/x-parquet", "includes": f"{sub}/*.parquet"})
        schema = load_schema(schema_file)
        record_sets.append({"@type": "cr:RecordSet", "@id": config, "name": config,
                            "description": schema.get("description") or "", "key": {"@id": f"{config}/{key}"},
                            "field": fields(config, file_set, schema)})
    toolkit = manifest["versions"]["toolkit"]
    inputs = manifest.get("inputs") or []
    counts = manifest["counts"]
    registry = (manifest.get("registry") or {}).get("version") or ""
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": meta.get("pretty_name") or meta.get("name") or "News articles with provenance",
        "description": (meta.get("description") or "News articles with their source, byline and outlet affiliation.").strip()
        + f" Built with the Media Provenance Toolkit {toolkit}; README.md is the dataset card.",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "citeAs": citation,
        "inLanguage": languages,
        "keywords": sorted(set(["news", "media-provenance", "state-media"] + list(meta.get("tags") or []))),
        "license": meta.get("license") or "other",
        "url": meta.get("url"),
        "version": str(meta.get("version") or "1.0.0"),
        "datePublished": _date(meta.get("date_published")),
        "rai:dataCollection": (
            f"News pages scraped by the dataset's authors and read by the Media Provenance Toolkit {toolkit} from "
            f"{len(inputs)} input files ({_names(inputs)}); manifest.json lists each with its SHA-256, and every article's "
            "`provenance` names its input, byte offset and the SHA-256 of its raw bytes. Of "
            f"{counts['read']} records read, {counts['written']} were written, {counts['rejected']} rejected "
            f"(rejects.jsonl gives each reason) and {counts['duplicates']} dropped as duplicates of an URL "
            "(duplicates.jsonl)."),
        "rai:dataCollectionType": "Web Scraping",
        "rai:dataCollectionRawData": "The raw pages are not part of the dataset; `provenance.raw_sha256` identifies each.",
        "rai:dataPreprocessingProtocol": (
            f"Media Provenance Toolkit {toolkit}: extraction of the fields from page metadata and text, normalisation "
            f"(UTC dates, BCP 47 languages, canonical URLs), outlet affiliation from the outlet registry {registry}, "
            "near-duplicate clusters. `provenance.field_sources` names the rule behind each field."),
        "rai:personalSensitiveInformation": personal_data,
        "rai:dataLimitations": (
            "Affiliation labels come from the outlet registry and are `unknown` for outlets it does not know; "
            "authors and dates are what the pages declare or what the extraction rules found."),
        "distribution": distribution,
        "recordSet": record_sets,
    }
    return {k: v for k, v in document.items() if v not in (None, [], "")}


def _names(inputs: list[dict[str, Any]], limit: int = 20) -> str:
    names = [str(i["path"]) for i in inputs[:limit]]
    return ", ".join(names) + (f" and {len(inputs) - limit} more" if len(inputs) > limit else "")


def _date(value: Any) -> str | None:
    """A recipe's `date_published` (YAML reads 2025-03-01 as a date); none by default, as a build date would
    make the same inputs give different bytes."""
    if value is None:
        return None
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return day.isoformat()


def write(folder: str, meta: dict[str, Any], manifest: dict[str, Any], languages: list[str],
          citation: str, personal_data: str) -> None:
    document = metadata(folder, meta, manifest, languages, citation, personal_data)
    with open(os.path.join(folder, CROISSANT), "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=2)
        f.write("\n")
