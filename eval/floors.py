"""The quality floors of the development sets, kept in one file (eval/floors.json), as trafilatura's
eval gate keeps its own: `make eval` fails when a score falls below its floor, and a change that lifts a
score raises the floor with it.

    python eval/floors.py [SHARED_EVAL_DIR] --lift   # score every set and raise each floor a score passed

The scores are the scorers' own (`score_flat.py`, `score_html.py` in the evaluation folder): exact and
deterministic, so a floor is the score itself, cut to three decimals."""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).resolve().parent / "floors.json"


def floors() -> dict:
    with open(FLOORS, encoding="utf-8") as f:
        return json.load(f)


def cut(score: float) -> float:
    """A score cut (not rounded) to three decimals: 0.9945 is 0.994, so the score passes its own floor."""
    return math.floor(score * 1000 + 1e-9) / 1000


def score_flat(shared: Path, name: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, str(shared / "score_flat.py"), str(shared / name), "--project", str(ROOT),
                           "--min-mean", "0", "--min-field", "0"], capture_output=True, text=True, timeout=3600)
    scores: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            scores[row["field"]] = row["accuracy"]
        elif line.startswith("flat-dump field accuracy") and (mean := re.search(r"mean ([0-9.]+)", line)):
            scores["mean"] = float(mean[1])
    if not scores:
        raise RuntimeError(f"score_flat.py {name} printed no scores: {done.stdout[-500:]} {done.stderr[-500:]}")
    print(f"{name}: {done.stdout.strip().splitlines()[-1]}")
    return scores


def score_html(shared: Path, name: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, str(shared / "score_html.py"), str(shared / name), "--project", str(ROOT)],
                          capture_output=True, text=True, timeout=3600)
    found = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if not found:
        raise RuntimeError(f"score_html.py {name} printed no scores: {done.stdout[-500:]} {done.stderr[-500:]}")
    print(done.stdout.strip().splitlines()[-1])
    return {**found[-1]["toolkit"], **{f"trafilatura_{k}": v for k, v in found[-1]["trafilatura"].items()}}


def below(scores: dict[str, float], pinned: dict[str, float]) -> list[str]:
    """The scores under their floors, as lines; a floor with no score is a problem too (the scorer changed)."""
    return [f"{key}: {scores.get(key)} < floor {floor}" for key, floor in sorted(pinned.items())
            if scores.get(key) is None or cut(scores[key]) < floor]


def lifted(scores: dict[str, float], pinned: dict[str, float]) -> dict[str, float]:
    return {key: cut(scores[key]) for key in pinned if key in scores and cut(scores[key]) > pinned[key]}


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    shared = Path(next((a for a in args if not a.startswith("--")), os.environ.get("MPT_SHARED", "../shared") + "/eval"))
    pinned = floors()
    for kind, score in (("flat", score_flat), ("html", score_html)):
        for name, set_floors in pinned[kind].items():
            up = lifted(score(shared, name), set_floors)
            if up:
                print(f"  {name}: lifted {up}")
                set_floors.update(up)
    if "--lift" in args:
        FLOORS.write_text(json.dumps(pinned, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"-> {FLOORS}")


if __name__ == "__main__":
    main()
