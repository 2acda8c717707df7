"""The JSON Schema is the single source of truth for the record; everything
else (Arrow schema, Hugging Face Features, the card's field table) is derived
here from it, so a field is described once."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

# toolkit/data/schema is a link to the repository's schema/ folder, so a wheel carries the one copy.
SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "schema"

TIMESTAMP = pa.timestamp("us", tz="UTC")


def _schema_path(name: str) -> Path:
    path = SCHEMA_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"schema {name} not found in {SCHEMA_DIR}")
    return path


@lru_cache(maxsize=None)
def load_schema(name: str = "article.schema.json") -> dict[str, Any]:
    return json.loads(_schema_path(name).read_text(encoding="utf-8"))


def affiliation_categories() -> tuple[str, ...]:
    """The affiliation categories the article schema allows, in its order."""
    return tuple(load_schema()["properties"]["affiliation"]["properties"]["category"]["enum"])


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("type", "string")
    return [t] if isinstance(t, str) else list(t)


def _nullable(node: dict[str, Any]) -> bool:
    return "null" in _types(node)


def arrow_type(node: dict[str, Any]) -> pa.DataType:
    kinds = [t for t in _types(node) if t != "null"]
    kind = kinds[0] if kinds else "string"
    if kind == "object":
        return pa.struct([arrow_field(name, sub) for name, sub in node["properties"].items()])
    if kind == "array":
        return pa.list_(arrow_type(node["items"]))
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if node.get("format") == "date-time":
        return TIMESTAMP
    return pa.string()


def arrow_field(name: str, node: dict[str, Any]) -> pa.Field:
    return pa.field(name, arrow_type(node), nullable=True)


@lru_cache(maxsize=None)
def arrow_schema(name: str = "article.schema.json") -> pa.Schema:
    """Arrow schema of the Parquet files, derived from the JSON Schema."""
    schema = load_schema(name)
    return pa.schema([arrow_field(k, v) for k, v in schema["properties"].items()])


def hf_features(name: str = "article.schema.json"):
    """Hugging Face Features, derived from the Arrow schema (itself derived from the JSON Schema)."""
    from datasets import Features

    return Features.from_arrow_schema(arrow_schema(name))


def timestamp_fields(name: str = "article.schema.json") -> list[str]:
    """Top-level fields stored as UTC timestamps in Parquet and as RFC 3339 strings in JSON."""
    return [k for k, v in load_schema(name)["properties"].items() if v.get("format") == "date-time"]


def _type_label(node: dict[str, Any]) -> str:
    kinds = [t for t in _types(node) if t != "null"]
    kind = kinds[0] if kinds else "string"
    if kind == "array":
        return f"list of {_type_label(node['items'])}"
    if kind == "object":
        return "struct"
    if node.get("format") == "date-time":
        return "timestamp (UTC)"
    return kind + (", nullable" if _nullable(node) else "")


def field_docs(name: str = "article.schema.json") -> Iterator[tuple[str, str, str]]:
    """(dotted field, type label, description) for every field, for the card's field table."""

    def walk(prefix: str, props: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
        for key, node in props.items():
            path = f"{prefix}{key}"
            yield path, _type_label(node), node.get("description", "")
            if "properties" in node:
                yield from walk(path + ".", node["properties"])
            items = node.get("items", {})
            if "properties" in items:
                yield from walk(path + "[].", items["properties"])

    yield from walk("", load_schema(name)["properties"])
