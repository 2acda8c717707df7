"""The outlet registry: shipped data, import of the real State Media Matrix, lookup, user files."""
import json

import pytest
import yaml
from helpers import ROOT, SEED, run_mpt, write_dump

from toolkit.build import convert, records_of
from toolkit.registry import Registry, RegistryError, fold_host, fold_name, read_file



@pytest.fixture(scope="module")
def registry():
    return Registry()


def test_seed_gets_source_and_affiliation_from_the_registry(seed_record):
    src, aff = seed_record["source"], seed_record["affiliation"]
    assert src["name"] == "Sputnik France" and src["outlet_id"] == "sputnik-france" and src["country"] == "RU"
    assert aff["category"] == "state_controlled" and aff["typology"] == "SC" and aff["country"] == "RU"
    assert "Rossiya Segodnya" in aff["owner"]
    assert aff["basis"] == "registry" and aff["registry_version"]
    assert any("2022/350" in e and "2022-03-01" in e for e in aff["evidence"])


def test_unknown_host_with_rossiya_segodnya_publisher(tmp_path):
    dump = SEED.read_text(encoding="utf-8").replace("https://fr.sputniknews.com", "https://news.unlisted-mirror.example")
    dump = dump.replace("MIA „Rosiya Segodnya“", "MIA „Rossiya Segodnya“").replace("Sputnik France feedback", "Mirror Daily feedback")
    record = next(records_of(str(write_dump(tmp_path / "mirror.txt", dump))))
    aff = record["affiliation"]
    assert aff["basis"] == "publisher_metadata"
    assert aff["category"] == "state_controlled" and "Rossiya Segodnya" in aff["owner"]
    assert record["source"]["outlet_id"] is None  # the legal name fits many outlets of one owner
    assert record["source"]["name"] == "Mirror Daily"


@pytest.mark.parametrize("host, category", [("www.bbc.co.uk", "public_service"), ("m.bbc.com", "public_service"),
                                            ("www.reuters.com", "private"), ("fr.sputniknews.com", "state_controlled")])
def test_known_hosts(registry, host, category):
    match = registry.lookup(host)
    assert match.basis == "registry" and match.period["category"] == category


def test_unknown_host_and_name_is_unknown_with_basis_none(tmp_path):
    dump = SEED.read_text(encoding="utf-8").replace("https://fr.sputniknews.com", "https://blog.nobody-knows.example")
    dump = dump.replace("Sputnik France feedback.fr@sputniknews.com +74956456601 MIA „Rosiya Segodnya“", "Nobody Knows Blog")
    record = next(records_of(str(write_dump(tmp_path / "x.txt", dump))))
    assert record["affiliation"]["category"] == "unknown" and record["affiliation"]["basis"] == "none"
    assert record["affiliation"]["evidence"] == [] and record["source"]["outlet_id"] is None


def test_most_specific_host_first_and_folding(registry):
    assert registry.by_host("fr.sputniknews.com")[0]["outlet_id"] == "sputnik-france"
    assert registry.by_host("sputniknews.com")[0]["outlet_id"] != "sputnik-france"
    assert registry.by_host("www.rt.com")[0]["outlet_id"] == "rt"
    assert registry.by_host("de.rt.com")[0]["outlet_id"] != "rt"
    assert fold_host("m.bbc.co.uk") == "bbc.co.uk" and fold_host("m.com") == "m.com"


def test_alias_folding():
    assert fold_name("MIA „Rosiya Segodnya“") == fold_name('MIA "Rossiya Segodnya"') == fold_name("mia rossiya segodnya")
    assert fold_name("Россия сегодня") == fold_name("Rossiya Segodnya")


def test_period_follows_the_article_date(tmp_path):
    reg = tmp_path / "mine.yaml"
    reg.write_text(yaml.safe_dump({"outlets": [{
        "outlet_id": "changing", "name": "Changing Times", "hosts": ["changing.example"], "country": "FR",
        "periods": [
            {"category": "private", "valid_to": "2020-12-31", "evidence": [{"kind": "self", "ref": "owned by a family"}]},
            {"category": "state_aligned_private", "valid_from": "2021-01-01",
             "evidence": [{"kind": "other", "ref": "bought by a minister's ally", "date": "2021-01-01"}]}]}]}))
    r = Registry([reg])
    assert r.lookup("changing.example", date="2019-05-01").period["category"] == "private"
    assert r.lookup("changing.example", date="2022-05-01").period["category"] == "state_aligned_private"
    body = "Text of the article about the harbour and its ships. " * 10
    dumps = "".join(f" date {d[:7]} https://changing.example/{d}\n\nA headline for {d}\n\n{d}T10:00:00Z\n\n{body}\n\n"
                    for d in ("2019-05-01", "2022-05-01"))
    out = tmp_path / "out"
    convert([str(write_dump(tmp_path / "two.txt", dumps))], str(out), registry_files=(str(reg),), workers=1)
    import pandas as pd

    df = pd.read_parquet(out / "data").sort_values("published_at")
    assert [a["category"] for a in df["affiliation"]] == ["private", "state_aligned_private"]
    assert [a["evidence"][0] for a in df["affiliation"]] == ["owned by a family", "bought by a minister's ally, 2021-01-01"]
    from datasets import load_dataset

    outlets = load_dataset(str(out), "outlets")["train"]
    assert outlets["outlet_id"] == ["changing"] and len(outlets[0]["periods"]) == 2


