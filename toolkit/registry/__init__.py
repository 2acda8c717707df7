"""The outlet registry: who stands behind an outlet, with the evidence, by period.

Entries come from the shipped files (a curated core, then the State Media
Monitor rows imported from the ASD State Media Matrix) and from the user's
own files, which are read first and so override or extend the shipped ones.
Lookup is by host (most specific first), then by the declared publisher or
legal name; the article's date picks the period."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..schema import load_schema

DATA = Path(__file__).resolve().parent.parent / "data" / "registry"
SHIPPED = (DATA / "curated.yaml", DATA / "curated-media.yaml", DATA / "smm.yaml")  # earlier files win where both know a host
FOLD_PREFIXES = ("www.", "m.", "amp.", "mobile.")


class RegistryError(ValueError):
    """A registry file that does not validate; the message names the file, the entry and the field."""


def fold_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in FOLD_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def fold_name(name: str) -> str:
    """Names compared across scripts and spellings: quotes, case, accents, transliteration, doubled letters."""
    from anyascii import anyascii

    text = anyascii(unicodedata.normalize("NFKC", name)).casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"([a-z])\1+", r"\1", text)  # Rossiya / Rosiya


def evidence_line(item: dict[str, Any]) -> str:
    return f"{item['ref']}, {item['date']}" if item.get("date") else item["ref"]


# Words that, alone or together, make a newspaper's name but no particular newspaper's: 'Today', 'The
# Times', 'Daily News', 'The Post', 'Herald'. A declared publisher made only of them decides nothing.
GENERIC_NAME_WORDS = frozenset("""
the a an of de del la le les el los las il lo die der das today times time daily news new post herald sun star
mirror express tribune chronicle observer guardian telegraph journal gazette courier standard nation national
independent metro globe record review press bulletin dispatch examiner sentinel leader reporter register inquirer
enquirer mail world voice citizen week weekly sunday morning evening online digital media tv radio network report
reports update updates info information magazine today's universal universe el mundo pais nacion diario noticias
zeitung nachrichten tageblatt allgemeine rundschau presse kurier le monde journal quotidien tribune nouvelle
gazzetta corriere giornale stampa messaggero republica república tiempo prensa correo heraldo vanguardia
public first free local city county state global international business finance money sport sports
""".split())
# Country-code top-level domains used as generic ones: they say nothing of a site's country.
GENERIC_TLDS = frozenset({"io", "co", "tv", "me", "fm", "ly", "ai", "cc", "ws", "to", "gg", "am", "la", "nu", "tk", "is",
                          "ag", "app", "dev", "so", "sh", "ac", "gl", "im", "pw", "vc", "cd", "cx", "in"})
TLD_COUNTRY = {"uk": "GB"}


def distinctive(name: str) -> bool:
    """Whether a name could name one outlet: not made only of words every other newspaper uses ('Today',
    'The Times', 'Daily News'), nor shorter than four letters ('NTV' names outlets in three countries)."""
    words = fold_name(name).split()
    letters = sum(len(w) for w in words)
    return bool(words) and letters >= 4 and not all(w in GENERIC_NAME_WORDS for w in words)


def host_country(host: str) -> str | None:
    """The country a host's country-code domain names (www.nzz.ch: CH), or None for .com, .org, .io and the like."""
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in GENERIC_TLDS:
        return None
    return TLD_COUNTRY.get(tld, tld.upper())


@dataclass(frozen=True)
class Match:
    entry: dict[str, Any]
    period: dict[str, Any] | None
    basis: str  # registry | publisher_metadata
    why: str


# -- reading and validating files --------------------------------------------------------------

def validate_entries(entries: list[dict[str, Any]], source: str) -> None:
    """jsonschema-rs checks each entry; python-jsonschema names the fields of the ones that fail."""
    from ..validate import detailed_validator, fast_validator

    fast = fast_validator("outlet.schema.json")
    problems = []
    for i, entry in enumerate(entries):
        if fast.is_valid(entry):
            continue
        detailed = detailed_validator("outlet.schema.json")
        label = entry.get("outlet_id") if isinstance(entry, dict) and entry.get("outlet_id") else f"entry {i + 1}"
        for err in sorted(detailed.iter_errors(entry), key=lambda e: list(e.absolute_path)):
            field = "/".join(str(p) for p in err.absolute_path) or "(entry)"
            problems.append(f"{source}: {label}: {field}: {err.message[:200]}")
    if problems:
        raise RegistryError("invalid registry entries:\n  " + "\n  ".join(problems[:30]))


CSV_LIST_FIELDS = ("hosts", "publisher_aliases", "languages")


