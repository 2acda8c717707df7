"""HTML pages: each metadata signal and each JSON-LD tolerance, on small pages written here."""
import json

import pyarrow.parquet as pq

import pytest
from helpers import write_dump

from toolkit.extract.html import choose_body, strip_site_name
from toolkit.build import records_of
from toolkit.records import Reject

BODY = "".join(f"<p>Paragraph {i} of the story, with enough words to be the text of an article about the harbour.</p>"
               for i in range(8))


def page(head: str = "", body: str = BODY, lang: str = "en", pre: str = "") -> str:
    return f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body>{pre}<article>{body}</article></body></html>"


def ld(obj, raw=False) -> str:
    return f'<script type="application/ld+json">{obj if raw else json.dumps(obj)}</script>'


def one(tmp_path, html: str, name: str = "p.html"):
    items = list(records_of(str(write_dump(tmp_path / name, html))))
    assert len(items) == 1
    return items[0]


def rule(record, field):
    return next(s["rule"] for s in record["provenance"]["field_sources"] if s["field"] == field)


SIGNED = "<header><a href='/authors/ana-lima'>Ana Lima</a></header>"  # the byline as the page shows it
CANON = '<link rel="canonical" href="https://news.example/2024/05/06/story">'
ARTICLE = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour reopens",
           "datePublished": "2024-05-06T10:00:00+02:00", "dateModified": "2024-05-07T09:00:00Z",
           "author": {"@type": "Person", "name": "Ana Lima"}, "inLanguage": "pt-BR",
           "publisher": {"@type": "Organization", "name": "News Example", "legalName": "News Example Ltd"},
           "articleSection": "Local", "keywords": "harbour, ships"}


def test_json_ld_article(tmp_path):
    r = one(tmp_path, page(CANON + ld(ARTICLE), pre=SIGNED))
    assert r["url"] == "https://news.example/2024/05/06/story" and rule(r, "url") == "html:link-canonical"
    assert r["title"] == "Harbour reopens" and rule(r, "title") == "json-ld:headline"
    assert r["published_at"] == "2024-05-06T08:00:00Z" and r["modified_at"] == "2024-05-07T09:00:00Z"
    assert r["published_raw"] == "2024-05-06T10:00:00+02:00"
    assert [a["name"] for a in r["byline"]["authors"]] == ["Ana Lima"]
    assert r["source"]["publisher"] == "News Example" and r["source"]["legal_name"] == "News Example Ltd"
    assert r["language"] == "pt-BR" and r["section"] == "Local" and r["keywords"] == ["harbour", "ships"]
    assert "\n\n" in r["body"] and r["body"].startswith("Paragraph 0")


def test_graph_ids_types_as_list_and_several_articles(tmp_path):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Person", "@id": "#ana", "name": "Ana Lima"},
        {"@type": "Organization", "@id": "#org", "name": "Graph News"},
        {"@type": ["Article", "NewsArticle"], "headline": "Related story", "url": "https://news.example/other"},
        {"@type": ["NewsArticle"], "headline": "Main story", "url": "https://news.example/2024/05/06/story",
         "author": {"@id": "#ana"}, "publisher": {"@id": "#org"}, "datePublished": "2024-05-06"}]}
    r = one(tmp_path, page(CANON + ld(graph), pre=SIGNED))
    assert r["title"] == "Main story"
    assert r["byline"]["authors"][0]["name"] == "Ana Lima" and r["source"]["publisher"] == "Graph News"
    assert r["published_raw"] == "2024-05-06" and r["published_at"] == "2024-05-06T00:00:00Z"
    assert rule(r, "published_at").endswith(":date-only")


