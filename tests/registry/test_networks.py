"""Networks in the registry: a group's brands become outlets of it, an outlet already known gains its
network, a brand that changed hands follows the article's date, and evidence that disagrees is shown.
The groups, brands and hosts here are invented."""
import pyarrow.parquet as pq
import pytest
import yaml
from helpers import SEED, run_mpt, write_dump

from toolkit.registry import SHIPPED, Registry, RegistryError, control, read_registry_file


def evidence(ref, url, date=None):
    return [{"kind": "self", "ref": ref, "url": url, "date": date}]


REGISTRY = {
    "version": "test-networks",
    "outlets": [{
        "outlet_id": "harbour-state-radio", "name": "Harbour State Radio", "hosts": ["staterun.example"], "country": "NZ",
        "owner": "Harbour Broadcasting Ltd",
        "periods": [{"category": "state_controlled", "typology": "SC",
                     "evidence": [{"kind": "monitor", "ref": "Invented Monitor 2025: Harbour State Radio, state controlled",
                                   "url": "https://monitor.example/harbour-state-radio", "date": "2025-01-15"}]}],
    }],
    "networks": [
        {"network_id": "harbour-media", "name": "Harbour Media Group", "kind": "media_group", "owner": "Harbour Holdings",
         "country": "NZ", "category": "private",
         "evidence": evidence("Harbour Holdings annual report 2025: Harbour Media Group is wholly owned",
                              "https://harbour-holdings.example/report-2025", "2025-03-31"),
         "members": [
             {"host": "harbourgazette.example", "name": "Harbour Gazette",
              "evidence": evidence("Harbour Media Group's brands page lists the Harbour Gazette", "https://harbour-media.example/brands")},
             {"host": "tidewatch.example", "name": "Tidewatch", "valid_to": "2024-12-31",
              "evidence": evidence("Tidewatch sold to Lighthouse Digital", "https://news.example/tidewatch-sold", "2024-12-31")},
             {"host": "staterun.example", "name": "Harbour State Radio",
              "evidence": evidence("Harbour Media Group bought Harbour Broadcasting Ltd", "https://news.example/radio-bought", "2025-05-02")},
         ]},
        {"network_id": "lighthouse-digital", "name": "Lighthouse Digital", "kind": "media_group", "owner": None,
         "country": "AU", "category": "private",
         "evidence": evidence("Lighthouse Digital, a privately held publisher", "https://lighthouse.example/about"),
         "notes": "founded in 2019", "uncertain_note": "its owners are not disclosed",
         "members": [{"host": "tidewatch.example", "name": "Tidewatch", "valid_from": "2025-01-01",
                      "evidence": evidence("Tidewatch joins Lighthouse Digital", "https://lighthouse.example/tidewatch", "2025-01-01")}]},
    ],
}


@pytest.fixture()
def registry_file(tmp_path):
    path = tmp_path / "networks.yaml"
    path.write_text(yaml.safe_dump(REGISTRY, allow_unicode=True))
    return path


def affiliation(registry, host, date=None):
    return registry.lookup(host, "/", None, None, date).to_affiliation()


def test_a_brand_unknown_to_the_registry_becomes_an_outlet_of_its_network(registry_file):
    registry = Registry([registry_file], include_shipped=False)
    match = registry.lookup("www.harbourgazette.example")
    assert match.entry["owner"] == "Harbour Media Group" and match.entry["parent"] == "Harbour Holdings"
    assert match.entry["country"] == "NZ"
    # known by its host only: the brand's name declared on another site labels nothing
    assert registry.lookup("www.other-site.example", "/", "Harbour Gazette", None) is None
    found = match.to_affiliation()
    assert found["category"] == "private" and found["basis"] == "registry" and not found["uncertain"]
    assert found["network"] == {
        "network_id": "harbour-media", "name": "Harbour Media Group", "kind": "media_group", "owner": "Harbour Holdings",
        "evidence": ["Harbour Media Group's brands page lists the Harbour Gazette",
                     "Harbour Holdings annual report 2025: Harbour Media Group is wholly owned, 2025-03-31"]}
    assert found["evidence"] == found["network"]["evidence"]


