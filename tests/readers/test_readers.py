"""Readers at the level of their rules: streams, line pieces, encodings, file problems, reject kinds."""
import bz2
import codecs
import errno
import gzip
import io
import json
import lzma
import os

import pytest

from toolkit.extract.encoding import decode_text
from toolkit import formats
from toolkit.formats import read_file
from toolkit.readers import discover, streams
from toolkit.records import RecordError, Reject, RejectKind, Why, skipped


def test_pieces_keep_offsets_and_cut_long_lines():
    data = b"short\n" + b"x" * 25 + b"\nend"
    got = list(streams.pieces(iter([data[:7], data[7:20], data[20:]]), size=10))
    assert b"".join(p.data for p in got) == data
    assert [p.offset for p in got] == [0, 6, 16, 26, 32]
    assert [p.line_start for p in got] == [True, True, False, False, True]
    assert all(len(p.data) <= 10 for p in got)


def test_utf16_pieces_give_offsets_in_the_stored_bytes():
    text = "ligne une\nseconde ligne é\n"
    stored = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    got = list(streams.pieces(iter([stored[:5], stored[5:]]), "utf-16-le"))
    assert [p.text.decode() for p in got] == ["ligne une\n", "seconde ligne é\n"]
    assert got[0].offset == 2 and got[1].offset == 2 + len("ligne une\n".encode("utf-16-le"))
    assert got[1].data == "seconde ligne é\n".encode("utf-16-le")


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress])
def test_chunks_unpack_every_compression_member_by_member(compress):
    stored = compress(b"first member\n") + compress(b"second member\n")
    kind = streams.compression(stored[:6])
    assert b"".join(streams.chunks(io.BytesIO(stored), kind, size=4)) == b"first member\nsecond member\n"


def test_chunks_hand_on_what_came_before_a_cut():
    stored = gzip.compress(os.urandom(20_000).hex().encode())  # does not compress to nothing
    got = bytearray()
    with pytest.raises(EOFError):
        for chunk in streams.chunks(io.BytesIO(stored[:-100]), "gzip"):
            got += chunk
    assert len(got) > 30_000


def test_trailing_bytes_after_the_last_member_are_told_apart():
    stored = gzip.compress(b"whole\n") + b"not gzip at all"
    got = bytearray()
    with pytest.raises(streams.TrailingData):
        for chunk in streams.chunks(io.BytesIO(stored), "gzip"):
            got += chunk
    assert bytes(got) == b"whole\n"


@pytest.mark.parametrize("data, expected", [
    ("plain text of a page".encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "utf-16-be"),
    (" date 2024-01 https://x.example/a\n\nTitel".encode("utf-16-be"), "utf-16-be"),
    (b"plain ascii text of a dump", None),
    ("Привет мир, это текст".encode("utf-8"), None),
])
def test_utf16_is_recognised_by_its_zero_bytes(data, expected):
    assert streams.utf16_of(data) == expected


@pytest.mark.parametrize("data, text, rule", [
    ("Café crème".encode("utf-8"), "Café crème", "utf-8 from valid-utf-8"),
    (b"plain text", "plain text", "utf-8 from ascii-only"),
    (codecs.BOM_UTF8 + "Café".encode("utf-8"), "Café", "utf-8 from bom"),
    ("Ça a été réuni à Brest".encode("utf-8").replace(b"Brest", b"Br\xffst"), "Ça a été réuni à Br\ufffdst",
     "utf-8 from valid-utf-8; 1 bad bytes replaced"),
    ("The council’s vote at the harbour on the fjord’s “new” pier".encode("cp1252"),
     "The council’s vote at the harbour on the fjord’s “new” pier", "windows-1252 from detected:chardetng"),
    ("Tab\tand line\nkept, bell\x07 removed".encode(), "Tab\tand line\nkept, bell removed",
     "utf-8 from ascii-only; controls removed"),
])
def test_text_decoding_rules(data, text, rule):
    decoded = decode_text(data)
    assert (decoded.text, decoded.rule) == (text, rule)


def test_a_file_level_utf16_is_followed_and_binary_refused():
    decoded = decode_text(codecs.BOM_UTF16_LE + "Zürich".encode("utf-16-le"), "utf-16-le")
    assert (decoded.text, decoded.rule) == ("Zürich", "utf-16le from bom")
    assert decode_text("Zürich".encode("utf-16-be"), "utf-16-be").rule == "utf-16be from utf-16-pattern"
    with pytest.raises(RecordError, match="binary data"):
        decode_text(b"\x00\x01\x02\x03" * 100)


