"""A build on a real Dask cluster whose workers see only the shared folder, as on other hosts.

The scheduler and two workers are started apart (`dask scheduler`, `dask worker`), each in its own
mount namespace where a tmpfs hides the client's private folder. Inputs, staging and output are in the
shared folder, given as file:// URLs. The build must give the same Parquet bytes as a local one, and
the client must not read the inputs: its process tree's `rchar` plus what its sockets receive through
recv(2), which rchar leaves out, may exceed that of the same command on an empty input by 1% of the
input size at most."""
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, sample_dumps

from toolkit.build import convert
from toolkit.storage import as_file_url

DASK = str(Path(sys.executable).parent / "dask")
WORDS = ("the minister said on tuesday that negotiations over the new budget would continue next week while "
         "opposition parties demanded an inquiry into spending by regional authorities and hospitals schools "
         "roads farmers workers prices energy winter council court report election campaign").split()


HANG = 600  # seconds: a bound that only guards against a hang

def _inputs(folder: Path) -> int:
    """About 24 MB: JSON lines with long bodies (cheap to process, heavy to read), flat dumps and a bad file."""
    folder.mkdir(parents=True)
    rng = random.Random(18)
    for f in range(12):
        with open(folder / f"part-{f:02d}.jsonl", "w", encoding="utf-8") as out:
            for k in range(20):
                body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(120)) for _ in range(120))
                out.write(json.dumps({"url": f"https://news.example/{f}/{k}", "title": f"Report {f}-{k}",
                                      "text": body, "date": "2024-03-0%dT10:00:00+01:00" % (1 + k % 9),
                                      "language": "en"}) + "\n")
    (folder / "dumps.txt").write_text("\n".join(sample_dumps()), encoding="utf-8")
    (folder / "broken.jsonl").write_bytes(b'{"url": "https://news.example/broken", "text": \n')
    return sum(p.stat().st_size for p in folder.iterdir())


def _hidden(private: Path, *command: str) -> list[str]:
    """The command in its own user and mount namespaces, where a tmpfs hides `private`: an unprivileged
    user may do this (no root, no sudo), as on any runner that allows user namespaces."""
    script = f'mount -t tmpfs tmpfs "{private}" && exec "$@"'
    return ["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private", "sh", "-c", script,
            "hidden", *command]


def _client_read(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, subprocess.CompletedProcess]:
    """Bytes the client read, files and sockets (bench/counting_client.py)."""
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "counting_client.py"), *args],
                          env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    read = [int(line.split(": ")[1]) for line in done.stdout.splitlines() if line.startswith("client-read: ")]
    return (read[0] if read else -1), done


def _sha(folder: Path, sub: str) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((folder / sub).glob("*.parquet"))}