def _entries_from_csv(path: Path) -> list[dict[str, Any]]:
    """One row per period; rows with the same outlet_id add periods. Lists are separated by ';'."""
    by_id: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            oid = row.get("outlet_id") or f"row-{n}"
            entry = by_id.setdefault(oid, {
                "outlet_id": oid, "name": row.get("name") or "",
                **{k: [x.strip() for x in row.get(k, "").split(";") if x.strip()] for k in CSV_LIST_FIELDS},
                "country": row.get("country") or None, "owner": row.get("owner") or None,
                "parent": row.get("parent") or None, "periods": [],
                "uncertain": row.get("uncertain", "").lower() in ("1", "true", "yes"),
                "notes": row.get("notes") or None,
            })
            evidence = []
            if row.get("evidence_ref") or row.get("evidence_kind"):
                evidence.append({k: v for k, v in {"kind": row.get("evidence_kind"), "ref": row.get("evidence_ref"),
                                                   "url": row.get("evidence_url") or None,
                                                   "date": row.get("evidence_date") or None}.items()})
            entry["periods"].append({"category": row.get("category") or "", "typology": row.get("typology") or None,
                                     "valid_from": row.get("valid_from") or None, "valid_to": row.get("valid_to") or None,
                                     "evidence": evidence})
    return list(by_id.values())


def _excluded(data: Any, path: Path) -> dict[str, str]:
    """Hosts a curated file rules out of later files (a third-party mirror listed as an outlet), with the reason."""
    items = (data.get("exclude_hosts") or []) if isinstance(data, dict) else []
    if not all(isinstance(i, dict) and i.get("host") and i.get("reason") for i in items):
        raise RegistryError(f"{path}: exclude_hosts items need a host and a reason")
    return {fold_host(i["host"]): i["reason"] for i in items}


def read_file(path: str | Path) -> tuple[str, list[dict[str, Any]]]:
    """(version, entries) of a registry file in YAML or CSV; RegistryError when it does not validate."""
    version, entries, _ = read_registry_file(path)
    return version, entries


