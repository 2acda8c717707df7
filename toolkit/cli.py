"""mpt: the command line. It parses arguments and calls the build; nothing else.

Exit codes: 0 success; 1 the command ran but found problems (mpt validate on a
bad folder); 2 usage or input errors (missing files, a bad argument, recipe or
registry, an --out that must not be written to, another build on the same --out);
3 the output cannot be written (read-only folder, full disk), nothing changed;
4 an internal error (a bug: please report it); 130 interrupted (Ctrl-C, SIGTERM,
SIGHUP), nothing changed."""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import signal
import sys
from typing import Sequence

from .formats import FORMAT_NAMES
from .schema import affiliation_categories

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_CANNOT_WRITE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop and clean up as for Ctrl-C."""


def _interrupt(signum: int, _frame: object) -> None:
    raise Interrupted(signal.Signals(signum).name)


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def iso_date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def country_code(text: str) -> str:
    if len(text) != 2 or not text.isalpha():
        raise argparse.ArgumentTypeError(f"{text!r} is not a two-letter country code (ISO 3166-1, e.g. RU)")
    return text.upper()


def cmd_convert(args: argparse.Namespace) -> int:
    from .build import convert
    from .recipe import from_arguments, settings

    if not args.inputs and not args.listing:
        raise ValueError("give the inputs to read, or a --listing file that names them")
    given = settings({**from_arguments(args), "inputs": args.inputs}, None)
    convert(given.pop("inputs"), args.out, workers=args.workers, scheduler=args.scheduler, staging=args.staging,
            progress="quiet" if args.quiet else "auto", max_record_mb=args.max_record_mb, command=args.command_line,
            **given)
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .recipe import build, from_arguments

    build(args.recipe, args.out, workers=args.workers, scheduler=args.scheduler, staging=args.staging,
          progress="quiet" if args.quiet else "auto", max_record_mb=args.max_record_mb, command=args.command_line,
          overrides=from_arguments(args))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .verify import verify_folder

    _existing_folder(args.folder)
    problems = verify_folder(args.folder)
    if problems:
        print(f"{args.folder}: {len(problems)} problem(s)")
        for p in problems:
            print(f"  - {p}")
        return EXIT_PROBLEMS
    print(f"{args.folder}: valid")
    return EXIT_OK


def _existing_folder(path: str) -> None:
    """A folder named on the command line that is not there is a usage error (exit 2), not a finding."""
    if not os.path.isdir(path):
        raise FileNotFoundError(f"{path}: no such folder" if not os.path.exists(path) else f"{path}: not a folder")


def cmd_inspect(args: argparse.Namespace) -> int:
    from .build import records_of
    from .registry import load_registry
    from .readers.html import load_url_map
    from .records import Reject

    if not os.path.lexists(args.file):
        raise FileNotFoundError(f"{args.file}: no such file")
    registry = load_registry(tuple(args.registry or ()))
    urls = load_url_map(args.urls) if args.urls else None
    for item in records_of(args.file, fmt=args.format, registry=registry, urls=urls):
        # JSON lines: one object a line, for jq and json.loads line by line
        print(json.dumps({"reject": item.to_json()} if isinstance(item, Reject) else item, ensure_ascii=False))
    return EXIT_OK


def cmd_import_smm(args: argparse.Namespace) -> int:
    from .registry import validate_entries
    from .registry.smm import import_rows, write_registry

    entries, report = import_rows(args.csv)
    validate_entries(entries, args.csv)
    write_registry(entries, args.out, source=args.csv)
    print(f"{args.csv}: {report.rows} rows: imported {report.imported}, skipped {len(report.skipped)} -> {args.out}")
    reasons: dict[str, int] = {}
    for row, reason in report.skipped:
        key = reason.split(" (")[0] if reason.startswith("no usable URL") else reason.split(" ")[0] + " " + reason.split(" ")[1]
        reasons[key] = reasons.get(key, 0) + 1
    for key, count in sorted(reasons.items()):
        print(f"  skipped {count}: {key}")
    for row, reason in report.skipped:
        print(f"  row {row}: skipped: {reason}")
    for row, note in report.notes:
        print(f"  row {row}: {note}")
    return EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    from .learn import train

    missing = [p for p in args.pages if not os.path.isfile(os.path.join(p, "pages.jsonl"))]
    if missing:
        raise FileNotFoundError(f"{missing[0]}: not a pages folder (no pages.jsonl; see docs/rules.md, 'Retraining')")
    if args.leave_one_out:
        for row in train.leave_one_out(args.pages, args.out):
            print(f"{row['held_out']}: model {row['model']}, block accuracy {row['accuracy']:.3f} on "
                  f"{int(row['blocks'])} blocks it was not trained on")
    else:
        done = train.train(args.pages, args.out)
        print(f"flat role model: {done['dumps']} labelled dumps, {done['blocks']} blocks -> {done['out']}")
    return EXIT_OK


def cmd_import_source(args: argparse.Namespace) -> int:
    """import-wikidata, import-local-news, import-pink-slime, import-medias-francais: open ownership data."""
    from .registry import CORE, Registry, validate_entries
    from .registry import sources

    registry = Registry(CORE, include_shipped=False)  # what the import defers to: the curated and rated outlets
    kind = args.outlets_command.removeprefix("import-")
    if kind == "wikidata":
        entries, report = sources.import_wikidata(args.source, registry)
        version, credit = "wikidata-newspapers", "Wikidata (CC0), via patrickswickard/international_newspapers"
    elif kind == "local-news":
        entries, report = sources.import_local_news(args.source, registry)
        version, credit = "local-news-2018-08-02", sources.LOCAL_NEWS_REF
    elif kind == "pink-slime":
        entries, report = sources.import_pink_slime(args.source, registry)
        version, credit = "pink-slime", sources.PINK_SLIME_REF
    else:
        sites = sources.french_websites(args.websites) if args.websites else {}
        entries, report = sources.import_medias_francais(args.source, registry, sites)
        version, credit = "medias-francais-2024-12", sources.FRENCH_MEDIA_REF
    validate_entries(entries, args.source)
    header = (f"# Generated by `mpt outlets {args.outlets_command} {args.source}`: do not edit by hand.\n"
              f"# Source and attribution: {credit}. Rules: toolkit/registry/sources.py.\n")
    sources.write(entries, args.out, version, header)
    for line in report.lines():
        print(line)
    print(f"-> {args.out}")
    return EXIT_OK


def cmd_lookup(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from .normalize.urls import canonical_url, host_of
    from .registry import load_registry

    url = canonical_url(args.url if "://" in args.url else "https://" + args.url)
    host = urlsplit(url).hostname or ""
    if not url.startswith(("http://", "https://")) or "." not in host or not re.fullmatch(r"[\w.-]+", host):
        raise ValueError(f"{args.url!r} is not a web address: give a page URL or a host name such as example.com")
    registry = load_registry(tuple(args.registry or ()))
    match = registry.lookup(host_of(url), urlsplit(url).path or "/", args.publisher, None, args.date)
    if match is None:
        print(json.dumps({"url": url, "basis": "none", "category": "unknown",
                          "why": "no registry host matches and no publisher alias was given or matched",
                          "registry_version": registry.version}, ensure_ascii=False, indent=2))
        return EXIT_OK
    e, p = match.entry, match.period
    affiliation = match.to_affiliation()
    print(json.dumps({"url": url, "outlet_id": e.get("outlet_id"), "name": e["name"], **affiliation, "why": match.why,
                      "period": {"valid_from": p.get("valid_from"), "valid_to": p.get("valid_to")} if p else None},
                     ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    from .registry.coverage import coverage

    _existing_folder(args.folder)
    found = coverage(args.folder)
    print(f"{args.folder}: {found.known} of {found.articles} articles have a known affiliation category "
          f"({100 * found.share:.1f}%)")
    for category, n in sorted(found.by_category.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {category}\t{n}")
    hosts = sorted(found.unknown_hosts.items(), key=lambda kv: (-kv[1], kv[0]))
    if hosts:
        print(f"hosts without a registry entry, most articles first ({len(hosts)}; add them to your own --registry file):")
        for host, n in hosts[: args.limit]:
            print(f"  {n}\t{host}")
        if len(hosts) > args.limit:
            print(f"  ... {len(hosts) - args.limit} more (--limit N)")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .registry import load_registry

    registry = load_registry(tuple(args.registry or ()))
    for e in registry.select(args.category, args.country):
        period = registry.period(e, None)
        category, typology = (period["category"], period.get("typology")) if period else ("", None)
        print(f"{e['outlet_id']}\t{e['name']}\t{e.get('country') or ''}\t{category}\t{typology or ''}\t"
              f"{','.join(e['hosts'])}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    from . import recipe

    p = argparse.ArgumentParser(prog="mpt", description="Media Provenance Toolkit: scraped news into a validated dataset.")
    from .version import __version__

    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("convert", help="convert inputs (files, folders, globs, .gz) into a dataset folder")
    c.add_argument("inputs", nargs="*", help="files, folders, globs, or URLs (https://, file://, s3://... with fsspec)")
    c.add_argument("--out", required=True, help="output folder or URL (replaced when the build completes)")
    recipe.add_arguments(c)
    c.add_argument("--workers", type=positive_int, default=None, help="processes (default: the machine's cores)")
    c.add_argument("--max-record-mb", type=positive_number, default=64,
                   help="a record (a dump, a page, a JSON line, a WARC payload) larger than this, decompressed, "
                        "is rejected as 'too large' (default 64)")
    c.add_argument("--scheduler", help="Dask scheduler address (or set DASK_SCHEDULER_ADDRESS): its workers read the "
                                       "inputs and write to --staging; the merge runs on a worker")
    c.add_argument("--staging", help="folder or URL every worker reaches, for runs and rejects (default: "
                                     "inside the partial output)")
    c.add_argument("--quiet", action="store_true", help="no progress bar, log lines or summary")
    c.set_defaults(func=cmd_convert)

    b = sub.add_parser("build", help="build a dataset from its recipe (datasets/NAME/recipe.yaml)")
    b.add_argument("recipe", help="recipe folder or recipe.yaml")
    b.add_argument("--out", help="output folder (default build/datasets/NAME)")
    b.add_argument("--workers", type=positive_int, default=None)
    b.add_argument("--max-record-mb", type=positive_number, default=64)
    b.add_argument("--scheduler", help="Dask scheduler address (or set DASK_SCHEDULER_ADDRESS)")
    b.add_argument("--staging", help="folder or URL every worker reaches (with --scheduler)")
    b.add_argument("--quiet", action="store_true")
    recipe.add_arguments(b, overrides=True)
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="check a built folder: schema, card and manifest")
    v.add_argument("folder")
    v.set_defaults(func=cmd_validate)

    i = sub.add_parser("inspect", help="print the parsed record(s) of one input, with their field sources")
    i.add_argument("file")
    i.add_argument("--format", choices=FORMAT_NAMES)
    i.add_argument("--urls", help="sidecar mapping HTML file names to URLs (CSV file,url or JSONL {file, url})")
    i.add_argument("--registry", action="append")
    i.set_defaults(func=cmd_inspect)

    t = sub.add_parser("train", help="learn a reader's weights from labelled pages")
    tsub = t.add_subparsers(dest="train_command", required=True)
    tf = tsub.add_parser("flat", help="the flat reader's block-role model, from pages with a JSON-LD article object")
    tf.add_argument("pages", nargs="+", help="pages folders: pages.jsonl ({url, file, text?}) and html/<file>[.gz]")
    tf.add_argument("--out", required=True, help="model folder to write (use it with MPT_FLAT_MODEL=FOLDER)")
    tf.add_argument("--leave-one-out", action="store_true",
                    help="one model per pages folder, trained on the others, into OUT/<folder>")
    tf.set_defaults(func=cmd_train)

    o = sub.add_parser("outlets", help="the outlet registry: import, look up, list")
    osub = o.add_subparsers(dest="outlets_command", required=True)
    im = osub.add_parser("import-smm", help="import the ASD State Media Matrix CSV into a registry file")
    im.add_argument("csv")
    im.add_argument("--out", required=True, help="registry YAML file to write")
    im.set_defaults(func=cmd_import_smm)
    for name, what, source_help in (
            ("import-wikidata", "Wikidata newspapers with an owner (CC0)", "newspapers.csv"),
            ("import-local-news", "US local news outlets and their owner groups, 2018 (MIT)", "local_news_dataset_2018.csv"),
            ("import-pink-slime", "sites of networks posing as local news (MIT)", "sites.csv"),
            ("import-medias-francais", "who owns the French media, Le Monde diplomatique (ODC-By)", "the data folder")):
        imp = osub.add_parser(name, help=f"import {what} into a registry file")
        imp.add_argument("source", help=source_help)
        imp.add_argument("--out", required=True, help="registry YAML file to write")
        if name == "import-medias-francais":
            imp.add_argument("--websites", help="Wikidata newspapers.csv: websites of French newspapers, matched by name")
        imp.set_defaults(func=cmd_import_source)
    lk = osub.add_parser("lookup", help="which outlet a URL belongs to, its label and why")
    lk.add_argument("url")
    lk.add_argument("--date", type=iso_date, help="article date YYYY-MM-DD: picks the period")
    lk.add_argument("--publisher", help="declared publisher name or legal name")
    lk.add_argument("--registry", action="append")
    lk.set_defaults(func=cmd_lookup)
    cv = osub.add_parser("coverage", help="the share of a built dataset's articles with a known category, and "
                                          "the hosts without an entry")
    cv.add_argument("folder")
    cv.add_argument("--limit", type=positive_int, default=50, help="hosts to list (default 50)")
    cv.set_defaults(func=cmd_coverage)
    ls = osub.add_parser("list", help="registry entries, one a line")
    ls.add_argument("--category", choices=affiliation_categories())
    ls.add_argument("--country", type=country_code)
    ls.add_argument("--registry", action="append")
    ls.set_defaults(func=cmd_list)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    # before pyarrow loads: jemalloc keeps resident memory lowest in make bench (mimalloc, the default, ~150 MB more)
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    args = parser().parse_args(argv)
    # the manifest names the command as the user typed it, wherever the toolkit is installed
    args.command_line = ["mpt", *(sys.argv[1:] if argv is None else argv)]
    if hasattr(signal, "SIGPIPE") and args.command in ("outlets", "inspect"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `mpt outlets list | head` ends quietly
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    name = f"mpt {args.command}"
    try:
        return args.func(args)
    except KeyboardInterrupt as exc:
        what = f" by {exc.args[0]}" if isinstance(exc, Interrupted) and exc.args else ""
        print(f"{name}: interrupted{what}; nothing was changed", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (FileNotFoundError, ValueError) as exc:  # RegistryError and OutputRefused are ValueErrors
        print(f"{name}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # build.CannotWrite, and any other the disk gives
        print(f"{name}: {exc}" if exc.args and not exc.strerror else f"{name}: {exc.strerror}: {exc.filename}",
              file=sys.stderr)
        return EXIT_CANNOT_WRITE
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get("MPT_DEBUG"):
            raise
        print(f"{name}: internal error: {type(exc).__name__}: {exc} (set MPT_DEBUG=1 for the traceback, and "
              f"please report it)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
