"""Source and affiliation of an article's outlet.

The outlet registry answers here; until it knows an outlet, the declared
publisher names the source and the affiliation stays `unknown` with basis
`none`, never guessed."""
from __future__ import annotations

from typing import Any, Protocol


class Registry(Protocol):
    version: str

    def resolve(self, host: str, publisher: str | None, legal_name: str | None, date: str | None) -> dict[str, Any] | None: ...


def apply(record: dict[str, Any], registry: Registry | None, sources: dict[str, str]) -> None:
    source = record["source"]
    if source["publisher"]:
        sources.setdefault("source.name", "declared-publisher")
    if registry is None:
        return
    match = registry.resolve(record["host"], source["publisher"], source["legal_name"], record["published_at"])
    if not match:
        record["affiliation"]["registry_version"] = registry.version
        return
    source.update(match["source"])
    record["affiliation"] = match["affiliation"]
    sources["source.name"] = sources["affiliation"] = match["rule"]
