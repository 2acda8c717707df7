"""Text a site repeats under different articles (footers, disclaimers, newsletter pitches): found in the
corpus, and left out when two texts are compared.

A paragraph is its site's boilerplate when at least two articles of the site hold it and each of them
also has text of its own (at most `OWN_TEXT` of its words in paragraphs the site repeats): two versions
of one story on one site share nearly all their paragraphs, and so do not make their text boilerplate.
A site is the outlet's network where the registry knows one (sister sites share a template), else the
registered domain. An agency story republished on fifty sites is one paragraph set on fifty sites, one
article each: nothing there is boilerplate, and the copies link as before.

When two texts are compared, the paragraphs that are boilerplate on either one's site are taken out of
both: their words leave the texts' sizes, and those both hold leave the shared part (see
`clusters.link`). Paragraphs are compared by their words as `signature.words` sees them, so a change of
quotes or case does not hide a repeated footer."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from .signature import words

OWN_TEXT = 0.9  # an article this much made of its site's repeated paragraphs is a version, not a witness
PARAGRAPH = re.compile(r"\n+")


def paragraph_words(body: str) -> list[list[str]]:
    """The words of each paragraph (line) of a body; together, the body's words (`signature.words`)."""
    return [words(paragraph) for paragraph in PARAGRAPH.split(body)]


def fingerprints(body: str | Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The 64-bit hashes of a body's paragraphs (its lines) and their words, paragraphs without words left
    out. The body may be given as its paragraphs' words already (`paragraph_words`)."""
    hashes, counts = [], []
    for ws in paragraph_words(body) if isinstance(body, str) else body:
        if ws:
            hashes.append(int.from_bytes(hashlib.blake2b(" ".join(ws).encode("utf-8"), digest_size=8).digest(), "little"))
            counts.append(len(ws))
    return np.array(hashes, dtype=np.uint64), np.array(counts, dtype=np.int32)


def site_of(record: dict[str, Any]) -> str:
    """The site whose template a record's page follows: its outlet's network, else its registered domain."""
    from ..normalize.urls import registered_domain

    network = (record.get("affiliation") or {}).get("network")
    if network and network.get("network_id"):
        return "network:" + network["network_id"]
    return registered_domain(record.get("host") or "")


def site_key(site: str) -> int:
    return int.from_bytes(hashlib.blake2b(site.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class Paragraphs:
    """The paragraphs of many texts: one entry a paragraph (its text's index, hash, words), and each
    text's site."""

    row: np.ndarray
    hash: np.ndarray
    words: np.ndarray
    site: np.ndarray

    @classmethod
    def of(cls, bodies: list[str] | list[list[list[str]]], sites: list[str]) -> "Paragraphs":
        rows, hashes, counts = [], [], []
        for i, body in enumerate(bodies):
            h, n = fingerprints(body)
            rows.append(np.full(h.size, i, dtype=np.int64))
            hashes.append(h)
            counts.append(n)
        return cls(np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64),
                   np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.uint64),
                   np.concatenate(counts) if counts else np.zeros(0, dtype=np.int32),
                   np.array([site_key(s) for s in sites], dtype=np.uint64))

    def save(self, path: str) -> None:
        with open(path, "wb") as f:
            np.savez(f, row=self.row, hash=self.hash, words=self.words, site=self.site)

    @classmethod
    def load(cls, paths: list[str], starts: list[int]) -> "Paragraphs":
        """The paragraphs of several runs, their rows numbered across the runs from `starts`."""
        parts = []
        for path, start in zip(paths, starts):
            with np.load(path) as data:
                parts.append((data["row"] + start, data["hash"], data["words"], data["site"]))
        if not parts:
            return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32),
                       np.zeros(0, dtype=np.uint64))
        return cls(*(np.concatenate([p[k] for p in parts]) for k in range(4)))


@dataclass
class Boilerplate:
    """The (site, paragraph) pairs found to be boilerplate, and the paragraphs of the texts that hold any."""

    pairs: set[tuple[int, int]] = field(default_factory=set)
    site: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    held: dict[int, dict[int, int]] = field(default_factory=dict)  # text -> {paragraph hash: words}

    @classmethod
    def find(cls, paragraphs: Paragraphs, kept: np.ndarray) -> "Boilerplate":
        """Boilerplate among the texts marked in `kept` (the rows the merge keeps)."""
        p = paragraphs
        mask = kept[p.row] if p.row.size else np.zeros(0, dtype=bool)
        row, hashes, counts = p.row[mask], p.hash[mask], p.words[mask]
        if row.size == 0:
            return cls(site=p.site)
        # a paragraph twice in one text counts once
        order = np.lexsort((hashes, row))
        row, hashes, counts = row[order], hashes[order], counts[order]
        first = np.r_[True, (row[1:] != row[:-1]) | (hashes[1:] != hashes[:-1])]
        row, hashes, counts = row[first], hashes[first], counts[first]
        sites = p.site[row]
        repeated = _in_two_texts(sites, hashes, np.ones(row.size, dtype=bool))
        totals = np.bincount(row, weights=counts, minlength=kept.size)
        in_repeated = np.bincount(row[repeated], weights=counts[repeated], minlength=kept.size)
        with np.errstate(invalid="ignore", divide="ignore"):
            own = in_repeated <= OWN_TEXT * totals
        boiler = _in_two_texts(sites, hashes, own[row])
        found = cls(site=p.site)
        found.pairs = set(zip(sites[boiler].tolist(), hashes[boiler].tolist()))
        if found.pairs:
            boiler_hashes = np.unique(hashes[boiler])
            holding = np.isin(hashes, boiler_hashes)
            for r, h, n in zip(row[holding].tolist(), hashes[holding].tolist(), counts[holding].tolist()):
                found.held.setdefault(r, {})[h] = n
        return found

    def discount(self, a: int, b: int) -> tuple[int, int, int]:
        """(words of boilerplate both texts hold, words of boilerplate in a, in b): a paragraph counts when it
        is boilerplate on either text's site."""
        held_a, held_b = self.held.get(a), self.held.get(b)
        if not held_a and not held_b:
            return 0, 0, 0
        sites = (int(self.site[a]), int(self.site[b]))

        def boiler(h: int) -> bool:
            return (sites[0], h) in self.pairs or (sites[1], h) in self.pairs

        in_a = {h: n for h, n in (held_a or {}).items() if boiler(h)}
        in_b = {h: n for h, n in (held_b or {}).items() if boiler(h)}
        shared = sum(n for h, n in in_a.items() if h in in_b)
        return shared, sum(in_a.values()), sum(in_b.values())


def _in_two_texts(sites: np.ndarray, hashes: np.ndarray, counted: np.ndarray) -> np.ndarray:
    """For each entry, whether its (site, paragraph) is in at least two counted texts (entries are one a
    text and paragraph already)."""
    order = np.lexsort((hashes, sites))
    s, h, c = sites[order], hashes[order], counted[order].astype(np.int64)
    starts = np.flatnonzero(np.r_[True, (s[1:] != s[:-1]) | (h[1:] != h[:-1])])
    per_group = np.add.reduceat(c, starts) if starts.size else np.zeros(0, dtype=np.int64)
    group_of = np.cumsum(np.r_[True, (s[1:] != s[:-1]) | (h[1:] != h[:-1])]) - 1 if s.size else np.zeros(0, dtype=np.int64)
    out = np.empty(sites.size, dtype=bool)
    out[order] = per_group[group_of] >= 2
    return out
