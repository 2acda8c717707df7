"""Affiliation you can trust: a table of name collisions, each run through the whole record path.

A false state label is the worst error the toolkit can make, so a declared publisher name decides the
outlet only when it is distinctive and nothing contradicts it; an agency declared as publisher is the
origin of the text, not the outlet. The pages are invented; the outlets are the shipped registry's."""
import json

import pytest

from toolkit.build import records_of
from toolkit.registry import Registry, distinctive, host_country

BODY = ("The council met on Tuesday to discuss the new budget for the harbour district. Members argued for "
        "hours about the cost of repairs to the old pier and agreed to meet again next month. ") * 3
STATE = {"state_controlled", "state_aligned_private", "state_linked_unattributed"}


def record(tmp_path, url, publisher=None, legal=None, language="en", authors=None):
    line = {"url": url, "title": "Harbour budget talks run late", "text": BODY, "language": language,
            "source": {"publisher": publisher, "legal_name": legal}, "authors": authors or []}
    path = tmp_path / "line.jsonl"
    path.write_text(json.dumps(line) + "\n")
    (item,) = list(records_of(str(path)))
    assert isinstance(item, dict), item
    return item


def rule(rec, field):
    return next((s["rule"] for s in rec["provenance"]["field_sources"] if s["field"] == field), "")


# (url, declared publisher, declared legal name, page language) -> outlet id or None, category
COLLISIONS = [
    # 'TODAY' is Singapore's TODAY and NBC's today.com: a generic name decides nothing; the host does
    ("https://www.today-harbour.example/news/harbour", "TODAY", None, "en", None, "unknown"),
    ("https://www.today.com/news/harbour", "TODAY", None, "en", "nbcuniversal-today-com", "private"),
    # 'The Times': the host decides; a US local paper calling itself 'The Times' is not The Times of London
    ("https://www.thetimes.co.uk/article/harbour", "The Times", None, "en", "the-times", "private"),
    ("https://timesofindia.indiatimes.com/city/harbour/123.cms", "The Times of India", None, "en", "times-of-india", "private"),
    ("https://www.localtimes.example/news/harbour", "The Times", None, "en", None, "unknown"),
    # 'Daily News' in Tanzania and in New York
    ("https://dailynews.co.tz/harbour", "Daily News", None, "en", "smm-dailynews-co-tz", None),
    ("https://www.nydailynews.com/2024/05/01/harbour/", "Daily News", None, "en", "new-york-daily-news", "private"),
    ("https://www.othercity-daily.example/harbour", "Daily News", None, "en", None, "unknown"),
    # a site whose name holds 'Sputnik' is not Sputnik
    ("https://www.sputnik-tours.example/blog/harbour", "Sputnik Tours", None, "en", None, "unknown"),
    # 'NTV' is a German, a Turkish and a Russian channel
    ("https://www.ntv-news.example/harbour", "NTV", None, "ru", None, "unknown"),
    # a brand's edition in another country has another owner
    ("https://www.elle.de/mode/harbour", "ELLE", None, "de", None, "unknown"),
    # a namesake outlet on its own domain: El Universal of Caracas, not of Mexico City
    ("https://www.eluniversal.com/politica/harbour", "El Universal", None, "es", None, "unknown"),
    # a mirror that declares RT's legal name is RT's content: labelled, by the declared name
    ("https://rt-mirror.example/news/harbour", "Mirror News", "ANO TV-Novosti", "en", None, "state_controlled"),
    # but not when the page's language contradicts the outlet's
    ("https://rt-mirror.example/news/harbour-fr", "Mirror News", "China Daily", "fr", None, "unknown"),
]


@pytest.mark.parametrize("url, publisher, legal, language, outlet, category", COLLISIONS)
def test_name_collisions(tmp_path, url, publisher, legal, language, outlet, category):
    rec = record(tmp_path, url, publisher, legal, language)
    if outlet is not None:
        assert rec["source"]["outlet_id"] == outlet
    if category is not None:
        assert rec["affiliation"]["category"] == category
    if category == "unknown":
        assert rec["affiliation"]["basis"] == "none" and rec["source"]["outlet_id"] is None
        assert rule(rec, "affiliation").startswith("none: ")  # why the declared name did not decide


def test_the_generic_name_that_once_gave_a_false_state_label(tmp_path):
    rec = record(tmp_path, "https://www.today-harbour.example/news/harbour", "TODAY")
    assert rec["affiliation"]["category"] not in STATE
    assert "not distinctive" in rule(rec, "affiliation")


@pytest.mark.parametrize("url, outlet", [
    ("https://www.nhregister.com/news/article/harbour-123.php", "new-haven-register"),
    ("https://www.greenwichtime.com/news/article/harbour-123.php", "greenwich-time"),
    ("https://www.beaumontenterprise.com/news/article/harbour-123.php", "beaumont-enterprise"),
])
def test_an_agency_declared_as_publisher_is_the_origin_not_the_outlet(tmp_path, url, outlet):
    rec = record(tmp_path, url, "Associated Press")
    assert rec["source"]["outlet_id"] == outlet and rec["affiliation"]["category"] == "private"
    assert {"name": "The Associated Press", "kind": "agency", "url": None, "affiliation": None} in rec["byline"]["authors"]


def test_an_agency_on_an_unknown_site_leaves_the_outlet_unknown(tmp_path):
    rec = record(tmp_path, "https://www.smalltown-herald.example/news/harbour", "Reuters")
    assert rec["source"]["name"] is None and rec["source"]["publisher"] == "Reuters"
    assert rec["affiliation"]["category"] == "unknown"
    assert [a["name"] for a in rec["byline"]["authors"] if a["kind"] == "agency"] == ["Reuters"]
    assert "wire agency" in rule(rec, "source.name")


def test_the_agency_on_its_own_site_is_the_outlet(tmp_path):
    rec = record(tmp_path, "https://apnews.com/article/harbour-123", "Associated Press")
    assert rec["source"]["outlet_id"] == "ap"


@pytest.mark.parametrize("name, expected", [
    ("TODAY", False), ("The Times", False), ("Daily News", False), ("The Post", False), ("News", False),
    ("Herald", False), ("NTV", False), ("RT", False), ("Le Monde", False),
    ("The Times of India", True), ("Süddeutsche Zeitung", True), ("ANO TV-Novosti", True), ("China Daily", True),
])
def test_distinctive_names(name, expected):
    assert distinctive(name) is expected


@pytest.mark.parametrize("host, country", [
    ("www.nzz.ch", "CH"), ("www.bbc.co.uk", "GB"), ("edition.cnn.com", None), ("news.example.io", None),
])
def test_host_country(host, country):
    assert host_country(host) == country


def test_no_false_state_label_in_the_shipped_registry_by_name_alone():
    """Every alias that decides an outlet by name alone: a generic name never decides a state label."""
    registry = Registry()
    for key, oids in registry.aliases.items():
        entries = [registry.entries[o] for o in oids]
        if any((registry.period(e, None) or {}).get("category") in STATE for e in entries):
            decided = registry.publisher_match("unknown-site.example", key, None, None)
            if decided.entries:
                assert distinctive(key), key
