"""mpt: the command line. It parses arguments and calls the pipeline; nothing else.

Exit codes: 0 success; 1 the command ran but found problems (mpt validate on a
bad folder); 2 usage or input errors (missing files, a bad recipe or registry)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Sequence

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _log(quiet: bool):
    return (lambda msg: None) if quiet else (lambda msg: print(msg, file=sys.stderr))


def cmd_convert(args: argparse.Namespace) -> int:
    from .pipeline import convert

    convert(args.inputs, args.out, fmt=args.format, workers=args.workers, registry_files=tuple(args.registry or ()),
            log=_log(args.quiet))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .recipe import build

    build(args.recipe, args.out, workers=args.workers, log=_log(args.quiet))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .verify import verify_folder

    problems = verify_folder(args.folder)
    if problems:
        print(f"{args.folder}: {len(problems)} problem(s)")
        for p in problems:
            print(f"  - {p}")
        return EXIT_PROBLEMS
    print(f"{args.folder}: valid")
    return EXIT_OK


def cmd_inspect(args: argparse.Namespace) -> int:
    from .pipeline import load_registry, records_of
    from .records import Reject

    registry = load_registry(tuple(args.registry or ()))
    for item in records_of(args.file, fmt=args.format, registry=registry):
        if isinstance(item, Reject):
            print(json.dumps({"reject": item.to_json()}, ensure_ascii=False, indent=2))
        else:
            print(json.dumps(item, ensure_ascii=False, indent=2))
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mpt", description="Media Provenance Toolkit: scraped news into a validated dataset.")
    from . import __version__

    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("convert", help="convert inputs (files, folders, globs, .gz) into a dataset folder")
    c.add_argument("inputs", nargs="+")
    c.add_argument("--out", required=True, help="output folder (replaced when the build completes)")
    c.add_argument("--format", choices=["flat"], help="force the input format instead of detecting it")
    c.add_argument("--registry", action="append", help="extra outlet registry file (YAML or CSV); repeatable")
    c.add_argument("--workers", type=int, default=None, help="processes (default: the machine's cores)")
    c.add_argument("--quiet", action="store_true", help="no progress or summary output")
    c.set_defaults(func=cmd_convert)

    b = sub.add_parser("build", help="build a dataset from its recipe (datasets/NAME/recipe.yaml)")
    b.add_argument("recipe", help="recipe folder or recipe.yaml")
    b.add_argument("--out", help="output folder (default build/datasets/NAME)")
    b.add_argument("--workers", type=int, default=None)
    b.add_argument("--quiet", action="store_true")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="check a built folder: schema, card and manifest")
    v.add_argument("folder")
    v.set_defaults(func=cmd_validate)

    i = sub.add_parser("inspect", help="print the parsed record(s) of one input, with their field sources")
    i.add_argument("file")
    i.add_argument("--format", choices=["flat"])
    i.add_argument("--registry", action="append")
    i.set_defaults(func=cmd_inspect)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"mpt {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
