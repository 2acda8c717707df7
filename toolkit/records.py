"""Plain data passed between the stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict


@dataclass(frozen=True)
class RawRecord:
    """One input record as a reader found it: bytes plus where they came from."""

    input: str
    format: str
    offset: int
    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)  # what the container says: url, snapshot_date, http_charset, file_encoding


@dataclass(frozen=True)
class Reject:
    """An input record that did not become a row, and why."""

    input: str
    offset: int
    reason: str
    format: str | None = None
    url: str | None = None
    schema_path: str | None = None

    @property
    def category(self) -> str:
        return reason_category(self.reason)

    def to_json(self) -> dict[str, Any]:
        return {"input": _writable(self.input), "offset": self.offset, "format": self.format,
                "url": _writable(self.url), "reason": _writable(self.reason), "category": self.category,
                "schema_path": self.schema_path}


def _writable(text: str | None) -> str | None:
    """Text that can be written as UTF-8: a lone surrogate (from a file name or a JSON escape) becomes U+FFFD."""
    if text is None or text.isascii():
        return text
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def reason_category(reason: str) -> str:
    """The kind of a reject, for counting: 'skipped: request record', 'too large', 'truncated', 'schema'...
    A reason reads '<kind>: <detail>' or '<kind> (<detail>)'; a skip keeps what was skipped."""
    if reason.startswith(SKIPPED):
        return reason.split(" (")[0].strip()[:80]
    return reason.split(" (")[0].split(":")[0].strip()[:80]


def internal_error(exc: BaseException, doing: str | None = None) -> str:
    """The reason of a reject that a bug made: what was being done when it happened, and the error."""
    error = f"{type(exc).__name__}: {exc}"
    return f"internal error: {doing} ({error})" if doing else f"internal error: {error}"


SKIPPED = "skipped:"  # a reason that starts so is an input that is not an article (a request record, a folder)


class AuthorValue(TypedDict, total=False):
    """An author value as a reader found it: a JSON-LD author, a meta tag, a visible byline, a dump's block.
    `type` is the schema.org type the page declared (Person, Organization), if any."""

    name: str
    url: str | None
    type: str | None
    affiliation: str | None


@dataclass
class Extracted:
    """Fields an extractor read from one record, each with the rule that produced it."""

    fields: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    authors: list[AuthorValue] = field(default_factory=list)  # the values taken as the article's authors
    # every author name found, taken or not (a declared name the page never shows): byline.raw; None when
    # it is the names of `authors`
    authors_found: list[str] | None = None

    def set(self, name: str, value: Any, rule: str) -> None:
        if value in (None, "", []):
            return
        self.fields[name] = value
        self.sources[name] = rule


@dataclass
class Article:
    """A record between normalize and enrich: the row as the schema has it (byline and affiliation still
    empty), the rule that produced each field, and the author values enrich parses into the byline."""

    row: dict[str, Any]
    sources: dict[str, str]
    authors: list[AuthorValue] = field(default_factory=list)
    authors_found: list[str] | None = None


class RecordError(ValueError):
    """A record that cannot become an article; the message is the reject reason."""


@dataclass(frozen=True)
class Batch:
    """A unit of work: raw records to run through the stages into one sorted run."""

    number: int
    records: list[RawRecord]
    spill_dir: str
    registry_files: tuple[str, ...] = ()
    filters: Any = None  # filters.Filters: the records a build keeps

    @property
    def size(self) -> int:
        return sum(len(r.data) for r in self.records)


@dataclass
class BatchResult:
    number: int
    ok: int = 0
    rejects: list[dict[str, Any]] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)  # records the filters dropped, by reason
    run: str | None = None
