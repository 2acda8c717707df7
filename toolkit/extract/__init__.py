"""Extractors: raw record -> fields with the rule that produced each."""
from __future__ import annotations

from ..records import Extracted, RawRecord
from . import flat, html, jsonl

# A WARC record's payload is an HTML page.
EXTRACTORS = {"flat": flat.extract, "html": html.extract, "warc": html.extract, "jsonl": jsonl.extract}


def extract(raw: RawRecord) -> Extracted:
    return EXTRACTORS[raw.format](raw)
