"""Read the fields of a flat page dump with a block-role model learned from labelled dumps.

Nothing in a dump names a field (see docs/formats.md): the blocks are the leaf values of
the page's schema.org article object. Each block gets a role (headline, description, body, dates,
author, publisher, section, keyword, term, media, language, link or other) from a model that sees
only shapes and context (`features.py`, `model.py`); then each field takes its block(s) consistently
(`fields.py`). Every field records the role and the model's confidence."""
from __future__ import annotations

import re

from ...records import Extracted, RawRecord, RecordError, RejectKind
from ..encoding import decode_text
from . import model
from .features import featurize, split_blocks
from .fields import Decoder

LOCALE_BLOCK = re.compile(rb"\n\n([a-z]{2}(?:[-_][A-Za-z]{2})?)\r?\n(?:\r?\n|$)")
MAX_BLOCKS = 2000  # a real article object flattens into a few hundred blocks at most; past this, junk


def extract(raw: RawRecord) -> Extracted:
    url = raw.meta["url"]
    decoded = decode_text(raw.data, raw.meta.get("file_encoding"), url, _locale(raw.data))
    text = decoded.text
    blocks = split_blocks(text)[1:]  # the header is the container's
    if not blocks:
        raise RecordError(RejectKind.NO_BODY, "the dump has no blocks after its header")
    truncated = len(blocks) > MAX_BLOCKS
    if truncated:  # the first blocks, and the longest of the rest (it may be the body): memory stays bounded
        rest = blocks[MAX_BLOCKS - 1:]
        blocks = blocks[: MAX_BLOCKS - 1] + [max(rest, key=len)]
    shapes, rows = featurize(blocks, url)
    roles = model.load()
    out = Decoder(blocks, shapes, roles.probabilities(rows), roles).run()
    out.set("url", url, "flat:header-url")
    out.set("snapshot_date", raw.meta.get("snapshot_date"), "flat:header-month")
    out.sources["encoding"] = decoded.rule
    if truncated:
        out.sources["blocks"] = f"flat:first-{MAX_BLOCKS}-blocks-read"
    return out


def _locale(data: bytes) -> str | None:
    """A dump's locale block ('fr_FR', 'ru'): what the page declared its language to be."""
    m = LOCALE_BLOCK.search(data[:100_000])
    return m[1].decode("ascii") if m else None
