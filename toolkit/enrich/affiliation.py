"""Source and affiliation of an article's outlet, from the outlet registry.

When the registry knows neither the host nor the declared publisher, the
declared publisher names the source and the affiliation stays `unknown` with
basis `none`: never guessed."""
from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlsplit


class Registry(Protocol):
    version: str

    def resolve(self, host: str, path: str, publisher: str | None, legal_name: str | None,
                date: str | None) -> dict[str, Any] | None: ...


def apply(record: dict[str, Any], registry: Registry | None, sources: dict[str, str]) -> None:
    source = record["source"]
    if source["publisher"]:
        sources.setdefault("source.name", "declared-publisher")
    if registry is None:
        return
    record["affiliation"]["registry_version"] = registry.version
    match = registry.resolve(record["host"], urlsplit(record["canonical_url"]).path or "/", source["publisher"],
                             source["legal_name"], record["published_at"])
    if not match:
        return
    source.update(match["source"])
    record["affiliation"] = match["affiliation"]
    sources["source.name"] = sources["affiliation"] = match["rule"]
