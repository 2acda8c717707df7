"""Recipes and the command line's build options, from one table.

A recipe (datasets/NAME/recipe.yaml) names a dataset's inputs, its card's facts and its filters;
`mpt convert` takes the same options as flags (`--license`, `--citation`, `--listing`, `--languages`
...), and `mpt build` takes them as flags that override its recipe. `OPTIONS` is the one list of both,
so whatever a recipe can say the command line can say, and the other way round; a recipe key not in
it is an error that lists the known keys."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from . import filters
from .formats import FORMAT_NAMES


@dataclass(frozen=True)
class Option:
    key: str  # the recipe key; the flag is --key with '-' for '_'
    kind: str  # text | list (comma-separated or @FILE on the command line) | path | paths | choice
    help: str
    group: str  # card | inputs | filters


OPTIONS = (
    Option("name", "text", "the dataset's name (its folder and Hub name)", "card"),
    Option("pretty_name", "text", "the dataset's title on its card", "card"),
    Option("description", "text", "what the dataset holds, for its card", "card"),
    Option("license", "text", "the data's licence as a Hub identifier (cc-by-4.0, other ...)", "card"),
    Option("citation", "text", "how to cite the dataset (BibTeX)", "card"),
    Option("version", "text", "the dataset's version (1.0.0)", "card"),
    Option("url", "text", "the dataset's home page", "card"),
    Option("tags", "list", "tags for the card", "card"),
    Option("date_published", "text", "the dataset's publication date (YYYY-MM-DD)", "card"),
    Option("synthetic", "paths", "inputs that were written for testing (the card says so)", "card"),
    Option("inputs", "paths", "files, folders, globs or URLs to read", "inputs"),
    Option("listing", "paths", "files that list inputs, one path or URL a line (.gz too), as CC-NEWS publishes them", "inputs"),
    Option("listing_base", "text", "where a listing's relative lines are (default: the listing's own folder)", "inputs"),
    Option("format", "choice", "force the input format instead of detecting it from the content", "inputs"),
    Option("urls", "path", "sidecar mapping HTML file names to URLs (CSV file,url or JSONL {file, url})", "inputs"),
    Option("jsonl_map", "path", "YAML: our field -> list of JSON keys to try first, for JSON-lines inputs", "inputs"),
    Option("registry", "paths", "extra outlet registry files (YAML or CSV)", "inputs"),
    Option("languages", "list", "keep articles in these languages (BCP 47: en keeps en-GB too)", "filters"),
    Option("since", "text", "keep articles published on or after this day (YYYY-MM-DD)", "filters"),
    Option("until", "text", "keep articles published on or before this day (YYYY-MM-DD)", "filters"),
    Option("hosts", "list", "keep articles of these hosts (and their subdomains)", "filters"),
    Option("exclude_hosts", "list", "drop articles of these hosts (and their subdomains)", "filters"),
    Option("outlets", "list", "keep articles of these registry outlet ids", "filters"),
    Option("exclude_outlets", "list", "drop articles of these registry outlet ids", "filters"),
    Option("categories", "list", "keep articles of these affiliation categories", "filters"),
)
KEYS = tuple(o.key for o in OPTIONS) + ("filters",)  # a recipe may group the filter keys under `filters:`
REQUIRED = ("name", "description", "license")
CARD = tuple(o.key for o in OPTIONS if o.group == "card" and o.key != "synthetic")


def add_arguments(parser: argparse.ArgumentParser, overrides: bool = False) -> None:
    """The options as flags; with `overrides` (mpt build) they override the recipe's."""
    for option in OPTIONS:
        if option.key == "inputs":
            continue  # convert's positional arguments; a recipe's own key
        flag = "--" + option.key.replace("_", "-")
        if option.key == "version":
            flag = "--dataset-version"  # --version is the program's
        kw: dict[str, Any] = {"dest": option.key, "default": None, "help": option.help + (" (overrides the recipe)" if overrides else "")}
        if option.kind == "paths":
            kw["action"] = "append"
        if option.kind == "list":
            kw["help"] += "; comma-separated, or @FILE with one a line"
        if option.kind == "choice":
            kw["choices"] = FORMAT_NAMES
        parser.add_argument(flag, **kw)


