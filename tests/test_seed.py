"""The real seed dump, field by field."""
from datetime import datetime, timezone

from toolkit.normalize.dates import to_datetime


def test_title_and_description(seed_record):
    assert seed_record["title"] == 'Le Pentagone et la diplomatie US commentent la réponse à la Russie qui a "fuité" dans la presse'
    assert seed_record["description"].startswith("Les États-Unis n’ont pas rendu publique")
    assert seed_record["description"].endswith("02.02.2022, Sputnik France")


def test_dates_in_utc_with_raw_kept(seed_record):
    assert to_datetime(seed_record["published_at"]) == datetime(2022, 2, 2, 21, 6, tzinfo=timezone.utc)
    assert seed_record["published_at"] == "2022-02-02T21:06:00Z"
    assert seed_record["modified_at"] == "2022-02-02T21:06:00Z"
    assert seed_record["published_raw"] == "2022-02-02T22:06+0100"
    assert seed_record["snapshot_date"] == "2022-02"


def test_language_section_keywords_topics(seed_record):
    assert seed_record["language"] == "fr-FR"
    assert seed_record["section"] == "Actus"
    assert seed_record["keywords"] == ["otan", "russie", "états-unis", "documents confidentiels", "conditions", "europe",
                                       "ukraine", "transnistrie", "crimée", "abkhazie", "géorgie (pays issu de l'ex-urss)",
                                       "ossétie du sud"]
    # about and mentions lists: short lower-case terms, merged without repeats
    assert seed_record["topics"][:2] == ["garanties de sécurité", "otan"]
    assert "géorgie (pays issu de l'ex-urss)" in seed_record["topics"]
    assert len(seed_record["topics"]) == len(set(seed_record["topics"]))


def test_one_author_with_photo(seed_record):
    authors = seed_record["byline"]["authors"]
    assert [a["name"] for a in authors] == ["Kirill Batarin"]
    assert authors[0]["kind"] == "person"
    assert authors[0]["url"].startswith("https://cdnnfr1.img.sputniknews.com/img/07e5/04/02/1045430205")


def test_publisher_and_legal_name(seed_record):
    assert seed_record["source"]["publisher"] == "Sputnik France"
    assert "Rosiya Segodnya" in seed_record["source"]["legal_name"]


def test_image_host_domain(seed_record):
    assert seed_record["image_url"].startswith("https://cdnnfr1.img.sputniknews.com/img/102523/79/1025237927")
    assert seed_record["host"] == "fr.sputniknews.com"
    assert seed_record["domain"] == "sputniknews.com"


def test_body_repaired(seed_record):
    body = seed_record["body"]
    assert body.startswith("Les porte-paroles du Pentagone")
    assert "en Europe.\n\nIl a cependant" in body
    assert "auparavant\".\n\nLe représentant" in body
    assert "Europe.Il" not in body
    assert seed_record["word_count"] == len(body.split())


def test_field_sources_name_a_rule_for_each_field(seed_record):
    sources = {s["field"]: s["rule"] for s in seed_record["provenance"]["field_sources"]}
    for field in ("title", "description", "body", "published_at", "language", "section", "keywords", "topics",
                  "image_url", "source.publisher", "source.legal_name", "byline.authors"):
        assert sources.get(field), field
    assert seed_record["provenance"]["format"] == "flat" and seed_record["provenance"]["offset"] == 0
