"""The flat reader at the level of its rules: block shapes and names, reading names out of author and
publisher blocks, list fields, and training (labelled dumps from pages, a deterministic model).
The dumps and pages here are invented."""
import json

import numpy as np
import pytest

from toolkit.extract.flat.features import feature_names, featurize, name_part, shape_of, split_blocks
from toolkit.extract.flat.fields import author_value, emailed_name, publisher_name, split_role, split_terms
from toolkit.extract.flat.model import stacked_features
from toolkit.learn.dumps import flatten, labelled_dumps, reordered, role_of

URL = "https://www.harbourgazette.example/2021/05/harbour-budget-talks-run-late"


@pytest.mark.parametrize("text, words", [
    ("344 px 60 px The Harbour Gazette", ["The", "Harbour", "Gazette"]),  # a logo's size before the name
    ("20 Minuten redaktion@example.ch +41 44 000 00 00", ["20", "Minuten"]),  # one number is the name's own
    ("Harbour Gazette 1989-04-17 378 98 https://example.com/logo.png", ["Harbour", "Gazette"]),  # a founding date
    ("#organization Harbour Gazette 60 326", ["Harbour", "Gazette"]),
    ("https://example.com/authors/ada-quill 1.14 Ada Quill", ["Ada", "Quill"]),  # a profile URL and an id first
    ("Ada Quill /authors/ada-quill-1.17", ["Ada", "Quill"]),
    ("il Corriere Il Corriere è un quotidiano del porto", ["il", "Corriere"]),  # the name, then a description
])
def test_name_part(text, words):
    assert name_part(text) == words


@pytest.mark.parametrize("text, kind", [
    ("2021-05-04T10:00:00+02:00", "date"), ("fr_FR", "locale"), ("en", "locale"), ("1200 675", "numeric"),
    ("https://cdn.example.com/img/pier.jpg", "image"), ("https://www.example.com/about", "url"),
    ("harbour, budget, ferry, pier", "csv"), ("Harbour Gazette 600 60", "entity"), ("Politics", "term"),
    ("The council met on Tuesday to discuss the new budget for the harbour district and the pier.", "prose"),
    ("/html/head/meta[@name='og:title']/@content", "selector"),
])
def test_block_shapes(text, kind):
    assert shape_of(text, URL).kind == kind


@pytest.mark.parametrize("block, name, affiliation", [
    ("AP College Football Writer DEREK T. MARSH", "DEREK T. MARSH", "The Associated Press"),  # the title first
    ("Reuters Staff Writer Anna Bell", "Anna Bell", "Reuters"),
    ("Jannik Oberle Leitender Wirtschaftsredakteur", "Jannik Oberle", None),  # a compound job title after
    ("Богдан Мельничук адвокационный менеджер Фонда", "Богдан Мельничук", None),  # lower-case words after the name
    ("Nora Quist nora-quist", "Nora Quist", None),  # a login after the name
    ("Sven Aldous Reporter and news editor", "Sven Aldous", None),
    ("Ludwig van der Berg", "Ludwig van der Berg", None),  # particles belong to the name
    ("Bruce Y. Ferrante <p>I write about ports and the people who keep them running.</p>", "Bruce Y. Ferrante", None),
    ("Kirill Batarin https://cdn.example.com/img/batarin_100x100.jpg", "Kirill Batarin", None),
])
def test_author_blocks(block, name, affiliation):
    value = author_value(block, shape_of(block, URL))
    assert value is not None and (value["name"], value["affiliation"]) == (name, affiliation)
    assert split_role(block.split()[:len(name.split()) + 3])[0].split()[:1] == name.split()[:1]


def test_an_email_that_spells_the_name_finds_it_in_a_biography():
    bio = ("Harbour Gazette Jannik Oberle is a city hall reporter for the Harbour Gazette, covering budgets. "
           "jannik.oberle@harbourgazette.example Staff Writer Jannik Oberle")
    assert emailed_name(bio) == "Jannik Oberle"
    assert author_value(bio, shape_of(bio, URL))["name"] == "Jannik Oberle"
    assert emailed_name("Contact desk@example.com for Harbour News") is None


@pytest.mark.parametrize("block, name, legal", [
    ("Harbour Gazette 425", "Harbour Gazette", None),  # a logo's width glued to the name
    ("Harbour Gazette feedback@example.com +74956456601 Harbour Media Holding 252 60", "Harbour Gazette",
     "Harbour Media Holding"),
    ("344 px 60 px The Harbour Gazette", "The Harbour Gazette", None),
    ("Valley Wire Valley Wire logo", "Valley Wire", None),
])
def test_publisher_blocks(block, name, legal):
    assert publisher_name(block) == (name, legal)


@pytest.mark.parametrize("text, items", [
    ("harbour, budget,ferry", ["harbour", "budget", "ferry"]),
    ("harbour; budget", ["harbour", "budget"]),
    ("Rock &amp; Roll", ["Rock &amp; Roll"]),  # an entity's ';' separates nothing
    ("Harbour budget", ["Harbour budget"]),
])
def test_keyword_strings(text, items):
    assert split_terms(text) == items