def from_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """The options given on the command line, as recipe keys; their paths (and @FILE lists) made absolute,
    since they are relative to where the command runs, not to a recipe."""
    def absolute(value: str) -> str:
        return value if "://" in value else os.path.abspath(value)

    given = {}
    for option in OPTIONS:
        value = getattr(args, option.key, None)
        if value in (None, []):
            continue
        if option.kind == "path":
            value = absolute(value)
        elif option.kind == "paths":
            value = [absolute(v) for v in value]
        elif option.kind == "list" and value.startswith("@"):
            value = "@" + absolute(value[1:])
        given[option.key] = value
    return given


def read_recipe(path: str) -> tuple[dict[str, Any], str]:
    """(recipe, folder) from a recipe folder or file; ValueError names what is wrong."""
    file = os.path.join(path, "recipe.yaml") if os.path.isdir(path) else path
    if not os.path.isfile(file):
        raise FileNotFoundError(f"{file}: no recipe")
    try:
        recipe = yaml.safe_load(open(file, encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{file}: not valid YAML: {exc}") from None
    if not isinstance(recipe, dict):
        raise ValueError(f"{file}: expected a mapping of recipe keys")
    unknown = sorted(set(recipe) - set(KEYS))
    if unknown:
        raise ValueError(f"{file}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                         f"known keys: {', '.join(KEYS)}")
    grouped = recipe.pop("filters", None) or {}
    if not isinstance(grouped, dict):
        raise ValueError(f"{file}: filters must be a mapping of {', '.join(filters.KEYS)}")
    unknown = sorted(set(grouped) - set(filters.KEYS))
    if unknown:
        raise ValueError(f"{file}: unknown filter key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                         f"known: {', '.join(filters.KEYS)}")
    recipe = {**grouped, **recipe}
    missing = [k for k in REQUIRED if not recipe.get(k)] + ([] if recipe.get("inputs") or recipe.get("listing")
                                                             else ["inputs (or listing)"])
    if missing:
        raise ValueError(f"{file}: missing {', '.join(missing)}")
    for key in ("inputs", "listing", "registry", "synthetic"):
        if key in recipe and not (isinstance(recipe[key], list) and all(isinstance(v, str) for v in recipe[key])):
            raise ValueError(f"{file}: {key} must be a list of paths or globs relative to the recipe")
    return recipe, os.path.dirname(os.path.abspath(file))


def settings(options: dict[str, Any], base: str | None) -> dict[str, Any]:
    """`convert`'s keyword arguments (but inputs and out) from recipe keys; paths relative to `base`."""
    from .readers import read_listing
    from .readers.html import load_url_map

    def here(path: str) -> str:
        return os.path.join(base, path) if base and not os.path.isabs(path) and "://" not in path else path

    inputs = [here(p) for p in options.get("inputs") or []]
    for listing in options.get("listing") or []:
        inputs += read_listing(here(listing), options.get("listing_base"))
    meta = {k: options.get(k) for k in CARD}
    meta["tags"] = list(filters.items(meta.get("tags"), base, "tags"))
    meta["synthetic_inputs"] = options.get("synthetic") or []
    jsonl_map = None
    if options.get("jsonl_map"):
        data = yaml.safe_load(open(here(options["jsonl_map"]), encoding="utf-8"))
        if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
            raise ValueError(f"{options['jsonl_map']}: expected a mapping of field -> list of keys")
        jsonl_map = data
    return {
        "inputs": inputs, "fmt": options.get("format"), "meta": meta,
        "registry_files": tuple(here(p) for p in options.get("registry") or []),
        "urls": load_url_map(here(options["urls"])) if options.get("urls") else None, "jsonl_map": jsonl_map,
        "filters": filters.make({k: options.get(k) for k in filters.KEYS}, base),
    }


def build(path: str, out: str | None = None, workers: int | None = None, scheduler: str | None = None,
          staging: str | None = None, progress: str = "quiet", max_record_mb: float = 64,
          command: list[str] | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build a recipe's dataset; `overrides` (recipe keys from the command line, see `from_arguments`)
    replace the recipe's."""
    from .build import convert

    recipe, folder = read_recipe(path)
    given = settings({**recipe, **(overrides or {})}, folder)
    inputs = given.pop("inputs")
    out = out or os.path.join("build", "datasets", (overrides or {}).get("name") or recipe["name"])
    return convert(inputs, out, workers=workers, base_dir=folder, scheduler=scheduler, staging=staging,
                   command=command if command is not None else sys.argv, progress=progress,
                   max_record_mb=max_record_mb, **given)
