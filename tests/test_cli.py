import json

import pyarrow.parquet as pq
import pytest

from helpers import SEED, run_mpt


def test_inspect_prints_record_with_field_sources():
    r = run_mpt("inspect", SEED)
    assert r.returncode == 0
    record = json.loads(r.stdout)
    assert record["source"]["publisher"] == "Sputnik France"
    title_rule = next(s["rule"] for s in record["provenance"]["field_sources"] if s["field"] == "title")
    assert title_rule.startswith("flat:model:headline p=")


def test_convert_missing_input_is_a_usage_error(tmp_path):
    r = run_mpt("convert", tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert r.returncode == 2 and "nope.txt" in r.stderr
    assert not (tmp_path / "out").exists()


def test_convert_takes_globs_and_folders(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED.read_bytes())
    r = run_mpt("convert", str(tmp_path / "in" / "*.txt"), "--out", tmp_path / "out", "--quiet")
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["counts"]["written"] == 1


def test_build_recipe_errors_name_the_problem(tmp_path):
    (tmp_path / "recipe.yaml").write_text("name: x\n")
    r = run_mpt("build", tmp_path)
    assert r.returncode == 2 and "missing description, license, inputs" in r.stderr


def test_inspect_writes_json_lines(tmp_path):
    two = tmp_path / "two.txt"
    seed = SEED.read_text(encoding="utf-8").rstrip("\n")
    two.write_text(seed + "\n" + seed.replace("https://fr.sputniknews.com/", "https://fr.sputniknews.com/copy/", 1),
                   encoding="utf-8")
    r = run_mpt("inspect", two)
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and len(lines) == 2  # one object a line, for jq and line-by-line readers
    assert [json.loads(line)["url"].count("/copy/") for line in lines] == [0, 1]


@pytest.mark.parametrize("args", [
    ("validate", "/nonexistent/folder"),
    ("outlets", "coverage", "/nonexistent/folder"),
    ("outlets", "lookup", "not a url"),
    ("outlets", "lookup", "ftp://files.example.com/a"),
    ("inspect", "/nonexistent/file.txt"),
    ("convert", "/nonexistent/file.txt", "--out", "/tmp/never-written"),
    ("convert", "--workers", "0", "x", "--out", "y"),
])
def test_bad_arguments_and_missing_paths_exit_2_with_the_reason(args):
    r = run_mpt(*args)
    assert r.returncode == 2, (args, r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.strip()


def test_the_summary_counts_rejects_by_their_kind(tmp_path):
    from toolkit.progress import counted, summary

    line = summary({"read": 7, "written": 3, "rejected": 3, "duplicates": 1},
                   {"not an article": 2, "skipped: hidden": 1}, 2.0, "out")
    assert line == ("mpt: read 7 records: 3 written, 3 rejected (2 not an article, 1 skipped: hidden), 1 duplicate; "
                    "2.0 s, 4 records/s -> out")
    assert [counted(n, "cluster") for n in (0, 1, 2)] == ["0 clusters", "1 cluster", "2 clusters"]
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(SEED.read_bytes())
    (inputs / ".hidden.txt").write_bytes(SEED.read_bytes())
    (inputs / "b.jsonl").write_text("42\n")
    r = run_mpt("convert", inputs, "--out", tmp_path / "out", "--workers", "1")
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("mpt: read 3 records: 1 written, 2 rejected (1 skipped: hidden, 1 unrecognised input), "
                           "0 duplicates;"), last
    rejects = [json.loads(x)["category"] for x in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert sorted(rejects) == ["skipped: hidden", "unrecognised input"]


def test_format_urls_and_jsonl_map_options_on_the_command_line(tmp_path):
    from test_html import page

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "story.html").write_text(page("<title>Harbour ferry timetable</title>"), encoding="utf-8")
    (tmp_path / "urls.csv").write_text("file,url\nstory.html,https://side.example/story\n")
    line = {"link_to": "https://odd.example/x", "story": "Words here. " * 40, "heading": "Odd keys"}
    (inputs / "odd.jsonl").write_text(json.dumps(line) + "\n")
    (tmp_path / "map.yaml").write_text("url: [link_to]\nbody: [story]\ntitle: [heading]\n")
    r = run_mpt("convert", inputs, "--out", tmp_path / "out", "--urls", tmp_path / "urls.csv",
                "--jsonl-map", tmp_path / "map.yaml", "--quiet")
    assert r.returncode == 0, r.stderr
    rows = {row["url"]: row for row in pq.read_table(tmp_path / "out" / "data").to_pylist()}
    assert rows["https://side.example/story"]["title"] == "Harbour ferry timetable"
    assert rows["https://odd.example/x"]["title"] == "Odd keys"
    # --format forces a reader: the JSON lines read as a flat dump have no dump header
    r = run_mpt("convert", inputs / "odd.jsonl", "--out", tmp_path / "forced", "--format", "flat", "--quiet")
    rejects = [json.loads(x) for x in (tmp_path / "forced" / "rejects.jsonl").read_text().splitlines()]
    assert r.returncode == 0 and [x["reason"] for x in rejects] == ["no flat dump header: no line ' date YYYY-MM URL' found"]
    assert run_mpt("convert", inputs, "--out", tmp_path / "x", "--format", "pdf").returncode == 2


def test_train_flat_and_its_leave_one_out_on_the_command_line(tmp_path):
    from test_flat_reader import _pages

    one, two = _pages(tmp_path / "one"), _pages(tmp_path / "two", n=12)
    r = run_mpt("train", "flat", one, two, "--out", tmp_path / "model")
    assert r.returncode == 0, r.stderr
    assert "37 labelled dumps" in r.stdout  # 36 pages, and the seed
    card = json.loads((tmp_path / "model" / "roles.json").read_text())
    assert card["trained_on"] == ["one", "seed", "two"]
    r = run_mpt("train", "flat", one, two, "--out", tmp_path / "loso", "--leave-one-out")
    assert r.returncode == 0, r.stderr
    held = [line.split(":")[0] for line in r.stdout.splitlines()]
    assert held == ["one", "two"] and all("block accuracy" in line for line in r.stdout.splitlines())
    assert json.loads((tmp_path / "loso" / "one" / "roles.json").read_text())["trained_on"] == ["seed", "two"]
    assert run_mpt("train", "flat", tmp_path / "nowhere", "--out", tmp_path / "m").returncode == 2
