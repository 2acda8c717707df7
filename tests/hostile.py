"""A hostile corpus: inputs that have broken builds, each with the outcome a build must give.

`write(folder, bomb_mb)` writes every case under `folder` and returns the expectations: for each
input path (relative to `folder`), what becomes of it: rows with their exact titles, and rejects
with their reason categories. Bombs are streamed to disk, so `bomb_mb` may be far larger than
memory (`python tests/hostile.py OUT --bomb-mb 10240` writes 10 GiB bombs for a benchmark); the
tests use small ones with a small `--max-record-mb`. Every text here is invented."""
from __future__ import annotations

import argparse
import codecs
import gzip
import hashlib
import io
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# Invented articles: (title, body) in several scripts, long enough to be read as articles.
FR = ("Le port de Brest a réuni les pêcheurs à l'aube",
      "Les pêcheurs se sont réunis à l'aube sur le quai de Brest pour discuter des quotas. Après une longue "
      "matinée, le comité régional a annoncé une réunion avec la préfecture. « Nous voulons être entendus », a "
      "déclaré un armateur. Les élus ont promis une réponse avant la fin du mois, et les marins ont regagné "
      "leurs bateaux dans le calme. La criée a rouvert à midi, où les prix du bar et de la sole étaient stables.")
RU = ("Мэрия открыла новый мост через реку",
      "В субботу мэрия города торжественно открыла новый пешеходный мост через реку. На церемонии выступили "
      "строители и жители соседних районов. По словам инженеров, мост выдерживает сильный ветер и рассчитан на "
      "пятьдесят лет службы. Горожане говорят, что теперь дорога до рынка занимает всего десять минут. Вечером "
      "на мосту зажгли новые фонари, и многие семьи пришли на прогулку.")
ZH = ("城市图书馆延长周末开放时间",
      "本市图书馆宣布，从下个月起周末开放时间将延长到晚上九点。馆长表示，这一决定是根据读者的意见作出的。"
      "许多学生希望在考试前有更多的学习时间，而上班族也希望周末能够借阅新书。图书馆还将增加一个儿童阅读区，"
      "并举办每周一次的讲座。市民普遍对这一变化表示欢迎，认为这有助于营造良好的阅读氛围。"
      "据了解，图书馆去年接待读者超过五十万人次，其中青少年读者的比例明显上升。工作人员说，延长开放时间后，"
      "他们会调整排班，保证每个阅览室都有人值守。")
JA = ("市民マラソンに一万人が参加",
      "日曜日に行われた市民マラソンには、およそ一万人のランナーが参加しました。朝から晴れて気温も低く、"
      "多くの参加者が自己ベストを更新したと話していました。沿道では地元の高校生が太鼓を演奏し、選手たちを"
      "励ましました。大会の実行委員会は、来年はコースの一部を変更して、さらに多くの人が参加できるように"
      "したいと話しています。大会の後には、参加者に地元の野菜を使った温かい汁物がふるまわれました。"
      "初めて参加したという大学生は、「途中で苦しくなったが、応援のおかげで最後まで走ることができた」と笑顔で"
      "話していました。")
EN = ("Harbour council approves new ferry timetable",
      "The harbour council approved a new ferry timetable on Tuesday after a long debate about early morning "
      "crossings. Commuters had asked for a sailing before seven, and the operator agreed to add one on "
      "weekdays from next month. Councillors said the change would cost little because the crew already "
      "starts at dawn. The timetable will be reviewed in the spring.")


WORDS = ("harbour council ferry morning crossing timetable weekday operator crew dawn spring review debate "
         "commuter sailing change cost budget island pier captain weather storm tide route ticket fare season "
         "passenger vote meeting report chairman agreement contract engine repair winter summer service").split()


