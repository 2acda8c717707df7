"""Recipes: datasets/NAME/recipe.yaml names a dataset's inputs and its card's facts."""
from __future__ import annotations

import os
import sys
from typing import Any

import yaml

from .pipeline import convert

REQUIRED = ("name", "description", "license", "inputs")


def read_recipe(path: str) -> tuple[dict[str, Any], str]:
    """(recipe, folder) from a recipe folder or file; ValueError names what is wrong."""
    file = os.path.join(path, "recipe.yaml") if os.path.isdir(path) else path
    if not os.path.isfile(file):
        raise FileNotFoundError(f"{file}: no recipe")
    try:
        recipe = yaml.safe_load(open(file, encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{file}: not valid YAML: {exc}") from None
    missing = [k for k in REQUIRED if not recipe.get(k)]
    if missing:
        raise ValueError(f"{file}: missing {', '.join(missing)}")
    if not isinstance(recipe["inputs"], list):
        raise ValueError(f"{file}: inputs must be a list of paths or globs relative to the recipe")
    return recipe, os.path.dirname(os.path.abspath(file))


def build(path: str, out: str | None = None, workers: int | None = None, scheduler: str | None = None,
          staging: str | None = None, progress: str = "quiet", max_record_mb: float = 64,
          command: list[str] | None = None) -> dict[str, Any]:
    recipe, folder = read_recipe(path)
    inputs = [os.path.join(folder, p) for p in recipe["inputs"]]
    registry = tuple(os.path.join(folder, p) for p in recipe.get("registry") or [])
    out = out or os.path.join("build", "datasets", recipe["name"])
    meta = {k: recipe.get(k) for k in ("name", "pretty_name", "description", "license", "tags", "citation",
                                           "url", "version", "date_published")}
    meta["synthetic_inputs"] = recipe.get("synthetic") or []
    return convert(inputs, out, workers=workers, registry_files=registry, meta=meta, base_dir=folder,
                   command=command if command is not None else sys.argv, scheduler=scheduler, staging=staging,
                   progress=progress, max_record_mb=max_record_mb)
