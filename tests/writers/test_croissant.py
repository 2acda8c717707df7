"""croissant.json: mlcroissant reads every record of every config, the same values as the Parquet files."""
import json
import shutil

import mlcroissant as mlc
import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.schema import arrow_schema
from toolkit.verify import Folder, check_croissant
from toolkit.writers import croissant


def _records(folder, record_set):
    return list(mlc.Dataset(jsonld=str(folder / "croissant.json")).records(record_set))


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def test_mlcroissant_reads_every_record_of_every_config(built_sample):
    out, manifest = built_sample
    articles = pq.read_table(out / "data").to_pylist()
    records = sorted(_records(out, "articles"), key=lambda r: _text(r["articles/id"]))
    assert len(records) == len(articles) == manifest["counts"]["written"]
    for record, row in zip(records, articles):
        assert _text(record["articles/id"]) == row["id"]
        assert _text(record["articles/body"]) == row["body"]
        assert _text(record["articles/source"]["articles/source/name"]) == row["source"]["name"]
        # a list of objects inside an object: one transform per step, the last across the list
        assert [_text(a["articles/byline/authors/name"]) for a in record["articles/byline/authors"]] == \
            [a["name"] for a in row["byline"]["authors"]]
        assert [_text(s["articles/provenance/field_sources/rule"]) for s in record["articles/provenance/field_sources"]] == \
            [s["rule"] for s in row["provenance"]["field_sources"]]
        assert [_text(e) for e in record["articles/affiliation"]["articles/affiliation/evidence"]] == row["affiliation"]["evidence"]
    assert any(len(row["byline"]["authors"]) > 1 for row in articles)  # the nested list really was read, not one item

    outlets = pq.read_table(out / "outlets").to_pylist()
    records = sorted(_records(out, "outlets"), key=lambda r: _text(r["outlets/outlet_id"]))
    assert len(records) == len(outlets) > 0
    for record, row in zip(records, outlets):
        assert [_text(h) for h in record["outlets/hosts"]] == row["hosts"]
        assert [_text(p["outlets/periods/category"]) for p in record["outlets/periods"]] == [p["category"] for p in row["periods"]]
    # the sample republishes nothing: no clusters config, so no record set for it
    document = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in document["recordSet"]] == ["articles", "outlets"]


def test_fields_follow_the_schemas():
    for config, _, schema_file, key in croissant.CONFIGS:
        fields = croissant.fields(config, f"{config}-parquet", _schema(schema_file))
        assert [f["name"] for f in fields] == arrow_schema(schema_file).names
        assert f"{config}/{key}" in [f["@id"] for f in fields]
    byline = next(f for f in croissant.fields("articles", "x", _schema("article.schema.json")) if f["name"] == "byline")
    authors = next(f for f in byline["subField"] if f["name"] == "authors")
    assert authors["repeated"] and [f["name"] for f in authors["subField"]] == ["name", "kind", "url", "affiliation"]
    assert authors["subField"][0]["source"]["transform"] == [{"jsonPath": "authors"}, {"jsonPath": "name"}]
    published = next(f for f in croissant.fields("articles", "x", _schema("article.schema.json")) if f["name"] == "published_at")
    assert published["dataType"] == "sc:DateTime"
    periods = next(f for f in croissant.fields("outlets", "x", _schema("outlet.schema.json")) if f["name"] == "periods")
    assert "evidence" not in [f["name"] for f in periods["subField"]] and "evidence" in periods["description"]


def _schema(name):
    from toolkit.schema import load_schema

    return load_schema(name)


def test_metadata_carries_licence_citation_versions_and_responsible_ai_fields(built_sample):
    out, manifest = built_sample
    document = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    card = (out / "README.md").read_text(encoding="utf-8")
    assert document["citeAs"] in card  # the card's citation block, once
    assert document["license"] == "other" and document["version"] == "1.0.0"
    assert manifest["versions"]["toolkit"] in document["description"]
    assert f"{manifest['counts']['read']} records read" in document["rai:dataCollection"]
    assert "inputs/synthetic_valley_wire.txt" in document["rai:dataCollection"]  # the inputs, named
    assert "byline.authors[].name" in document["rai:personalSensitiveInformation"]
    assert sorted(document["inLanguage"]) == ["en", "es", "fr"]
    described = {d["contentUrl"]: d["sha256"] for d in document["distribution"] if d["@type"] == "cr:FileObject"}
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert described and all(listed[path] == sha for path, sha in described.items())
    assert set(described) == {p for p in listed if p.endswith(".parquet")}


def test_every_shard_is_described_and_read(built_sample, tmp_path):
    out, manifest = built_sample
    folder = tmp_path / "sharded"
    shutil.copytree(out, folder)
    table = pq.read_table(next((folder / "data").glob("*.parquet")))
    (folder / "data" / "train-00000-of-00001.parquet").unlink()
    pq.write_table(table.slice(0, 2), folder / "data" / "train-00000-of-00002.parquet")
    pq.write_table(table.slice(2), folder / "data" / "train-00001-of-00002.parquet")
    meta = {"name": "sharded", "license": "cc-by-4.0", "version": "2.1.0", "date_published": "2026-01-02"}
    croissant.write(str(folder), meta, manifest, ["fr"], "@misc{x}", "names")
    assert len(_records(folder, "articles")) == table.num_rows
    assert check_croissant(Folder(str(folder))) == []
    document = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    assert (document["license"], document["version"], document["datePublished"][:10]) == ("cc-by-4.0", "2.1.0", "2026-01-02")

    pq.write_table(pa.Table.from_pylist([], schema=table.schema), folder / "data" / "train-00002-of-00002.parquet")
    problems = check_croissant(Folder(str(folder)))
    assert problems == ["croissant.json does not describe data/train-00002-of-00002.parquet"]


def test_validate_reports_a_damaged_croissant(built_sample, tmp_path):
    out, _ = built_sample
    folder = tmp_path / "damaged"
    shutil.copytree(out, folder)
    path = folder / "croissant.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["recordSet"][0]["field"][1]["dataType"] = "sc:NoSuchType"
    document["distribution"][0]["sha256"] = "0" * 64
    path.write_text(json.dumps(document), encoding="utf-8")
    problems = check_croissant(Folder(str(folder)))
    assert len(problems) == 1 and "mlcroissant" in problems[0] and "Field(url)" in problems[0]

    document["recordSet"][0]["field"][1]["dataType"] = "sc:Text"
    path.write_text(json.dumps(document), encoding="utf-8")
    problems = check_croissant(Folder(str(folder)))
    assert problems == [f"croissant.json: the SHA-256 of {document['distribution'][0]['contentUrl']} differs from the file's"]

    del document["recordSet"][0]["field"][-1]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert "record set articles does not have the fields of schema/article.schema.json" in check_croissant(Folder(str(folder)))[-1]
    path.unlink()
    listed = Folder(str(folder))
    listed.manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert check_croissant(listed) == ["missing croissant.json"]  # the manifest says the build wrote one
    listed.manifest["files"] = [e for e in listed.manifest["files"] if e["path"] != "croissant.json"]
    assert check_croissant(listed) == []  # a folder built before croissant.json existed
