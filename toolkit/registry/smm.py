"""Import the ASD State Media Matrix (seeded from the State Media Monitor) into registry entries.

The real file has rows without a URL, URLs without a scheme, hosts on several
rows, uncertain (`ISFM?`) and empty typology cells, rows marked "Currently Not
Functional" and social-media columns copied between rows (ignored here)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .names import fold_host, slug

SOURCE_REF = "State Media Monitor via ASD State Media Matrix"
SOURCE_URL = "https://github.com/ASD-at-GMF/state-media-profiles"
SOURCE_DATE = "2024-02-07"  # the matrix's commit d878fee

# Typology -> category. Governance and editorial control decide, funding alone never does:
TYPOLOGY_CATEGORY = {
    "SC": "state_controlled",          # funding, governance and editorial line controlled by the state
    "CaPu": "state_controlled",        # captured public/state-managed: governance and editorial line controlled
    "CaPr": "state_aligned_private",   # captured private: private ownership, editorial line controlled
    "ISFM": "public_service",          # state-funded and state-managed, editorially independent
    "ISF": "state_funded_independent", # state-funded, independent governance and editorial line
    "ISM": "public_service",           # state-managed, not state-funded, editorially independent
    "IP": "public_service",            # independent public media
}
COUNTRY_NAMES = {"Brunei": "BN", "DR Congo": "CD", "Palestine territories": "PS", "Russia": "RU", "The Gambia": "GM",
                 "Turkey": "TR", "UAE": "AE", "Vatican City": "VA"}


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)


def country_code(name: str) -> str | None:
    import pycountry

    name = name.strip()
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name]
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def host_and_path(url: str) -> tuple[str, str] | None:
    url = url.strip()
    if not url:
        return None
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        url = "http://" + url
    parts = urlsplit(url)
    if not parts.hostname or "." not in parts.hostname:
        return None
    path = parts.path.strip("/").lower()
    return fold_host(parts.hostname), ("" if re.search(r"\.(html?|php|aspx?)$", path) else path)


def import_rows(path: str) -> tuple[list[dict[str, Any]], ImportReport]:
    report = ImportReport()
    entries: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    ids: set[str] = set()
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    # A path is kept only where one host carries several outlets (sb.by/respublika, sb.by/ng);
    # elsewhere it is a language or start page and the whole host is the outlet's.
    paths: dict[str, set[str]] = {}
    for row in rows:
        hp = host_and_path(row.get("URL") or "")
        if hp:
            paths.setdefault(hp[0], set()).add(hp[1])
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        report.rows += 1
        asset = (row.get("Main assets") or "").strip()
        company = (row.get("Media company") or "").strip().rstrip("*").strip()
        hp = host_and_path(row.get("URL") or "")
        host = None
        if hp:
            host = f"{hp[0]}/{hp[1]}" if hp[1] and len(paths[hp[0]]) > 1 else hp[0]
        if not host:
            report.skipped.append((n, f"no usable URL ({asset or company or 'unnamed'})"))
            continue
        if host in first_row:
            report.skipped.append((n, f"duplicate host {host} (first on row {first_row[host]})"))
            continue
        code = (row.get("Typology") or "").strip()
        uncertain = code.endswith("?")
        code = code.rstrip("?")
        if code and code not in TYPOLOGY_CATEGORY:
            report.skipped.append((n, f"unknown typology code {row.get('Typology')!r}"))
            continue
        first_row[host] = n
        status = (row.get("Status") or "").strip()
        notes = [x for x in (status, (row.get("Notes") or "").strip()) if x and not x.lower().startswith("merged from")]
        if not code:
            report.notes.append((n, f"{host}: no typology code; imported as unknown"))
        if "not functional" in status.lower():
            report.notes.append((n, f"{host}: marked {status!r}; kept for articles from when it ran"))
        oid = "smm-" + slug(host.replace("/", "-"))
        while oid in ids:
            oid += "-x"
        ids.add(oid)
        name = asset or company
        ref = f"{SOURCE_REF}: {name} ({company}), {code or 'no code'}" + (" (coded ISFM?, uncertain)" if uncertain else "")
        evidence = [{"kind": "monitor", "ref": ref,
                     "url": SOURCE_URL, "date": SOURCE_DATE}]
        entries.append({
            "outlet_id": oid,
            "name": name,
            "hosts": [host],
            "publisher_aliases": sorted({x for x in (asset, company) if x}),
            "country": country_code(row.get("Country") or ""),
            "languages": [],
            "owner": company or None,
            "parent": None,
            "periods": [{"category": TYPOLOGY_CATEGORY.get(code, "unknown"), "typology": code or None,
                         "valid_from": None, "valid_to": None, "evidence": evidence}],
            "uncertain": uncertain or not code,
            "uncertain_note": ("the matrix codes it ISFM? (uncertain)" if uncertain else
                               "the matrix gives no typology code" if not code else None),
            "notes": "; ".join(notes) or None,
        })
        report.imported += 1
    return entries, report


def write_registry(entries: list[dict[str, Any]], out: str, source: str) -> None:
    import yaml

    header = (f"# Generated by `mpt outlets import-smm {source}`: do not edit by hand.\n"
              f"# {SOURCE_REF} ({SOURCE_URL}, {SOURCE_DATE}), MIT licence; typology -> category per toolkit/registry/smm.py.\n")
    body = yaml.safe_dump({"version": f"smm-{SOURCE_DATE}", "outlets": entries}, sort_keys=False, allow_unicode=True, width=140)
    with open(out, "w", encoding="utf-8") as f:
        f.write(header + body)
