"""How often each kind of date signal gives the labelled publication day, the weights the vote uses
(log-odds, Laplace-smoothed) and the vote's accuracy when one set's weights come from the other set.

usage: python eval/date_signals.py [--shared ../shared]"""
from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
SETS = ("traf-pages", "fundus-dev")
sys.path.insert(0, str(ROOT))

from toolkit.extract import dates as date_vote  # noqa: E402
from toolkit.extract.html import URL_DATE, Page  # noqa: E402
from toolkit.extract.html.dates import date_candidates, htmldate_day  # noqa: E402
from toolkit.normalize.dates import parse_date  # noqa: E402
from toolkit.records import RawRecord  # noqa: E402

Signals = tuple[str, str, list, list, list]  # set, labelled day, published, late, modified


def collect(shared: Path) -> list[Signals]:
    sys.path.insert(0, str(shared / "eval"))
    import score_html

    rows = []
    for name in SETS:
        for page in score_html.load(str(shared / "eval" / name)):
            if not page.get("date"):
                continue
            parsed = Page(RawRecord(page["file"], "warc", 0, page["html"], {"url": page["url"]}))
            published, modified = date_candidates(parsed)
            found = htmldate_day(parsed, None)
            late = [(found, "htmldate", "htmldate")] if found else []
            m = URL_DATE.search(page["url"])
            late += [(f"{m[1]}-{m[2]}-{m[3]}", "url", "url:date-in-path")] if m else []
            rows.append((name, page["date"], published, late, modified))
    return rows


def day(value: str) -> str | None:
    d = parse_date(value)
    return None if d is None else (d.local or d.value).date().isoformat()


def first_signals(row: Signals):
    seen = set()
    for value, kind, _ in row[2] + row[3]:
        if kind not in seen and day(value):
            seen.add(kind)
            yield kind, day(value)


def weights(rows: list[Signals]) -> dict[str, float]:
    right: dict[str, list[int]] = defaultdict(lambda: [1, 2])
    for row in rows:
        for kind, d in first_signals(row):
            right[kind][0] += d == row[1]
            right[kind][1] += 1
    return {k: round(math.log(a / (n - a)), 2) for k, (a, n) in right.items()}


def accuracy(rows: list[Signals], w: dict[str, float]) -> float:
    hits = 0
    with mock.patch.dict(date_vote.WEIGHTS, w, clear=True):
        for _, want, published, late, modified in rows:
            chosen = date_vote.vote(published, late, [d for d in (parse_date(v) for v, _, _ in modified) if d], None)
            hits += bool(chosen) and day(chosen.value) == want
    return hits / len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    rows = collect(Path(parser.parse_args().shared))
    for name in SETS:
        mine = [r for r in rows if r[0] == name]
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for row in mine:
            for kind, d in first_signals(row):
                counts[kind][0] += d == row[1]
                counts[kind][1] += 1
        print(name, ", ".join(f"{k} {a}/{n}" for k, (a, n) in sorted(counts.items())))
    print("pooled weights:", weights(rows))
    print("shipped weights:", dict(date_vote.WEIGHTS))
    for name in SETS:
        mine, other = [r for r in rows if r[0] == name], [r for r in rows if r[0] != name]
        print(f"{name}: vote with shipped weights {accuracy(mine, dict(date_vote.WEIGHTS)):.3f}, "
              f"with the other set's weights {accuracy(mine, weights(other)):.3f} ({len(mine)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
