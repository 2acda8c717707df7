"""Importing open ownership data: each source's traps, on small invented files in each source's layout."""
import csv
import json

import pytest
import yaml

from helpers import SEED, assert_declared_configs_load, run_mpt

from toolkit.registry import CORE, Registry, validate_entries
from toolkit.registry import sources


@pytest.fixture(scope="module")
def core():
    return Registry(CORE, include_shipped=False)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


WIKIDATA_HEADER = ["qid", "label", "website", "owned_by", "parent_organization", "publisher", "country", "modified"]


def test_wikidata_import_and_its_traps(tmp_path, core):
    path = write_csv(tmp_path / "newspapers.csv", WIKIDATA_HEADER, [
        ["Q1", "Harbour Courier", "https://www.harbourcourier.example/", "Harbour Holdings", "", "", "Canada", "2022-05-01T00:00:00Z"],
        ["Q2", "Valley Ledger", "https://archive.example/papers/", "Ledger Group", "", "", "Canada", "2021-01-01T00:00:00Z"],
        ["Q3", "Hill Gazette", "https://archive.example/papers/", "Gazette Group", "", "", "Canada", "2021-01-01T00:00:00Z"],
        ["Q4", "Daily News", "https://dailynews.example/", "News Co", "", "", "Canada", "2021-01-01T00:00:00Z"],
        ["Q5", "The Guardian", "https://www.theguardian.com/", "Someone Else", "", "", "United Kingdom", "2020-01-01T00:00:00Z"],
        ["Q6", "Party Daily", "https://partydaily.example/", "Central Committee of the Communist Party", "", "", "Canada", ""],
        ["Q7", "Capital Post", "https://capitalpost.example/", "Post Media Holding", "", "", "Russia", ""],
        ["Q8", "No Owner Times", "https://noowner.example/", "", "", "", "Canada", ""],
    ])
    entries, report = sources.import_wikidata(path, core)
    validate_entries(entries, "test")
    by_host = {e["hosts"][0]: e for e in entries}
    assert set(by_host) == {"harbourcourier.example", "dailynews.example"}
    courier = by_host["harbourcourier.example"]
    assert courier["owner"] == "Harbour Holdings" and courier["periods"][0]["category"] == "private"
    assert courier["uncertain"] and "2022-05-01" in courier["uncertain_note"]  # a stale owner is possible: said so
    ev = courier["periods"][0]["evidence"][0]
    assert ev["url"] == "https://www.wikidata.org/wiki/Q1" and ev["date"] == "2022-05-01" and "CC0" in ev["ref"]
    assert courier["publisher_aliases"] == ["Harbour Courier"]
    assert by_host["dailynews.example"]["publisher_aliases"] == []  # a generic name is no alias
    assert report.skipped["website shared by several items, and not this item's own"] == 2  # an archive's site
    assert report.skipped["owner is a public body or a state press group: left to curation"] == 1
    assert any("country whose private press" in r for r in report.skipped)
    assert any(c.startswith("theguardian.com: the registry's the-guardian") for c in report.conflicts)  # curated wins


def test_a_shared_website_goes_to_the_item_the_site_is_named_after(tmp_path, core):
    path = write_csv(tmp_path / "newspapers.csv", WIKIDATA_HEADER, [
        ["Q1", "Harbourtimes", "https://harbourtimes.example/", "Times Group", "", "", "Canada", ""],
        ["Q2", "Harbour Times Weekend Supplement", "https://harbourtimes.example/", "Times Group", "", "", "Canada", ""],
    ])
    entries, report = sources.import_wikidata(path, core)
    assert [e["name"] for e in entries] == ["Harbourtimes"]


def test_local_news_import(tmp_path, core):
    path = write_csv(tmp_path / "local.csv", ["name", "state", "website", "domain", "twitter", "youtube", "facebook",
                                              "owner", "medium", "source", "collection_date"], [
        ["KHAR", "HI", "http://khar.example/", "khar.example", "", "", "", "Harbour Broadcasting", "TV station", "x", "2018"],
        ["KUNI", "MI", "http://kuni.example/", "kuni.example", "", "", "", "Valley State University", "TV station", "x", "2018"],
        ["The Ledger", "OH", "", "", "", "", "", "Ledger Co", "Newspapers", "x", "2018"],
        ["KHAR 2", "HI", "http://khar.example/", "khar.example", "", "", "", "Harbour Broadcasting", "TV station", "x", "2018"],
    ])
    entries, report = sources.import_local_news(path, core)
    assert [(e["hosts"], e["owner"], e["country"]) for e in entries] == [(["khar.example"], "Harbour Broadcasting", "US")]
    assert "2018-08-02" in entries[0]["uncertain_note"] and entries[0]["uncertain"]
    assert report.skipped["owner is a public body (a university, a public broadcaster): left to curation"] == 1
    assert report.skipped["no usable domain"] == 1 and report.skipped["host already imported from an earlier row"] == 1


