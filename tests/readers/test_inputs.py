"""WARC files written here, JSON lines shaped like news-please's and trafilatura's, format detection."""
import gzip
import io
import json

import pyarrow.parquet as pq

import pytest

from helpers import SEED, write_dump
from test_html import page

from toolkit.formats import detect_format, read_file
from toolkit.build import convert, records_of
from toolkit.records import Reject


def write_warc(path, gz=True):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = page('<meta property="og:title" content="WARC story"><meta name="author" content="Ana Lima">',
                pre="<p>By Ana Lima</p>").encode("latin-1")
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record("x.warc", {"software": "test"}))
        req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "w.example")], is_http_request=True)
        w.write_record(w.create_warc_record("https://w.example/a", "request", http_headers=req))
        ok = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=iso-8859-1")], protocol="HTTP/1.1")
        rec = w.create_warc_record("https://w.example/a", "response", payload=io.BytesIO(html), http_headers=ok,
                                   warc_headers_dict={"WARC-Date": "2024-03-05T06:07:08Z"})
        w.write_record(rec)
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://w.example/logo.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=img))
        w.write_record(w.create_revisit_record("https://w.example/a", digest="sha1:AAAA", refers_to_uri="https://w.example/a",
                                               refers_to_date="2024-03-05T06:07:08Z"))
        gone = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://w.example/gone", "response", payload=io.BytesIO(b"<html>gone</html>"), http_headers=gone))