@pytest.mark.parametrize("script", [
    "<![CDATA[" + json.dumps(ARTICLE) + "]]>",
    json.dumps(ARTICLE) + ";",
    json.dumps(ARTICLE).replace('"Harbour reopens"', '"Harbour\x01 reopens"').replace("Harbour\x01", "Harbour\x01"),
    json.dumps(ARTICLE).replace('"', "&quot;"),
    json.dumps(ARTICLE)[:-1] + ",}",
])
def test_json_ld_tolerances(tmp_path, script):
    r = one(tmp_path, page(CANON + ld(script, raw=True), pre=SIGNED))
    assert r["title"].replace("\x01", "").replace("  ", " ").startswith("Harbour")
    assert rule(r, "title") == "json-ld:headline"
    assert r["byline"]["authors"][0]["name"] == "Ana Lima"


def test_opengraph_and_article_meta(tmp_path):
    head = ('<meta property="og:url" content="https://og.example/a"><meta property="og:title" content="OG headline | OG Site">'
            '<meta property="og:site_name" content="OG Site"><meta property="og:description" content="Standfirst.">'
            '<meta property="og:image" content="/img/a.jpg"><meta property="og:locale" content="de_DE">'
            '<meta property="article:published_time" content="2023-03-01T12:00:00Z">'
            '<meta property="article:modified_time" content="2023-03-02T12:00:00Z">'
            '<meta property="article:section" content="Politik"><meta property="article:tag" content="a">'
            '<meta property="article:tag" content="b">')
    r = one(tmp_path, page(head, lang=""))
    assert r["url"] == "https://og.example/a" and r["title"] == "OG headline"
    assert rule(r, "title") == "meta:og:title:site-name-removed"
    assert r["description"] == "Standfirst." and r["image_url"] == "https://og.example/img/a.jpg"
    assert r["language"] == "de-DE" and r["section"] == "Politik" and r["keywords"] == ["a", "b"]
    assert r["published_at"] == "2023-03-01T12:00:00Z" and r["modified_at"] == "2023-03-02T12:00:00Z"
    assert r["source"]["publisher"] == "OG Site"


@pytest.mark.parametrize("tag, expected", [
    ('<meta name="author" content="By Jane Roe">', "Jane Roe"),
    ('<meta name="byl" content="By JOHN DOE">', "John Doe"),
    ('<meta name="dc.creator" content="Marie Curie">', "Marie Curie"),
    ('<meta name="parsely-author" content="Carl Sagan">', "Carl Sagan"),
    ('<meta name="shareaholic:article_author_name" content="Wanda Mills">', "Wanda Mills"),
])
def test_author_meta_tags(tmp_path, tag, expected):
    r = one(tmp_path, page(CANON + tag, pre=f"<span>{expected}</span>"))
    assert [a["name"] for a in r["byline"]["authors"]] == [expected]


def test_microdata_time_and_lang(tmp_path):
    body = ('<h1 itemprop="headline">Microdata story</h1><span itemprop="author" itemscope><span itemprop="name">Lena Berg</span></span>'
            '<time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time>' + BODY)
    canon = '<link rel="canonical" href="https://news.example/story">'
    r = one(tmp_path, page(canon + "<title>Microdata story - News Example</title>", body=body, lang="sv"))
    assert r["byline"]["authors"][0]["name"] == "Lena Berg" and rule(r, "byline.authors") == "microdata:author"
    assert r["published_raw"] == "2022-01-27" and r["language"] == "sv"
    assert r["title"] == "Microdata story"


def test_time_element_and_date_in_url(tmp_path, monkeypatch):
    r = one(tmp_path, page('<link rel="canonical" href="https://news.example/story">', pre='<time datetime="2021-02-03T04:05:06Z">x</time>'))
    assert r["published_at"] == "2021-02-03T04:05:06Z" and rule(r, "published_raw") == "html:time[datetime]"
    monkeypatch.setattr("toolkit.extract.html.dates.htmldate_day", lambda page, not_after: None)
    r = one(tmp_path, page(CANON), name="u.html")
    assert r["published_raw"] == "2024-05-06" and rule(r, "published_raw") == "url:date-in-path"