def test_pink_slime_import(tmp_path, core):
    header = ["awsOrigin", "domain", "state", "lat", "lng", "locationVerified", "httpResponseCode", "contentLength",
              "facebookUrl", "siteName", "twitterUsername", "itunesAppStoreUrl", "twitterAccountCreatedAt",
              "twitterUserId", "twitterFollowers", "twitterFollowing", "twitterTweets", "siteOperator",
              "twitterSuspended", "facebookFollowers", "facebookLikes"]
    row = ["", "harbourrecord.example", "SC"] + [""] * 6 + ["Harbour Record"] + [""] * 7 + \
          ["Local Network LLC - https://web.archive.org/web/2019/harbourrecord.example/privacy", "", "", ""]
    sister = ["", "baytimes.example", "SC"] + [""] * 6 + ["Bay Times"] + [""] * 7 + ["Local Network LLC", "", "", ""]
    alone = ["", "loneledger.example", "GA"] + [""] * 6 + ["Lone Ledger"] + [""] * 7 + ["Solo Sites Inc", "", "", ""]
    path = write_csv(tmp_path / "sites.csv", header, [row, sister, alone])
    entries, _ = sources.import_pink_slime(path, core)
    assert entries[0]["owner"] == "Local Network LLC" and "pink slime" in entries[0]["notes"]
    assert entries[0]["periods"][0]["category"] == "private"
    # the chain is the sites' network, and what the list cannot say (who funds it) is marked uncertain
    assert [e.get("network") and (e["network"]["network_id"], e["network"]["kind"]) for e in entries] == [
        ("local-network-llc", "pink_slime_chain"), ("local-network-llc", "pink_slime_chain"), None]
    assert all(e["uncertain"] and "not established" in e["uncertain_note"] for e in entries)


def test_medias_francais_import_matches_domains_by_name(tmp_path, core):
    folder = tmp_path / "mf"
    folder.mkdir()
    (folder / "medias.tsv").write_text("Nom\tType\tPeriodicite\tEchelle\tPrix\tDisparu\nLe Phare du Port\tPresse\t\t\t\t\n"
                                       "Sans Site\tPresse\t\t\t\t\n")
    (folder / "organisation-media.tsv").write_text("id\torigine\tqualificatif\tvaleur\tcible\n1\tGroupe Phare\tégal à\t100.00%\tLe Phare du Port\n"
                                                   "2\tGroupe Phare\tégal à\t100.00%\tSans Site\n")
    (folder / "personne-media.tsv").write_text("id\torigine\tqualificatif\tvaleur\tcible\n")
    (folder / "organisation-organisation.tsv").write_text("id\torigine\tqualificatif\tvaleur\tcible\n3\tHolding Marée\tégal à\t60.00%\tGroupe Phare\n")
    (folder / "personne-organisation.tsv").write_text("id\torigine\tqualificatif\tvaleur\tcible\n4\tJeanne Roc\tégal à\t100.00%\tHolding Marée\n")
    entries, report = sources.import_medias_francais(str(folder), core, {"le phare du port": "https://www.lephare.example/"})
    assert [(e["name"], e["hosts"], e["owner"], e["parent"]) for e in entries] == \
        [("Le Phare du Port", ["lephare.example"], "Groupe Phare", "Jeanne Roc")]
    assert report.skipped["no web domain known for the outlet's name"] == 1


def test_import_command_writes_a_file_the_registry_reads(tmp_path):
    path = write_csv(tmp_path / "newspapers.csv", WIKIDATA_HEADER, [
        ["Q1", "Harbour Courier", "https://www.harbourcourier.example/", "Harbour Holdings", "", "", "Canada", "2022-05-01T00:00:00Z"]])
    r = run_mpt("outlets", "import-wikidata", path, "--out", tmp_path / "wd.yaml")
    assert r.returncode == 0 and "imported 1" in r.stdout
    data = yaml.safe_load((tmp_path / "wd.yaml").read_text())
    assert Registry([tmp_path / "wd.yaml"], include_shipped=False).lookup("harbourcourier.example").entry["outlet_id"] \
        == data["outlets"][0]["outlet_id"]


