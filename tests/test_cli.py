import json

from conftest import SEED, run_mpt


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
