"""Bytes to text as a browser decides (toolkit/extract/encoding.py), against the standards and others' fixtures:
the WHATWG Encoding Standard's labels, the HTML Standard's <meta> prescan (html5lib-tests' encoding cases),
and a generated corpus of pages in many scripts and encodings (tests/encoding_corpus.py) through a build."""
import codecs
import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import encoding_corpus
from helpers import assert_declared_configs_load
from hostile import _warc_record
from toolkit.extract.encoding import charset_in_content, decode_html, hint_domain, lookup, prescan, prescan_head, read_as

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "html5lib-encoding"  # from html5lib-tests (MIT, see LICENSE there)


def html5lib_cases():
    """(id, bytes, expected encoding) of every case of the html5lib-tests encoding files."""
    for path in sorted(FIXTURES.glob("*.dat")):
        blocks = path.read_bytes().split(b"#data\n")[1:]
        for n, block in enumerate(blocks):
            data, _, rest = block.partition(b"\n#encoding\n")
            yield f"{path.stem}-{n}", data, rest.split(b"\n")[0].decode()


# The one case whose answer needs a script engine: the <meta> is written by document.write().
NEEDS_SCRIPTS = {b"<!DOCTYPE HTML>\n<script>document.write('<meta charset=\"ISO-8859-' + '2\">')</script>"}
CASES = [c for c in html5lib_cases() if c[1] not in NEEDS_SCRIPTS]


def test_the_fixture_files_are_all_read():
    assert len(CASES) == 82 and len(list(html5lib_cases())) - len(CASES) == len(NEEDS_SCRIPTS)


@pytest.mark.parametrize("case_id, data, expected", CASES, ids=[c[0] for c in CASES])
def test_html5lib_encoding_cases(case_id, data, expected):
    # the fixtures give the encoding after parsing: the prescan, then a <meta> the parser meets later in
    # the <head> (our head scan); no declaration at all is the Standard's default for these, windows-1252
    if data.startswith(codecs.BOM_UTF8):
        found = "utf-8"
    else:
        found = prescan_head(data)[0] or "windows-1252"
    assert found == lookup(expected)


@pytest.mark.parametrize("label, name", [
    ("utf8", "utf-8"), ("unicode-1-1-utf-8", "utf-8"), ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"),
    ("us-ascii", "windows-1252"), ("koi8_r", "koi8-r"), ("ks_c_5601-1987", "euc-kr"), ("x-sjis", "shift_jis"),
    ("gb2312", "gbk"), ("x-gbk", "gbk"), ("big5-hkscs", "big5"), ("tis-620", "windows-874"), ("iso-8859-8-i", "iso-8859-8-i"),
    ("utf-16", "utf-16le"), ("unicodefffe", "utf-16be"), (" Windows-1251 ", "windows-1251"), ("x-user-defined", "x-user-defined"),
    ("cp775", None), ("utf-7", None), ("b'cp775'", None), ("", None),
])
def test_labels_are_the_encoding_standards(label, name):
    assert lookup(label) == name


