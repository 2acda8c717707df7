"""The reuse stage of a build: between the batches and the merge, over the runs the workers wrote.

Each worker writes, beside its run, the MinHash signatures of its rows (`write_signatures`). The stage
keeps the rows the merge will keep (the duplicate rule), links the texts (`clusters.link`), names each
cluster's origin, and returns what the merge writes into each member's `reuse` field and the rows of the
`clusters` config. Memory: the band keys of every row (4 bytes a band) and the data of clustered rows;
signatures are read from their files as pairs are checked."""
from __future__ import annotations

import bisect
import itertools
import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..names.outlets import site_name
from ..names.people import agency_name
from . import clusters
from .boilerplate import Boilerplate, Paragraphs, paragraph_words
from .signature import SETTINGS, Settings, signature


@dataclass
class Reuse:
    """What the stage found: by article id, its `reuse` value and the rule that chose the origin; and one
    row a cluster for the `clusters` config."""

    by_id: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)
    clusters: list[dict[str, Any]] = field(default_factory=list)


def signatures_path(run: str) -> str:
    return run + ".minhash.npy"


def sizes_path(run: str) -> str:
    return run + ".shingles.npy"


def paragraphs_path(run: str) -> str:
    return run + ".paragraphs.npz"


def write_signatures(run: str, bodies: list[str], arrival: list[int] | None = None,
                     settings: Settings = SETTINGS, sites: list[str] | None = None) -> None:
    """The signatures and shingle counts of a run's rows, in the run's row order (the workers' part), with
    each row's place in the batch as it arrived: a run is sorted by id, and the origin's tie-break needs
    input order (runs are in input order, and a batch holds its records in input order). Beside them, the
    rows' paragraphs and sites, for the boilerplate rule (boilerplate.py)."""
    sigs = np.empty((len(bodies), settings.permutations), dtype=np.uint32)
    sizes = np.empty((2, len(bodies)), dtype=np.int64)
    paragraphs = []
    for i, body in enumerate(bodies):
        paragraphs.append(paragraph_words(body))  # the words once, for the signature and the paragraphs
        sigs[i], sizes[0, i] = signature([w for ws in paragraphs[-1] for w in ws], settings)
    sizes[1] = arrival if arrival is not None else np.arange(len(bodies))
    Paragraphs.of(paragraphs, sites if sites is not None else [""] * len(bodies)).save(paragraphs_path(run))
    np.save(signatures_path(run), sigs)
    np.save(sizes_path(run), sizes)


def find(runs: list[str], settings: Settings = SETTINGS) -> Reuse:
    """The clusters of republished texts among the rows the merge keeps."""
    from ..merge.duplicates import choices

    counts = [pq.ParquetFile(run).metadata.num_rows for run in runs]
    starts = [0, *itertools.accumulate(counts)][:-1]
    total = sum(counts)
    kept = np.zeros(total, dtype=bool)
    for best in choices(runs):
        kept[starts[best[1]] + best[2]] = True
    if total == 0:
        return Reuse()
    keys = band_keys_of([signatures_path(run) for run in runs], starts, total, settings)
    sizes = np.concatenate([np.load(sizes_path(run))[0] for run in runs])
    eligible = kept & (sizes >= settings.min_shingles)
    signature_of = SignatureFiles([signatures_path(run) for run in runs], starts)
    boilerplate = Boilerplate.find(Paragraphs.load([paragraphs_path(run) for run in runs], starts), eligible)
    groups = clusters.link(keys, sizes, eligible, signature_of, settings, boilerplate.discount)
    return _found(runs, starts, groups, signature_of)


def _found(runs: list[str], starts: list[int], groups: list[list[int]], signature_of: Any) -> Reuse:
    members = _members(runs, starts, sorted(i for g in groups for i in g))
    found = Reuse()
    for cluster in groups:
        _describe([members[i] for i in cluster], signature_of, found)
    found.clusters.sort(key=lambda c: c["cluster_id"])
    return found


def band_keys_of(paths: list[str], starts: list[int], total: int, settings: Settings = SETTINGS) -> np.ndarray:
    """The band keys of every row of the signature files, filled in place: the whole table once in memory."""
    keys = np.empty((total, settings.bands), dtype=np.uint32)
    for path, start in zip(paths, starts):
        part = clusters.band_keys(np.load(path), settings)
        keys[start: start + part.shape[0]] = part
    return keys


