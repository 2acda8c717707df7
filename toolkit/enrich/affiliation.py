"""Source and affiliation of an article's outlet, from the outlet registry.

The host decides first. Failing that, a declared publisher name decides only where that is safe (the
registry's `publisher_match`: a distinctive name, nothing contradicting it). A wire agency declared as
the publisher of a site that is not the agency's own is where the text came from, not the outlet: it
goes into the byline as an agency, and the outlet stays the host's, or unknown. When nothing decides,
the affiliation stays `unknown` with basis `none`: never guessed. `field_sources` says which rule
decided, or why the declared name did not."""
from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlsplit

from ..names.people import agency_name
from ..registry.lookup import NameDecision


class Registry(Protocol):
    version: str

    def resolve(self, host: str, path: str, publisher: str | None, legal_name: str | None,
                date: str | None, language: str | None = None) -> dict[str, Any] | None: ...

    def publisher_match(self, host: str, publisher: str | None, legal_name: str | None,
                        language: str | None = None) -> NameDecision: ...

    def by_alias(self, *names: str | None) -> Any: ...


def apply(record: dict[str, Any], registry: Registry | None, sources: dict[str, str]) -> None:
    source = record["source"]
    agency = agency_name(source["publisher"] or "") or agency_name(source["legal_name"] or "")
    if source["publisher"] and not agency:
        sources.setdefault("source.name", "declared-publisher")
    if registry is None:
        return
    record["affiliation"]["registry_version"] = registry.version
    path = urlsplit(record["canonical_url"]).path or "/"
    # an agency as publisher: only the host can name the outlet (the agency's own site is in the registry)
    match = registry.resolve(record["host"], path, None if agency else source["publisher"],
                             None if agency else source["legal_name"], record["published_at"], record["language"])
    if agency and not (match and any(agency_name(n) == agency for n in match["names"])):
        _agency_is_the_origin(record, agency, sources)
    if not match:
        if not agency and source["publisher"]:
            decided = registry.publisher_match(record["host"], source["publisher"], source["legal_name"],
                                               record["language"])
            if not decided.entries:
                sources["affiliation"] = f"none: {decided.why}"
        return
    source.update(match["source"])
    record["affiliation"] = match["affiliation"]
    sources["source.name"] = sources["affiliation"] = match["rule"]


def _agency_is_the_origin(record: dict[str, Any], agency: str, sources: dict[str, str]) -> None:
    """The page's declared publisher is a wire agency, on a site that is not the agency's: the agency wrote
    the text (an author of kind agency); the outlet is the site, not the agency."""
    record["source"]["name"] = None
    sources["source.name"] = f"none: the declared publisher {record['source']['publisher']!r} is the wire agency " \
                             f"{agency}, the origin of the text, not the outlet"
    authors = record["byline"]["authors"]
    if not any(agency in (a["name"], a["affiliation"]) for a in authors):  # 'Greg Beacham, AP Sports Writer' says it
        authors.append({"name": agency, "kind": "agency", "url": None, "affiliation": None})
        sources["byline.authors"] = sources.get("byline.authors", "") + ("; " if "byline.authors" in sources else "") + \
            "agency:declared-publisher"
