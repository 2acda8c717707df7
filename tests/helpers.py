"""What many tests share: the sample's paths, running the command line, writing dumps, a varied corpus,
the check that a folder's declared configs load. Imported as a module (`from helpers import ...`)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "datasets" / "sample"
SEED = SAMPLE / "inputs" / "000_2f8a4e7a85224ba2.txt"  # the real seed dump (shared/seeds), the sample's input



def run_mpt(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def write_dump(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def sample_dumps() -> list[str]:
    """Every dump of the sample's inputs (the seed and the synthetic outlets), as text."""
    dumps = []
    for path in sorted((SAMPLE / "inputs").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        dumps += [d if d.startswith(" date") else " " + d for d in re.split(r"\n(?= ?date \d{4}-\d{2})", text) if d.strip()]
    return dumps


def _unique(url: str, n: int) -> str:
    """The URL made the n-th copy by a query parameter (before any #fragment, which ids ignore)."""
    base, hash_, fragment = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}copy={n}{hash_}{fragment}"


def varied_corpus(folder: Path, files: int, per_file: int) -> list[str]:
    """files x per_file dumps made from the sample's, each under its own URL; the paths, sorted."""
    folder.mkdir(parents=True, exist_ok=True)
    dumps = sample_dumps()
    header = re.compile(r"^( ?date \d{4}-\d{2}(?:-\d{2})? )(\S+)")
    paths = []
    for f in range(files):
        chunk = []
        for k in range(per_file):
            n = f * per_file + k
            chunk.append(header.sub(lambda m: f"{m[1]}{_unique(m[2], n)}", dumps[n % len(dumps)], 1))
        path = folder / f"part-{f:04d}.txt"
        path.write_text("\n".join(chunk), encoding="utf-8")
        paths.append(str(path))
    return paths


def assert_declared_configs_load(folder: Path) -> list[str]:
    """Every config the card's YAML declares loads with datasets.load_dataset, with rows, and toolkit.load
    reads the same number; the names of the configs."""
    import datasets
    import yaml

    import toolkit

    header = yaml.safe_load((Path(folder) / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    names = [c["config_name"] for c in header["configs"]]
    for name in names:
        rows = datasets.load_dataset(str(folder), name, split="train").num_rows
        assert rows > 0, name
        assert toolkit.load(str(folder), name)["train"].num_rows == rows, name
    return names