def test_date_signals_vote_and_the_losers_stay_visible(tmp_path, monkeypatch):
    monkeypatch.setattr("toolkit.extract.html.dates.htmldate_day", lambda page, not_after: None)
    # a stale <time> against the URL and the publication meta tag: the two agreeing signals win
    head = CANON + '<meta property="article:published_time" content="2024-05-06T09:30:00+02:00">'
    r = one(tmp_path, page(head, pre='<time datetime="2019-01-01T00:00:00Z">x</time>'))
    assert r["published_at"] == "2024-05-06T07:30:00Z"
    assert "vote(" in rule(r, "published_raw") and "2019-01-01" in rule(r, "published_raw")
    # alone, the same <time> gives the date
    r = one(tmp_path, page('<link rel="canonical" href="https://news.example/story">',
                           pre='<time datetime="2019-01-01T00:00:00Z">x</time>'), name="b.html")
    assert r["published_at"] == "2019-01-01T00:00:00Z"


def test_a_publication_date_that_is_the_modification_instant_loses(tmp_path, monkeypatch):
    monkeypatch.setattr("toolkit.extract.html.dates.htmldate_day", lambda page, not_after: None)
    canon = '<link rel="canonical" href="https://news.example/story">'
    meta = ('<meta property="article:published_time" content="2024-05-08T12:00:00Z">'
            '<meta property="article:modified_time" content="2024-05-08T12:00:00Z">')
    r = one(tmp_path, page(canon + meta + ld({"@type": "NewsArticle", "headline": "Story", "datePublished": "2024-05-02T08:00:00Z"})))
    assert r["published_at"] == "2024-05-02T08:00:00Z" and r["modified_at"] == "2024-05-08T12:00:00Z"


def test_local_time_keeps_the_declared_offset(tmp_path, monkeypatch):
    monkeypatch.setattr("toolkit.extract.html.dates.htmldate_day", lambda page, not_after: None)
    canon = '<link rel="canonical" href="https://news.example/story">'
    # JSON-LD in UTC, the meta tag the same instant in local time: the local day is the 3rd
    head = canon + '<meta property="article:published_time" content="2022-02-03T00:30:00+01:00">'
    r = one(tmp_path, page(head + ld({"@type": "NewsArticle", "headline": "S", "datePublished": "2022-02-02T23:30:00Z"})))
    assert r["published_at"] == "2022-02-02T23:30:00Z" and r["published_local"] == "2022-02-03T00:30:00+01:00"
    assert rule(r, "published_local") == "meta:article:published_time"
    # the JSON-LD gives the value; a <time> of the same instant gives the offset
    r = one(tmp_path, page(canon + ld({"@type": "NewsArticle", "headline": "S", "datePublished": "2022-02-02T23:30:00Z"}),
                           pre='<time datetime="2022-02-03T00:30:00+01:00">3.2.2022</time>'), name="t.html")
    assert r["published_raw"] == "2022-02-02T23:30:00Z" and r["published_local"] == "2022-02-03T00:30:00+01:00"
    assert rule(r, "published_local") == "html:time[datetime]:same-instant"
    # no offset anywhere: no local time is invented
    r = one(tmp_path, page(canon + ld({"@type": "NewsArticle", "headline": "S", "datePublished": "2022-02-02T23:30:00"})), name="n.html")
    assert r["published_at"] == "2022-02-02T23:30:00Z" and r["published_local"] is None


def test_future_and_ancient_dates_are_discarded(tmp_path):
    head = '<link rel="canonical" href="https://news.example/story">' + ld({"@type": "NewsArticle", "headline": "H", "datePublished": "2999-01-01", "dateCreated": "1970-01-01T00:00:00Z"})
    head += '<meta property="article:published_time" content="2020-01-02T00:00:00Z">'
    r = one(tmp_path, page(head))
    assert r["published_at"] == "2020-01-02T00:00:00Z"


