"""What goes into a build: filters on the finished records, by language, publication date, host, outlet
and affiliation category. A record a filter drops is counted by reason in the manifest
(`counts.filtered`, `filter_reasons`): never silently lost.

Filters come from a recipe's `filters:` mapping or from the command line (`--languages en,de`,
`--hosts @hosts.txt` ...); a list is given inline or as `@FILE` with one item a line."""
from __future__ import annotations

import datetime
import os
from dataclasses import asdict, dataclass, fields
from typing import Any

from .normalize.urls import registered_domain
from .schema import affiliation_categories

CATEGORIES = affiliation_categories()


@dataclass(frozen=True)
class Filters:
    """Which records a build keeps. Empty lists and None select everything."""

    languages: tuple[str, ...] = ()  # BCP 47 tags: 'en' keeps en, en-GB ...; 'pt-BR' keeps pt-BR only
    since: str | None = None  # first publication day kept (UTC, YYYY-MM-DD)
    until: str | None = None  # last publication day kept
    hosts: tuple[str, ...] = ()  # a host keeps itself and its subdomains
    exclude_hosts: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()  # registry outlet ids
    exclude_outlets: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # affiliation categories

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def reason(self, record: dict[str, Any]) -> str | None:
        """Why the record is dropped ('filtered: language fr not selected'), or None to keep it. The reason
        names the filter, not the record, so that reasons count."""
        if self.languages and not _language_selected(record.get("language"), self.languages):
            return "filtered: language not selected"
        if self.since or self.until:
            published = record.get("published_at")
            if published is None:
                return "filtered: no publication date (a date range was asked)"
            day = (published.date() if isinstance(published, datetime.datetime) else datetime.date.fromisoformat(
                str(published)[:10])).isoformat()
            if self.since and day < self.since:
                return f"filtered: published before {self.since}"
            if self.until and day > self.until:
                return f"filtered: published after {self.until}"
        host = (record.get("host") or "").lower()
        if self.hosts and not _host_selected(host, self.hosts):
            return "filtered: host not selected"
        if self.exclude_hosts and _host_selected(host, self.exclude_hosts):
            return "filtered: host excluded"
        outlet = (record.get("source") or {}).get("outlet_id")
        if self.outlets and outlet not in self.outlets:
            return "filtered: outlet not selected"
        if self.exclude_outlets and outlet in self.exclude_outlets:
            return "filtered: outlet excluded"
        category = (record.get("affiliation") or {}).get("category") or "unknown"
        if self.categories and category not in self.categories:
            return "filtered: affiliation category not selected"
        return None

    def describe(self) -> dict[str, Any]:
        """The filters as the manifest records them (lists, not tuples; only those set)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items() if v}


KEYS = tuple(f.name for f in fields(Filters))


def _language_selected(language: str | None, wanted: tuple[str, ...]) -> bool:
    tag = (language or "und").lower()
    return any(tag == w or tag.startswith(w + "-") for w in wanted)


def _host_selected(host: str, wanted: tuple[str, ...]) -> bool:
    host = host.removeprefix("www.")
    return any(host == w or host.endswith("." + w) for w in wanted) or registered_domain(host) in wanted


def items(value: Any, base_dir: str | None = None, what: str = "filter") -> tuple[str, ...]:
    """A list given inline ('en,de', ['en', 'de']) or as '@FILE' (one item a line; '#' starts a comment)."""
    if value is None or value == "":
        return ()
    if isinstance(value, str) and value.startswith("@"):
        path = os.path.join(base_dir or "", value[1:])
        try:
            with open(path, encoding="utf-8") as f:
                return tuple(line.split("#", 1)[0].strip() for line in f if line.split("#", 1)[0].strip())
        except OSError as exc:
            raise ValueError(f"{what}: cannot read {path}: {exc.strerror or exc}") from None
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise ValueError(f"{what}: expected a list of names, a comma-separated text or @FILE, not {value!r}")


def _day(value: Any, what: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{what}: {value!r} is not a date as YYYY-MM-DD") from None


def make(spec: dict[str, Any] | None, base_dir: str | None = None, where: str = "filters") -> Filters:
    """Filters from a mapping (a recipe's `filters:` or the command line's options); ValueError names an
    unknown key, with the known ones, and a bad value."""
    spec = {k: v for k, v in (spec or {}).items() if v not in (None, "", [], ())}
    unknown = sorted(set(spec) - set(KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                         f"known: {', '.join(KEYS)}")
    lists = {k: items(spec.get(k), base_dir, f"{where}.{k}") for k in KEYS if k not in ("since", "until")}
    lists["languages"] = tuple(t.lower() for t in lists["languages"])
    lists["hosts"] = tuple(h.lower().removeprefix("www.") for h in lists["hosts"])
    lists["exclude_hosts"] = tuple(h.lower().removeprefix("www.") for h in lists["exclude_hosts"])
    bad = [c for c in lists["categories"] if c not in CATEGORIES]
    if bad:
        raise ValueError(f"{where}.categories: unknown {', '.join(bad)}; known: {', '.join(CATEGORIES)}")
    since, until = _day(spec.get("since"), f"{where}.since"), _day(spec.get("until"), f"{where}.until")
    if since and until and since > until:
        raise ValueError(f"{where}: since {since} is after until {until}")
    return Filters(since=since, until=until, **lists)
