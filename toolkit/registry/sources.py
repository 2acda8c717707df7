"""Import open ownership data into registry entries (`mpt outlets import-wikidata`, `import-local-news`,
`import-pink-slime`, `import-medias-francais`; the sources are described in
shared/data/outlet-sources/README.md).

Each entry names its source, the item and its date in its evidence, and keeps the source's attribution.
None of these sources is complete or free of errors, so:
- an outlet the shipped registry already knows (its host, or a parent domain of it) is left to the
  curated entry, and the import reports the conflict;
- a website several items share (an archive, a newspaper and its supplement) goes to the item whose
  name the site's own name agrees with, or to none;
- an owner is as of the source's date: an entry says so, and is marked uncertain, since a later sale
  may not be recorded;
- a name that is not distinctive ('Today', 'Daily News') is not made a publisher alias;
- only private ownership is imported: an owner that is a public body (a government, a party, a
  university, a tribe's government) and the press of countries whose private media the State Media
  Monitor finds captured or state-dominated are left to curation, and reported."""
from __future__ import annotations

import csv
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from .lookup import Registry
from .names import distinctive, fold_host, fold_name, slug
from .smm import country_code

PUBLIC_BODY = re.compile(r"\b(government|ministry|ministère|state of|state-owned|republic|kingdom|communist|party|"
                         r"council|municipal|city of|county|province|provincial|authority|university|college|school|"
                         r"band of|tribe|nation\b|army|military|armed forces|public broadcasting|public media|"
                         r"confederation of labour|news agency|press group|daily group|people's)\b", re.I)


@dataclass
class Report:
    source: str
    rows: int = 0
    imported: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> rows
    conflicts: list[str] = field(default_factory=list)  # host: curated entry, imported owner

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def lines(self) -> list[str]:
        out = [f"{self.source}: {self.rows} rows: imported {self.imported}, skipped {sum(self.skipped.values())}"]
        out += [f"  skipped {n}: {reason}" for reason, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))]
        out += [f"  conflict: {c}" for c in self.conflicts]
        return out


def host_of_url(url: str) -> tuple[str, str] | None:
    """(host, path prefix) of a website: lower case, without www.; the path only where it names a section."""
    url = (url or "").strip()
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    host = fold_host(parts.hostname or "")
    if not host or "." not in host:
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")  # вечерний-екатеринбург.рф as xn--...
        except UnicodeError:
            return None
    if not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", host):
        return None  # 'com wsavcw.com': not a host name
    path = parts.path.strip("/")
    return host, ("/" + path if path and not re.search(r"\.(?:html?|php|aspx?)$|^index", path) else "")


def curation_countries(registry: Registry) -> set[str]:
    """Countries whose private press the State Media Monitor finds captured (a CaPr rating), or whose media
    it finds state-dominated (four or more state-controlled outlets): their outlets need a curator."""
    ratings: dict[str, Counter] = defaultdict(Counter)
    for entry in registry.entries.values():
        if entry["outlet_id"].startswith("smm-") and entry.get("country"):
            for period in entry["periods"]:
                ratings[entry.get("country") or ""][period.get("typology")] += 1
    return {c for c, r in ratings.items() if r["CaPr"] > 0 or r["SC"] >= 4}


