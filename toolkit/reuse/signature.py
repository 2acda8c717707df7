"""MinHash signatures of article bodies: the per-record half of reuse detection, run by the workers.

A body is normalised (case folded, punctuation and digits' separators dropped, whitespace collapsed),
cut into overlapping word shingles, each shingle hashed to 32 bits (from its words' CRC-32: stable across
processes and machines, unlike Python's hash), and the hashes permuted by 120 seeded multiply-shift maps
((a·x + b) mod 2^64, its high 32 bits: datatrove uses affine maps modulo a Mersenne prime, which cost a
division each). The minimum of each permutation is one component of the signature. Two
signatures agree in a component with probability equal to the Jaccard similarity of the shingle sets."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

MAX_HASH = np.uint64(0xFFFFFFFF)
ROLL = np.uint64(0x100000001B3)  # FNV prime: mixes a shingle's word hashes in order
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Settings:
    """Shingle size, signature length and LSH banding. Chosen by measurement on docs/reuse.md's
    evaluation: bands x rows = permutations; the banding's threshold (1/bands)^(1/rows) sits well below
    the verification threshold, so that a copy cut to half its length is still a candidate."""

    shingle: int = 5  # words a shingle
    bands: int = 40
    rows: int = 3  # signature components a band
    containment: float = 0.6  # shared shingles over the smaller text's, estimated: a copy at least this much
    min_shingles: int = 30  # texts shorter than this are not linked: a short note shares too easily
    seed: int = 1

    @property
    def permutations(self) -> int:
        return self.bands * self.rows


SETTINGS = Settings()


def _parameters(settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Odd 64-bit multipliers and 64-bit offsets, one pair a permutation, from a fixed seed."""
    rng = np.random.RandomState(settings.seed)
    a = rng.randint(0, 1 << 63, size=settings.permutations, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.randint(0, 1 << 63, size=settings.permutations, dtype=np.uint64)
    return a, b


_PARAMETERS: dict[Settings, tuple[np.ndarray, np.ndarray]] = {}


def words(text: str) -> list[str]:
    """The words of a text as compared: case folded, without punctuation, quotes or dashes."""
    return WORD.findall(text.casefold())


def shingle_hashes(text: str | list[str], size: int) -> np.ndarray:
    """The distinct 32-bit hashes of the text's `size`-word shingles (one shingle for a shorter text):
    each word hashed once, a shingle's hash rolled from its words' with numpy, not joined as a string.
    The text may be given as its words already."""
    ws = words(text) if isinstance(text, str) else text
    if not ws:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in ws), dtype=np.uint64, count=len(ws))
    size = min(size, len(ws))
    count = len(ws) - size + 1
    rolled = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrapping arithmetic modulo 2^64 is the point
        for k in range(size):
            rolled = rolled * ROLL + hashed[k: k + count]
    return np.unique((rolled ^ (rolled >> np.uint64(32))) & MAX_HASH)


def signature(text: str | list[str], settings: Settings = SETTINGS) -> tuple[np.ndarray, int]:
    """The MinHash signature of a text (uint32, `settings.permutations` long) and its number of shingles.
    A text without words gets the all-ones signature, which matches nothing that has words."""
    if settings not in _PARAMETERS:
        _PARAMETERS[settings] = _parameters(settings)
    a, b = _PARAMETERS[settings]
    hashes = shingle_hashes(text, settings.shingle)
    if hashes.size == 0:
        return np.full(settings.permutations, 0xFFFFFFFF, dtype=np.uint32), 0
    signature = np.full(settings.permutations, 0xFFFFFFFF, dtype=np.uint64)
    for start in range(0, hashes.size, 4096):  # bounded memory for a very long text
        part = hashes[start: start + 4096, None]
        with np.errstate(over="ignore"):  # multiply-shift hashing: wrapping products, the high 32 bits kept
            permuted = (part * a + b) >> np.uint64(32)
        np.minimum(signature, permuted.min(axis=0), out=signature)
    return signature.astype(np.uint32), int(hashes.size)