def test_coverage_command_lists_unknown_hosts(tmp_path):
    line = {"url": "https://www.harbour-unknown.example/a", "title": "t", "text": "The council met. " * 30}
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n")
    assert run_mpt("convert", tmp_path / "in.jsonl", SEED, "--out", tmp_path / "out", "--quiet").returncode == 0
    r = run_mpt("outlets", "coverage", tmp_path / "out")
    assert "1 of 2 articles have a known affiliation category (50.0%)" in r.stdout
    assert "1\twww.harbour-unknown.example" in r.stdout
    card = (tmp_path / "out" / "README.md").read_text()
    assert "1 of 2 articles (50.0%) have a known affiliation category" in card


def test_no_outlets_config_is_declared_when_no_outlet_matched(tmp_path):
    import toolkit

    line = {"url": "https://www.harbour-unknown.example/a", "title": "t", "text": "The council met. " * 30}
    (tmp_path / "in.jsonl").write_text(json.dumps(line) + "\n")
    assert run_mpt("convert", tmp_path / "in.jsonl", "--out", tmp_path / "out", "--quiet").returncode == 0
    assert assert_declared_configs_load(tmp_path / "out") == ["default"]  # an empty split could not be loaded
    assert not (tmp_path / "out" / "outlets").exists()
    assert toolkit.load(str(tmp_path / "out"), "outlets")["train"].num_rows == 0
    assert run_mpt("validate", tmp_path / "out").returncode == 0


SMM_HEADER = ["Region", "Country", "Media company", "Main assets", "URL", "Typology", "Status", "Notes", "Instagram Link",
              "Twitter Link", "Facebook Link", "Youtube Link", "Telegram Link", "VK Link", "Linkedin link", "Ok.ru link",
              "Tiktok Link", "Rutube Link", "streaming media URL"]


def test_import_smm_command_on_a_matrix_in_its_layout(tmp_path):
    """`mpt outlets import-smm`: the State Media Matrix's rows (invented outlets) into a registry file: its
    typology as the category, an uncertain code kept as uncertain, rows it cannot use reported by reason."""
    def row(country, company, asset, url, code, status=""):
        return ["Europe", country, company, asset, url, code, status, ""] + [""] * 11

    path = write_csv(tmp_path / "matrix.csv", SMM_HEADER, [
        row("Russia", "Harbour State Media Holding", "Harbour TV", "https://harbour-tv.example/en/", "SC"),
        row("Germany", "Harbour Broadcasting Corporation", "Harbour Radio", "https://www.harbour-radio.example/", "ISFM?"),
        row("Germany", "Harbour Broadcasting Corporation", "Harbour Radio again", "https://harbour-radio.example/", "ISFM"),
        row("Norway", "Fjord Media", "Fjord News", "", "CaPr"),
        row("Norway", "Fjord Media", "Fjord Post", "https://fjordpost.example/", "XYZ"),
    ])
    r = run_mpt("outlets", "import-smm", path, "--out", tmp_path / "smm.yaml")
    assert r.returncode == 0, r.stderr
    assert "5 rows: imported 2, skipped 3" in r.stdout
    entries = {e["hosts"][0]: e for e in yaml.safe_load((tmp_path / "smm.yaml").read_text(encoding="utf-8"))["outlets"]}
    assert set(entries) == {"harbour-tv.example", "harbour-radio.example"}
    tv, radio = entries["harbour-tv.example"], entries["harbour-radio.example"]
    assert (tv["country"], tv["owner"], tv["periods"][0]["category"], tv["periods"][0]["typology"], tv["uncertain"]) == \
        ("RU", "Harbour State Media Holding", "state_controlled", "SC", False)
    assert radio["uncertain"] is True and "ISFM?" in radio["uncertain_note"]
    assert "duplicate host" in r.stdout and "no usable URL" in r.stdout and "unknown typology code" in r.stdout
    registry = Registry([tmp_path / "smm.yaml"], include_shipped=False)
    assert registry.lookup("harbour-tv.example").entry["outlet_id"] == tv["outlet_id"]