def prose(seed: int, words: int) -> str:
    """Text that does not repeat itself, so that it compresses like real text (no long back-references)."""
    import random

    rng = random.Random(seed)
    sentences = []
    while sum(len(x.split()) for x in sentences) < words:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
        sentences.append(sentence.capitalize() + f" {rng.randint(10, 9999)}.")
    return " ".join(sentences)


def dump(url: str, title: str, body: str, *, extra: list[str] | None = None, month: str = "2024-03") -> str:
    """A flat dump as make_flat writes one: header, headline twice, dates, body, publisher, locale."""
    blocks = [f" date {month} {url}", title, title, "2024-03-05T08:30:00+01:00", body,
              "Harbour Gazette harbourgazette.example 600 60", *(extra or [])]
    return "\n\n".join(blocks) + "\n"


@dataclass
class Expect:
    """What a build must make of one input: titles of its rows, categories of its rejects."""

    rows: list[str] = field(default_factory=list)
    rejects: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # field -> a rule a row's field_sources must hold


def _gzip_stream(path: Path, prefix: bytes, filler: int, size: int, suffix: bytes = b"") -> None:
    """A gzip file of prefix + `size` bytes of `filler` + suffix, written without holding it in memory."""
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(prefix)
        block = bytes([filler]) * (1 << 20)
        left = size
        while left > 0:
            f.write(block[: min(left, len(block))])
            left -= len(block)
        f.write(suffix)


def _warc_record(uri: str, payload: bytes, *, kind: str = "response", length_delta: int = 0,
                 content_type: str = "text/html; charset=utf-8") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + payload
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T08:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{hashlib.sha1(uri.encode()).hexdigest()[:32]}>\r\nContent-Type: application/http; msgtype={kind}\r\n"
            f"Content-Length: {len(http) + length_delta}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _page(title: str, body: str, head: str = "", url: str | None = None, charset: str | None = "utf-8",
          lang: str | None = "en") -> bytes:
    link = f'<link rel="canonical" href="{url}">' if url else ""
    declared = f'<meta charset="{charset}">' if charset else ""
    language = f' lang="{lang}"' if lang else ""
    return (f"<!doctype html><html{language}><head>{declared}<title>{title}</title>{link}"
            f"<meta property=\"og:title\" content=\"{title}\">{head}</head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{p}.</p>" for p in body.split(". ")) + "</article></body></html>").encode("utf-8")