def test_workers_apart_read_their_own_inputs_and_the_client_only_coordinates(tmp_path):
    shared, private = tmp_path / "shared", tmp_path / "private"
    (private / "tmp").mkdir(parents=True)
    size = _inputs(shared / "inputs")
    (shared / "empty").mkdir()
    (shared / "empty" / "empty.jsonl").write_bytes(b"")
    processes = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        scheduler_file = shared / "scheduler.json"
        processes.append(subprocess.Popen(_hidden(private, DASK, "scheduler", "--scheduler-file", str(scheduler_file),
                                                  "--port", "0", "--no-dashboard"),
                                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for k in range(2):
            own = tmp_path / f"worker-{k}"
            (own / "tmp").mkdir(parents=True)
            worker_env = {**env, "MPT_CACHE_DIR": str(own / "cache"), "TMPDIR": str(own / "tmp"), "MPLCONFIGDIR": str(own)}
            processes.append(subprocess.Popen(
                _hidden(private, DASK, "worker", "--scheduler-file", str(scheduler_file), "--nthreads", "1",
                        "--nworkers", "1", "--no-dashboard", "--local-directory", str(own)),
                env=worker_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=own))
        address = _wait_for_workers(scheduler_file, 2)

        client_env = {**env, "MPT_CACHE_DIR": str(private / "cache"), "TMPDIR": str(private / "tmp")}
        command = ["convert", "--scheduler", address, "--quiet", "--staging", as_file_url(str(shared / "staging"))]
        # the empty build twice: the first fills the client's registry cache, the second is the baseline
        _client_read([*command, as_file_url(str(shared / "empty")), "--out", as_file_url(str(shared / "out-empty"))],
                     client_env, private)
        baseline, done = _client_read([*command, as_file_url(str(shared / "empty")), "--out",
                                       as_file_url(str(shared / "out-empty-2"))], client_env, private)
        assert done.returncode == 0 and baseline > 0, done.stderr
        read, done = _client_read([*command, as_file_url(str(shared / "inputs")), "--out",
                                   as_file_url(str(shared / "out"))], client_env, private)
        assert done.returncode == 0, done.stderr
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=HANG)

    local = convert([as_file_url(str(shared / "inputs"))], str(tmp_path / "local"), workers=2, command=["t"])
    out = shared / "out"
    for sub in ("data", "outlets", "clusters"):
        assert _sha(out, sub) == _sha(tmp_path / "local", sub)
    assert _sha(out, "data") and _sha(out, "outlets")
    built = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert built["counts"] == local["counts"] and built["counts"]["written"] == 240 + len(sample_dumps()) - 1
    assert built["inputs"] == local["inputs"]  # each file hashed, by the worker that read it
    assert "--scheduler" in built["command"]  # the client's command line, not the worker's that wrote the manifest
    assert (out / "rejects.jsonl").read_bytes() == (tmp_path / "local" / "rejects.jsonl").read_bytes()
    assert not (shared / "staging").exists() or not any((shared / "staging").iterdir())  # staging cleaned up
    assert read - baseline <= size // 100, f"the client read {read - baseline} bytes of {size} input bytes"


def _wait_for_workers(scheduler_file: Path, n: int) -> str:
    from distributed import Client

    deadline = time.time() + HANG  # only against a hang: starting takes what it takes
    while not scheduler_file.exists():
        if time.time() > deadline:
            pytest.fail("the scheduler did not start")
        time.sleep(0.2)
    address = json.loads(scheduler_file.read_text())["address"]
    with Client(address, timeout=HANG) as client:
        client.wait_for_workers(n, timeout=HANG)
    return address


def test_a_shard_that_fails_twice_becomes_rejects_and_the_build_goes_on(tmp_path, monkeypatch):
    import distributed

    from toolkit.build import cluster as shards

    folder = tmp_path / "in"
    folder.mkdir()
    dumps = sample_dumps()
    for k, dump in enumerate(dumps):
        (folder / f"{k:02d}.txt").write_text(dump, encoding="utf-8")
    (folder / "poison.txt").write_text(dumps[0], encoding="utf-8")
    attempts = tmp_path / "attempts"  # the task is a copy of this closure: it counts in a file
    real = shards.process_shard

    def flaky(shard):
        if any("poison" in i.path for i in shard.inputs):
            with open(attempts, "a") as f:
                f.write(f"{shard.number}\n")
            raise RuntimeError("this worker's disk is gone")
        return real(shard)

    monkeypatch.setattr(shards, "process_shard", flaky)
    monkeypatch.setattr(shards, "SHARD_FILES", 2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        built = convert([str(folder)], str(tmp_path / "out"), scheduler=cluster.scheduler_address, command=["t"])
    assert len(attempts.read_text().split()) == 2  # tried, then tried again
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    failed = {Path(r["input"]).name for r in rejects if "failed twice" in r["reason"]}
    assert "poison.txt" in failed and all("RuntimeError: this worker's disk is gone" in r["reason"]
                                          for r in rejects if "failed twice" in r["reason"])
    c = built["counts"]
    # every file of the failed shard is a reject, every other file a row: none lost, none twice
    assert c["read"] == c["written"] + c["rejected"] + c["duplicates"]
    assert c["written"] + c["duplicates"] == len(dumps) - len(failed - {"poison.txt"}) and c["rejected"] == len(failed)


def test_object_store_inputs_staging_and_output(tmp_path):
    """Inputs, staging and output on an object store (fsspec's in-memory one, shared by the threads of an
    in-process cluster): the folder is copied up when complete, `.mpt-complete` last, with the bytes of a
    local build; the staging is emptied; an existing output is refused."""
    import distributed
    import fsspec

    from toolkit.writers.folder import OutputRefused

    memory = fsspec.filesystem("memory")
    dumps = sample_dumps()
    for k, dump in enumerate(dumps):
        memory.pipe_file(f"/bucket/in/{k:02d}.txt", dump.encode("utf-8"))
    memory.pipe_file("/bucket/in/registry-not-here/.hidden", b"skipped: hidden")
    local = convert(["memory://bucket/in"], str(tmp_path / "local"), workers=1, command=["t"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        built = convert(["memory://bucket/in"], "memory://bucket/out", scheduler=cluster.scheduler_address,
                        staging="memory://bucket/staging", command=["t"])
        with pytest.raises(OutputRefused, match="already holds files"):
            convert(["memory://bucket/in"], "memory://bucket/out", scheduler=cluster.scheduler_address,
                    staging="memory://bucket/staging", command=["t"])
    serial = convert(["memory://bucket/in"], "memory://bucket/out-serial", workers=1, command=["t"])
    assert built["counts"] == local["counts"] == serial["counts"] and local["counts"]["written"] > 3
    written = json.loads(memory.cat_file("/bucket/out/manifest.json"))
    assert written["inputs"] == local["inputs"] and local["inputs"][0]["path"] == "memory:///bucket/in/00.txt"
    for out in ("/bucket/out", "/bucket/out-serial"):
        listed = {f["path"]: f["sha256"] for f in json.loads(memory.cat_file(f"{out}/manifest.json"))["files"]}
        for path, sha in listed.items():
            assert hashlib.sha256(memory.cat_file(f"{out}/{path}")).hexdigest() == sha
        assert memory.exists(f"{out}/.mpt-complete")
        data = sorted(p for p in listed if p.startswith("data/"))
        assert [memory.cat_file(f"{out}/{p}") for p in data] == [(tmp_path / "local" / p).read_bytes() for p in data]
    assert not memory.exists("/bucket/staging") or not memory.find("/bucket/staging")


def _dies_once(shard, marker, real):
    """The first shard to run kills its worker process (as a lost host would), once."""
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return real(shard)
    os.close(fd)
    os._exit(1)


def test_a_lost_worker_has_its_shard_done_again(tmp_path, monkeypatch):
    import functools

    import cloudpickle
    import distributed

    from toolkit.build import cluster as shards

    inputs = []
    for k, dump in enumerate(sample_dumps()):
        inputs.append(str(tmp_path / f"{k:02d}.txt"))
        Path(inputs[-1]).write_text(dump, encoding="utf-8")
    local = convert(inputs, str(tmp_path / "local"), workers=1, command=["t"])
    marker = tmp_path / "died"
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the worker processes cannot import this file
    monkeypatch.setattr(shards, "process_shard", functools.partial(_dies_once, marker=str(marker), real=shards.process_shard))
    monkeypatch.setattr(shards, "SHARD_FILES", 2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = convert(inputs, str(tmp_path / "dask"), scheduler=cluster.scheduler_address, command=["t"])
    assert marker.exists()  # a worker did die
    assert remote["counts"] == local["counts"] and remote["counts"]["rejected"] == 0
    assert _sha(tmp_path / "dask", "data") == _sha(tmp_path / "local", "data")


def test_cluster_builds_keep_the_url_map_and_the_registry_file_names(tmp_path):
    import distributed

    from toolkit.build.shipped_registry import registry_paths

    pages = tmp_path / "pages"
    pages.mkdir()
    urls = {}
    for k in range(3):
        (pages / f"p{k}.html").write_text(f"<html><head><title>Story {k}</title></head><body><article><p>"
                                          + f"Paragraph of story {k} about the harbour. " * 30 + "</p></article></body></html>",
                                          encoding="utf-8")
        urls[f"p{k}.html"] = f"https://news.harbour-gazette.example/story-{k}"  # keyed by file name, as --urls files are
    registry = tmp_path / "outlets.yaml"  # no version: key, so every row says user:outlets.yaml
    registry.write_text("outlets:\n  - outlet_id: harbour-gazette\n    name: Harbour Gazette\n"
                        "    hosts: [news.harbour-gazette.example]\n    periods:\n      - category: private\n"
                        "        evidence:\n          - kind: self\n            ref: a test entry\n", encoding="utf-8")
    local = convert([str(pages)], str(tmp_path / "local"), workers=1, urls=urls, registry_files=(str(registry),), command=["t"])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        remote = convert([str(pages)], str(tmp_path / "dask"), urls=urls, registry_files=(str(registry),),
                         scheduler=cluster.scheduler_address, command=["t"])
    assert remote["counts"] == local["counts"] and local["counts"]["written"] == 3
    assert _sha(tmp_path / "dask", "data") == _sha(tmp_path / "local", "data")
    assert registry_paths((("outlets.yaml", b"x"),))[0].endswith("/outlets.yaml")


def test_object_store_folders_are_never_half_written_nor_read_back(tmp_path, monkeypatch):
    import fsspec

    from toolkit import storage
    from toolkit.readers import discover
    from toolkit.writers.folder import OutputRefused

    memory = fsspec.filesystem("memory")
    local = tmp_path / "built"
    (local / "data").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "data/c.txt"):
        (local / name).write_text(name)
    real, calls = type(memory).put_file, []

    def failing(self, lpath, rpath, **kw):
        calls.append(rpath)
        if len(calls) == 3:
            raise OSError("the network went away")
        return real(self, lpath, rpath, **kw)

    monkeypatch.setattr(type(memory), "put_file", failing)
    with pytest.raises(OSError):
        storage.put_folder(str(local), "memory://half/out")
    assert not memory.find("/half/out")  # the two files copied before the failure were removed again
    monkeypatch.undo()

    for name in ("x.txt", "y.txt"):
        memory.pipe_file(f"/store/.work/in/{name}", b" date 2024-01 https://a.example/x\ntext\n")
    memory.pipe_file("/store/.work/in/old-build/.mpt-complete", b"done")
    memory.pipe_file("/store/.work/in/old-build/data/train.parquet", b"not an input")
    found = discover(["memory://store/.work/in"])  # a hidden folder above the URL given is not skipped
    assert [i.path.rsplit("/", 1)[-1] for i in found if not i.problem] == ["x.txt", "y.txt"]
    assert [str(i.problem) for i in found if i.problem] == ["skipped: a dataset folder written by mpt, not input"]
    with pytest.raises(OutputRefused, match="overlap"):
        convert(["memory://store/.work/in"], "memory://store/.work/in/new-build", command=["t"])