def read_registry_file(path: str | Path) -> tuple[str, list[dict[str, Any]], dict[str, str]]:
    """(version, entries, excluded hosts) of a registry file, parsed once."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such registry file")
    excluded: dict[str, str] = {}
    if path.suffix.lower() == ".csv":
        version, entries = f"user:{path.name}", _entries_from_csv(path)
    else:
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except yaml.YAMLError as exc:
            raise RegistryError(f"{path}: not valid YAML: {exc}") from None
        if isinstance(data, list):
            data = {"outlets": data}
        if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
            raise RegistryError(f"{path}: expected a mapping with an 'outlets' list")
        version, entries, excluded = str(data.get("version") or f"user:{path.name}"), data["outlets"], _excluded(data, path)
    validate_entries(entries, str(path))
    return version, entries, excluded


# -- the registry ------------------------------------------------------------------------------

class Registry:
    def __init__(self, files: Iterable[str | Path] = (), include_shipped: bool = True) -> None:
        sources = [Path(f) for f in files] + (list(SHIPPED) if include_shipped else [])
        self.entries: dict[str, dict[str, Any]] = {}
        self.hosts: dict[str, list[tuple[str, str]]] = {}  # host -> [(path prefix, outlet_id)]
        self.aliases: dict[str, list[str]] = {}
        self.excluded: dict[str, str] = {}
        self.claimed_by: dict[str, int] = {}  # host -> the index of the file that first claimed it
        self.overridden: list[tuple[str, str, str]] = []  # (host, outlet_id, why) a later file lost
        versions = []
        for rank, source in enumerate(sources):
            version, entries, excluded_here = read_registry_file(source)
            versions.append(version)
            for entry in entries:
                if entry["outlet_id"] in self.entries:
                    continue  # an earlier file overrides this entry
                self._add(entry, rank)
            self.excluded.update(excluded_here)  # applies to the files after this one
        self.version = "+".join(versions)

    def _earlier_claim(self, host: str, rank: int) -> str | None:
        """The host or a parent domain of it that an earlier file claims: a later file's entry for it (a
        subdomain the imported State Media Matrix lists apart, say) does not override the earlier file."""
        labels = host.split(".")
        for i in range(len(labels) - 1):
            parent = ".".join(labels[i:])
            if self.claimed_by.get(parent, rank) < rank:
                return parent
        return None

    def _add(self, entry: dict[str, Any], rank: int = 0) -> None:
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
        for alias in [entry["name"], *entry.get("publisher_aliases", [])]:
            key = fold_name(alias)
            if key and oid not in self.aliases.setdefault(key, []):
                self.aliases[key].append(oid)

    def by_host(self, host: str, path: str = "/") -> tuple[dict[str, Any], str] | None:
        host = fold_host(host)
        labels = host.split(".")
        for i in range(len(labels) - 1):
            candidate = ".".join(labels[i:])
            for prefix, oid in self.hosts.get(candidate, []):
                if not prefix or path == prefix or path.startswith(prefix + "/"):
                    return self.entries[oid], candidate + prefix
        return None

    def by_alias(self, *names: str | None) -> tuple[list[dict[str, Any]], str] | None:
        for name in names:
            if not name:
                continue
            oids = self.aliases.get(fold_name(name))
            if oids:
                return [self.entries[o] for o in oids], name
        return None

    @staticmethod
    def period(entry: dict[str, Any], date: str | None) -> dict[str, Any] | None:
        """The period valid on the date (YYYY-MM-DD...); without a date, the one still open (or the last)."""
        periods = entry["periods"]
        if date is None:
            open_ = [p for p in periods if not p.get("valid_to")]
            return (open_ or periods)[-1]
        day = date[:10]
        for p in periods:
            if (not p.get("valid_from") or p["valid_from"] <= day) and (not p.get("valid_to") or day <= p["valid_to"]):
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
            return Match(entry, period, "registry", f"host {matched}" + _period_why(period, date))
        decided = self.publisher_match(host, publisher, legal_name, language)
        if isinstance(decided, str):
            return None
        entries, name = decided
        entry = _common(entries)
        period = self.period(entry, date)
        which = entries[0]["outlet_id"] if len(entries) == 1 else f"{len(entries)} outlets of one owner"
        return Match(entry, period, "publisher_metadata",
                     f"publisher name {name!r} ({which}; distinctive, and neither the host nor the language "
                     f"contradicts it)" + _period_why(period, date))

    def publisher_match(self, host: str, publisher: str | None, legal_name: str | None,
                        language: str | None = None) -> tuple[list[dict[str, Any]], str] | str:
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
            return entries, name
        return why

    def resolve(self, host: str, path: str, publisher: str | None, legal_name: str | None,
                date: str | None, language: str | None = None) -> dict[str, Any] | None:
        """source and affiliation fields for an article, and the rule that found them."""
        match = self.lookup(host, path, publisher, legal_name, date, language)
        if match is None:
            return None
        e, p = match.entry, match.period
        return {
            "source": {"name": e["name"] if e.get("outlet_id") else (publisher or e["name"]),
                       "outlet_id": e.get("outlet_id"), "country": e.get("country")},
            "affiliation": {
                "category": p["category"] if p else "unknown",
                "typology": p.get("typology") if p else None,
                "owner": e.get("owner"), "parent": e.get("parent"), "country": e.get("country"),
                "basis": match.basis,
                "evidence": [evidence_line(x) for x in p["evidence"]] if p else [],
                "registry_version": self.version,
            },
            "rule": f"registry:{match.why}",
            "names": [e["name"], *e.get("publisher_aliases", [])],
        }

    def select(self, category: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
        out = []
        for e in self.entries.values():
            current = self.period(e, None)
            if category and (current or {}).get("category") != category:
                continue
            if country and e.get("country") != country.upper():
                continue
            out.append(e)
        return sorted(out, key=lambda e: e["outlet_id"])


def _period_why(period: dict[str, Any] | None, date: str | None) -> str:
    if period is None:
        return f"; no period covers {date[:10] if date else 'the date'}"
    if not period.get("valid_from") and not period.get("valid_to"):
        span = "without dates (the label has no known start or end)"
    else:
        span = f"{period.get('valid_from') or 'open'} to {period.get('valid_to') or 'open'}"
    return f"; period {span}" + (f", chosen for {date[:10]}" if date else "")


def _common(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """One entry, or what several entries of one owner agree on (no outlet id: the name alone cannot tell them apart)."""
    if len(entries) == 1:
        return entries[0]
    first = entries[0]

    def agree(key: str) -> Any:
        values = {json.dumps(e.get(key), sort_keys=True) for e in entries}
        return first.get(key) if len(values) == 1 else None

    periods = agree("periods")
    if periods is None:
        cats = {(Registry.period(e, None) or {}).get("category") for e in entries}
        category = cats.pop() if len(cats) == 1 else "unknown"
        evidence = (Registry.period(first, None) or {}).get("evidence", []) if category != "unknown" else []
        periods = [{"category": category, "typology": None, "evidence": evidence}]
    return {"outlet_id": None, "name": first["name"], "hosts": [], "country": agree("country"),
            "owner": agree("owner"), "parent": agree("parent"), "periods": periods}


@lru_cache(maxsize=8)
def load_registry(files: tuple[str, ...] = ()) -> Registry:
    return Registry(files)
