"""How much of a built dataset the outlet registry knows: the share of articles with a known
category, and the hosts without an entry, most articles first: a to-do list for the user's own
`--registry` file."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Coverage:
    articles: int = 0
    known: int = 0
    by_category: Counter = field(default_factory=Counter)
    unknown_hosts: Counter = field(default_factory=Counter)

    @property
    def share(self) -> float:
        return self.known / self.articles if self.articles else 0.0


def coverage(folder: str) -> Coverage:
    """Read the articles' hosts and categories (two columns: memory stays small)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    data = os.path.join(folder, "data")
    if not os.path.isdir(data):
        raise FileNotFoundError(f"{folder}: not a built dataset folder (no data/)")
    out = Coverage()
    for name in sorted(os.listdir(data)):
        if not name.endswith(".parquet"):
            continue
        for batch in pq.ParquetFile(os.path.join(data, name)).iter_batches(columns=["host", "affiliation"]):
            hosts = batch.column(0).to_pylist()
            categories = pc.struct_field(batch.column(1), "category").to_pylist()
            for host, category in zip(hosts, categories):
                out.articles += 1
                out.by_category[category] += 1
                if category == "unknown":
                    out.unknown_hosts[host] += 1
                else:
                    out.known += 1
    return out