class Importer:
    """What every source's import shares: the shipped registry to defer to, ids, hosts, the report."""

    def __init__(self, source: str, registry: Registry) -> None:
        self.registry = registry
        self.report = Report(source)
        self.ids: set[str] = set(registry.entries)
        self.hosts: dict[str, str] = {}
        self.entries: list[dict[str, Any]] = []

    def csv_rows(self, path: str) -> list[dict[str, str]]:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        self.report.rows = len(rows)
        return rows

    def known(self, host: str, path: str, owner: str | None) -> bool:
        found = self.registry.by_host(host, path or "/")
        if not found:
            return False
        entry, _ = found
        theirs = entry.get("owner") or "?"
        if owner and fold_name(owner) not in fold_name(theirs) and fold_name(theirs) not in fold_name(owner):
            self.report.conflicts.append(f"{host}{path}: the registry's {entry['outlet_id']} (owner {theirs}) "
                                         f"is kept; the source says {owner}")
        self.report.skip("host already in the shipped registry (its curated entry is kept)")
        return True

    def add(self, name: str, host: str, path: str, **fields: Any) -> None:
        key = host + path
        if key in self.hosts:
            self.report.skip("host already imported from an earlier row")
            return
        oid = f"{fields.pop('prefix')}-{slug(key.replace('/', '-'))}"
        while oid in self.ids:
            oid += "-x"
        self.ids.add(oid)
        self.hosts[key] = oid
        aliases = [name] if distinctive(name) else []
        self.entries.append({"outlet_id": oid, "name": name, "hosts": [key], "publisher_aliases": aliases, **fields})
        self.report.imported += 1


def _shared_hosts(rows: Iterable[tuple[str, str]], name_of: Callable[[str], str]) -> dict[str, str]:
    """For each host several rows give: the row whose name the site's own name agrees with, or '' for none."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for key, host in rows:
        by_host[host].append(key)
    chosen = {}
    for host, keys in by_host.items():
        if len(keys) < 2:
            continue
        site = fold_name(host.split(".")[0]).replace(" ", "")
        agree = [k for k in keys if fold_name(name_of(k)).replace(" ", "") == site]
        chosen[host] = agree[0] if len(agree) == 1 else ""
    return chosen


# -- Wikidata newspapers ------------------------------------------------------------------------

WIKIDATA_REF = "Wikidata"


def import_wikidata(path: str, registry: Registry) -> tuple[list[dict[str, Any]], Report]:
    imp = Importer("wikidata-newspapers", registry)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    imp.report.rows = len(rows)
    careful = curation_countries(registry)
    located = {r["qid"]: host_of_url(r["website"]) for r in rows}
    by_qid = {r["qid"]: r for r in rows}
    shared = _shared_hosts(((q, h[0] + h[1]) for q, h in located.items() if h), lambda q: by_qid[q]["label"])
    for row in rows:
        owner = (row.get("owned_by") or "").split(";")[0].strip() or None
        parent = (row.get("parent_organization") or row.get("publisher") or "").split(";")[0].strip() or None
        where = located[row["qid"]]
        country = country_code(row.get("country") or "") if row.get("country") else None
        if not (owner or parent):
            imp.report.skip("no owner, parent organisation or publisher")
        elif where is None:
            imp.report.skip("no usable website")
        elif shared.get(where[0] + where[1], row["qid"]) != row["qid"]:
            imp.report.skip("website shared by several items, and not this item's own")
        elif any(PUBLIC_BODY.search(x or "") for x in (owner, parent)):
            imp.report.skip("owner is a public body or a state press group: left to curation")
        elif country in careful:
            imp.report.skip("country whose private press the State Media Monitor finds captured or state-dominated: "
                            "left to curation")
        elif not imp.known(where[0], where[1], owner or parent):
            modified = (row.get("modified") or "")[:10] or None
            who = owner or parent
            imp.add(row["label"] or where[0], where[0], where[1], prefix="wd", country=country, languages=[],
                    owner=who, parent=parent if owner and parent and parent != owner else None,
                    periods=[{"category": "private", "typology": None, "valid_from": None, "valid_to": None,
                              "evidence": [{"kind": "encyclopedia", "url": f"https://www.wikidata.org/wiki/{row['qid']}",
                                            "ref": f"{WIKIDATA_REF} {row['qid']} ({row['label']}): owned by {who}"
                                                   + (f", parent organisation {parent}" if parent and owner else "")
                                                   + " (CC0)", "date": modified}]}],
                    uncertain=True,
                    uncertain_note=f"owner as the Wikidata item stated it when last modified ({modified or 'date unknown'}): "
                                   f"a later sale may not be recorded; private ownership is inferred from a "
                                   f"non-governmental owner",
                    notes=None)
    return imp.entries, imp.report


def _private(url: str, ref: str, date: str | None) -> list[dict[str, Any]]:
    """One period of private ownership, open at both ends, with the dataset row that says so."""
    return [{"category": "private", "typology": None, "valid_from": None, "valid_to": None,
             "evidence": [{"kind": "other", "url": url, "ref": ref, "date": date}]}]


# -- US local news (2018) -----------------------------------------------------------------------

LOCAL_NEWS_REF = "LocalNewsDataset (yinleon, MIT), collected 2018-08-02"


def import_local_news(path: str, registry: Registry) -> tuple[list[dict[str, Any]], Report]:
    imp = Importer("local-news-dataset", registry)
    for row in imp.csv_rows(path):
        owner = (row.get("owner") or "").strip() or None
        where = host_of_url(row.get("domain") or row.get("website") or "")
        if not owner:
            imp.report.skip("no owner")
        elif where is None:
            imp.report.skip("no usable domain")
        elif PUBLIC_BODY.search(owner):
            imp.report.skip("owner is a public body (a university, a public broadcaster): left to curation")
        elif not imp.known(where[0], "", owner):
            medium = row.get("medium") or "outlet"
            imp.add(row.get("name") or where[0], where[0], "", prefix="us-local", country="US", languages=["en"],
                    owner=owner, parent=None,
                    periods=_private("https://github.com/yinleon/LocalNewsDataset",
                                     f"{LOCAL_NEWS_REF}: {row.get('name')} ({medium}, {row.get('state')}), owner {owner}",
                                     "2018-08-02"),
                    uncertain=True,
                    uncertain_note="owner as of 2018-08-02: station groups have merged since (Tribune Media into "
                                   "Nexstar in 2019, Raycom into Gray in 2019)",
                    notes=f"{medium} in {row.get('state')}")
    _groups(imp.entries, "media_group")
    return imp.entries, imp.report


def _groups(entries: list[dict[str, Any]], kind: str) -> None:
    """An owner of two or more of the imported outlets is their network, with the source's line as evidence."""
    owned = Counter(e["owner"] for e in entries)
    for e in entries:
        if owned[e["owner"]] >= 2:
            e["network"] = {"network_id": slug(e["owner"]), "name": e["owner"], "kind": kind, "owner": e["owner"],
                            "evidence": [e["periods"][0]["evidence"][0]["ref"]]}