@pytest.mark.parametrize("data, expected", [
    (b'<meta charset="iso-8859-2">', "iso-8859-2"),
    (b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>", "koi8-r"),
    (b"<meta content='text/html; charset=koi8-r'>", None),  # a content charset needs the pragma
    (b'<meta charset="utf-16">', "utf-8"),  # a document that can say so in ASCII is not UTF-16
    (b'<meta charset="x-user-defined">', "windows-1252"),
    (b'<meta charset="bogus"><meta charset="windows-1250">', "windows-1250"),
    (b'<!-- <meta charset="windows-1251"> --><meta charset="windows-1253">', "windows-1253"),
    (b'<p title="<meta charset=windows-1251>"><meta charset=windows-1254>', "windows-1254"),
    (b"<meta charset=", None),  # the bytes end inside the tag
])
def test_prescan(data, expected):
    assert prescan(data) == expected


@pytest.mark.parametrize("content, charset", [
    ("text/html; charset=utf-8", "utf-8"), ("text/html;charset = 'koi8-r'", "koi8-r"), ('charset="gbk', None),
    ("text/html; charset=", None), ("text/html", None), ("charsetcharset=latin1", "latin1"),
])
def test_charset_in_a_content_attribute(content, charset):
    assert charset_in_content(content) == charset


def _page(declaration: str, text: str = "Čeština a přízvuk") -> str:
    return f"<html><head>{declaration}<title>{text}</title></head><body><p>{text} {text}</p></body></html>"


@pytest.mark.parametrize("data, http, encoding, signal", [
    (codecs.BOM_UTF8 + _page('<meta charset="windows-1250">').encode(), None, "utf-8", "bom"),
    (codecs.BOM_UTF16_BE + _page("").encode("utf-16-be"), "windows-1250", "utf-16be", "bom"),
    (_page("").encode("cp1250"), "windows-1250", "windows-1250", "http-header"),
    (_page('<meta charset="windows-1252">').encode("cp1250"), "cp1250", "windows-1250", "http-header"),
    (_page('<meta charset="windows-1250">').encode("cp1250"), None, "windows-1250", "meta"),
    (_page("<script>" + "x" * 2000 + "</script><meta charset=windows-1250>").encode("cp1250"), None,
     "windows-1250", "meta-after-1024-bytes"),
    (_page('<meta charset="windows-1250">').encode(), None, "utf-8", "utf8-over-stale-meta (windows-1250 declared)"),
    (_page("").encode(), "iso-8859-2", "utf-8", "utf8-over-stale-http-header (iso-8859-2 declared)"),
    (_page('<meta charset="utf-8">').encode("cp1250"), None, "windows-1250", "detected:chardetng (meta says UTF-8)"),
    (_page("").encode("utf-16-le"), "utf-8", "utf-16le", "utf-16-pattern"),
    (_page("").encode(), None, "utf-8", "valid-utf-8"),
    (_page("", "plain words").encode(), None, "utf-8", "ascii-only"),
    (_page('<meta charset="nonsense">').encode("cp1250"), None, "windows-1250", "detected:chardetng"),  # the prescan goes on past a label that names nothing
    (_page("").encode("cp1250"), "nonsense", "windows-1250", "detected:chardetng ('nonsense' is no encoding label)"),
])
def test_the_signal_that_chose_the_encoding_is_named(data, http, encoding, signal):
    decoded = decode_html(data, http, "https://noviny.example.cz/a")
    assert (decoded.encoding, decoded.signal) == (encoding, signal)
    assert "Čeština a přízvuk" in decoded.text or "plain words" in decoded.text
    assert decoded.rule.startswith(f"{encoding} from {signal}")


def test_a_country_domain_or_the_declared_language_tells_the_detector_where_a_page_comes_from():
    english = "<p>Chelsea paid the \xa371.6m fee to the league this morning to sign the keeper.</p>".encode("latin-1")
    assert decode_html(english, url="https://news.example.co.uk/a").encoding == "windows-1252"
    assert decode_html(b'<html lang="en">' + english, url="https://news.example.com/a").encoding == "windows-1252"
    assert hint_domain("https://www.example.co.jp/x") == b"jp"
    assert hint_domain("https://example.com/x", "zh-Hant") == b"tw"
    assert hint_domain("https://example.com/x", "pt_BR") == b"br"
    assert hint_domain("https://example.com/x") == b"com" and hint_domain(None) is None  # generic: no hint


def test_iso_2022_jp_is_not_taken_for_ascii():
    text = "商店街に新しい図書コーナーが誕生しました。"
    decoded = decode_html(f"<html><body><p>{text}</p></body></html>".encode("iso2022_jp"))
    assert decoded.encoding == "iso-2022-jp" and text in decoded.text


# -- the generated corpus through a build ------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """Every page of the corpus: files with a --urls map, and the pages with an HTTP charset in a WARC."""
    from toolkit.build import convert

    root = tmp_path_factory.mktemp("encodings")
    pages_dir = root / "pages"
    pages_dir.mkdir()
    expected = {}
    warc = b""
    with open(root / "urls.csv", "w", newline="", encoding="utf-8") as f:
        urls = csv.writer(f)
        urls.writerow(["file", "url"])
        for page in encoding_corpus.pages():
            url = f"https://www.{page.article.host}/news/{page.name.removesuffix('.html')}"
            expected[url] = page
            if page.http_charset:
                warc += _warc_record(url, page.data, content_type=f"text/html; charset={page.http_charset}")
            else:
                (pages_dir / page.name).write_bytes(page.data)
                urls.writerow([page.name, url])
    (pages_dir / "http-headers.warc").write_bytes(warc)
    out = root / "out"
    manifest = convert([str(pages_dir)], str(out), workers=1, urls=_url_map(root / "urls.csv"), progress="quiet")
    rows = {r["url"]: r for r in pq.read_table(out / "data").to_pylist()}
    return out, manifest, rows, expected


def _url_map(path: Path) -> dict[str, str]:
    from toolkit.readers.html import load_url_map

    return load_url_map(str(path))


def test_the_corpus_build_loads(corpus_build):
    out, _manifest, _rows, _expected = corpus_build
    assert assert_declared_configs_load(out) == ["default", "clusters"]  # each text on many pages: republished


def test_every_page_of_the_corpus_gives_back_its_headline_and_paragraphs(corpus_build):
    _out, manifest, rows, expected = corpus_build
    assert manifest["counts"]["rejected"] == 0 and manifest["counts"]["written"] == len(expected) == len(rows)
    wrong = []
    for url, page in expected.items():
        row, article = rows[url], page.article
        paragraphs = row["body"].split("\n\n")
        if paragraphs and paragraphs[0] == article.title:
            paragraphs = paragraphs[1:]  # the headline heads the article's text
        if row["title"] != article.title or paragraphs != list(article.paragraphs):
            wrong.append(f"{page.name}: {row['title']!r} / {row['body'][:80]!r}")
    assert not wrong, "\n".join(wrong)


SIGNALS = {"meta": "meta", "http-equiv": "meta", "other-label": "meta", "none": "detected:chardetng",
           "http-header": "http-header", "utf8-meta-over-legacy": "detected:chardetng (meta says UTF-8)",
           "utf-8-meta": "meta", "utf-8-none": "valid-utf-8", "utf-8-stale-meta": "utf8-over-stale-meta",
           "utf-8-stale-http-header": "utf8-over-stale-http-header", "utf-8-bom-over-wrong-meta": "bom",
           "utf-16le-bom": "bom", "utf-16be-bom": "bom", "utf-16le-no-bom": "utf-16-pattern"}


def test_each_page_names_its_encoding_and_the_signal_that_chose_it(corpus_build):
    """The signal as the page's state implies; the encoding named reads the bytes as their own encoding
    does (undeclared ISO-8859-15 text that windows-1252 reads the same may be named so)."""
    _out, _manifest, rows, expected = corpus_build
    wrong = []
    for url, page in expected.items():
        rule = next(s["rule"] for s in rows[url]["provenance"]["field_sources"] if s["field"] == "encoding")
        named, _, signal = rule.partition(" from ")
        if not signal.startswith(SIGNALS[page.state]) or read_as(page.data, named)[0] != read_as(page.data, page.encoding)[0]:
            wrong.append(f"{page.name}: {rule}")
    assert not wrong, "\n".join(wrong)


def test_the_generated_pages_cover_many_scripts_and_encodings():
    pages = encoding_corpus.pages()
    encodings = {e for a in encoding_corpus.ARTICLES for e in a.encodings}
    assert len(encoding_corpus.ARTICLES) >= 15 and len(encodings) >= 20 and len(pages) >= 250
    assert {p.state for p in pages} == set(SIGNALS)