def test_sidecar_urls_and_missing_url_reject(tmp_path):
    from toolkit.build import convert
    from toolkit.readers.html import load_url_map

    write_dump(tmp_path / "a.html", page("<title>No canonical</title>"))
    (tmp_path / "urls.csv").write_text("file,url\na.html,https://side.example/a\n")
    out = tmp_path / "out"
    m = convert([str(tmp_path / "a.html")], str(out), urls=load_url_map(str(tmp_path / "urls.csv")), workers=1)
    assert m["counts"]["written"] == 1
    row = pq.read_table(out / "data").to_pylist()[0]
    assert row["url"] == "https://side.example/a" and row["title"] == "No canonical"
    items = list(records_of(str(tmp_path / "a.html")))
    assert isinstance(items[0], Reject) and "no URL" in items[0].reason


def test_not_articles_are_rejected(tmp_path):
    r = one(tmp_path, page(CANON + "<title>Page not found</title>", body="<p>Sorry, nothing here.</p>"))
    assert isinstance(r, Reject) and r.reason.startswith("not an article")


def test_body_choice_and_site_name():
    words = " ".join(f"w{i}" for i in range(400))
    assert choose_body(words, None, None) == (words, "trafilatura:precision")
    assert choose_body(None, None, "y " * 500)[1] == "json-ld:articleBody"
    assert choose_body(None, None, "short") is None
    # a complete articleBody is the reference between the two extractions ...
    assert choose_body(words[:1500] + " menu login", words, words)[1] == "trafilatura:default:closest-to-json-ld"
    # ... and the text itself when both stopped early
    assert choose_body(words[:500], words[:600], words) == (words, "json-ld:articleBody")
    # without one, the default settings win only where they find far more than a short precise extraction
    assert choose_body(words[:300], words, None)[1] == "trafilatura:default"
    assert choose_body(words[:1500], words[:2000], None)[1] == "trafilatura:precision"
    assert strip_site_name("Headline | The Site", "The Site", "https://thesite.example/a") == "Headline"
    assert strip_site_name("Headline - thesite.example", None, "https://www.thesite.example/a") == "Headline"
    assert strip_site_name("Part one - part two", None, "https://other.example/") == "Part one - part two"


def authors_and_rule(record):
    return [a["name"] for a in record["byline"]["authors"]], rule(record, "byline.authors") if record["byline"]["authors"] else None


@pytest.mark.parametrize("line, expected", [
    ("<p class='meta'>Posted in Gardening by rosefinch22 on March 3, 2019</p>", ["rosefinch22"]),
    ("<div><span>Von</span> <a href='/autor/hm'>Hanna Meier</a> am Samstag, 19. Oktober 2019 um 11:14 Uhr</div>", ["Hanna Meier"]),
    ("<p class='text-muted'>11.12.2019 - Amelie Wendt</p>", ["Amelie Wendt"]),
    ("<div class='info'>Datum: 03.11.2021 Autor: Peter Kraus/SP-X</div>", ["Peter Kraus"]),
    ("<p>Veröffentlicht am 8. Februar 2022 von Hafen-Team</p>", ["Hafen-Team"]),
    ("<h2>Ein Artikel von Pamela Rausch | 27.01.2022 - 12:45</h2>", ["Pamela Rausch"]),
    ("<p>Text von Christian Saller Illustration von Markus Rost</p>", ["Christian Saller"]),
    ("<p>Die Rückkehr von Robin Hood</p>", []),  # 'von' in a headline, with no date or label: not a byline
    ("<p>Von der Fahrbahn abgekommen</p>", []),  # a headline that opens with 'Von', not a byline
    ("<p>By the numbers: the harbour in 2020</p>", []),
])
def test_visible_byline_by_its_wording_near_the_headline(tmp_path, line, expected):
    r = one(tmp_path, page(CANON, body="<h1>Harbour reopens</h1>" + line + BODY))
    assert authors_and_rule(r)[0] == expected