def test_user_entries_override_shipped(tmp_path):
    reg = tmp_path / "override.csv"
    reg.write_text("outlet_id,name,hosts,country,owner,category,typology,evidence_kind,evidence_ref,evidence_date\n"
                   "my-bbc,BBC (my view),bbc.co.uk,GB,BBC,unknown,,other,my own reading,2025-01-01\n")
    r = Registry([reg])
    assert r.lookup("www.bbc.co.uk").entry["outlet_id"] == "my-bbc"
    assert r.lookup("www.bbc.co.uk").period["category"] == "unknown"


@pytest.mark.parametrize("content, suffix, message", [
    ({"outlets": [{"outlet_id": "x", "name": "X", "hosts": ["x.example"], "periods": [{"category": "friendly", "evidence": [{"kind": "self", "ref": "r"}]}]}]},
     ".yaml", "x: periods/0/category"),
    ({"outlets": [{"outlet_id": "y", "name": "Y", "hosts": ["y.example"], "country": "France", "periods": [{"category": "private", "evidence": [{"kind": "self", "ref": "r"}]}]}]},
     ".yaml", "y: country"),
    ({"outlets": [{"outlet_id": "z", "name": "Z", "hosts": ["z.example"], "periods": [{"category": "private", "evidence": []}]}]},
     ".yaml", "z: periods/0/evidence"),
    ({"outlets": [{"name": "No id", "hosts": ["n.example"], "periods": []}]}, ".yaml", "entry 1: (entry): 'outlet_id' is a required property"),
    ({"sources": []}, ".yaml", "expected a mapping with an 'outlets' list"),
    ("outlet_id,name,hosts,country,category,evidence_kind,evidence_ref\nq,Q,q.example,QQQ,private,self,r\n", ".csv", "q: country"),
])
def test_bad_registry_files_name_entry_and_field(tmp_path, content, suffix, message):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content))
    with pytest.raises(RegistryError) as err:
        read_file(path)
    assert message in str(err.value)
    r = run_mpt("convert", SEED, "--out", tmp_path / "out", "--registry", path)
    assert r.returncode == 2 and message in r.stderr and not (tmp_path / "out").exists()


def test_shipped_curated_core(registry):
    version, curated = read_file(ROOT / "toolkit" / "data" / "registry" / "curated.yaml")
    assert len({e["outlet_id"] for e in curated}) == len(curated)  # each outlet once
    for entry in curated:
        assert entry.get("owner") and entry["periods"] and all(p["evidence"] for p in entry["periods"]), entry["outlet_id"]
    ids = {e["outlet_id"] for e in curated}
    for needed in ("rt", "sputnik-france", "ria-novosti", "tass-ru", "xinhua", "cgtn", "bbc", "reuters", "voa"):
        assert needed in ids, needed


def test_lookup_command_explains():
    r = run_mpt("outlets", "lookup", "https://fr.sputniknews.com/20220202/x.html")
    out = json.loads(r.stdout)
    assert out["outlet_id"] == "sputnik-france" and out["basis"] == "registry"
    assert out["why"].startswith("host fr.sputniknews.com") and out["category"] == "state_controlled"
    r = run_mpt("outlets", "lookup", "https://nowhere.example/x")
    assert json.loads(r.stdout)["basis"] == "none"


def test_list_command_filters():
    r = run_mpt("outlets", "list", "--category", "public_service", "--country", "GB")
    lines = r.stdout.strip().splitlines()
    assert lines and all("\tGB\tpublic_service\t" in line for line in lines)
    assert any(line.startswith("bbc\t") for line in lines)


def test_curated_exclusions_keep_wrong_matrix_hosts_out(registry):
    assert registry.by_host("kcnawatch.org") is None
    assert "third-party" in registry.excluded["kcnawatch.org"]
    assert registry.by_host("kcna.kp") is not None


def test_shipped_label_change_follows_the_date(registry):
    before = registry.lookup("www.voanews.com", date="2024-06-01")
    after = registry.lookup("www.voanews.com", date="2025-06-01")
    assert before.period["category"] == "state_funded_independent" and before.period["typology"] == "ISFM"
    assert after.period["category"] == "unknown" and after.period is not before.period
    assert "2025" in after.why


def test_parsed_registry_files_are_cached_by_content(tmp_path, monkeypatch):
    import yaml

    from toolkit.registry import read_file

    monkeypatch.setenv("MPT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "mine.yaml"
    path.write_text("version: mine-1\noutlets:\n- {outlet_id: harbour, name: Harbour Daily, hosts: [harbour.example], country: SE, "
                    "periods: [{category: private, evidence: [{kind: self, ref: 'owned by a family'}]}]}\n")
    first = read_file(path)
    assert len(list((tmp_path / "cache").glob("registry-*.json"))) == 1
    parse = yaml.load

    def not_again(*args, **kwargs):
        raise AssertionError("the file was parsed again: the cache was not used")

    monkeypatch.setattr(yaml, "load", not_again)
    assert read_file(path) == first  # from the cache: YAML not parsed
    monkeypatch.setattr(yaml, "load", parse)
    path.write_text(path.read_text().replace("mine-1", "mine-2"))
    assert read_file(path)[0] == "mine-2"  # a changed file is parsed again
    assert len(list((tmp_path / "cache").glob("registry-*.json"))) == 2
    assert not list((tmp_path / "cache").glob(".*"))  # nor half-written

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    path.write_text(path.read_text().replace("mine-2", "mine-3"))
    monkeypatch.setattr("toolkit.cache.os.replace", refused)  # the cache cannot be written, even for root
    assert read_file(path)[0] == "mine-3"  # no error: parsed, and not kept
    assert len(list((tmp_path / "cache").glob("registry-*.json"))) == 2
