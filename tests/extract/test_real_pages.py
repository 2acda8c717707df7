"""Real news pages from another project's fixtures, each with the fields its reader sees, as fundus keeps a
page and its expected JSON for each publisher (tests/data/pages/README.md says where they come from).
One test, every page: the rules on pages nobody wrote for them.

Where the toolkit reads a field otherwise today, the page's file records that reading too (`known_wrong`):
the test then holds the toolkit to exactly that, so any change to the field is seen; a fix makes it give
the reader's value, and the file loses the entry."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from toolkit.build.stages import build_record
from toolkit.records import RawRecord
from toolkit.registry import load_registry

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
CASES = sorted(PAGES.glob("*.json"))


def fields_of(record: dict) -> dict:
    published = record["published_local"] or record["published_at"]
    return {
        "title": record["title"],
        "authors": [a["name"] for a in record["byline"]["authors"]],
        "published": str(published)[:10] if published else None,
        "language": record["language"],
        "publisher": record["source"]["publisher"],
        "body_starts": record["body"][:80],
        "body_ends": record["body"][-80:],
    }


def test_the_corpus_has_its_pages():
    assert len(CASES) >= 6 and all((PAGES / f"{c.stem}.html.gz").is_file() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_a_real_page_gives_the_fields_its_reader_sees(case):
    expected = json.loads(case.read_text(encoding="utf-8"))
    page = gzip.decompress((PAGES / f"{case.stem}.html.gz").read_bytes())
    record = build_record(RawRecord(f"{case.stem}.html.gz", "html", 0, page, {"url": expected["url"]}), load_registry(()))
    got = fields_of(record)
    known = expected.get("known_wrong", {})
    assert set(got) == set(expected["fields"])
    for field, value in got.items():
        assert value == known.get(field, expected["fields"][field]), field
    assert record["word_count"] >= expected["min_words"]
