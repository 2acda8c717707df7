"""Plain data passed between the stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawRecord:
    """One input record as a reader found it: bytes plus where they came from."""

    input: str
    format: str
    offset: int
    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)  # what the container says: url, snapshot_date, charset


@dataclass(frozen=True)
class Reject:
    """An input record that did not become a row, and why."""

    input: str
    offset: int
    reason: str
    format: str | None = None
    url: str | None = None
    schema_path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"input": self.input, "offset": self.offset, "format": self.format, "url": self.url,
                "reason": self.reason, "schema_path": self.schema_path}


@dataclass
class Extracted:
    """Fields an extractor read from one record, each with the rule that produced it."""

    fields: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    authors: list[dict[str, Any]] = field(default_factory=list)  # author values as found: {name, url, type, affiliation}

    def set(self, name: str, value: Any, rule: str) -> None:
        if value in (None, "", []):
            return
        self.fields[name] = value
        self.sources[name] = rule


class RecordError(ValueError):
    """A record that cannot become an article; the message is the reject reason."""


@dataclass(frozen=True)
class Batch:
    """A unit of work: raw records to run through the stages into one sorted run."""

    number: int
    records: list[RawRecord]
    spill_dir: str
    registry_files: tuple[str, ...] = ()


@dataclass
class BatchResult:
    number: int
    ok: int = 0
    rejects: list[dict[str, Any]] = field(default_factory=list)
    run: str | None = None
