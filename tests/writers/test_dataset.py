"""A built folder is a Hugging Face dataset: it loads offline, matches the schema and checks clean."""
import datetime
import json
import shutil

import pyarrow.parquet as pq
from helpers import SAMPLE, assert_declared_configs_load, run_mpt

from toolkit.build import convert
from toolkit.schema import arrow_schema, hf_features


def test_load_dataset_reports_the_derived_features(built_sample):
    from datasets import load_dataset

    out, manifest = built_sample
    ds = load_dataset(str(out))
    assert ds["train"].num_rows == manifest["counts"]["written"] == 5
    assert ds["train"].features == hf_features()
    assert ds["train"].features["published_at"].dtype == "timestamp[us, tz=UTC]"


def test_every_declared_config_loads_and_an_empty_one_is_not_declared(built_sample):
    import datasets
    import pytest

    import toolkit

    out, manifest = built_sample
    assert assert_declared_configs_load(out) == ["default", "outlets"]  # the sample republishes nothing
    assert not (out / "clusters").exists() and "load_dataset(\"path/to/this/folder\", \"clusters\")" not in \
        (out / "README.md").read_text(encoding="utf-8")
    assert toolkit.load(str(out), "clusters")["train"].num_rows == 0  # what there is: nothing, with the features
    with pytest.raises(ValueError, match="clusters"):
        datasets.load_dataset(str(out), "clusters")


def test_toolkit_load_returns_a_datasetdict(built_sample):
    import toolkit
    from datasets import DatasetDict

    out, _ = built_sample
    ds = toolkit.load(str(out))
    assert isinstance(ds, DatasetDict) and list(ds) == ["train"]
    titles = ds["train"]["title"]
    assert any(t and t.startswith("Le Pentagone") for t in titles)


def test_parquet_layout(built_sample):
    out, manifest = built_sample
    files = sorted((out / "data").glob("*.parquet"))
    assert [f.name for f in files] == ["train-00000-of-00001.parquet"]
    pf = pq.ParquetFile(files[0])
    assert pf.schema_arrow.remove_metadata().equals(arrow_schema())
    assert pf.metadata.row_group(0).column(0).compression == "ZSTD"
    meta = pf.schema_arrow.metadata
    assert json.loads(meta[b"mpt.inputs"])[0]["sha256"] == manifest["inputs"][0]["sha256"]
    assert meta[b"mpt.toolkit_version"] and json.loads(meta[b"mpt.schema"])["title"] == "Article"
    ids = pf.read(columns=["id"]).column("id").to_pylist()
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_card_and_manifest(built_sample):
    out, manifest = built_sample
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "config_name: default" in card and "size_categories" in card
    assert "| `byline.authors[].kind` |" in card  # field table generated from the schema
    assert "synthetic_valley_wire.txt" in card and "### By outlet" in card and "### By month" in card
    c = manifest["counts"]
    assert c["read"] == c["written"] + c["rejected"] + c["duplicates"]
    assert c["duplicates"] == 1 and manifest["command"]


def test_card_shows_the_corpus_and_says_what_is_personal(built_sample):
    out, manifest = built_sample
    card = (out / "README.md").read_text(encoding="utf-8")
    for picture in ("plots/articles_per_month.png", "plots/top_outlets.png"):
        assert f"]({picture})" in card  # linked, so the Hub shows it
        assert (out / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert picture in [f["path"] for f in manifest["files"]]  # and checksummed like every file
    assert "## Personal and sensitive information" in card and "byline.authors[].name" in card
    assert "## Citation" in card and "@misc{sample," in card


def test_months_are_counted_by_local_day():
    import pyarrow as pa

    from toolkit.schema import arrow_schema
    from toolkit.merge import count

    row = {name: None for name in arrow_schema().names}
    row.update({"id": "a", "source": {"name": "X"}, "affiliation": {"category": "private"},
                "published_at": datetime.datetime(2022, 1, 31, 23, 30, tzinfo=datetime.timezone.utc),
                "published_local": "2022-02-01T00:30:00+01:00"})
    stats = {k: {} for k in ("outlet", "language", "month", "category", "outlet_id", "category_outlet", "month_category")}
    count(pa.Table.from_pylist([row], schema=arrow_schema()), stats)
    assert stats["month_category"] == {"2022-02\tprivate": 1}  # the page's own day, not the UTC one


def test_mpt_validate_passes_then_fails_on_corruption(built_sample, tmp_path):
    out, _ = built_sample
    ok = run_mpt("validate", out)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    manifest = json.loads((broken / "manifest.json").read_text())
    manifest["counts"]["written"] += 1
    (broken / "manifest.json").write_text(json.dumps(manifest))
    table = pq.read_table(next((broken / "data").glob("*.parquet")))
    rows = table.to_pylist()
    rows[0]["language"] = "not a language"
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), next((broken / "data").glob("*.parquet")))
    bad = run_mpt("validate", broken)
    assert bad.returncode == 1
    assert "manifest says 6 written, data holds 5 rows" in bad.stdout
    assert "/language" in bad.stdout
    (broken / "README.md").write_text("no header\n")
    assert "YAML header" in run_mpt("validate", broken).stdout