def test_byline_wording_far_from_the_headline_is_a_teaser(tmp_path):
    filler = "".join(f"<p>Teaser {i}</p>" for i in range(120))
    r = one(tmp_path, page(CANON, body="<h1>Harbour reopens</h1>" + BODY + filler + "<p>Von Clara Weiss</p>"))
    assert r["byline"]["authors"] == []


def test_outlet_declared_as_author_gives_way_to_the_visible_person(tmp_path):
    head = CANON + '<meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Harbour Gazette">'
    r = one(tmp_path, page(head, body="<h1>Harbour reopens</h1><span class='byline'>By Lisa Petrova</span>" + BODY))
    assert authors_and_rule(r) == (["Lisa Petrova"], "html:byline-element")
    r = one(tmp_path, page(head, body="<h1>Harbour reopens</h1>" + BODY, pre="<header>Harbour Gazette</header>"), name="q.html")
    assert authors_and_rule(r) == (["Harbour Gazette"], "meta:author")
    assert r["byline"]["authors"][0]["kind"] == "organization"


@pytest.mark.parametrize("element, expected", [
    ("<span class='author'>sunnyday42</span>", ["sunnyday42"]),
    ("<a rel='author' class='url fn n'>Moonberry</a>", ["Moonberry"]),
    ("<div class='post-author'>Uncategorized</div>", []),  # a one-word label in a loosely marked element
    ("<div class='author-box'><h3>Martin Junghans</h3><p>Martin writes about boats, harbours and the sea for us "
     "since 2012, and before that sailed around the world twice.</p></div>", ["Martin Junghans"]),
    ("<div class='byline'>Lea Kunz<span>Do 9 Apr 2020</span></div>", ["Lea Kunz"]),
])
def test_marked_author_elements(tmp_path, element, expected):
    r = one(tmp_path, page(CANON, body="<h1>Harbour reopens</h1>" + BODY + element))
    assert authors_and_rule(r)[0] == expected


def test_declared_author_the_page_never_shows_stays_in_raw_only(tmp_path):
    r = one(tmp_path, page(CANON + ld(ARTICLE)))  # JSON-LD names Ana Lima; the page never does
    assert r["byline"]["authors"] == [] and r["byline"]["raw"] == "Ana Lima"
    assert rule(r, "byline.raw") == "json-ld:author:not-shown"
    agency = dict(ARTICLE, author={"@type": "Organization", "name": "Reuters"})
    r = one(tmp_path, page(CANON + ld(agency)), name="a.html")  # a wire credit is kept even when not printed
    assert [(a["name"], a["kind"]) for a in r["byline"]["authors"]] == [("Reuters", "agency")]


def test_author_typed_person_and_organization_is_a_person(tmp_path):
    owner = {"@context": "https://schema.org", "@graph": [
        {"@type": ["Person", "Organization"], "@id": "#owner", "name": "Christa Hainz"},
        {"@type": "BlogPosting", "headline": "Harbour reopens", "author": {"@id": "#owner"}}]}
    r = one(tmp_path, page(CANON + ld(owner), pre="<p>Christa Hainz</p>",
                           body="<h1>Harbour reopens</h1><span class='byline'>Christa</span>" + BODY))
    assert [(a["name"], a["kind"]) for a in r["byline"]["authors"]] == [("Christa Hainz", "person")]


@pytest.mark.parametrize("declared, shown, expected", [
    ("Nina", "<p class='full-name'>Nina Voss</p>", "Nina Voss"),  # a given name alone
    ("marta.lindqvist", "<p>Chefredakteurin Marta K. Lindqvist bewertet die Wahl</p>", "Marta K. Lindqvist"),  # a login
    ("Nina", "<p>Nina Voss and Nina Berg</p>", "Nina"),  # two people could be meant: left as declared
])
def test_declared_short_name_completed_from_the_byline(tmp_path, declared, shown, expected):
    r = one(tmp_path, page(CANON + f'<meta name="author" content="{declared}">', body="<h1>Harbour reopens</h1>" + shown + BODY))
    assert [a["name"] for a in r["byline"]["authors"]] == [expected]
    assert declared in r["byline"]["raw"]


