"""Plain data passed between the stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypedDict


@dataclass(frozen=True)
class RawRecord:
    """One input record as a reader found it: bytes plus where they came from."""

    input: str
    format: str
    offset: int
    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)  # what the container says: url, snapshot_date, http_charset, file_encoding


class RejectKind(str, Enum):
    """Why an input (or a record of one) did not become a row: what the manifest counts rejects by."""

    SKIPPED = "skipped"  # not an article: a request record, a page of another type, a hidden file ...
    CANNOT_READ = "cannot read the file"
    CANNOT_READ_FOLDER = "cannot read the folder"
    LINK_LOOP = "symbolic link loop"
    DANGLING_LINK = "dangling symbolic link"
    NOT_A_FILE = "not a regular file"
    EMPTY = "empty input"
    UNKNOWN_FORMAT = "unknown format"
    UNRECOGNISED = "unrecognised input"
    NOT_TEXT = "binary data, not text"
    TOO_LARGE = "too large"
    TRUNCATED = "truncated"
    DAMAGED = "damaged"
    OUTSIDE_DUMPS = "text before the first dump header is not part of any dump"
    NO_DUMP_HEADER = "no flat dump header"
    NOT_JSON = "not a JSON object"
    NOT_HTML = "not parseable as HTML"
    EMPTY_PAGE = "empty page"
    NO_URL = "no URL"
    BAD_URL = "not an http(s) URL"
    NO_BODY = "no article body"
    NOT_AN_ARTICLE = "not an article"
    SCHEMA = "schema"
    WORKER_FAILED = "the worker failed twice"
    INTERNAL = "internal error"


@dataclass(frozen=True)
class Why:
    """A reject's reason: its kind, what was skipped (for a skip), and the detail of this case. It reads
    '<kind>: <detail>', a skip 'skipped: <what> (<detail>)'."""

    kind: RejectKind
    detail: str = ""
    skipped: str | None = None  # what a skip skipped: 'request record', 'HTTP status 404', 'hidden' ...

    @property
    def category(self) -> str:
        """What the manifest counts it as: the kind, and for a skip what was skipped."""
        return f"{self.kind.value}: {self.skipped}" if self.skipped else self.kind.value

    def __str__(self) -> str:
        if self.skipped:
            return f"{self.category} ({self.detail})" if self.detail else self.category
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value


def skipped(what: str, detail: str = "") -> Why:
    return Why(RejectKind.SKIPPED, detail, what)


def internal_error(exc: BaseException, doing: str | None = None) -> Why:
    """The reason of a reject that a bug made: what was being done when it happened, and the error."""
    error = f"{type(exc).__name__}: {exc}"
    return Why(RejectKind.INTERNAL, f"{doing} ({error})" if doing else error)


@dataclass(frozen=True)
class Reject:
    """An input record that did not become a row, and why."""

    input: str
    offset: int
    why: Why
    format: str | None = None
    url: str | None = None
    schema_path: str | None = None

    @property
    def reason(self) -> str:
        return str(self.why)

    @property
    def category(self) -> str:
        return self.why.category

    def to_json(self) -> dict[str, Any]:
        return {"input": _writable(self.input), "offset": self.offset, "format": self.format,
                "url": _writable(self.url), "reason": _writable(self.reason), "category": _writable(self.category),
                "schema_path": self.schema_path}


def _writable(text: str | None) -> str | None:
    """Text that can be written as UTF-8: a lone surrogate (from a file name or a JSON escape) becomes U+FFFD."""
    if text is None or text.isascii():
        return text
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")



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
    """A record that cannot become an article; `why` is the reject's reason, and the message."""

    def __init__(self, kind: RejectKind, detail: str = "") -> None:
        self.why = Why(kind, detail)
        super().__init__(str(self.why))


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