def test_warc_records_each_end_somewhere(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    items = list(records_of(str(path)))
    records = [i for i in items if isinstance(i, dict)]
    reasons = sorted(i.reason for i in items if isinstance(i, Reject))
    assert len(records) == 1
    r = records[0]
    assert r["url"] == "https://w.example/a" and r["snapshot_date"] == "2024-03-05T06:07:08Z"
    assert r["title"] == "WARC story" and r["provenance"]["format"] == "warc" and r["provenance"]["offset"] > 0
    assert r["byline"]["authors"][0]["name"] == "Ana Lima"
    assert reasons == ["skipped: HTTP status 404", "skipped: not HTML (image/png)",
                       "skipped: request record (WARC, not a page)", "skipped: revisit record (WARC, not a page)"]
    m = convert([str(path)], str(tmp_path / "out"), workers=1)
    assert m["counts"] == {"read": 5, "written": 1, "rejected": 4, "duplicates": 0, "filtered": 0}


def test_charset_from_http_header(tmp_path):
    from toolkit.extract.encoding import decode_html

    decoded = decode_html("<html><body>Café</body></html>".encode("latin-1"), "iso-8859-1")
    assert (decoded.text, decoded.encoding, decoded.signal) == ("<html><body>Café</body></html>", "windows-1252", "http-header")
    decoded = decode_html('<html><head><meta charset="windows-1251"></head><body>Кафе</body></html>'.encode("cp1251"))
    assert (decoded.encoding, decoded.signal) == ("windows-1251", "meta")


NEWS_PLEASE = {"url": "https://np.example/2023/01/02/a", "title": "News-please story", "maintext": "Text. " * 60,
               "date_publish": "2023-01-02 10:00:00", "date_modify": None, "authors": ["Ana Lima", "Rui Costa"],
               "language": "pt", "description": "Resumo", "source_domain": "np.example", "image_url": "https://np.example/i.jpg",
               "date_download": "2023-01-03 00:00:00"}
TRAFILATURA = {"title": "Trafilatura story", "author": "Ana Lima; Rui Costa", "hostname": "tr.example",
               "date": "2023-02-03", "url": "https://tr.example/b", "text": "Body text. " * 50, "language": "de",
               "sitename": "TR Example", "categories": "Politik", "tags": "a,b", "excerpt": "Kurz"}


def test_jsonl_news_please_and_trafilatura_and_own_records(tmp_path, seed_record):
    own = dict(seed_record)
    lines = [json.dumps(NEWS_PLEASE), json.dumps(TRAFILATURA), json.dumps(own, ensure_ascii=False), "{not json", json.dumps({"url": "https://x.example/"})]
    path = write_dump(tmp_path / "in.jsonl.gz", gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    items = list(records_of(str(path)))
    np_, tr, mine, bad, empty = items
    assert np_["title"] == "News-please story" and np_["published_at"] == "2023-01-02T10:00:00Z"
    assert [a["name"] for a in np_["byline"]["authors"]] == ["Ana Lima", "Rui Costa"] and np_["language"] == "pt"
    assert tr["published_raw"] == "2023-02-03" and tr["source"]["publisher"] == "TR Example" and tr["keywords"] == ["a", "b"]
    assert [a["name"] for a in tr["byline"]["authors"]] == ["Ana Lima", "Rui Costa"] and tr["section"] == "Politik"
    assert mine["id"] == seed_record["id"] and mine["title"] == seed_record["title"]
    assert mine["published_at"] == seed_record["published_at"] and mine["keywords"] == seed_record["keywords"]
    assert isinstance(bad, Reject) and bad.reason.startswith("not a JSON object")
    assert isinstance(empty, Reject) and empty.reason.startswith("no article body")
    assert bad.offset == sum(len(line.encode("utf-8")) + 1 for line in lines[:3])  # bytes, not characters


def test_user_jsonl_mapping(tmp_path):
    from toolkit.build import convert

    path = write_dump(tmp_path / "odd.jsonl", json.dumps({"link_to": "https://odd.example/x", "story": "Words here. " * 40,
                                                           "heading": "Odd keys"}) + "\n")
    m = convert([str(path)], str(tmp_path / "out"), workers=1, jsonl_map={"url": ["link_to"], "body": ["story"], "title": ["heading"]})
    assert m["counts"]["written"] == 1
    row = pq.read_table(tmp_path / "out" / "data").to_pylist()[0]
    assert (row["url"], row["title"], row["body"].count("Words here.")) == ("https://odd.example/x", "Odd keys", 40)
    assert {"field": "title", "rule": "jsonl:heading"} in row["provenance"]["field_sources"]


SNIFFED = [
    (b" date 2022-02 https://a.example/x\n\nT", "flat"),
    (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
    (b"filedesc://crawl.arc 0.0.0.0 20240101000000 text/plain 70", "warc"),  # ARC
    (b"<!DOCTYPE html><html>", "html"),
    (b"\xef\xbb\xbf  <html lang=en>", "html"),  # a BOM and blanks before the page
    (b"<div class=story><p>Words</p></div>", "html"),  # a fragment, when nothing else claims it
    (b" date 2022-02 https://a.example/x\n\n<div>quoted markup</div>", "flat"),  # a dump quoting markup is a dump
    (b'{"url": "https://a.example"}\n', "jsonl"),
    (b'not json\n{"url": "https://a.example"}\n', "jsonl"),  # JSON lines are known by their lines, not the first
    (b'42\n[1]\n{"url": "https://a.example"}\n', "jsonl"),
    (b"not json\n42\n", None),
    (b'42\n{"body": "<p>Words</p>"}\n{"body": "<div>More</div>"}\n', "jsonl"),  # not a page with JSON in it
    (b'<div>\n{"a": 1}\n<p>text</p>\n<p>more</p>\n', "html"),  # a fragment with a JSON line stays a page
    (b"[1, 2, 3]", None),  # one JSON array is not JSON lines
    (b'[{"body": "<p>Words</p>"}]', None),  # nor HTML, though it holds markup
    (b"plain words", None),
]


@pytest.mark.parametrize("head, expected", SNIFFED)
def test_format_sniffing(head, expected):
    assert detect_format(head) == expected


def test_detection_by_content_not_extension(tmp_path):
    # mislabelled: HTML saved as .txt, a flat dump saved as .html, a WARC without .warc
    html = write_dump(tmp_path / "page.txt", page('<link rel="canonical" href="https://m.example/a">'))
    flat = write_dump(tmp_path / "dump.html", SEED.read_bytes())
    warc = tmp_path / "crawl.bin"
    write_warc(warc, gz=False)
    assert {i.format for i in read_file(str(html))} == {"html"}
    assert {i.format for i in read_file(str(flat))} == {"flat"}
    assert "warc" in {i.format for i in read_file(str(warc))}
    forced = list(read_file(str(flat), fmt="jsonl"))
    assert all(i.format == "jsonl" for i in forced)


def test_an_arc_file_is_read_as_a_crawl(tmp_path):
    """ARC, the Internet Archive's format before WARC: a file description, then one record a capture."""
    import hostile

    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + hostile._page(*hostile.EN)
    about = b"1 0 Harbour Archive\nURL IP-address Archive-date Content-type Archive-length\n"
    data = (b"filedesc://harbour.arc 0.0.0.0 20240305080000 text/plain %d\n" % len(about) + about + b"\n"
            + b"http://arc.example/harbour 127.0.0.1 20240305080000 text/html %d\n" % len(http) + http + b"\n")
    (tmp_path / "crawl.arc").write_bytes(data)
    (row,) = list(records_of(str(tmp_path / "crawl.arc")))
    assert isinstance(row, dict), row
    assert (row["url"], row["title"], row["provenance"]["format"]) == ("http://arc.example/harbour", hostile.EN[0], "warc")
    assert row["snapshot_date"].startswith("2024-03-05")