@pytest.mark.parametrize("title, headings, expected", [
    ("Folge drei: Mia | Nachtfunk", "<h1>Nachtfunk</h1><h2>Folge drei: Mia</h2>", "Folge drei: Mia"),  # the blog's name in <h1>
    ("Harbour reopens", "<h1>Harbour reopens</h1>", "Harbour reopens"),
    ("Karten Tipps und Tricks", "<h1>Blog</h1><h2>Tipps</h2>", "Karten Tipps und Tricks"),  # a word inside is no heading
])
def test_title_from_the_heading_the_title_tag_repeats(tmp_path, title, headings, expected):
    r = one(tmp_path, page(CANON + f"<title>{title}</title>", body=headings + BODY))
    assert r["title"] == expected


def test_visible_given_name_completed_from_the_page(tmp_path):
    body = "<h1>Ein Abo für alles</h1><p>Von Moritz</p><p>Ein Kommentar von Moritz Kalden zum Pressemarkt.</p>"
    r = one(tmp_path, page(CANON, body=body + BODY))
    assert authors_and_rule(r) == (["Moritz Kalden"], "html:byline-element:completed")
    assert "Von Moritz" in r["byline"]["raw"]


def test_an_outlet_declared_as_author_gives_way_to_the_person_in_a_meta_tag(tmp_path):
    head = ('<link rel="canonical" href="https://news.example/story"><meta property="og:site_name" content="Harbour Daily">'
            '<meta name="author" content="Lena Ostrow">'
            + ld({"@type": "NewsArticle", "headline": "S", "author": {"@type": "Organization", "name": "Harbour Daily"}}))
    r = one(tmp_path, page(head, pre="<p>Lena Ostrow</p>"))
    assert [a["name"] for a in r["byline"]["authors"]] == ["Lena Ostrow"] and rule(r, "byline.authors") == "meta:author"


def test_an_email_as_author_becomes_the_name_the_page_prints(tmp_path):
    head = '<link rel="canonical" href="https://news.example/story"><meta name="author" content="r.vosberg@news.example">'
    r = one(tmp_path, page(head, body="<h1>Zinsen</h1><p class='meta'>Rainer Vosberg</p>" + BODY))
    assert [a["name"] for a in r["byline"]["authors"]] == ["Rainer Vosberg"]
    assert rule(r, "byline.authors") == "meta:author:from-email"


def test_microdata_authors_outside_the_article_item_do_not_count(tmp_path):
    body = ('<div itemscope itemtype="http://schema.org/Article"><h1 itemprop="headline">Best airers</h1>'
            '<span itemprop="author">Madeleine Howe</span></div>' + BODY
            + "".join(f'<span itemprop="author">{n}</span>' for n in ("Rebecca Ast", "Jack Rea")))
    r = one(tmp_path, page('<link rel="canonical" href="https://news.example/story">', body=body))
    assert [a["name"] for a in r["byline"]["authors"]] == ["Madeleine Howe"]


def test_titles_read_as_a_reader_sees_them_and_the_declared_value_stays(tmp_path):
    head = ('<link rel="canonical" href="https://news.example/story"><meta property="og:title" content="India&amp;#039;s dream &amp; R&D">'
            '<meta name="description" content="D&amp;amp;D show">')
    r = one(tmp_path, page(head))
    assert r["title"] == "India's dream & R&D" and r["description"] == "D&D show"
    assert rule(r, "title").endswith(":entities-decoded") and rule(r, "title.declared") == "India&#039;s dream & R&D"  # the attribute's own escape is HTML
    r = one(tmp_path, page('<link rel="canonical" href="https://news.example/story"><meta property="og:title" content="Plain ?a=1&para=2">'),
            name="b.html")
    assert r["title"] == "Plain ?a=1&para=2"
    assert not any(s["field"] == "title.declared" for s in r["provenance"]["field_sources"])


