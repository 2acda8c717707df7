"""What the visible-byline search accepts as a name once the byline rules have cleaned a text."""
import pytest
from lxml import html

from toolkit.extract.visible_byline import VisibleByline, plausible_name


@pytest.mark.parametrize("text, expected", [
    ("Jane Roe", True),
    ("Ann K.", True),  # a surname's initial
    ("Pedro Luis Vega C.", True),
    ("sunnyday42", True),  # a handle
    ("Posted on", False),
    ("Letzte Änderung", False),  # 'last change', a label
    ("Last updated", False),
    ("Read the whole story.", False),
    ("Das ist die Frage!", False),
    ("One two three four five six", False),
    ("2021", False),
])
def test_plausible_name(text, expected):
    assert plausible_name(text) is expected


def test_label_beside_an_organisation_is_not_a_byline():
    page = html.fromstring("<html><body><h1>Neue Regeln</h1><p class='author-info'>Letzte Änderung</p>"
                           "<p>Der Bundesrat hat heute neue Regeln beschlossen.</p></body></html>")
    assert VisibleByline(page, "Neue Regeln", []).find(people_only=True) is None


FOUND = [  # (page, title, the byline the search finds)
    pytest.param("<html><body><h1>AI in industry</h1><div class='post_author'>By : Ann K.</div>"
                 "<p>Machine learning is changing how factories work.</p></body></html>",
                 "AI in industry", "By : Ann K.", id="marked_name_with_initial"),
    pytest.param("<html><body><h1>Ein Interview</h1><dl><dt>Par</dt><dd><a href='/fr/staff/jeanne-roux/'>"
                 "Jeanne Roux</a></dd></dl><p>Le démographe répond à nos questions.</p></body></html>",
                 "Ein Interview", "Jeanne Roux", id="link_to_the_authors_page_is_the_byline"),
    pytest.param("<html><body><ul class='dropdown-menu'><li><a href='/autor/juan-perez.html'>Juan Pérez</a></li>"
                 "</ul><h1>Policía detiene</h1><p>La policía detuvo a dos personas.</p></body></html>",
                 "Policía detiene", None, id="columnists_in_a_menu_are_not_the_byline"),
    pytest.param("<html><body><header class='article-header__teaser-box'><h1>Ruhig durch den Winter</h1>"
                 "<a rel='author' class='article-author__name' href='/18-x'>Ulla Brandt</a></header>"
                 "<div class='teaser'><span class='author'>Omar Lind</span></div><p>Text.</p></body></html>",
                 "Ruhig durch den Winter", "Ulla Brandt", id="the_articles_header_is_not_a_teaser_even_when_named_so"),
    pytest.param("<html><body><h1>Der Solarweg</h1><p>Von <a class='author' href='/a'>Hanna Berg</a> und "
                 "<a class='author' href='/b'>Omar Lind</a></p><p>Das Dorf baut ein Netz.</p></body></html>",
                 "Der Solarweg", "Von Hanna Berg und Omar Lind", id="several_marked_names_on_one_line"),
]


@pytest.mark.parametrize("page, title, expected", FOUND)
def test_the_byline_found(page, title, expected):
    assert VisibleByline(html.fromstring(page), title, []).find() == expected




@pytest.mark.parametrize("line, expected", [
    ("<p>Von: Rita Berger</p>", "Von: Rita Berger"),
    ("<small>11.03.2021 | 09:45 Uhr | Uta Lindner</small>", "Uta Lindner"),
    ("<span>17.06.2020 - Redaktion: Ernst Faber (Pressesprecher)</span>", "Ernst Faber"),
])
def test_byline_lines_under_the_headline(line, expected):
    # the empty <h1> a logo leaves must not be taken for the headline
    page = html.fromstring(f"<html><body><h1></h1>{'<p>Menü</p>' * 200}<h1>Der Solarweg</h1>{line}"
                           "<p>Das Dorf baut ein eigenes Netz.</p></body></html>")
    assert VisibleByline(page, "Der Solarweg", []).find() == expected


def test_authors_of_teasers_give_way_to_the_articles_own():
    names = ["Hanna Berg", "Omar Lind", "Petra Sand", "Karl Weiss", "Lena Voss"] * 10
    teasers = "".join(f"<div class='slider-teaser'><span class='teaser__author'>{n}</span></div>" for n in names)
    page = html.fromstring(f"<html><body>{teasers}<h1>Ruhig durch den Winter</h1><div class='article-authors'>von "
                           "<span class='author__name'>Ulla Brandt</span></div><p>Text.</p></body></html>")
    assert VisibleByline(page, "Ruhig durch den Winter", []).find() == "von Ulla Brandt"


def test_chinese_editor_label_under_the_text():
    paragraphs = "".join(f"<p>第{i}段新闻内容。</p>" for i in range(120))
    page = html.fromstring(f"<html><body><h1>城市的声音</h1>{paragraphs}<div class='p-tags'><span>【纠错】 责任编辑： \n李明 \n</span>"
                           "</div></body></html>")
    assert VisibleByline(page, "城市的声音", []).find() == "李明"




def test_a_login_with_an_initial_is_completed_from_the_page():
    page = html.fromstring("<html><body><h1>Zinsen steigen</h1><p class='meta'>Rainer Vosberg</p>"
                           "<p>Die Märkte reagieren.</p></body></html>")
    assert VisibleByline(page, "Zinsen steigen", []).complete("r.vosberg") == "Rainer Vosberg"
