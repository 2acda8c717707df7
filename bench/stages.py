"""make profile: where a flat record's and an HTML page's time goes, stage by stage, in one process.

    python bench/stages.py [--shared ../shared] [--flat 400] [--html 120]

The records are the evaluation sets' (flat-traf and flat-fundus-dev dumps; aeb-pages and fundus-dev
pages), processed as a worker processes a batch (`process_batch`: every record, its run and its reuse
signatures). First the wall time a record with no profiler, then each stage's share of the profiled
time (cProfile's cumulative time of the stage's function; a stage inside another is counted in both).
The next person starts from these numbers. Not a test."""
from __future__ import annotations

import argparse
import cProfile
import glob
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (stage, file suffix, function name): cProfile's cumulative time of these functions
FLAT_STAGES = [
    ("read and decode", "extract/encoding.py", "decode_text"),
    ("featurize", "extract/flat/features.py", "featurize"),
    ("  block shapes", "extract/flat/features.py", "shape_of"),
    ("  own features", "extract/flat/features.py", "own_features"),
    ("role model", "extract/flat/model.py", "probabilities"),
    ("fields from roles", "extract/flat/fields.py", "run"),
    ("normalize", "normalize/record.py", "normalize"),
    ("  body clean-up", "normalize/text.py", "clean_body"),
    ("  language", "normalize/language.py", "language_of"),
    ("  dates", "normalize/record.py", "_dates"),
    ("enrich (byline, registry)", "enrich/__init__.py", "enrich"),
    ("validate", "validate.py", "check"),
    ("write the run", "writers/parquet.py", "write_run"),
    ("reuse signatures", "reuse/stage.py", "write_signatures"),
]
HTML_STAGES = [
    ("decode", "extract/encoding.py", "decode_html"),
    ("parse (lxml)", "extract/html/page.py", "parse"),
    ("title", "extract/html/title.py", "title"),
    ("dates", "extract/html/dates.py", "dates"),
    ("  htmldate", "extract/html/dates.py", "htmldate_day"),
    ("authors", "extract/html/authors.py", "authors"),
    ("body (trafilatura)", "extract/html/body.py", "body"),
    ("normalize", "normalize/record.py", "normalize"),
    ("  language", "normalize/language.py", "language_of"),
    ("enrich (byline, registry)", "enrich/__init__.py", "enrich"),
    ("validate", "validate.py", "check"),
    ("write the run", "writers/parquet.py", "write_run"),
    ("reuse signatures", "reuse/stage.py", "write_signatures"),
]


def raw_of(paths: list[str], urls: dict[str, str] | None = None) -> list:
    from toolkit.build.inputs import raw_records
    from toolkit.readers import discover
    from toolkit.records import Reject

    return [r for r in raw_records(discover(paths), urls=urls) if not isinstance(r, Reject)]


def batch_of(raws: list, spill: str):
    from toolkit.records import Batch

    return Batch(0, raws, spill, ())


def profile(name: str, raws: list, stages: list[tuple[str, str, str]]) -> None:
    from toolkit.build.stages import process_batch

    with tempfile.TemporaryDirectory() as spill:
        process_batch(batch_of(raws[:20], spill))  # models, tables and caches loaded: steady state
        started = time.perf_counter()
        process_batch(batch_of(raws, spill))
        wall = time.perf_counter() - started
        profiler = cProfile.Profile()
        profiler.runcall(process_batch, batch_of(raws, spill))
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values())  # all functions' own time: the profiled run
    print(f"\n{name}: {len(raws)} records, {1000 * wall / len(raws):.2f} ms a record, {len(raws) / wall:.0f} records/s "
          f"in one process (no profiler)")
    print(f"  {'stage':32} {'share':>6}  {'ms a record (profiled)':>22}")
    for stage, suffix, function in stages:
        cumulative = sum(v[3] for (path, _, func), v in stats.items() if func == function and path.endswith(suffix))
        print(f"  {stage:32} {100 * cumulative / total:5.1f}%  {1000 * cumulative / len(raws):22.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("MPT_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--flat", type=int, default=400)
    ap.add_argument("--html", type=int, default=120)
    args = ap.parse_args()
    shared = Path(args.shared) / "eval"
    flat = sorted(glob.glob(str(shared / "flat-traf" / "*.txt"))) + sorted(glob.glob(str(shared / "flat-fundus-dev" / "*.txt")))
    profile("flat dumps", raw_of(flat)[: args.flat], FLAT_STAGES)
    sys.path.insert(0, str(shared))
    import score_html

    pages = score_html.load(str(shared / "aeb-pages")) + score_html.load(str(shared / "fundus-dev"))
    with tempfile.TemporaryDirectory() as tmp:
        warc = os.path.join(tmp, "pages.warc.gz")
        score_html.write_warc(pages[: args.html], warc)
        profile("HTML pages", raw_of([warc]), HTML_STAGES)


if __name__ == "__main__":
    main()