class SignatureFiles:
    """The signature of any row of the runs, read from its file when asked. Reads, not a memory map: a
    mapped file's pages, once touched (and the kernel reads ahead), count as the process's memory. A file
    is opened for each read, so a build of any number of runs stays within the open-files limit."""

    def __init__(self, paths: list[str], starts: list[int]) -> None:
        self.paths, self.starts = paths, starts
        self.layout: dict[int, tuple[int, int, np.dtype]] = {}  # run -> (data offset, row bytes, dtype)

    def _layout(self, run: int) -> tuple[int, int, np.dtype]:
        if run not in self.layout:
            with open(self.paths[run], "rb") as f:
                fmt = np.lib.format
                read_header = fmt.read_array_header_1_0 if fmt.read_magic(f) == (1, 0) else fmt.read_array_header_2_0
                shape, _, dtype = read_header(f)
                self.layout[run] = (f.tell(), shape[1] * dtype.itemsize, dtype)
        return self.layout[run]

    def __call__(self, i: int) -> np.ndarray:
        run = bisect.bisect_right(self.starts, i) - 1
        offset, width, dtype = self._layout(run)
        fd = os.open(self.paths[run], os.O_RDONLY)
        try:
            data = os.pread(fd, width, offset + (i - self.starts[run]) * width)
        finally:
            os.close(fd)
        return np.frombuffer(data, dtype=dtype)


@dataclass(frozen=True)
class _Row:
    member: clusters.Member
    host: str
    category: str
    published: datetime | None


def _members(runs: list[str], starts: list[int], indices: list[int]) -> dict[int, _Row]:
    """What the origin and the clusters config need of each clustered row, read from the runs."""
    out: dict[int, _Row] = {}
    for run_number, in_run in itertools.groupby(indices, key=lambda i: bisect.bisect_right(starts, i) - 1):
        rows = list(in_run)
        arrival = np.load(sizes_path(runs[run_number]))[1]
        table = pq.read_table(runs[run_number], columns=["id", "url", "host", "published_at", "source", "affiliation",
                                                        "provenance"]).take([i - starts[run_number] for i in rows])
        source, prov = table.column("source").combine_chunks(), table.column("provenance").combine_chunks()
        columns = {
            "id": table.column("id").to_pylist(), "url": table.column("url").to_pylist(),
            "host": table.column("host").to_pylist(), "published": table.column("published_at").to_pylist(),
            "name": pc.struct_field(source, "name").to_pylist(), "publisher": pc.struct_field(source, "publisher").to_pylist(),
            "category": pc.struct_field(table.column("affiliation").combine_chunks(), "category").to_pylist(),
            "input": pc.struct_field(prov, "input").to_pylist(), "offset": pc.struct_field(prov, "offset").to_pylist(),
        }
        for k, index in enumerate(rows):
            published = columns["published"][k]
            host = columns["host"][k] or ""
            agency = any(v and agency_name(v) for v in (columns["name"][k], columns["publisher"][k], site_name(host)))
            member = clusters.Member(index, columns["id"][k], columns["url"][k],
                                     published.timestamp() if published else None, agency,
                                     (run_number, int(arrival[index - starts[run_number]])))
            out[index] = _Row(member, host, columns["category"][k] or "unknown", published)
    return out


def _describe(rows: list[_Row], signature_of: Any, found: Reuse) -> None:
    origin, rule = clusters.origin([r.member for r in rows])
    ids = sorted(r.member.id for r in rows)
    cluster_id = clusters.cluster_id(ids)
    origin_signature = signature_of(origin.index)
    for r in rows:
        similarity = 1.0 if r.member is origin else round(clusters.jaccard(signature_of(r.member.index), origin_signature), 3)
        found.by_id[r.member.id] = ({"cluster_id": cluster_id, "cluster_size": len(rows), "origin_id": origin.id,
                                     "origin_url": origin.url, "similarity": similarity}, rule)
    dates = [r.published for r in rows if r.published is not None]
    found.clusters.append({
        "cluster_id": cluster_id, "size": len(rows), "origin_id": origin.id, "origin_url": origin.url, "origin_rule": rule,
        "member_ids": ids, "hosts": sorted({r.host for r in rows}), "categories": sorted({r.category for r in rows}),
        "first_published": min(dates) if dates else None, "last_published": max(dates) if dates else None,
    })


def remove_signatures(runs: list[str]) -> None:
    for run in runs:
        for path in (signatures_path(run), sizes_path(run), paragraphs_path(run)):
            if os.path.exists(path):
                os.remove(path)