def test_a_locale_or_a_country_domain_tells_the_detector_where_the_text_comes_from():
    text = "Зеленский встретился с министрами в Киеве и обсудил зимнюю подготовку энергетики страны."
    assert decode_text(text.encode("cp1251"), language="ru").text == text
    assert decode_text(text.encode("koi8-r"), url="https://news.example.ru/a").text == text


def test_unreadable_and_special_paths_become_rejects(tmp_path, monkeypatch):
    os.mkfifo(tmp_path / "pipe")
    os.symlink("nowhere", tmp_path / "dangling")
    (tmp_path / "locked.txt").write_text("x")
    found = {os.path.basename(i.path): i.problem for i in discover([str(tmp_path)])}
    assert str(found["pipe"]) == "not a regular file: a FIFO (named pipe)"
    assert found["dangling"].kind == RejectKind.DANGLING_LINK and "'nowhere'" in found["dangling"].detail
    assert found["locked.txt"] is None

    def denied(path, size=65536):
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(streams, "head", denied)
    digest: dict[str, str] = {}
    items = list(read_file(str(tmp_path / "locked.txt"), digest=digest))
    assert [(type(i), i.reason) for i in items] == [(Reject, "cannot read the file: Permission denied")]


def test_a_name_that_matches_nothing_is_a_usage_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        discover([str(tmp_path / "nope-*.txt")])
    with pytest.raises(FileNotFoundError):
        discover([str(tmp_path / "nope.txt")])


@pytest.mark.parametrize("why, reason, category", [
    (skipped("request record", "WARC, not a page"), "skipped: request record (WARC, not a page)", "skipped: request record"),
    (skipped("HTTP status 404"), "skipped: HTTP status 404", "skipped: HTTP status 404"),
    (Why(RejectKind.TOO_LARGE, "the record holds 80 MB or more"), "too large: the record holds 80 MB or more", "too large"),
    (Why(RejectKind.SCHEMA, "/language: 'French' does not match"), "schema: /language: 'French' does not match", "schema"),
    (Why(RejectKind.NOT_TEXT), "binary data, not text", "binary data, not text"),
    (Why(RejectKind.BAD_URL, "'ftp://x'"), "not an http(s) URL: 'ftp://x'", "not an http(s) URL"),
])
def test_a_reject_reads_its_kind_and_detail_and_counts_by_its_kind(why, reason, category):
    reject = Reject("in.warc", 0, why)
    assert reject.reason == reason and reject.category == category
    assert reject.to_json()["reason"] == reason and reject.to_json()["category"] == category


def _whole_and_ranged(path, fmt, step, limit=1 << 20):
    from toolkit.formats import read_file
    from toolkit.readers import ranges

    def key(r):
        return type(r).__name__, r.offset, getattr(r, "data", None), getattr(r, "meta", None), getattr(r, "reason", None)

    whole = [key(r) for r in read_file(str(path), fmt, max_record_bytes=limit)]
    size = path.stat().st_size
    ranged = [key(r) for start in range(0, size, step) for r in ranges.read(str(path), fmt, start, min(size, start + step), limit)]
    return whole, ranged


