"""Pages in legacy encodings, UTF-8 and UTF-16, declared right, with another label, not at all and wrongly:
does the exact title and first paragraph come back? The toolkit against trafilatura.

    python eval/encodings_eval.py [SHARED_EVAL_DIR] [--per-language N] [--verbose]

The texts are the labelled articles of the evaluation sets (title and body, from every `truth.jsonl` and
`pages.jsonl`), their language detected from the body, at most N a language. Each article becomes a few
pages, read in memory: in each legacy encoding its language was written in
(where the encoding holds the title and the paragraphs), declared by `<meta charset>`, by
`http-equiv`, by another label the Encoding Standard lists, not at all, and by the HTTP header of a
WARC-like transport; in UTF-8 declared, undeclared, under a stale legacy `<meta>` and under a byte-order
mark that contradicts its `<meta>`; in UTF-16 with a byte-order mark, with and without a `<meta>`. The
variants are dealt round-robin, so every article gets some and every state is measured on every script.

A page is right when its record's title equals the article's title and a line of its body equals the
first paragraph (whitespace folded). Prints the share right by encoding family and declaration state,
for both tools, and returns the totals. `--compare-detectors` measures the detectors on undeclared pages."""
from __future__ import annotations

import argparse
import collections
import glob
import html
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from toolkit.extract.html import strip_site_name  # noqa: E402
from toolkit.records import RawRecord  # noqa: E402

GLUED = re.compile(r"\w[.!?]([^\W\d_])\w")

# The legacy encodings each language was written in on the web, with a second label the Standard lists.
LEGACY = {
    "ru": ["windows-1251", "koi8-r", "ibm866", "iso-8859-5"], "uk": ["windows-1251", "koi8-u"], "bg": ["windows-1251"],
    "ja": ["shift_jis", "euc-jp", "iso-2022-jp"], "zh": ["gbk", "gb18030", "big5"], "ko": ["euc-kr"],
    "ar": ["windows-1256", "iso-8859-6"], "fa": ["windows-1256"], "he": ["windows-1255", "iso-8859-8"],
    "el": ["windows-1253", "iso-8859-7"], "tr": ["windows-1254", "iso-8859-9"], "th": ["windows-874"],
    "pl": ["windows-1250", "iso-8859-2"], "cs": ["windows-1250", "iso-8859-2"], "hu": ["windows-1250", "iso-8859-2"],
    "sk": ["windows-1250"], "hr": ["windows-1250"], "sl": ["windows-1250"], "ro": ["windows-1250"], "sq": ["windows-1250"],
    "lt": ["windows-1257", "iso-8859-13"], "lv": ["windows-1257"], "et": ["windows-1257"],
}
WESTERN = ["windows-1252", "iso-8859-15"]
OTHER_LABEL = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "ibm866": "cp866", "iso-8859-5": "iso_8859-5",
               "koi8-u": "koi8-ru", "shift_jis": "x-sjis", "euc-jp": "x-euc-jp", "iso-2022-jp": "csiso2022jp",
               "gbk": "gb2312", "gb18030": "gb18030", "big5": "x-x-big5", "euc-kr": "ks_c_5601-1987",
               "windows-1256": "cp1256", "iso-8859-6": "arabic", "windows-1255": "cp1255", "iso-8859-8": "hebrew",
               "windows-1253": "cp1253", "iso-8859-7": "greek", "windows-1254": "latin5", "iso-8859-9": "iso-ir-148",
               "windows-874": "tis-620", "windows-1250": "cp1250", "iso-8859-2": "latin2", "windows-1257": "cp1257",
               "iso-8859-13": "iso8859-13", "windows-1252": "latin1", "iso-8859-15": "latin9"}
PYTHON = {"shift_jis": "cp932", "euc-kr": "cp949", "gbk": "gbk", "big5": "big5", "windows-874": "cp874",
          "iso-2022-jp": "iso2022_jp", "koi8-u": "koi8_u"}
LEGACY_STATES = ("meta", "http-equiv", "other-label", "none", "http-header")
UNICODE_STATES = ("utf-8 meta", "utf-8 none", "utf-8 stale-meta", "utf-8 bom-over-wrong-meta", "utf-16le bom",
                  "utf-16be bom meta", "utf-16le bom meta")