# -- networks posing as local news ('pink slime') ---------------------------------------------------

PINK_SLIME_REF = "MassMove/AttackVectors, pink slime site list (MIT)"


def import_pink_slime(path: str, registry: Registry) -> tuple[list[dict[str, Any]], Report]:
    imp = Importer("pink-slime", registry)
    for row in imp.csv_rows(path):
        operator = re.split(r"\s+-\s+https?://", (row.get("siteOperator") or "").strip())[0] or None
        where = host_of_url(row.get("domain") or "")
        if not operator:
            imp.report.skip("no site operator")
        elif where is None:
            imp.report.skip("no usable domain")
        elif not imp.known(where[0], "", operator):
            imp.add(row.get("siteName") or where[0], where[0], "", prefix="pink-slime", country="US", languages=["en"],
                    owner=operator, parent=None,
                    periods=_private("https://github.com/MassMove/AttackVectors",
                                     f"{PINK_SLIME_REF}: {where[0]} ({row.get('siteName')}, {row.get('state')}), "
                                     f"operated by {operator}", None),
                    uncertain=True,
                    uncertain_note=f"a site of a network that poses as local news: {operator} is the operator the "
                                   "source names; who funds and directs the network is not established here",
                    notes="a site of a network that poses as local news ('pink slime'): privately operated, "
                          "partisan content presented as local reporting")
    _groups(imp.entries, "pink_slime_chain")
    return imp.entries, imp.report