def test_a_brand_that_changed_hands_follows_the_articles_date(registry_file):
    registry = Registry([registry_file], include_shipped=False)
    before, after = affiliation(registry, "tidewatch.example", "2024-06-01"), affiliation(registry, "tidewatch.example", "2025-06-01")
    assert before["network"]["network_id"] == "harbour-media" and after["network"]["network_id"] == "lighthouse-digital"
    assert [p["valid_from"] for p in registry.lookup("tidewatch.example").entry["periods"]] == [None, "2025-01-01"]
    assert after["uncertain"] and after["uncertain_note"] == "its owners are not disclosed"  # the network's doubt
    assert not before["uncertain"]  # not the doubt of the network it had then
    assert registry.lookup("tidewatch.example").entry["network"]["network_id"] == "lighthouse-digital"  # the current one


def test_a_network_that_disagrees_with_a_state_rating_makes_the_label_uncertain_and_keeps_both(registry_file):
    registry = Registry([registry_file], include_shipped=False)
    found = affiliation(registry, "staterun.example")
    assert found["category"] == "state_controlled" and found["typology"] == "SC"  # the rating is not overruled
    assert found["uncertain"] and "state_controlled" in found["uncertain_note"]
    assert "Harbour Media Group" in found["uncertain_note"] and "private" in found["uncertain_note"]
    assert found["evidence"][0] == "Invented Monitor 2025: Harbour State Radio, state controlled, 2025-01-15"
    assert "Harbour Media Group bought Harbour Broadcasting Ltd, 2025-05-02" in found["evidence"]
    assert found["network"]["network_id"] == "harbour-media"


@pytest.mark.parametrize("a, b, disagree", [("state_controlled", "private", True), ("public_service", "state_controlled", True),
                                            ("public_service", "state_funded_independent", False),
                                            ("state_aligned_private", "state_controlled", False), ("private", "private", False)])
def test_sources_disagree_on_who_controls_not_on_the_finer_label(a, b, disagree):
    assert (control(a) != control(b)) is disagree


def test_a_build_writes_the_network_in_articles_outlets_and_card(tmp_path, registry_file):
    dump = SEED.read_text(encoding="utf-8").replace("https://fr.sputniknews.com", "https://www.harbourgazette.example")
    dump = dump.replace("MIA „Rosiya Segodnya“", "Harbour Gazette").replace("Sputnik France", "Harbour Gazette")
    source = write_dump(tmp_path / "gazette.txt", dump)
    result = run_mpt("convert", source, "--out", tmp_path / "out", "--registry", registry_file, "--quiet")
    assert result.returncode == 0, result.stderr
    row = pq.read_table(tmp_path / "out" / "data").to_pylist()[0]
    assert row["affiliation"]["network"]["name"] == "Harbour Media Group" and row["affiliation"]["uncertain"] is False
    outlets = pq.read_table(tmp_path / "out" / "outlets").to_pylist()
    assert [(o["outlet_id"], o["network"]["network_id"]) for o in outlets] == [("harbour-media-harbourgazette-example", "harbour-media")]
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "| Harbour Media Group | 1 |" in card and "| private | 1 |" in card
    validated = run_mpt("validate", tmp_path / "out")
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_a_network_without_a_members_evidence_is_refused_naming_it(tmp_path):
    bad = {"networks": [dict(REGISTRY["networks"][0], members=[{"host": "x.example", "name": "X", "evidence": []}])]}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad))
    with pytest.raises(RegistryError, match="harbour-media: members/0/evidence"):
        read_registry_file(path)


def test_shipped_networks_cite_their_sources_and_give_a_host_one_network_at_a_time():
    networks = [n for path in SHIPPED for n in read_registry_file(path)[3]]
    assert len(networks) >= 150
    assert all(e["url"].startswith("http") for n in networks for e in [*n["evidence"], *(x for m in n["members"] for x in m["evidence"])])
    registry = Registry()
    for oid in registry.derived:
        spans = sorted((p.get("valid_from") or "", p.get("valid_to") or "9999") for p in registry.entries[oid]["periods"])
        assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:])) or len(spans) == 1, oid