def articles(shared: str, per_language: int) -> list[dict]:
    import py3langid

    seen, by_language = set(), collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(shared, "*", "truth.jsonl")) + glob.glob(os.path.join(shared, "*", "pages.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for row in map(json.loads, f):
                title = unescaped(row.get("title") or "").strip()
                body = unescaped(row.get("body") or row.get("text") or "")
                paragraphs = _paragraphs(body)
                if (not title or not paragraphs or title.casefold() in seen or len(title) > 200
                        or strip_site_name(title, None, row["url"]) != title):  # a title that names its site
                    continue
                seen.add(title.casefold())
                language = py3langid.classify(body[:3000])[0]
                by_language[language].append({"url": row["url"], "title": title, "paragraphs": paragraphs,
                                              "language": language})
    return [a for lang in sorted(by_language) for a in by_language[lang][:per_language]]


def unescaped(text: str) -> str:
    """Some labels keep the page's character references, some twice escaped ('&amp;Ccedil;')."""
    while (plain := html.unescape(text)) != text:
        text = plain
    return text


def _paragraphs(body: str) -> list[str]:
    parts = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n+", body)]
    # a paragraph glued to the next ('...Show.Toyota is') is an artifact of the label, which readers repair
    parts = [p for p in parts if len(p) >= 40 and not any(m[1].isupper() for m in GLUED.finditer(p))
             and not re.search(r"</?[a-z]+[\s>]|^\|", p)]  # some labels keep the page's markup or table rules
    return parts[:6]


def page(article: dict, declaration: str, site: str) -> str:
    esc = html.escape
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in article["paragraphs"])
    return (f"<!DOCTYPE html>\n<html>\n<head>\n{declaration}<title>{esc(article['title'])} | {esc(site)}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n<link rel="stylesheet" href="/site.css">\n'
            f"</head>\n<body>\n<header><nav><a href=\"/\">{esc(site)}</a> <a href=\"/news\">News</a></nav></header>\n"
            f"<main><article>\n<h1>{esc(article['title'])}</h1>\n{paragraphs}\n</article></main>\n"
            f"<footer><p>{esc(site)} 2024</p></footer>\n</body>\n</html>\n")


def variants(article: dict, n: int) -> list[tuple[str, str, bytes, str | None]]:
    """(family, state, bytes, transport charset) for one article; `n` deals the states round-robin."""
    site = re.sub(r"^https?://(www\.)?", "", article["url"]).split("/")[0]
    out = []
    encodings = LEGACY.get(article["language"], WESTERN)
    for i, encoding in enumerate(encodings):
        text_ok = all(_encodes(t, encoding) for t in [article["title"], *article["paragraphs"], site])
        if not text_ok:
            continue
        state = LEGACY_STATES[(n + i) % len(LEGACY_STATES)]
        declaration = {"meta": f'<meta charset="{encoding}">\n',
                       "http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">\n',
                       "other-label": f'<meta charset="{OTHER_LABEL.get(encoding, encoding)}">\n'}.get(state, "")
        out.append((encoding, state, page(article, declaration, site).encode(PYTHON.get(encoding, encoding)),
                    encoding if state == "http-header" else None))
    stale = f'<meta charset="{encodings[0]}">\n'
    for j in range(2):
        state = UNICODE_STATES[(2 * n + j) % len(UNICODE_STATES)]
        family, how = state.split(" ", 1)
        declaration = {"meta": '<meta charset="utf-8">\n', "stale-meta": stale, "bom-over-wrong-meta": stale,
                       "bom meta": '<meta charset="utf-16">\n'}.get(how, "")
        text = page(article, declaration, site)
        data = {"utf-8": text.encode("utf-8"), "utf-16le": b"\xff\xfe" + text.encode("utf-16-le"),
                "utf-16be": b"\xfe\xff" + text.encode("utf-16-be")}[family]
        if how == "bom-over-wrong-meta":
            data = b"\xef\xbb\xbf" + data
        out.append((family, how, data, None))
    return out


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(PYTHON.get(encoding, encoding))
        return True
    except UnicodeEncodeError:
        return False


def fold(text: str | None) -> str:
    """Whitespace folded and invisible characters (soft hyphens, zero-width spaces) left out."""
    text = re.sub(r"[\u00ad\u200b-\u200d\u2060\ufeff]", "", unicodedata.normalize("NFC", text or ""))
    return re.sub(r"\s+", " ", text).strip()


def right(title: str | None, body: str | None, article: dict) -> bool:
    lines = {fold(line) for line in (body or "").split("\n")}
    return fold(title) == fold(article["title"]) and fold(article["paragraphs"][0]) in lines


def toolkit_reads(data: bytes, url: str, http_charset: str | None) -> tuple[str | None, str | None, str]:
    from toolkit.build.stages import load_registry, process_record

    meta = {"url": url, **({"http_charset": http_charset} if http_charset else {})}
    row = process_record(RawRecord("page.html", "html", 0, data, meta), load_registry(()))
    if not isinstance(row, dict):
        return None, None, f"reject: {row.reason}"
    encoding = next((s["rule"] for s in row["provenance"]["field_sources"] if s["field"] == "encoding"), "")
    return row.get("title"), row.get("body"), encoding


def trafilatura_reads(data: bytes, url: str) -> tuple[str | None, str | None]:
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(data, url=url, with_metadata=True)
    except Exception:
        return None, None
    return (getattr(doc, "title", None), getattr(doc, "text", None)) if doc is not None else (None, None)


def compare_detectors(chosen: list[dict]) -> dict[str, float]:
    """Undeclared pages in each legacy encoding their language was written in (those with a character
    outside ASCII), whole and cut to a headline and one paragraph: the share each detector reads exactly
    as written, and its time a page. chardet is measured when it is installed (it is no dependency)."""
    import time

    import charset_normalizer

    from toolkit.extract.encoding import detect, read_as

    def ours(data: bytes, url: str) -> str:
        return detect(data, url).encoding

    def normalizer(data: bytes, url: str) -> str:
        best = charset_normalizer.from_bytes(data).best()
        return best.encoding if best else "windows-1252"

    detectors = {"chardetng (the toolkit's)": ours, "charset-normalizer": normalizer}
    try:
        import chardet

        detectors["chardet"] = lambda data, url: chardet.detect(data)["encoding"] or "windows-1252"
    except ImportError:
        pass
    right: collections.Counter = collections.Counter()
    seconds: collections.Counter = collections.Counter()
    total = 0
    for article in chosen:
        site = re.sub(r"^https?://(www\.)?", "", article["url"]).split("/")[0]
        for short in (False, True):
            shown = dict(article, paragraphs=article["paragraphs"][:1]) if short else article
            for encoding in LEGACY.get(article["language"], WESTERN):
                text = page(shown, "", site)
                if not _encodes(text, encoding):
                    continue
                data = text.encode(PYTHON.get(encoding, encoding))
                if data.isascii():
                    continue
                total += 1
                for name, detector in detectors.items():
                    started = time.perf_counter()
                    guess = detector(data, article["url"])
                    seconds[name] += time.perf_counter() - started
                    try:
                        right[name] += read_as(data, guess)[0] == text
                    except LookupError:
                        pass
    for name in detectors:
        print(f"detector {name:26} {right[name]}/{total} = {right[name] / total:.3f}, "
              f"{1000 * seconds[name] / total:.2f} ms a page")
    return {name: right[name] / total for name in detectors}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", nargs="?", default=os.environ.get("MPT_SHARED", "../shared") + "/eval")
    ap.add_argument("--per-language", type=int, default=25)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--compare-detectors", action="store_true", help="only compare detectors on undeclared pages")
    args = ap.parse_args(argv)
    chosen = articles(args.shared, args.per_language)
    if args.compare_detectors:
        return compare_detectors(chosen)
    tally: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    total = collections.Counter()
    for n, article in enumerate(chosen):
        for family, state, data, http in variants(article, n):
            url = article["url"]
            title, body, rule = toolkit_reads(data, url, http)
            ours = right(title, body, article)
            theirs = right(*trafilatura_reads(data, url), article) if http is None else None
            kind = "legacy" if family not in ("utf-8", "utf-16le", "utf-16be") else family
            for key in (f"{kind} {state}", f"script {article['language']}"):
                tally[key]["pages"] += 1
                tally[key]["toolkit"] += ours
                tally[key]["trafilatura"] += bool(theirs)
                tally[key]["trafilatura pages"] += theirs is not None
            total["pages"] += 1
            total["toolkit"] += ours
            total["trafilatura pages"] += theirs is not None
            total["trafilatura"] += bool(theirs)
            if args.verbose and not ours:
                first = next((line for line in (body or "").split("\n") if line.strip()), "")
                print(f"  miss {article['language']} {family} {state} {rule!r}\n    title {title!r}\n    want  "
                      f"{article['title']!r}\n    body  {first[:150]!r}\n    want  {article['paragraphs'][0][:150]!r}")
    for key in sorted(tally):
        t = tally[key]
        print(f"{key:34} pages {t['pages']:4}  toolkit {t['toolkit'] / t['pages']:.3f}  trafilatura "
              f"{t['trafilatura'] / t['trafilatura pages'] if t['trafilatura pages'] else float('nan'):.3f}")
    result = {"articles": len(chosen), "languages": len({a["language"] for a in chosen}), "pages": total["pages"],
              "toolkit": total["toolkit"] / total["pages"],
              "trafilatura": total["trafilatura"] / max(1, total["trafilatura pages"])}
    print(f"encodings: {result['articles']} articles in {result['languages']} languages, {result['pages']} pages: "
          f"toolkit {result['toolkit']:.3f}, trafilatura {result['trafilatura']:.3f} (pages it can be given)")
    return result


if __name__ == "__main__":
    main()
