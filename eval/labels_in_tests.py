"""Which strings of the test files are labels of the evaluation sets: a rule test that restates a label
passes because the rule was fitted to that page, and says nothing of the next one.

    python eval/labels_in_tests.py [SHARED_EVAL_DIR]

Every string literal of `tests/` (Python files, through `ast`) and every line of its data files is
checked against the labels of every `truth.jsonl` and `pages.jsonl` in the evaluation folder:
- a name: an author label of two words or more found in the string (case and spacing folded), unless
  it names an agency or a desk ('The Associated Press', 'Staff Writer'), which are no page's own;
- a text: six words in a row shared with a title, a description or a body;
- a page: the URL of a labelled page (query and fragment aside).
Prints each finding as `file:line: kind: label` and returns them."""
from __future__ import annotations

import ast
import glob
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHINGLE = 6
BYLINE_PARTS = re.compile(r"[,;|/]| and | und | for | für | et | y ", re.I)
ORGANISATION_WORDS = {"press", "news", "agency", "agencia", "agence", "staff", "writer", "writers", "bureau", "redaktion",
                      "desk", "team", "online", "media", "service", "reuters", "afp", "dpa", "efe", "pti", "nation"}
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def shingles(text: str) -> set[tuple[str, ...]]:
    words = fold(text).split()
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def page_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.split("#")[0].split("?")[0]).rstrip("/").casefold()


class Labels:
    def __init__(self, shared: str) -> None:
        self.names: set[str] = set()
        self.texts: set[tuple[str, ...]] = set()
        self.pages: set[str] = set()
        for path in sorted(glob.glob(os.path.join(shared, "*", "truth.jsonl")) + glob.glob(os.path.join(shared, "*", "pages.jsonl"))):
            with open(path, encoding="utf-8") as f:
                for row in map(json.loads, f):
                    self.add(row)

    def add(self, row: dict) -> None:
        for label in row.get("authors") or []:
            for part in BYLINE_PARTS.split(label):  # 'By TOM KRISHER, AP Auto Writer': the name in a byline
                folded = fold(part)
                words = folded.split()
                words = words[1:] if words[:1] in (["by"], ["von"], ["por"], ["par"], ["di"]) else words
                # a person's name: an agency or a desk ('The Associated Press', 'Staff Writer') is no page's own
                if sum(len(w) >= 3 for w in words) >= 2 and not ORGANISATION_WORDS & set(words) \
                        and not re.search(r"\w\.\w", part):
                    self.names.add(" ".join(words))
        for key in ("title", "description", "body", "text"):
            if isinstance(row.get(key), str):
                self.texts |= shingles(row[key])
        if row.get("url"):
            self.pages.add(page_key(row["url"]))

    def findings(self, text: str) -> list[tuple[str, str]]:
        folded = f" {fold(text)} "
        found = [("name", name) for name in sorted(self.names) if f" {name} " in folded]
        shared = sorted(shingles(text) & self.texts)
        if shared:
            found.append(("text", " ".join(shared[0])))
        for url in re.findall(r"https?://[^\s'\"<>]+", text):
            if page_key(url) in self.pages:
                found.append(("page", url))
        return found


def strings_of(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal of a Python file; every line of another text file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".py":
        return list(enumerate(text.splitlines(), 1))
    out = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.append((node.lineno, node.value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bytes):
            out.append((node.lineno, node.value.decode("utf-8", "replace")))
    return out


def test_files(root: Path = ROOT / "tests") -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".txt", ".json", ".jsonl", ".yaml")
                  and "__pycache__" not in p.parts)


def main(argv: list[str] | None = None) -> list[str]:
    args = argv if argv is not None else sys.argv[1:]
    shared = args[0] if args else os.environ.get("MPT_SHARED", "../shared") + "/eval"
    labels = Labels(shared)
    findings = []
    for path in test_files():
        for line, text in strings_of(path):
            for kind, label in labels.findings(text):
                findings.append(f"{path.relative_to(ROOT)}:{line}: {kind}: {label}")
    for finding in findings:
        print(finding)
    print(f"labels in tests: {len(findings)} findings ({len(labels.names)} names, {len(labels.texts)} text shingles, "
          f"{len(labels.pages)} pages checked)")
    return findings


if __name__ == "__main__":
    main()