def test_byte_ranges_read_what_the_whole_file_reads(tmp_path):
    from helpers import sample_dumps


    flat = tmp_path / "dumps.txt"
    flat.write_text("\n".join(sample_dumps() * 3), encoding="utf-8")
    lines = [json.dumps({"url": f"https://a.example/{k}", "text": "word " * (k * 37 % 400)}) for k in range(60)]
    lines[7] = ""  # a blank line
    lines[11] = json.dumps({"url": "https://a.example/long", "text": "x" * 5000})  # past the limit below
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_text("\n".join(lines), encoding="utf-8")  # no newline at the end
    lead = tmp_path / "lead.txt"  # text before the first header, longer than a range: rejected once, as whole
    lead.write_text("a note before the dumps\n" * 200 + "\n".join(sample_dumps()), encoding="utf-8")
    blank = tmp_path / "blank-lead.txt"  # a lead of blank lines: no reject, as whole
    blank.write_text("\n" * 3000 + "\n".join(sample_dumps()), encoding="utf-8")
    glued = tmp_path / "glued.txt"  # dumps without a final newline joined by cat: each header ends a line
    glued.write_text("".join(d.rstrip("\n") for d in sample_dumps()), encoding="utf-8")
    for path, fmt, limit in ((flat, "flat", 1 << 20), (jsonl, "jsonl", 4000), (lead, "flat", 1 << 20), (blank, "flat", 1 << 20),
                             (glued, "flat", 1 << 20)):
        assert formats.splittable(str(path), "flat" if path in (lead, blank) else None) == fmt
        for step in (1, 97, 1000, 4096, path.stat().st_size):
            whole, ranged = _whole_and_ranged(path, fmt, step, limit)
            assert ranged == whole and len(whole) > 4, (path.name, step)
    assert any(reason and "too large" in reason for *_, reason in _whole_and_ranged(jsonl, "jsonl", 500, 4000)[1])
    assert [r for *_, r in _whole_and_ranged(lead, "flat", 1000)[1] if r] == ["text before the first dump header is not part of any dump"]
    assert [r for *_, r in _whole_and_ranged(blank, "flat", 1000)[1] if r] == []
    whole = _whole_and_ranged(glued, "flat", 1000)[0]
    assert len(whole) == len(sample_dumps()) and all(kind == "RawRecord" for kind, *_ in whole)
    assert all(data.startswith(b" date ") and b" date 20" not in data[6:] for _, _, data, _, _ in whole)


def test_a_file_cut_in_ranges_that_cannot_be_read_is_one_reject(tmp_path):
    from toolkit.build.inputs import Checksum, read_inputs
    from toolkit.readers import Input

    gone = str(tmp_path / "gone.jsonl")  # planned, then removed before the workers read it
    items = [Input(gone, span=(0, 100)), Input(gone, span=(100, 200)), Input(gone, span=(200, None))]
    found = list(read_inputs(items))
    rejects = [item for item in found if isinstance(item, Reject)]
    assert len(rejects) == 1 and rejects[0].reason.startswith("cannot read the file")
    assert [item for item in found if isinstance(item, Checksum)] == [Checksum(gone, None)]  # the first range's


def test_file_urls_name_any_local_file(tmp_path):
    from toolkit import storage

    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9 50%.txt")  # not UTF-8, and a percent sign
    with open(odd, "wb") as f:
        f.write(b"x")
    url = storage.as_file_url(os.fsdecode(odd))
    assert url.isascii() and storage.local_path(url) == os.fsdecode(odd)


def test_compressed_lines_and_plain_warc_are_not_cut(tmp_path):
    import gzip


    packed = tmp_path / "lines.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"url": "https://a.example/1", "text": "x"}\n'))
    warc = tmp_path / "a.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    assert formats.splittable(str(packed), None) is None and formats.splittable(str(warc), None) is None


def _warc_gz(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for k in range(pages):
            body = (f"<html><head><title>Page {k}</title></head><body><p>" + f"word{k} " * (50 + 40 * k) + "</p></body></html>").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://ex.example/{k}", "response", payload=io.BytesIO(body),
                                                          http_headers=http))
            if k % 3 == 1:  # a request record between: skipped with its reason, in both readings
                writer.write_record(writer.create_warc_record(f"https://ex.example/{k}", "request", payload=io.BytesIO(b"GET /")))
    return path


def test_warc_gz_ranges_meet_at_gzip_members(tmp_path):

    clean = _warc_gz(tmp_path / "pages.warc.gz", 12)
    damaged = tmp_path / "damaged.warc.gz"
    data = bytearray(clean.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 40] = b"\x00" * 40  # a member in the middle no longer inflates
    damaged.write_bytes(bytes(data))
    for path in (clean, damaged):
        assert formats.splittable(str(path), None) == "warc"
        for step in (1, 333, 1500, path.stat().st_size):
            whole, ranged = _whole_and_ranged(path, "warc", step)
            assert ranged == whole and len(whole) >= 12, (path.name, step)
    reasons = [reason for *_, reason in _whole_and_ranged(damaged, "warc", 999)[0] if reason]
    assert any(r.startswith("damaged: bytes") for r in reasons) and any(r.startswith("skipped: request") for r in reasons)
