"""Detected languages against the pages' own <html lang>, on flat dumps whose language is not used.

    python eval/language_eval.py [SHARED_EVAL_DIR] [--flat SET --pages SET]

Each flat dump of `flat-fundus-dev` is read as the toolkit reads it, its declared language left aside;
the language is detected from the body (toolkit.normalize.language) and compared with the primary subtag
of the <html lang> of the same page in `fundus-dev` (Norwegian Bokmål and Nynorsk count as Norwegian).
Prints the agreement and what detection costs against the whole read of the dumps."""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from toolkit.normalize.language import SURE, _primary, detect_language  # noqa: E402
from toolkit.build import records_of  # noqa: E402

HTML_LANG = re.compile(rb"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})", re.I)


def html_lang(path: str) -> str | None:
    with (gzip.open(path) if path.endswith(".gz") else open(path, "rb")) as f:
        m = HTML_LANG.search(f.read(200_000))
    return _primary(m[1].decode()) if m else None


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", nargs="?", default=os.environ.get("MPT_SHARED", "../shared") + "/eval")
    ap.add_argument("--flat", default="flat-fundus-dev")
    ap.add_argument("--pages", default="fundus-dev")
    args = ap.parse_args(argv)
    with open(os.path.join(args.shared, args.pages, "pages.jsonl"), encoding="utf-8") as f:
        files = {row["url"]: row["file"] for row in map(json.loads, f)}
    agree = total = 0
    read_seconds = detect_seconds = 0.0
    for dump in sorted(glob.glob(os.path.join(args.shared, args.flat, "*.txt"))):
        started = time.perf_counter()
        records = [r for r in records_of(dump) if isinstance(r, dict)]
        read_seconds += time.perf_counter() - started
        for record in records:
            page = files.get(record["url"])
            found = glob.glob(os.path.join(args.shared, args.pages, "html", page + "*")) if page else []
            lang = html_lang(found[0]) if found else None
            if lang is None:
                continue
            started = time.perf_counter()
            detected = detect_language(record["body"])
            detect_seconds += time.perf_counter() - started
            total += 1
            agree += bool(detected and detected[1] >= SURE and _primary(detected[0]) == lang)
    result = {"pages": total, "agreement": agree / total if total else 0.0,
              "cost": detect_seconds / read_seconds if read_seconds else 0.0}
    print(f"language {args.flat}: {total} pages with <html lang>: detected agrees on {result['agreement']:.3f}; "
          f"detection {detect_seconds:.2f} s, {100 * result['cost']:.1f} % of reading the dumps ({read_seconds:.1f} s)")
    return result


if __name__ == "__main__":
    main()
