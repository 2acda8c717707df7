import pytest

from toolkit.normalize.dates import parse_date
from toolkit.normalize.language import normalize_language
from toolkit.normalize.text import clean_body, clean_inline, decode_entities, repair_glued_paragraphs
from toolkit.normalize.urls import canonical_url, record_id, registered_domain


@pytest.mark.parametrize("raw, iso, precision", [
    ("2022-02-02T22:06+0100", "2022-02-02T21:06:00Z", "exact"),
    ("2022-02-02T22:06:30+01:00", "2022-02-02T21:06:30Z", "exact"),
    ("2019-11-19T08:41:00.000Z", "2019-11-19T08:41:00Z", "exact"),
    ("2019-11-20 12:32:13+08:00", "2019-11-20T04:32:13Z", "exact"),
    ("2019-11-20T06:09:25", "2019-11-20T06:09:25Z", "assumed-utc"),
    ("2018-09-15", "2018-09-15T00:00:00Z", "date-only"),
    ("Mon, 18 Nov 2019 16:07:38 -0600", "2019-11-18T22:07:38Z", "exact"),
    ("November 19, 2019", "2019-11-19T00:00:00Z", "date-only"),
    # month names of other languages are read, not guessed by a fuzzy parser
    ("4 de mayo de 2022", "2022-05-04T00:00:00Z", "date-only"),
    ("16. März 2019 um 10:05", "2019-03-16T10:05:00Z", "assumed-utc"),
    ("3 января 2023 г.", "2023-01-03T00:00:00Z", "date-only"),
    ("Mardi 3 mars 2020", "2020-03-03T00:00:00Z", "date-only"),
    ("12 grudnia 2021", "2021-12-12T00:00:00Z", "date-only"),
])
def test_dates(raw, iso, precision):
    parsed = parse_date(raw)
    assert parsed.iso() == iso and parsed.precision == precision


@pytest.mark.parametrize("raw", ["0001-01-01T00:00:00Z", "1941-07-01", "2999-01-01", "not a date", ""])
def test_implausible_dates_are_not_facts(raw):
    assert parse_date(raw) is None


def test_local_time_is_kept_only_when_the_value_declares_an_offset():
    assert parse_date("2022-02-02T22:06:00+01:00").local_iso() == "2022-02-02T22:06:00+01:00"
    assert parse_date("2022-02-02T22:06:00-05:30").local_iso() == "2022-02-02T22:06:00-05:30"
    assert parse_date("2022-02-02T22:06:00").local_iso() is None and parse_date("2022-02-02").local_iso() is None


@pytest.mark.parametrize("raw, tag", [("fr_FR", "fr-FR"), ("EN-us", "en-US"), ("pt-BR", "pt-BR"), ("es", "es"),
                                      ("zh_hans_cn", "zh-Hans-CN"), ("us", None), ("english", None)])
def test_language(raw, tag):
    assert normalize_language(raw) == tag


def test_canonical_url_drops_tracking_and_fragment():
    assert canonical_url("HTTPS://Fr.SputnikNews.com:443/a/b.html?utm_source=x&id=3&fbclid=y#top") == "https://fr.sputniknews.com/a/b.html?id=3"
    assert canonical_url("http://example.com") == "http://example.com/"


def test_domain_from_public_suffix_list_offline():
    assert registered_domain("fr.sputniknews.com") == "sputniknews.com"
    assert registered_domain("www.bbc.co.uk") == "bbc.co.uk"
    assert registered_domain("news.harbour-gazette.example") == "harbour-gazette.example"


def test_id_is_stable_and_follows_canonical_url():
    a = record_id(canonical_url("https://example.com/x?utm_medium=email"))
    assert a == record_id(canonical_url("https://EXAMPLE.com/x#part"))
    assert a != record_id(canonical_url("https://example.com/y"))
    assert len(a) == 32


@pytest.mark.parametrize("glued, repaired", [
    ("la sécurité en Europe.Il a cependant", "la sécurité en Europe.\n\nIl a cependant"),
    ("toujours déclaré auparavant\".Le représentant", "toujours déclaré auparavant\".\n\nLe représentant"),
    ("la Crimée.À en juger", "la Crimée.\n\nÀ en juger"),
    ("Россия заявила.Москва ответила", "Россия заявила.\n\nМосква ответила"),
])
def test_glued_paragraphs_are_split(glued, repaired):
    assert repair_glued_paragraphs(glued) == repaired


@pytest.mark.parametrize("text", [
    "the U.S. Army said", "grew 3.5 percent", "in the U.S.The", "see www.example.Com for more",
    "write to tickets@harbour-ferries.example.Thanks", "Dr. Smith and Mr. Jones", "version 2.0.Beta",
])
def test_abbreviations_decimals_urls_emails_survive(text):
    assert repair_glued_paragraphs(text) == text


def test_body_markup_becomes_paragraphs():
    assert clean_body("<body><p>One &amp; two.</p><p>Three.</p></body>") == "One & two.\n\nThree."


def test_a_page_is_not_published_after_its_capture():
    from toolkit.normalize.dates import capture_limit

    month_end = capture_limit("2022-02")
    assert parse_date("2022-02-28T23:00:00Z", month_end) is not None
    assert parse_date("2022-03-05", month_end) is None
    warc = capture_limit("2024-03-05T06:07:08Z")
    assert parse_date("2024-03-05T01:00:00Z", warc) is not None and parse_date("2024-04-01", warc) is None


@pytest.mark.parametrize("declared, seen", [
    ("India&#039;s dream", "India's dream"), ("D&amp;D show", "D&D show"), ("Tom &amp;amp; Jerry", "Tom & Jerry"),
    ("R&D", "R&D"), ("?a=1&para=2", "?a=1&para=2"), ("&lt;b&gt;Bold&lt;/b&gt; claim", "Bold claim"),
])
def test_entities_are_decoded_once_more_for_a_double_escape(declared, seen):
    assert clean_inline(declared) == seen
    assert decode_entities("&amp;#8220;") == "\u201c" and clean_inline("D&amp;D", decode=False) == "D&amp;D"


def test_language_declared_detected_or_contradicted(seed_record):
    from toolkit.normalize.language import language_of

    body = seed_record["body"]  # the seed article, in French
    sources = {}
    assert language_of(None, body, sources) == "fr" and sources["language"].startswith("detected:py3langid p=")
    sources = {"language": "json-ld:inLanguage"}
    assert language_of("fr-FR", body, sources) == "fr-FR" and "language.detected" not in sources
    sources = {"language": "meta:language"}
    assert language_of("de", body, sources) == "de"  # the declared value is kept,
    assert sources["language.detected"].startswith("detected:py3langid fr p=")  # and the text's objection noted
    sources = {"language": "meta:language"}
    assert language_of(None, "Trop court pour le dire.", sources) is None and sources == {}  # too short to tell
