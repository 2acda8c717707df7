"""The shipped State Media Matrix import is the import of the shared CSV, row for row."""
import json

import yaml
from conftest import ROOT, SHARED, run_mpt

from toolkit.registry.smm import import_rows

SMM_CSV = SHARED / "data" / "state-media-profiles" / "State_Media_Matrix.csv"


def test_import_smm_real_file_counts_and_rows(tmp_path):
    entries, report = import_rows(str(SMM_CSV))
    assert report.rows == 1157 and report.imported == 982 and len(report.skipped) == 175
    reasons = [r for _, r in report.skipped]
    assert sum(r.startswith("no usable URL") for r in reasons) == 83
    assert sum(r.startswith("duplicate host") for r in reasons) == 92
    by_host = {h: e for e in entries for h in e["hosts"]}
    assert by_host["fr.sputniknews.com"]["periods"][0]["typology"] == "SC"
    assert by_host["fr.sputniknews.com"]["country"] == "RU"
    assert by_host["bbc.co.uk"]["periods"][0]["category"] == "public_service"
    assert by_host["dw.com"]["periods"][0]["category"] == "state_funded_independent"
    assert by_host["svoboda.org"]["uncertain"] is True and "ISFM?" in by_host["svoboda.org"]["uncertain_note"]
    assert "Currently Not Functional" in by_host["lavozdelsandinismo.com"]["notes"]
    assert "sb.by/respublika" in by_host and "sb.by/ng" in by_host  # one host, two outlets: paths kept
    assert all("instagram" not in json.dumps(e).lower() for e in entries)  # copied social columns ignored
    r = run_mpt("outlets", "import-smm", SMM_CSV, "--out", tmp_path / "smm.yaml")
    assert r.returncode == 0
    assert "1157 rows: imported 982, skipped 175" in r.stdout and "skipped 92: duplicate host" in r.stdout


def test_shipped_smm_file_is_the_import_of_the_shared_csv(tmp_path):
    run_mpt("outlets", "import-smm", SMM_CSV, "--out", tmp_path / "smm.yaml")
    shipped = yaml.safe_load((ROOT / "toolkit" / "data" / "registry" / "smm.yaml").read_text(encoding="utf-8"))
    fresh = yaml.safe_load((tmp_path / "smm.yaml").read_text(encoding="utf-8"))
    assert shipped == fresh





IMPORTS = [("import-wikidata", "wikidata-newspapers/newspapers.csv", "wikidata.yaml", []),
           ("import-local-news", "local-news-dataset/local_news_dataset_2018.csv", "local-news.yaml", []),
           ("import-pink-slime", "pink-slime/sites.csv", "pink-slime.yaml", []),
           ("import-medias-francais", "medias-francais", "medias-francais.yaml",
            ["--websites", "wikidata-newspapers/newspapers.csv"])]


def test_shipped_imports_are_the_imports_of_the_shared_data(tmp_path):
    data = SHARED / "data" / "outlet-sources"
    for command, source, shipped, extra in IMPORTS:
        extra = [str(data / e) if "/" in e else e for e in extra]
        r = run_mpt("outlets", command, data / source, "--out", tmp_path / shipped, *extra)
        assert r.returncode == 0, r.stderr
        mine = yaml.safe_load((ROOT / "toolkit" / "data" / "registry" / shipped).read_text(encoding="utf-8"))
        assert mine == yaml.safe_load((tmp_path / shipped).read_text(encoding="utf-8")), shipped
