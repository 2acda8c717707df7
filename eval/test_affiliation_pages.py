"""Affiliation on the evaluation pages: coverage of fundus-dev's 30 countries, no state label from a
declared name alone, no wire agency as a site's outlet."""
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SHARED

import floors

sys.path.insert(0, str(SHARED / "eval"))
STATE = {"state_controlled", "state_aligned_private", "state_linked_unattributed"}


def build(tmp_path, name):
    import score_html

    pages = score_html.load(str(SHARED / "eval" / name))
    score_html.write_warc(pages, str(tmp_path / "pages.warc.gz"))
    subprocess.run([str(ROOT / ".venv" / "bin" / "mpt"), "convert", str(tmp_path / "pages.warc.gz"), "--out",
                    str(tmp_path / "out"), "--quiet"], check=True)
    return pq.read_table(tmp_path / "out" / "data", columns=["host", "source", "affiliation"]).to_pylist()


@pytest.mark.parametrize("name, least", sorted(floors.floors()["affiliation_known"].items()))
def test_affiliation_on_real_pages(tmp_path, name, least):
    from toolkit.names.people import agency_name

    rows = build(tmp_path, name)
    known = sum(r["affiliation"]["category"] != "unknown" for r in rows) / len(rows)
    print(f"{name}: {known:.3f} of {len(rows)} articles have a known category")
    assert floors.cut(known) >= least, f"{known:.3f} of articles with a known category, below the floor {least}"
    assert not [r["host"] for r in rows if r["affiliation"]["category"] in STATE and r["affiliation"]["basis"] != "registry"]
    outlets = {r["source"]["outlet_id"] for r in rows if r["source"]["outlet_id"]}
    agencies = {"ap", "reuters", "afp", "dpa", "efe", "ansa"}
    assert not [(r["host"], r["source"]["outlet_id"]) for r in rows if r["source"]["outlet_id"] in agencies
                and not any(k in r["host"] for k in ("apnews", "ap.org", "reuters", "afp.com", "dpa", "efe", "ansa"))]
    assert all(not agency_name(r["source"]["name"] or "") for r in rows if r["source"]["outlet_id"] is None)
    assert outlets