def test_same_input_same_bytes_for_any_worker_count(tmp_path):
    sample_inputs = [str(p) for p in sorted((SAMPLE / "inputs").glob("*.txt"))]
    assert len(sample_inputs) >= 3
    a = convert(sample_inputs, str(tmp_path / "a"), workers=1, command=["test"])
    b = convert(sample_inputs, str(tmp_path / "b"), workers=2, command=["test"])
    assert a["files"] == b["files"]  # same sha256 of every Parquet file
    assert (tmp_path / "a" / "README.md").read_bytes() == (tmp_path / "b" / "README.md").read_bytes()
    assert (tmp_path / "a" / "rejects.jsonl").read_bytes() == (tmp_path / "b" / "rejects.jsonl").read_bytes()


def test_the_pictures_draw_the_counts_in_their_category_colours(tmp_path):
    """The plots hold what they say: bars in the colour of each category counted, none for one not counted,
    and a longer bar for the outlet with more articles."""
    import numpy as np
    from matplotlib import image

    from toolkit.schema import affiliation_categories
    from toolkit.writers import plots

    stats = {"month_category": {"2024-01\tstate_controlled": 3, "2024-02\tprivate": 9},
             "category_outlet": {"state_controlled\tHarbour State TV": 3, "private\tHarbour Daily": 9}}
    drawn = plots.draw(str(tmp_path), stats)
    assert set(drawn) == {"months", "outlets"}

    def pixels(path, colour):
        rgb = (image.imread(tmp_path / path)[..., :3] * 255).round().astype(int)
        want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        return np.all(np.abs(rgb - want) <= 2, axis=-1)

    colours = plots.CATEGORY_COLOURS
    assert list(colours) != [] and set(colours) == set(affiliation_categories())  # every category the schema allows
    for picture in drawn.values():
        assert pixels(picture, colours["state_controlled"]).sum() > 50 and pixels(picture, colours["private"]).sum() > 50
        assert pixels(picture, colours["public_service"]).sum() == 0  # not counted, not drawn
    bars = {c: pixels(drawn["outlets"], colours[c]).any(axis=0).sum() for c in ("state_controlled", "private")}
    assert bars["private"] > 2 * bars["state_controlled"]  # 9 articles against 3: a bar three times as long
    assert plots.draw(str(tmp_path / "none"), {}) == {}


def test_the_month_axis_is_continuous_so_far_apart_months_are_drawn_far_apart(tmp_path):
    import numpy as np
    from matplotlib import image

    from toolkit.writers import plots

    assert plots.continuous(["2012-05", "2012-07"]) == (["2012-05", "2012-06", "2012-07"], "month")
    assert len(plots.continuous(["2012-11", "2019-04"])[0]) == 78
    assert plots.continuous(["1901-01", "2024-06"]) == ([str(y) for y in range(1901, 2025)], "year")  # a stray date
    stats = {"month_category": {"2012-05\tprivate": 3, "2012-06\tstate_controlled": 3, "2019-04\tpublic_service": 3}}
    drawn = plots.draw(str(tmp_path), stats)
    rgb = (image.imread(tmp_path / drawn["months"])[..., :3] * 255).round().astype(int)

    def columns(colour):
        want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        return np.flatnonzero(np.all(np.abs(rgb - want) <= 2, axis=-1).any(axis=0))

    private, state, public = (columns(plots.CATEGORY_COLOURS[c]) for c in ("private", "state_controlled", "public_service"))
    # the legend stands beside the axes: its swatches are right of every bar
    bars_end = public.min() + 10
    assert all(len(c[c > bars_end]) for c in (private, state, public))
    # two neighbouring months are neighbours; seven years later is most of the axis away
    assert state[state < bars_end].min() - private[private < bars_end].max() < 20
    assert public.min() - private.min() > 400
