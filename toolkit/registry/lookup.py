"""Lookup: the outlet behind a page, by its host (most specific first), else by the name it declares when
that name is safe to decide on; the article's date picks the period. A match gives the article's
source and affiliation (`Match.to_affiliation`)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, cast

from .files import SHIPPED, read_registry_file
from .names import distinctive, fold_host, fold_name, host_country, slug
from .outlet import Evidence, Member, Membership, Network, Outlet, Period

def evidence_line(item: Evidence) -> str:
    return f"{item['ref']}, {item['date']}" if item.get("date") else item["ref"]


@dataclass(frozen=True)
class Match:
    """The outlet behind a page, the period the article's date falls in, on what basis and why; with what the
    registry knows against the label (the entry's or its network's doubt, networks' evidence that says
    another kind of control)."""

    entry: Outlet
    period: Period | None
    basis: str  # registry | publisher_metadata
    why: str
    registry_version: str = ""
    doubt: str | None = None
    disagreements: tuple[str, ...] = ()

    def to_affiliation(self) -> dict[str, Any]:
        """The article's `affiliation`: the period's label and evidence, the network, and what is uncertain."""
        e, p = self.entry, self.period
        evidence = [evidence_line(x) for x in p["evidence"]] if p else []
        network = (p.get("network") if p else None) or e.get("network")
        label = p["category"] if p else "unknown"
        notes = [n for n in [self.doubt, *(f"sources disagree: {label} by the outlet's own entry, while {d}"
                                           for d in self.disagreements)] if n]
        if self.disagreements and network:
            evidence += [line for line in network["evidence"] if line not in evidence]
        return {
            "category": label,
            "typology": p.get("typology") if p else None,
            "owner": e.get("owner"), "parent": e.get("parent"), "country": e.get("country"),
            "network": network, "basis": self.basis, "evidence": evidence,
            "uncertain": bool(notes), "uncertain_note": "; ".join(notes) or None,
            "registry_version": self.registry_version,
        }


@dataclass(frozen=True)
class NameDecision:
    """What a declared publisher or legal name decides: the entries it names (none when it decides
    nothing), the name that decided, and why it decided nothing."""

    entries: list[Outlet] = field(default_factory=list)
    name: str | None = None
    why: str = ""


class Registry:
    def __init__(self, files: Iterable[str | Path] = (), include_shipped: bool = True) -> None:
        sources = [Path(f) for f in files] + (list(SHIPPED) if include_shipped else [])
        self.entries: dict[str, Outlet] = {}
        self.hosts: dict[str, list[tuple[str, str]]] = {}  # host -> [(path prefix, outlet_id)]
        self.aliases: dict[str, list[str]] = {}
        self.excluded: dict[str, str] = {}
        self.claimed_by: dict[str, int] = {}  # host -> the index of the file that first claimed it
        self.overridden: list[tuple[str, str, str]] = []  # (host, outlet_id, why) a later file lost
        self.networks: dict[str, Network] = {}
        self.disagreements: dict[str, list[str]] = {}  # outlet_id -> what a network's evidence says otherwise
        self.derived: set[str] = set()  # outlet ids made from networks' members
        versions = []
        for rank, source in enumerate(sources):
            version, entries, excluded_here, networks = read_registry_file(source)
            versions.append(version)
            for entry in entries:
                if entry["outlet_id"] in self.entries:
                    continue  # an earlier file overrides this entry
                self._add(entry, rank)
            for network in networks:
                if network["network_id"] not in self.networks:
                    self._add_network(network, rank)
            self.excluded.update(excluded_here)  # applies to the files after this one
        self.version = "+".join(versions)

    def _add_network(self, network: Network, rank: int) -> None:
        """A network's brands: a host no entry claims becomes an outlet of the network (one entry a brand,
        with a period a membership); a host an entry claims gains the network, and a category that differs
        from the entry's is kept as a disagreement (shown as uncertain, with both sources' evidence). A
        network's `uncertain_note` makes its brands' labels uncertain."""
        self.networks[network["network_id"]] = network
        for member in network["members"]:
            host = fold_host(member["host"].partition("/")[0])
            found = self.by_host(host, "/" + member["host"].partition("/")[2])
            if found and found[0]["outlet_id"] in self.derived and found[1] != fold_host(member["host"]).rstrip("/"):
                found = None  # a subdomain of another network's brand (sports.yahoo.com): a brand of its own
            if found and found[0]["outlet_id"] not in self.derived:
                self._join(found[0], network, member)
                continue
            if found and any((p.get("network") or {"network_id": None})["network_id"] == network["network_id"]
                             for p in found[0]["periods"]):
                continue  # a subdomain of a brand of this network already: its entry covers it
            if found:
                entry = found[0]  # a brand a network brought: another period (it changed hands)
            else:
                oid = f"{network['network_id']}-{slug(member['host'])}"
                self.derived.add(oid)
                entry = {
                    "outlet_id": oid, "name": member["name"], "hosts": [member["host"]],
                    "publisher_aliases": [],
                    "country": member.get("country") or network["country"], "languages": member.get("languages") or [],
                    "owner": network["name"], "parent": network["owner"] if network["owner"] != network["name"] else None,
                    "network": None, "periods": [], "uncertain": False, "uncertain_note": None,
                    "notes": network.get("notes")}
                self._add(entry, rank, named=False)
            entry["periods"].append({"category": network["category"], "typology": None,
                                     "valid_from": member.get("valid_from"), "valid_to": member.get("valid_to"),
                                     "evidence": [*member["evidence"], *network["evidence"]],
                                     "network": membership(network, member)})
            entry["periods"].sort(key=lambda p: p.get("valid_from") or "")
            current = Registry.period(entry, None)
            entry["network"] = current.get("network") if current else None
            entry["uncertain_note"] = self.networks[entry["network"]["network_id"]].get("uncertain_note") if entry["network"] else None
            entry["uncertain"] = bool(entry["uncertain_note"])

    def _join(self, entry: Outlet, network: Network, member: Member) -> None:
        oid = entry["outlet_id"]
        if entry.get("network") is None:
            self.entries[oid] = entry = cast(Outlet, {**entry, "network": membership(network, member)})
        current: Period | dict[str, Any] = Registry.period(entry, None) or {}
        if control(current.get("category")) not in (None, control(network["category"])) and not member.get("valid_to"):
            self.disagreements.setdefault(oid, []).append(
                f"its network {network['name']}, owned by {network['owner'] or 'shareholders not named'}, is "
                f"{network['category']} ({evidence_line(network['evidence'][0])})")

    def _earlier_claim(self, host: str, rank: int) -> str | None:
        """The host or a parent domain of it that an earlier file claims: a later file's entry for it (a
        subdomain the imported State Media Matrix lists apart, say) does not override the earlier file."""
        labels = host.split(".")
        for i in range(len(labels) - 1):
            parent = ".".join(labels[i:])
            if self.claimed_by.get(parent, rank) < rank:
                return parent
        return None

    def _add(self, entry: Outlet, rank: int = 0, named: bool = True) -> None:
        """An entry, by its hosts, and by its names unless `named` is false (a network's brand is known by
        its host only: a brand name such as 'Explore' or 'Shape' declared on another site says nothing)."""
        oid = entry["outlet_id"]
        added = False
        for item in entry["hosts"]:
            host, _, path = item.partition("/")
            host = fold_host(host)
            if host in self.excluded:
                continue
            earlier = self._earlier_claim(host, rank)
            if earlier:
                self.overridden.append((item, oid, f"{earlier} is an earlier file's"))
                continue
            self.claimed_by.setdefault(host, rank)
            slot = self.hosts.setdefault(host, [])
            prefix = "/" + path.strip("/") if path.strip("/") else ""
            if any(p == prefix for p, _ in slot):
                continue  # a host an earlier entry already claims
            slot.append((prefix, oid))
            slot.sort(key=lambda x: -len(x[0]))
            added = True
        if not added and entry["hosts"]:
            return
        self.entries[oid] = entry
        for alias in [entry["name"], *entry.get("publisher_aliases", [])] if named else []:
            key = fold_name(alias)
            if key and oid not in self.aliases.setdefault(key, []):
                self.aliases[key].append(oid)

    def by_host(self, host: str, path: str = "/") -> tuple[Outlet, str] | None:
        host = fold_host(host)
        labels = host.split(".")
        for i in range(len(labels) - 1):
            candidate = ".".join(labels[i:])
            for prefix, oid in self.hosts.get(candidate, []):
                if not prefix or path == prefix or path.startswith(prefix + "/"):
                    return self.entries[oid], candidate + prefix
        return None

    def by_alias(self, *names: str | None) -> tuple[list[Outlet], str] | None:
        for name in names:
            if not name:
                continue
            oids = self.aliases.get(fold_name(name))
            if oids:
                return [self.entries[o] for o in oids], name
        return None

    @staticmethod
    def period(entry: Outlet, date: str | None) -> Period | None:
        """The period valid on the date (YYYY-MM-DD...); without a date, the one still open (or the last)."""
        periods = entry["periods"]
        if date is None:
            open_ = [p for p in periods if not p.get("valid_to")]
            return (open_ or periods)[-1]
        day = date[:10]
        for p in periods:
            start, end = p.get("valid_from"), p.get("valid_to")
            if (not start or start <= day) and (not end or day <= end):
                return p
        return None

    def lookup(self, host: str, path: str = "/", publisher: str | None = None, legal_name: str | None = None,
               date: str | None = None, language: str | None = None) -> Match | None:
        """The entry of the outlet behind a page: by its host; else by the name it declares, when that name is
        safe to decide on (see `publisher_match`)."""
        found = self.by_host(host, path)
        if found:
            entry, matched = found
            period = self.period(entry, date)
            return self._match(entry, period, "registry", f"host {matched}" + _period_why(period, date))
        decided = self.publisher_match(host, publisher, legal_name, language)
        if not decided.entries:
            return None
        entries = decided.entries
        entry = _common(entries)
        period = self.period(entry, date)
        which = entries[0]["outlet_id"] if len(entries) == 1 else f"{len(entries)} outlets of one owner"
        return self._match(entry, period, "publisher_metadata",
                           f"publisher name {decided.name!r} ({which}; distinctive, and neither the host nor the "
                           f"language contradicts it)" + _period_why(period, date))

    def _match(self, entry: Outlet, period: Period | None, basis: str, why: str) -> Match:
        """A match, with the doubts the registry holds about its label."""
        network = (period.get("network") if period else None) or entry.get("network")
        oid = entry.get("outlet_id") or ""
        if oid in self.derived:  # the doubt of the network of the period, not of the current one
            doubt = self.networks[network["network_id"]].get("uncertain_note") if network else None
        else:
            own = (entry.get("uncertain_note") or "the registry marks its facts as debated") if entry.get("uncertain") else None
            theirs = self.networks[network["network_id"]].get("uncertain_note") if network and \
                network["network_id"] in self.networks else None
            doubt = " ".join(n for n in (own, theirs) if n)
        return Match(entry, period, basis, why, self.version, doubt or None,
                     tuple(self.disagreements.get(oid, [])) if period else ())

    def publisher_match(self, host: str, publisher: str | None, legal_name: str | None,
                        language: str | None = None) -> NameDecision:
        """The entries a declared name decides, or why it decides nothing. A name decides only when it is
        distinctive, all the entries it names agree on owner and country, the page's country-code domain and
        language do not contradict them, and the page's site is not another outlet of that name (a site
        called like a registry outlet, on another domain, is its namesake: eluniversal.com and .com.mx)."""
        from ..normalize.urls import registered_domain

        why = "no declared publisher name matches an outlet"
        site = fold_name(registered_domain(host).split(".")[0]).replace(" ", "")
        for kind, name in (("legal name", legal_name), ("publisher", publisher)):
            if not name:
                continue
            oids = self.aliases.get(fold_name(name))
            if not oids:
                continue
            entries = [self.entries[o] for o in oids]
            if not distinctive(name):
                why = f"declared name {name!r} is not distinctive"
                continue
            if len({(e.get("owner") or "").casefold() for e in entries}) > 1 or len({e.get("country") for e in entries}) > 1:
                why = f"declared name {name!r} names outlets of several owners"
                continue
            country = entries[0].get("country")
            page_country = host_country(host)
            if country and page_country and page_country != country:
                why = f"declared name {name!r} is an outlet of {country}, the site's domain is of {page_country}"
                continue
            languages = {lang for e in entries for lang in e.get("languages") or []}
            if language and languages and language.split("-")[0].lower() not in languages:
                why = f"declared name {name!r} is an outlet in {'/'.join(sorted(languages))}, the page is in {language}"
                continue
            if kind == "publisher" and site and site == fold_name(name).replace(" ", ""):
                why = f"the site {host} is another outlet named {name!r}"
                continue
            return NameDecision(entries, name)
        return NameDecision(why=why)

    def resolve(self, host: str, path: str, publisher: str | None, legal_name: str | None,
                date: str | None, language: str | None = None) -> dict[str, Any] | None:
        """source and affiliation fields for an article, and the rule that found them."""
        match = self.lookup(host, path, publisher, legal_name, date, language)
        if match is None:
            return None
        e = match.entry
        return {
            "source": {"name": e["name"] if e.get("outlet_id") else (publisher or e["name"]),
                       "outlet_id": e.get("outlet_id"), "country": e.get("country")},
            "affiliation": match.to_affiliation(),
            "rule": f"registry:{match.why}",
            "names": [e["name"], *e.get("publisher_aliases", [])],
        }

    def select(self, category: str | None = None, country: str | None = None) -> list[Outlet]:
        out = []
        for e in self.entries.values():
            current = self.period(e, None)
            if category and (current["category"] if current else None) != category:
                continue
            if country and e.get("country") != country.upper():
                continue
            out.append(e)
        return sorted(out, key=lambda e: e["outlet_id"])


def control(category: str | None) -> str | None:
    """Who controls an outlet of a category: the state, a public body independent of it, or private owners
    (None for unknown). Sources disagree when they differ on this, not on the finer label (a monitor's
    state_funded_independent and an encyclopedia's public service broadcaster agree)."""
    if category in ("state_controlled", "state_aligned_private", "state_linked_unattributed"):
        return "state"
    if category in ("public_service", "state_funded_independent"):
        return "public"
    return "private" if category == "private" else None


def membership(network: Network, member: Member) -> Membership:
    """An outlet's `network` value: the network, and the evidence of the membership and of the owner."""
    lines = [evidence_line(x) for x in [*member["evidence"], *network["evidence"]]]
    return {"network_id": network["network_id"], "name": network["name"], "kind": network["kind"],
            "owner": network["owner"], "evidence": list(dict.fromkeys(lines))}


def _period_why(period: Period | None, date: str | None) -> str:
    if period is None:
        return f"; no period covers {date[:10] if date else 'the date'}"
    if not period.get("valid_from") and not period.get("valid_to"):
        span = "without dates (the label has no known start or end)"
    else:
        span = f"{period.get('valid_from') or 'open'} to {period.get('valid_to') or 'open'}"
    return f"; period {span}" + (f", chosen for {date[:10]}" if date else "")


def _common(entries: list[Outlet]) -> Outlet:
    """One entry, or what several entries of one owner agree on (no outlet id: the name alone cannot tell them apart)."""
    if len(entries) == 1:
        return entries[0]
    first = entries[0]

    def agree(key: str) -> Any:
        values = {json.dumps(e.get(key), sort_keys=True) for e in entries}
        return first.get(key) if len(values) == 1 else None

    periods = agree("periods")
    if periods is None:
        currents = [Registry.period(e, None) for e in entries]
        cats = {p["category"] if p else None for p in currents}
        category = cats.pop() if len(cats) == 1 else "unknown"
        evidence = currents[0]["evidence"] if currents[0] and category != "unknown" else []
        periods = [{"category": category, "typology": None, "evidence": evidence}]
    return {"outlet_id": None, "name": first["name"], "hosts": [], "country": agree("country"),  # type: ignore[typeddict-item]
            "owner": agree("owner"), "parent": agree("parent"), "network": agree("network"), "periods": periods,
            "uncertain": any(e.get("uncertain") for e in entries),
            "uncertain_note": "; ".join(dict.fromkeys(e.get("uncertain_note") or "" for e in entries if e.get("uncertain_note"))) or None}


@lru_cache(maxsize=8)
def load_registry(files: tuple[str, ...] = ()) -> Registry:
    return Registry(files)
