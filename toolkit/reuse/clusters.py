"""Republished texts: the corpus-level half of reuse detection.

Candidates come from LSH banding of the MinHash signatures: two texts whose signatures agree in every
component of one band share a bucket. Each candidate pair is then checked: the estimated share of the
smaller text's shingles that the other holds (containment, from the estimated Jaccard similarity and
the two shingle counts) must reach `Settings.containment`. Containment rather than Jaccard, because a
republication is often cut ('read more') or wrapped in another site's boilerplate, which lowers the
Jaccard similarity but not the share of the copy found in the original. Linked texts form clusters
(connected components)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from .signature import SETTINGS, Settings


def band_keys(signatures: np.ndarray, settings: Settings = SETTINGS) -> np.ndarray:
    """One 32-bit key a band for each signature (rows x bands): equal bands give equal keys."""
    n = signatures.shape[0]
    keys = np.empty((n, settings.bands), dtype=np.uint32)
    mixed = signatures.astype(np.uint64).reshape(n, settings.bands, settings.rows)
    acc = np.zeros((n, settings.bands), dtype=np.uint64)
    for r in range(settings.rows):  # FNV-style mixing: a 32-bit collision costs one wasted check, no wrong link
        acc = (acc * np.uint64(0x100000001B3) + mixed[:, :, r] + np.uint64(r + 1)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    keys[:] = ((acc >> np.uint64(32)) ^ acc) & np.uint64(0xFFFFFFFF)
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two texts, estimated from their signatures."""
    return float(np.count_nonzero(a == b)) / a.size


def containment(j: float, size_a: int, size_b: int) -> float:
    """The estimated share of the smaller text's shingles found in the other: |A∩B| / min(|A|, |B|)."""
    if j <= 0 or min(size_a, size_b) == 0:
        return 0.0
    return min(1.0, j * (size_a + size_b) / ((1 + j) * min(size_a, size_b)))


def own_containment(j: float, size_a: int, size_b: int, discount: tuple[int, int, int],
                    settings: Settings = SETTINGS) -> float:
    """The containment of two texts without their sites' boilerplate: `discount` is (shingles of boilerplate
    both hold, boilerplate shingles of a, of b), counted in words. A text left with fewer than
    `settings.min_shingles` of its own links to nothing."""
    shared, boiler_a, boiler_b = discount
    if not (shared or boiler_a or boiler_b):
        return containment(j, size_a, size_b)
    own_a, own_b = size_a - boiler_a, size_b - boiler_b
    if j <= 0 or min(own_a, own_b) < settings.min_shingles:
        return 0.0
    common = j * (size_a + size_b) / (1 + j) - shared
    return max(0.0, min(1.0, common / min(own_a, own_b)))


def candidate_pairs(keys: np.ndarray, eligible: np.ndarray) -> Iterable[tuple[int, int, int]]:
    """Triples (first, previous, other) of eligible texts that share a band's bucket, in index order: each
    member after the first with the bucket's first and with the member before it. Linear in the bucket's
    size; the check is not transitive, so this can miss a pair that only meets in one bucket whose first
    member is like neither (other bands usually bring them together)."""
    index = np.flatnonzero(eligible)
    for band in range(keys.shape[1]):
        column = keys[index, band]
        order = np.argsort(column, kind="stable")
        sorted_keys = column[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], sorted_keys.size]
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            members = np.sort(index[order[start:end]])
            first = int(members[0])
            for previous, other in zip(members[:-1], members[1:]):
                yield first, int(previous), int(other)


class Components:
    """Union-find over record indices."""

    def __init__(self, n: int) -> None:
        self.parent = np.arange(n, dtype=np.int64)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = int(self.parent[root])
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, int(self.parent[i])
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        """The components of more than one member, each in increasing order."""
        roots = self.parent.copy()
        while True:  # every index straight to its root, for all at once
            up = roots[roots]
            if np.array_equal(up, roots):
                break
            roots = up
        counts = np.bincount(roots, minlength=roots.size)
        members = np.flatnonzero(counts[roots] > 1)  # most texts are alone: leave them out before grouping
        order = members[np.argsort(roots[members], kind="stable")]
        cuts = np.flatnonzero(np.diff(roots[order])) + 1
        return [g.tolist() for g in np.split(order, cuts)] if order.size else []


def link(keys: np.ndarray, sizes: np.ndarray, eligible: np.ndarray, signature_of: Callable[[int], np.ndarray],
         settings: Settings = SETTINGS, boilerplate: Callable[[int, int], tuple[int, int, int]] | None = None
         ) -> list[list[int]]:
    """Clusters of texts (lists of indices in increasing order, clusters ordered by their first member):
    candidates from the bands, each pair checked once by its estimated containment, without the text
    that `boilerplate` (see boilerplate.Boilerplate.discount) says their sites repeat."""
    components = Components(sizes.size)
    checked: set[tuple[int, int]] = set()
    for first, previous, other in candidate_pairs(keys, eligible):
        for a in dict.fromkeys((first, previous)):
            if components.find(a) == components.find(other):
                break  # linked already
            if (a, other) in checked:
                continue
            checked.add((a, other))
            j = jaccard(signature_of(a), signature_of(other))
            discount = boilerplate(a, other) if boilerplate else (0, 0, 0)
            if own_containment(j, int(sizes[a]), int(sizes[other]), discount, settings) >= settings.containment:
                components.union(a, other)
                break
    return sorted((sorted(g) for g in components.groups()), key=lambda g: g[0])


@dataclass(frozen=True)
class Member:
    """What choosing a cluster's origin needs of one text."""

    index: int
    id: str
    url: str
    published: float | None  # seconds since the epoch
    agency: bool  # the text is on a wire agency's own outlet
    order: tuple[int, ...]  # input order: (run, place in its batch as it arrived)


def origin(members: list[Member]) -> tuple[Member, str]:
    """The earliest publication; on a tie, or without dates, a wire agency's own copy; then the first in
    input order. With the rule that decided."""
    dated = [m for m in members if m.published is not None]
    if dated:
        earliest = min(m.published for m in dated)  # type: ignore[type-var]
        first = [m for m in dated if m.published == earliest]
        if len(first) == 1:
            return first[0], "reuse:earliest-published"
        why = "tie"
    else:
        first, why = list(members), "no-dates"
    agencies = [m for m in first if m.agency]
    if agencies:
        return min(agencies, key=lambda m: m.order), f"reuse:{why}:agency"
    return min(first, key=lambda m: m.order), f"reuse:{why}:first-in-input-order"


def cluster_id(ids: Iterable[str]) -> str:
    """Stable for the same members, whatever their order."""
    return hashlib.sha256("\n".join(sorted(ids)).encode("utf-8")).hexdigest()[:16]
