"""Validation against the JSON Schema.

jsonschema-rs checks every record fast; python-jsonschema explains a failure
(its path and message), so both must agree, which a test checks."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .schema import load_schema


# Lone surrogates (from JSON escapes or file names) cannot be written as UTF-8; control characters
# (from JSON escapes) are noise no reader wants.
UNWRITABLE = re.compile("[\ud800-\udfff]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def repair_strings(record: dict[str, Any]) -> list[dict[str, str]]:
    """Make every string of the record writable: lone surrogates become U+FFFD and control characters
    are removed. Returns a field source for each field repaired, so the change is on record."""
    repaired: dict[str, set[str]] = {}

    def fix(value: Any, path: str) -> Any:
        if isinstance(value, str):
            if value.isascii() and value.isprintable():
                return value
            if UNWRITABLE.search(value):
                repaired.setdefault(path, set()).add("lone-surrogates-replaced")
                value = UNWRITABLE.sub("\ufffd", value)
            if CONTROLS.search(value):
                repaired.setdefault(path, set()).add("control-characters-removed")
                value = CONTROLS.sub("", value)
            return value
        if isinstance(value, dict):
            return {k: fix(v, f"{path}.{k}" if path else k) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v, path) for v in value]
        return value

    for key in list(record):
        if key != "provenance":
            record[key] = fix(record[key], key)
    prov = record.get("provenance") or {}
    for key in ("input", "format"):
        if isinstance(prov.get(key), str):
            prov[key] = fix(prov[key], f"provenance.{key}")
    return [{"field": f, "rule": "text:" + "+".join(sorted(r))} for f, r in sorted(repaired.items())]


class SchemaError(ValueError):
    """A record the schema refuses: where (a JSON pointer) and why."""

    def __init__(self, detail: str, path: str) -> None:
        super().__init__(f"schema: {detail}")
        self.detail, self.path = detail, path


@lru_cache(maxsize=None)
def fast_validator(name: str = "article.schema.json"):
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(load_schema(name), validate_formats=True)


@lru_cache(maxsize=None)
def detailed_validator(name: str = "article.schema.json"):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def is_valid(record: dict[str, Any], name: str = "article.schema.json") -> bool:
    return fast_validator(name).is_valid(record)


def explain(record: dict[str, Any], name: str = "article.schema.json") -> SchemaError | None:
    """The first schema error of a record, with its path ('/source/country'), or None."""
    errors = sorted(detailed_validator(name).iter_errors(record), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    err = errors[0]
    path = "/" + "/".join(str(p) for p in err.absolute_path)
    return SchemaError(f"{path}: {err.message[:300]}", path)


def check(record: dict[str, Any], name: str = "article.schema.json") -> None:
    """Raise SchemaError when the record does not validate."""
    if is_valid(record, name):
        return
    error = explain(record, name)
    if error is None:  # the validators disagree: report it rather than pass a record silently
        raise SchemaError("rejected by jsonschema-rs, accepted by python-jsonschema", "/")
    raise error
