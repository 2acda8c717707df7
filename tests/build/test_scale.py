"""Same output for any way of running the work: serial, a process pool, a Dask cluster; progress output."""
import io
import json

from helpers import varied_corpus

from toolkit.filters import make
from toolkit.build import convert
from toolkit.readers import discover


def _files(manifest):
    return manifest["files"], manifest["counts"]


def test_small_batches_and_workers_give_the_same_bytes(tmp_path):
    inputs = varied_corpus(tmp_path / "in", 40, 3)
    a = convert(inputs, str(tmp_path / "a"), workers=1, batch_size=1000, command=["t"])
    b = convert(inputs, str(tmp_path / "b"), workers=2, batch_size=7, command=["t"])
    assert _files(a) == _files(b)
    assert (tmp_path / "a" / "README.md").read_bytes() == (tmp_path / "b" / "README.md").read_bytes()


def test_dask_local_cluster_matches_local_run(tmp_path, monkeypatch):
    import distributed  # the [dask] extra is part of the dev install

    from toolkit.build import BuildOptions
    from toolkit.build import cluster as shards

    inputs = varied_corpus(tmp_path / "in", 30, 2)
    # small shards: up to three files each, and every file past 3,000 bytes cut into byte ranges read apart
    monkeypatch.setattr(shards, "SHARD_FILES", 3)
    monkeypatch.setattr(shards, "SHARD_BYTES", 3000)
    plan = shards.plan(discover(inputs), str(tmp_path), BuildOptions())
    assert any(i.span and i.span[0] > 0 for s in plan for i in s.inputs) and any(len(s.inputs) > 1 for s in plan)
    local = convert(inputs, str(tmp_path / "local"), workers=1, command=["t"])
    chosen = make({"languages": "en", "exclude_hosts": "example.org"})  # filters count the same way on a cluster
    filtered = convert(inputs, str(tmp_path / "local-filtered"), workers=1, command=["t"], filters=chosen)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = convert(inputs, str(tmp_path / "dask"), scheduler=cluster.scheduler_address, batch_size=5, command=["t"])
        on_cluster = convert(inputs, str(tmp_path / "dask-filtered"), scheduler=cluster.scheduler_address,
                             batch_size=5, command=["t"], filters=chosen)
    written = json.loads((tmp_path / "dask" / "manifest.json").read_text(encoding="utf-8"))
    assert _files(local) == _files(written) and remote["counts"] == local["counts"]
    written = json.loads((tmp_path / "dask-filtered" / "manifest.json").read_text(encoding="utf-8"))
    assert _files(filtered) == _files(written) and on_cluster["counts"] == filtered["counts"]
    assert filtered["counts"]["filtered"] > 0 and filtered["filter_reasons"] == written["filter_reasons"]
    assert local["inputs"] == written["inputs"]  # every file hashed once, by its first range
    assert "inputs" not in remote and "files" not in remote  # the client is not sent the per-file lists


def test_progress_lines_when_not_a_terminal():
    from toolkit.progress import Progress

    stream = io.StringIO()
    p = Progress("auto", stream=stream, every=0)
    p.update(10, 2)
    p.log("mpt: read 10")
    assert p.mode == "lines" and "10 records, 2 rejected" in stream.getvalue() and "mpt: read 10" in stream.getvalue()
    quiet = io.StringIO()
    q = Progress("quiet", stream=quiet)
    q.update(5, 0)
    q.log("x")
    assert quiet.getvalue() == ""


def test_many_runs_merge_in_levels_to_the_same_bytes(tmp_path, monkeypatch):
    from toolkit.merge import runs

    inputs = varied_corpus(tmp_path / "in", 25, 1)
    convert(inputs, str(tmp_path / "one"), workers=1, command=["t"])
    monkeypatch.setattr(runs, "MERGE_FAN_IN", 2)  # 9 runs: two levels, merged in a separate process
    reduced = []
    import toolkit.build.apart as apart

    real = apart.merge_in_subprocess
    monkeypatch.setattr(apart, "merge_in_subprocess", lambda *a: reduced.append(a[4:]) or real(*a))
    import shutil

    copies = [str(shutil.copy(p, tmp_path / f"copy-{i}.txt")) for i, p in enumerate(inputs[:3])]
    levels = convert(inputs + copies, str(tmp_path / "levels"), workers=1, batch_size=3, command=["t"])
    assert reduced == [(2, 1)]  # the merge ran apart, with the fan-in and the workers it was given
    import json

    dropped = [json.loads(line) for line in (tmp_path / "levels" / "duplicates.jsonl").read_text().splitlines()]
    assert levels["counts"]["duplicates"] == 3 and len(dropped) == 3
    assert all("copy-" in d["input"] for d in dropped)  # the later copies are dropped
    import pyarrow.parquet as pq

    a = pq.read_table(tmp_path / "one" / "data").replace_schema_metadata(None)
    b = pq.read_table(tmp_path / "levels" / "data").replace_schema_metadata(None)
    assert a.equals(b)  # same rows in the same order; only the footer's input list differs
    # the levels merged by two processes: the same bytes as by one
    pooled = convert(inputs + copies, str(tmp_path / "pooled"), workers=2, batch_size=3, command=["t"])
    assert reduced[-1] == (2, 2) and pooled["counts"] == levels["counts"]
    for name in ("data/train-00000-of-00001.parquet", "rejects.jsonl"):
        assert (tmp_path / "pooled" / name).read_bytes() == (tmp_path / "levels" / name).read_bytes()


def test_a_tie_between_duplicates_goes_to_input_order_however_the_work_is_cut(tmp_path):
    import json

    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    line = json.dumps({"url": "https://same.example/story", "title": "Same", "text": "the same words " * 40}) + "\n"
    (folder / "a" / "x.jsonl").write_text(line, encoding="utf-8")  # walked first: 'a' sorts before 'a-c.jsonl'
    (folder / "a-c.jsonl").write_text(line, encoding="utf-8")  # though 'a-c.jsonl' < 'a/x.jsonl' as strings
    kept = []
    for size in (1, 1000):  # one run each, or both in one run
        out = tmp_path / f"out-{size}"
        convert([str(folder)], str(out), workers=1, batch_size=size, command=["t"])
        kept.append(pq.read_table(out / "data").column("provenance").to_pylist()[0]["input"])
    assert [k.endswith("a/x.jsonl") for k in kept] == [True, True]


def test_a_recipe_builds_on_a_dask_cluster_from_the_command_line(tmp_path, built_sample):
    """`mpt build RECIPE --scheduler ADDRESS`: the sample recipe on an in-process cluster gives the bytes of
    the sample built locally."""
    import distributed

    from helpers import SAMPLE
    from toolkit import cli

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        code = cli.main(["build", str(SAMPLE), "--out", str(tmp_path / "sample"), "--scheduler", cluster.scheduler_address,
                         "--quiet"])
    assert code == 0
    out, _ = built_sample
    for part in ("data", "outlets"):
        assert [p.read_bytes() for p in sorted((tmp_path / "sample" / part).glob("*.parquet"))] == \
            [p.read_bytes() for p in sorted((out / part).glob("*.parquet"))]
    manifest = json.loads((tmp_path / "sample" / "manifest.json").read_text(encoding="utf-8"))
    assert "--scheduler" in manifest["command"]
