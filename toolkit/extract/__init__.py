"""Extractors: raw record -> fields with the rule that produced each."""
from __future__ import annotations

from ..records import Extracted, RawRecord
from . import flat

EXTRACTORS = {"flat": flat.extract}


def extract(raw: RawRecord) -> Extracted:
    return EXTRACTORS[raw.format](raw)