def write(folder: str | Path, bomb_mb: int = 8) -> dict[str, Expect]:
    root = Path(folder)
    expect: dict[str, Expect] = {}

    def put(rel: str, data: bytes | str, outcome: Expect) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expect[rel] = outcome

    # -- encodings: each dump decoded on its own, titles exact ------------------------------
    bad = bytearray(dump("https://enc.example/bad-bytes", *FR).encode("utf-8"))
    for word in (b"quai", b"comit", b"pr\xc3\xa9fecture", b"calme"):  # a letter of each word becomes a bad byte
        bad[bytes(bad).index(word) + 1] = 0xFF
    put("enc/utf8_bad_bytes.txt", bytes(bad), Expect([FR[0]], rules={"encoding": "utf-8 from valid-utf-8; 4 bad bytes replaced"}))
    put("enc/koi8r.txt", dump("https://enc.example/ru", *RU, extra=["ru_RU"]).encode("koi8-r"),  # KOI8-U reads it the same
        Expect([RU[0]], rules={"encoding": "koi8-u from detected:chardetng"}))
    put("enc/gb18030.txt", dump("https://enc.example/zh", *ZH).encode("gb18030"), Expect([ZH[0]]))
    put("enc/shift_jis.txt", dump("https://enc.example/ja", *JA).encode("shift_jis"), Expect([JA[0]]))
    text = dump("https://enc.example/utf16", *FR)
    put("enc/utf16le_bom.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"), Expect([FR[0]]))
    put("enc/utf16be_bom.txt", codecs.BOM_UTF16_BE + text.replace("utf16", "utf16be").encode("utf-16-be"), Expect([FR[0]]))
    put("enc/utf16le_nobom.txt", text.replace("utf16", "utf16nobom").encode("utf-16-le"), Expect([FR[0]]))
    put("enc/utf8_bom.txt", codecs.BOM_UTF8 + dump("https://enc.example/bom", *FR).encode("utf-8"), Expect([FR[0]]))
    put("enc/cp1252.txt", dump("https://enc.example/cp1252", *FR).encode("cp1252"), Expect([FR[0]]))
    mixed = dump("https://enc.example/mixed-1", *FR).encode("utf-8") + b"\n" + \
        dump("https://enc.example/mixed-2", FR[0] + " (suite)", FR[1]).encode("cp1252")
    put("enc/mixed.txt", mixed, Expect([FR[0], FR[0] + " (suite)"]))
    put("enc/surrogate.jsonl", '{"url": "https://enc.example/surrogate", "title": "Broken \\ud800 title", '
        f'"text": {json.dumps(EN[1])}}}\n', Expect(["Broken \ufffd title"], rules={"title": "text:lone-surrogates-replaced"}))
    put("enc/nul_bytes.txt", dump("https://enc.example/nul", EN[0], EN[1].replace("Tuesday", "Tues\x00day")),
        Expect([EN[0]]))
    # pages, as users met them: undeclared windows-1252, a label the Standard lists that lxml does not know,
    # UTF-16 with a mark, a stale GB2312 <meta> over UTF-8, a label that names no encoding
    put("enc/page_cp1252_undeclared.html", _page(FR[0], FR[1], url="https://enc.example/page-cp1252", charset=None, lang=None)
        .decode().encode("cp1252"), Expect([FR[0]], rules={"encoding": "windows-1252 from detected:chardetng"}))
    put("enc/page_koi8_r_label.html", _page(RU[0], RU[1], url="https://enc.example/page-koi8", charset="koi8_r", lang=None)
        .decode().encode("koi8-r"), Expect([RU[0]], rules={"encoding": "koi8-r from meta"}))
    put("enc/page_utf16.html", codecs.BOM_UTF16_LE + _page(FR[0], FR[1], url="https://enc.example/page-utf16", lang=None)
        .decode().encode("utf-16-le"), Expect([FR[0]], rules={"encoding": "utf-16le from bom"}))
    put("enc/page_stale_gb2312.html", _page(ZH[0], ZH[1], url="https://enc.example/page-zh", charset="GB2312", lang=None),
        Expect([ZH[0]], rules={"encoding": "utf-8 from utf8-over-stale-meta (gbk declared)"}))
    put("enc/page_cp775_label.html", _page(FR[0] + " (cp775)", FR[1], url="https://enc.example/page-cp775",
                                           charset="cp775", lang=None).decode().encode("cp1252"),
        Expect([FR[0] + " (cp775)"], rules={"encoding": "windows-1252 from detected:chardetng"}))
    name = os.fsdecode(b"enc/caf\xe9-latin1-name.txt")
    put(name, dump("https://enc.example/name", *EN), Expect([EN[0]]))

    # -- bombs: bounded memory, the rest of the file still read -----------------------------
    size = bomb_mb << 20
    good = dump("https://bomb.example/after-zeros", *EN).encode("utf-8")
    (root / "bomb").mkdir(parents=True, exist_ok=True)
    _gzip_stream(root / "bomb/zeros.txt.gz", b" date 2024-03 https://bomb.example/zeros\n\n", 0, size,
                 b"\n" + good)
    expect["bomb/zeros.txt.gz"] = Expect([EN[0]], ["too large"])
    def line(name: str) -> bytes:
        return json.dumps({"url": f"https://bomb.example/{name}", "title": EN[0], "text": EN[1]}).encode() + b"\n"

    _gzip_stream(root / "bomb/zeros.jsonl.gz", b'{"text": "', ord("a"), size, b'"}\n' + line("after-line"))
    expect["bomb/zeros.jsonl.gz"] = Expect([EN[0]], ["too large"])
    _gzip_stream(root / "bomb/page.html.gz", b"<html><body><p>", ord(" "), size, b"</p></body></html>")
    expect["bomb/page.html.gz"] = Expect([], ["too large"])
    with gzip.open(root / "bomb/payload.warc.gz", "wb", compresslevel=1) as f:  # one member: warcio reads it
        f.write(_warc_record("https://bomb.example/small", _page(*EN)))
    with open(root / "bomb/payload.warc.gz", "ab") as raw:
        gz = zlib.compressobj(1, zlib.DEFLATED, 31)
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>"
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/big\r\n"
                f"WARC-Date: 2024-03-05T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{1:032d}>\r\n"
                f"Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http) + size}\r\n\r\n").encode() + http
        raw.write(gz.compress(head))
        block = b" " * (1 << 20)
        for _ in range(bomb_mb):
            raw.write(gz.compress(block))
        raw.write(gz.compress(b"\r\n\r\n") + gz.flush())
        raw.write(gzip.compress(_warc_record("https://bomb.example/after-payload", _page(EN[0] + " again", EN[1]))))
    expect["bomb/payload.warc.gz"] = Expect([EN[0], EN[0] + " again"], ["too large"])
    with open(root / "bomb/long_line.txt", "wb") as f:  # one line of `size` bytes, not compressed
        f.write(dump("https://bomb.example/long", EN[0], "").encode())
        for _ in range(bomb_mb):
            f.write(b"word " * ((1 << 20) // 5) + b"word")
        f.write(b"\n")
    expect["bomb/long_line.txt"] = Expect([], ["too large"])
    authors = [{"@type": "Person", "name": f"Writer Number{i}"} for i in range(100_000)]
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Many authors",
                     "author": authors})
    put("bomb/authors.html", _page("Many authors", EN[1], f'<script type="application/ld+json">{ld}</script>',
                                   "https://bomb.example/authors-page"),
        Expect(["Many authors"]))
    put("bomb/authors.jsonl", json.dumps({"url": "https://bomb.example/authors", "title": "Many authors in a line",
                                          "text": EN[1], "authors": [a["name"] for a in authors]}) + "\n",
        Expect(["Many authors in a line"]))
    deep = "[" * 10_000 + "]" * 10_000
    good_ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Deep junk beside"})
    put("bomb/deep_jsonld.html", _page("Deep junk beside", EN[1], f'<script type="application/ld+json">{deep}</script>'
                                       f'<script type="application/ld+json">{good_ld}</script>',
                                       "https://bomb.example/deep-jsonld"),
        Expect(["Deep junk beside"]))
    put("bomb/deep.jsonl", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + line("after-deep").decode(),
        Expect([EN[0]], ["not a JSON object"]))
    put("bomb/many_blocks.txt", dump("https://bomb.example/blocks", EN[0], EN[1],
                                     extra=[f"term{i}" for i in range(100_000)]), Expect([EN[0]]))
    put("bomb/nested.html", b'<html><head><title>Nested</title><link rel="canonical" href="https://bomb.example/'
        b'nested"></head><body>' + b"<div>" * 50_000 + f"<p>{EN[1]}</p>".encode() + b"</div>" * 50_000 +
        b"</body></html>", Expect([], ["not an article"]))  # the parser stops at its depth limit: no text

    # -- broken containers (each file its own URLs, so no row is another's duplicate) ----------
    def two(tag: str) -> bytes:  # the second dump long and unrepeated: cutting the file's end cuts only it
        return (dump(f"https://broken.example/{tag}/one", *EN) + "\n" +
                dump(f"https://broken.example/{tag}/two", EN[0] + " 2", prose(2, 6000))).encode()

    def rec(tag: str, title: str, delta: int = 0) -> bytes:
        return _warc_record(f"https://warc.example/{tag}/{title.split()[0].lower()}", _page(title, EN[1]),
                            length_delta=delta)

    packed = gzip.compress(two("cut"))
    put("broken/truncated.txt.gz", packed[: len(packed) - 40], Expect([EN[0]], ["truncated"]))
    corrupt = bytearray(gzip.compress(two("corrupt")))
    corrupt[-2000: -1984] = b"\x00" * 16  # damage in the second dump
    put("broken/corrupt.txt.gz", bytes(corrupt), Expect([EN[0]], ["damaged"]))
    put("broken/trailing_garbage.txt.gz", gzip.compress(two("trailing")) + b"this is not gzip",
        Expect([EN[0], EN[0] + " 2"], ["damaged"]))
    put("broken/cut.warc", rec("cut", "First page") + rec("cut", "Second page")[:-200], Expect(["First page"], ["truncated"]))
    put("broken/cut.warc.gz", gzip.compress(rec("cutgz", "First page")) + gzip.compress(rec("cutgz", "Second page"))[:-60],
        Expect(["First page"], ["truncated"]))
    put("broken/short_length.warc", rec("short", "First page", -50) + rec("short", "Second page"),
        Expect(["Second page"], ["damaged"]))
    put("broken/long_length.warc", rec("long", "First page", 300) + rec("long", "Second page") + rec("long", "Third page"),
        Expect(["Third page"], ["damaged", "damaged"]))
    put("broken/long_length.warc.gz", gzip.compress(rec("longgz", "First page", 300)) + gzip.compress(rec("longgz", "Second page")),
        Expect(["Second page"], ["truncated"]))
    damaged_member = bytearray(gzip.compress(rec("member", "Second page"), mtime=0))
    damaged_member[40:80] = b"\x00" * 40  # a gzip member that cannot be inflated: reading resumes at the next
    put("broken/damaged_member.warc.gz", gzip.compress(rec("member", "First page")) + bytes(damaged_member)
        + gzip.compress(rec("member", "Third page")), Expect(["First page", "Third page"], ["damaged"]))
    noise = " ".join(hashlib.sha1(str(i).encode()).hexdigest() for i in range(1500))  # compresses past one read
    late_damage = bytearray(gzip.compress(_warc_record("https://warc.example/late/second", _page("Second page", noise)),
                                          mtime=0))
    late_damage[-300:-260] = b"\x00" * 40  # inflates part-way, then fails: warcio alone would stop reading here
    put("broken/late_damage.warc.gz", gzip.compress(rec("late", "First page")) + bytes(late_damage)
        + gzip.compress(rec("late", "Third page")), Expect(["First page", "Third page"], ["damaged"]))
    put("broken/garbage_between.warc", rec("garbage", "First page") + b"\x00garbage that is no record\r\n" * 5 +
        rec("garbage", "Second page"), Expect(["Second page"], ["damaged"]))
    put("broken/skipped.warc", _warc_record("https://warc.example/skipped/req", b"", kind="request") +
        rec("skipped", "First page") + _warc_record("https://warc.example/img.png", b"\x89PNG", content_type="image/png"),
        Expect(["First page"], ["skipped: request record", "skipped: not HTML"]))
    put("broken/not_a.warc", b"WARC/1.0\r\n" + b"\xff\xfe junk " * 50, Expect([], ["damaged"]))
    put("broken/empty.txt.gz", gzip.compress(b""), Expect([], ["empty input"]))
    put("broken/zero_bytes.txt", b"", Expect([], ["empty input"]))
    put("broken/mixed_lines.jsonl", "{not json\n[1, 2]\n" + line("after-bad-lines").decode(),
        Expect([EN[0]], ["not a JSON object"] * 2))
    put("broken/number_first.jsonl", "42\n" + "".join(line(f"after-number-{i}").decode() for i in range(3)),
        Expect([EN[0]] * 3, ["not a JSON object"]))
    # dumps saved without a final newline and joined by `cat`, one gzip member each, cut at 60%: the
    # complete dumps before the cut are rows, the cut one a reject
    glued = [dump(f"https://broken.example/glued/{i}", f"{EN[0]} {i}", prose(10 + i, 400)).rstrip("\n") for i in range(3)]
    members = b"".join(gzip.compress(d.encode(), mtime=0) for d in glued)
    put("broken/glued_cut.txt.gz", members[: int(len(members) * 0.6)], Expect([f"{EN[0]} 0"], ["truncated"]))
    put("broken/glued.txt", "".join(d.replace("/glued/", "/glued-plain/") for d in glued),
        Expect([f"{EN[0]} {i}" for i in range(3)]))
    put(".hidden_dump.txt", dump("https://broken.example/hidden", *EN), Expect([], ["skipped: hidden"]))
    put("broken/image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, Expect([], ["binary data, not text"]))
    put("broken/header_only.txt", " date 2024-03 https://broken.example/header\n", Expect([], ["no article body"]))

    # -- injection: data is data --------------------------------------------------------------
    put("inj/evil_outlet.txt", dump("https://inj.example/evil", *EN).replace(
        "Harbour Gazette harbourgazette.example 600 60", "Evil | Outlet [click](javascript:alert(1)) <b>x</b> 600 60"),
        Expect([EN[0]]))
    put("inj/evil_outlet.jsonl", json.dumps({"url": "https://inj.example/evil-line", "title": "Evil line", "text": EN[1],
                                             "sitename": "Evil | Outlet [click](javascript:alert(1)) <b>x</b>"}) + "\n",
        Expect(["Evil line"]))
    put("inj/js_urls.jsonl", json.dumps({"url": "https://inj.example/js", "title": "Script links", "text": EN[1],
                                        "image": "javascript:alert(1)",
                                        "authors": [{"name": "Ann Example", "url": "file:///etc/passwd"}]}) + "\n",
        Expect(["Script links"], rules={"image_url": "dropped:not-an-http-url (jsonl:image)",
                                        "byline.authors.url": "dropped:not-an-http-url"}))
    put("inj/ftp_page.txt", dump("ftp://inj.example/file", *EN), Expect([], ["not an http(s) URL"]))
    return expect


def write_fs_tricks(folder: str | Path) -> dict[str, Expect]:
    """File-system cases, beside write(): links, loops, a FIFO, a device, an earlier build's folder."""
    root = Path(folder) / "fs"
    root.mkdir(parents=True, exist_ok=True)
    os.symlink("missing-target.txt", root / "dangling.txt")
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink("/dev/zero", root / "zero.txt")
    os.mkfifo(root / "fifo.txt")
    os.symlink("..", root / "parent")  # a folder loop: fs/parent/fs/parent/...
    build = root / "old_build"
    (build / "data").mkdir(parents=True)
    (build / "manifest.json").write_text(json.dumps({"generator": "media-provenance-toolkit", "counts": {}}))
    (build / "data" / "train-00000-of-00001.parquet").write_bytes(b"PAR1")
    return {
        "fs/dangling.txt": Expect([], ["dangling symbolic link"]),
        "fs/loop.txt": Expect([], ["symbolic link loop"]),
        "fs/zero.txt": Expect([], ["not a regular file"]),
        "fs/fifo.txt": Expect([], ["not a regular file"]),
        "fs/parent": Expect([], ["skipped: symbolic link loop"]),
        "fs/old_build": Expect([], ["skipped: a dataset folder written by mpt, not input"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--bomb-mb", type=int, default=8)
    args = parser.parse_args()
    expect = write(args.out, args.bomb_mb)
    expect.update(write_fs_tricks(args.out))
    with io.open(os.path.join(args.out, "..", "hostile-expect.json"), "w", encoding="utf-8") as f:
        json.dump({os.fsencode(k).decode("utf-8", "backslashreplace"): vars(v) for k, v in expect.items()}, f, indent=1)


if __name__ == "__main__":
    main()
