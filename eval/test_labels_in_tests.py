"""No test file holds a label of the evaluation sets (eval/labels_in_tests.py)."""
import json

import labels_in_tests
from conftest import SHARED


def test_no_test_file_holds_an_evaluation_label():
    assert labels_in_tests.main([str(SHARED / "eval")]) == []


def test_the_check_finds_a_copied_name_title_and_page():
    labels = labels_in_tests.Labels(str(SHARED / "eval"))
    with open(SHARED / "eval" / "fundus-dev" / "pages.jsonl", encoding="utf-8") as f:
        row = next(r for r in map(json.loads, f) if len((r.get("title") or "").split()) >= 6 and any(
            len(a.split()) >= 2 and "." not in a and not labels_in_tests.ORGANISATION_WORDS & set(a.casefold().split())
            for a in r["authors"]))
    name = next(a for a in row["authors"] if len(a.split()) >= 2 and "." not in a)
    assert ("name", labels_in_tests.fold(name)) in labels.findings(f"By {name.upper()}, Staff Writer")
    assert [kind for kind, _ in labels.findings(f"title = {row['title']!r}")] == ["text"]
    assert [kind for kind, _ in labels.findings(row["url"] + "?utm_source=x")] == ["page"]
    assert labels.findings("By Mara Veldt, AP Auto Writer: the council met on Tuesday") == []