def test_flatten_follows_the_format_note():
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier reopens",
               "author": [{"@type": "Person", "name": "Ada Quill", "url": "https://x.example/ada"}],
               "publisher": {"@type": "Organization", "name": "Harbour Gazette",
                             "logo": {"@type": "ImageObject", "url": "https://x.example/l.png", "width": 600, "height": 60}},
               "keywords": ["pier", "ferry"], "isAccessibleForFree": True}
    assert flatten(article) == [("headline", "Pier reopens"), ("author", "Ada Quill"), ("publisher", "Harbour Gazette 600 60"),
                                ("keywords", "pier"), ("keywords", "ferry"), ("isAccessibleForFree", "true")]
    assert [role_of(k) for k, _ in flatten(article)] == ["headline", "author", "publisher", "keyword", "keyword", "other"]


def test_reordering_keeps_each_list_together():
    import random

    blocks = [("headline", "h"), ("keywords", "a"), ("keywords", "b"), ("author", "x"), ("keywords", "c")]
    shuffled = reordered(blocks, random.Random(3))
    assert sorted(shuffled) == sorted(blocks)
    at = [i for i, (k, _) in enumerate(shuffled) if k == "keywords" and _ in "ab"]
    assert at[1] - at[0] == 1


def test_features_see_shapes_not_words():
    """Two dumps whose body holds other words of the same shape (length, case, punctuation) get the same
    features: the reader learns the format, not the vocabulary of the pages it was trained on."""
    def dump(body: str) -> list[str]:
        text = "\n\n".join([f" date 2021-05 {URL}", "Harbour budget talks run late", "Harbour budget talks run late",
                            "2021-05-04T10:00:00Z", "Ada Quill", "Harbour Gazette 600 60", body])
        return split_blocks(text)[1:]

    one = "The council met on Tuesday, and argued about repairs. " * 12
    other = "The council met on Tuesday, and pleaded over ledgers. " * 12
    first, rows = featurize(dump(one), URL)
    _, same = featurize(dump(other), URL)
    assert rows.shape == (len(first), len(feature_names())) and rows.dtype == np.float32 and np.isfinite(rows).all()
    assert np.array_equal(rows, same)
    _, longer = featurize(dump(one + "And then they went home."), URL)
    assert not np.array_equal(rows, longer)  # the shape did change: the features see it
    assert stacked_features(np.full((len(first), 17), 1 / 17)).shape == (len(first), 17 * 7)


def _pages(folder, n=24):
    """Invented pages, each with a JSON-LD article object."""
    (folder / "html").mkdir(parents=True)
    lines = []
    for i in range(n):
        article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": f"Ferry timetable change {i}",
                   "description": f"The harbour council changed the ferry timetable for the {i}th time this year.",
                   "datePublished": f"2021-05-{1 + i % 28:02d}T10:00:00Z", "author": {"@type": "Person", "name": "Ada Quill"},
                   "publisher": {"@type": "Organization", "name": "Harbour Gazette"}, "keywords": "ferry, harbour",
                   "articleBody": "The council met on Tuesday to discuss the new timetable for the harbour ferry. " * 5}
        page = f'<html><head><script type="application/ld+json">{json.dumps(article)}</script></head><body></body></html>'
        (folder / "html" / f"p{i}.html").write_text(page)
        lines.append(json.dumps({"url": f"https://harbour.example/news/{i}", "file": f"p{i}.html", "text": None}))
    (folder / "pages.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_labelled_dumps_and_training_are_deterministic(tmp_path, monkeypatch):
    from toolkit.learn import train

    pages = _pages(tmp_path / "pages")
    dumps = list(labelled_dumps(str(pages)))
    assert len(dumps) == 24 and dumps[0].roles[:3] == ["headline", "description", "date_published"]
    monkeypatch.setattr(train, "ROUNDS", 3)
    for out in ("a", "b"):
        train.train([str(pages)], str(tmp_path / out))
    for name in ("roles.txt", "roles-stacked.txt", "roles.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    card = json.loads((tmp_path / "a" / "roles.json").read_text())
    assert card["features"] == feature_names() and card["trained_on"] == ["pages", "seed"]
    model_text = (tmp_path / "a" / "roles.txt").read_text()
    assert "Harbour" not in model_text and "Ada Quill" not in model_text  # shapes only: no page text


def test_a_retrained_model_is_used_from_its_folder(tmp_path, monkeypatch):
    from helpers import SEED

    from toolkit.extract.flat import model
    from toolkit.learn import train
    from toolkit.build import records_of

    def confidences(record):  # what the model said of each field: 'flat:model:headline p=0.98'
        return {s["field"]: s["rule"] for s in record["provenance"]["field_sources"] if " p=" in s["rule"]}

    pages = _pages(tmp_path / "pages")
    monkeypatch.setattr(train, "ROUNDS", 3)
    train.train([str(pages)], str(tmp_path / "mine"))
    model.load.cache_clear()
    shipped = confidences(next(records_of(str(SEED))))
    monkeypatch.setenv("MPT_FLAT_MODEL", str(tmp_path / "mine"))
    model.load.cache_clear()
    try:
        assert model.load().card["trained_on"] == ["pages", "seed"]
        mine = confidences(next(records_of(str(SEED))))
    finally:
        model.load.cache_clear()
    assert mine and shipped and mine != shipped  # three rounds of training say otherwise than the shipped model


def test_a_model_for_other_features_is_refused(tmp_path):
    from toolkit.extract.flat import model

    (tmp_path / "roles.json").write_text(json.dumps({"roles": ["other"], "features": ["something else"]}))
    (tmp_path / "roles.txt").write_text("not a model")
    with pytest.raises(model.ModelError):
        model.load.__wrapped__(str(tmp_path))