def test_a_page_declared_latin1_but_written_in_utf8_reads_as_utf8(tmp_path):
    html_text = page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">'
                     '<link rel="canonical" href="https://news.example/story"><title>Crónica de la jauría</title>')
    path = tmp_path / "p.html"
    path.write_bytes(html_text.encode("utf-8"))
    r = next(iter(records_of(str(path))))
    assert r["title"] == "Crónica de la jauría"
    path.write_bytes(html_text.encode("iso-8859-15"))  # truly Latin-9: read as declared
    r = next(iter(records_of(str(path))))
    assert r["title"] == "Crónica de la jauría"


@pytest.mark.parametrize("head, body, expected, rule", [
    # the <h1> holds a kicker before the declared headline: the kicker is a label, not the headline
    ('<meta property="og:title" content="Ferry fares rise in spring">', "<h1><span>Harbour</span> - Ferry fares rise in spring</h1>",
     "Ferry fares rise in spring", "meta:og:title:the-h1-without-its-kicker"),
    # the declaration adds a tail the page does not show
    ('<meta property="og:title" content="Ferry fares rise in spring: what it costs">', "<h1>Ferry fares rise in spring</h1>",
     "Ferry fares rise in spring", "html:h1:the-meta:og:title-without-its-tail"),
    # worded apart for search engines: the page shows its <h1>
    ('<meta property="og:title" content="Harbour ferry fares rise by ten percent in spring">',
     "<h1>Ferry fares rise by ten percent this spring</h1>", "Ferry fares rise by ten percent this spring",
     "html:h1:agrees-with-meta:og:title"),
    # the same words: the declared text keeps the punctuation an <h1> of several elements loses
    ('<meta property="og:title" content="Harbour: ferry fares rise">', "<h1><span>Harbour</span>\n<span>ferry fares rise</span></h1>",
     "Harbour: ferry fares rise", "meta:og:title:as-the-h1"),
    # a heading that is the site's name is no headline; one that says something else leaves the declaration
    ('<meta property="og:title" content="Ferry fares rise"><meta property="og:site_name" content="Harbour Daily">',
     "<h1>Harbour Daily</h1>", "Ferry fares rise", "meta:og:title"),
    ('<meta property="og:title" content="Ferry fares rise">', "<h1>Latest news</h1>", "Ferry fares rise", "meta:og:title"),
])
def test_the_headline_the_page_shows(tmp_path, head, body, expected, rule):
    r = one(tmp_path, page(CANON + head, body=body + BODY))
    assert (r["title"], next(s["rule"] for s in r["provenance"]["field_sources"] if s["field"] == "title")) == (expected, rule)


def test_every_title_the_page_gives_is_kept_with_its_source(tmp_path):
    head = (CANON + ld({"@type": "NewsArticle", "headline": "Ferry fares rise in spring"})
            + '<meta property="og:title" content="Ferry fares rise in spring | Harbour Daily">'
            + '<meta name="twitter:title" content="Fares up: what the ferry will cost you"><title>Ferry fares rise – Harbour Daily</title>')
    r = one(tmp_path, page(head, body="<h1>Ferry fares rise in spring</h1>" + BODY))
    assert r["title"] == "Ferry fares rise in spring"
    assert r["titles"] == [{"text": "Ferry fares rise in spring", "source": "json-ld:headline"},
                           {"text": "Ferry fares rise in spring | Harbour Daily", "source": "meta:og:title"},
                           {"text": "Fares up: what the ferry will cost you", "source": "meta:twitter:title"},
                           {"text": "Ferry fares rise – Harbour Daily", "source": "html:title"},
                           {"text": "Ferry fares rise in spring", "source": "html:h1"}]
