"""The outlet registry: who stands behind an outlet, with the evidence, by period.

Entries come from the shipped files (a curated core, the State Media Monitor
rows imported from the ASD State Media Matrix, the media groups' networks, then
imports of open ownership data) and from the user's own files, which are read
first and so override or extend the shipped ones. A network's brands become
outlets of the group, known by their hosts only.

- `files`: reading, validating and caching registry files (YAML, CSV);
- `names`: hosts and names folded as the registry compares them, and the word lists;
- `outlet`: an entry, a period, a network, as their schemas have them;
- `lookup`: the outlet behind a page and its affiliation (`Registry`, `Match`);
- `smm`, `sources`, `coverage`: the State Media Matrix import, the open-data imports, `mpt outlets coverage`."""
from __future__ import annotations

from .files import CORE, DATA, IMPORTED, NETWORKS, SHIPPED, RegistryError, read_file, read_registry_file, \
    validate_entries, validate_networks
from .lookup import Match, NameDecision, Registry, control, evidence_line, load_registry, membership
from .names import distinctive, fold_host, fold_name, host_country, slug
from .outlet import Evidence, Network, Outlet, Period

__all__ = ["CORE", "DATA", "IMPORTED", "NETWORKS", "SHIPPED", "Evidence", "Match", "NameDecision", "Network", "Outlet",
           "Period", "Registry", "RegistryError", "control", "distinctive", "evidence_line", "fold_host", "fold_name",
           "host_country", "load_registry", "membership", "read_file", "read_registry_file", "slug",
           "validate_entries", "validate_networks"]