# -- who owns the French media (Le Monde diplomatique) ---------------------------------------------

FRENCH_MEDIA_REF = "Le Monde diplomatique / Acrimed, Médias français, qui possède quoi (ODC-By 1.0), December 2024"


def _tsv(folder: str, name: str) -> list[dict[str, str]]:
    with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def import_medias_francais(folder: str, registry: Registry, websites: dict[str, str] | None = None) -> tuple[
        list[dict[str, Any]], Report]:
    """The data names outlets, not domains: an outlet is imported where its name matches a website
    (`websites`: folded name -> URL, from Wikidata's French newspapers) and the registry does not know it."""
    imp = Importer("medias-francais", registry)
    media = _tsv(folder, "medias.tsv")
    imp.report.rows = len(media)
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for edge in _tsv(folder, "organisation-media.tsv") + _tsv(folder, "personne-media.tsv"):
        owners[edge["cible"]].append((edge["origine"], edge.get("valeur") or ""))
    parents: dict[str, str] = {}
    for edge in _tsv(folder, "organisation-organisation.tsv") + _tsv(folder, "personne-organisation.tsv"):
        parents.setdefault(edge["cible"], edge["origine"])
    for outlet in media:
        name = outlet["Nom"].strip()
        holders = sorted(owners.get(name, []), key=lambda o: -_share(o[1]))
        url = (websites or {}).get(fold_name(name))
        where = host_of_url(url) if url else None
        if outlet.get("Disparu"):
            imp.report.skip("outlet no longer published")
        elif not holders:
            imp.report.skip("no owner in the data")
        elif where is None:
            imp.report.skip("no web domain known for the outlet's name")
        elif any(PUBLIC_BODY.search(h) for h, _ in holders) or fold_name(holders[0][0]) in ("etat francais",):
            imp.report.skip("owned by the state or a public body: left to curation")
        elif not imp.known(where[0], where[1], holders[0][0]):
            owner = holders[0][0]
            top = _top(owner, parents)
            share = ", ".join(f"{h} {v}".strip() for h, v in holders)
            imp.add(name, where[0], where[1], prefix="fr", country="FR", languages=["fr"], owner=owner,
                    parent=top if top != owner else None,
                    periods=[{"category": "private", "typology": None, "valid_from": None, "valid_to": None,
                              "evidence": [{"kind": "other", "url": "https://github.com/mdiplo/Medias_francais",
                                            "ref": f"{FRENCH_MEDIA_REF}: {name} owned by {share}"
                                                   + (f"; {owner} held by {top}" if top != owner else ""),
                                            "date": "2024-12-01"}]}],
                    uncertain=True, uncertain_note="owner as of December 2024; the domain was matched by name "
                                                   "(Wikidata's website of a newspaper of that name)",
                    notes=None)
    return imp.entries, imp.report


def _share(value: str) -> float:
    m = re.search(r"([\d.,]+)\s*%", value)
    return float(m[1].replace(",", ".")) if m else 0.0


def _top(org: str, parents: dict[str, str]) -> str:
    seen = {org}
    while org in parents and parents[org] not in seen:
        org = parents[org]
        seen.add(org)
    return org


def french_websites(wikidata_csv: str) -> dict[str, str]:
    """Folded name -> website of Wikidata's French newspapers, for names the French media data gives alone."""
    out: dict[str, str] = {}
    with open(wikidata_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("country") == "France" and row.get("website"):
                out.setdefault(fold_name(row["label"]), row["website"])
    return out


def write(entries: list[dict[str, Any]], out: str, version: str, header: str) -> None:
    import yaml

    body = yaml.safe_dump({"version": version, "outlets": entries}, sort_keys=False, allow_unicode=True, width=140)
    with open(out, "w", encoding="utf-8") as f:
        f.write(header + body)
