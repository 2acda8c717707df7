"""Nothing of the user's is harmed: --out is checked, builds lock their output, interrupted builds
leave nothing behind, bad arguments and unwritable outputs get one line and their exit code."""
import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import SEED, run_mpt

from toolkit.writers import folder


def corpus(path: Path, copies: int = 1) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text(encoding="utf-8")
    dumps = [seed.replace("1054954228.html", f"1054954228.html?copy={k}", 1) for k in range(copies)]
    (path / "dumps.txt").write_text("\n".join(dumps), encoding="utf-8")
    return path


def snapshot(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("out", ["inp", ".", "inp/out", "myresults", "inp/dumps.txt"])
def test_out_that_would_harm_is_refused(tmp_path, out):
    corpus(tmp_path / "inp")
    (tmp_path / "myresults").mkdir()
    (tmp_path / "myresults" / "notebook.ipynb").write_text("{}")
    before = snapshot(tmp_path)
    r = run_mpt("convert", "inp", "--out", out, "--quiet", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "--out" in r.stderr
    assert snapshot(tmp_path) == before


def test_an_earlier_build_is_replaced_only_while_it_is_unchanged(tmp_path):
    corpus(tmp_path / "inp")
    assert run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=tmp_path).returncode == 0
    assert run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=tmp_path).returncode == 0
    (tmp_path / "res" / "notes.txt").write_text("mine")
    r = run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=tmp_path)
    assert r.returncode == 2 and "notes.txt" in r.stderr
    (tmp_path / "res" / "notes.txt").unlink()
    with open(tmp_path / "res" / "README.md", "a", encoding="utf-8") as f:
        f.write("\nMy own paragraph.\n")
    r = run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=tmp_path)
    assert r.returncode == 2 and "README.md was changed" in r.stderr
    assert "My own paragraph." in (tmp_path / "res" / "README.md").read_text()


def test_earlier_build_folders_inside_inputs_are_skipped_and_counted(tmp_path):
    corpus(tmp_path / "inp")
    assert run_mpt("convert", "inp", "--out", "first", "--quiet", cwd=tmp_path).returncode == 0
    os.replace(tmp_path / "first", tmp_path / "inp" / "first")
    assert run_mpt("convert", "inp", "--out", "second", "--quiet", cwd=tmp_path).returncode == 0
    manifest = json.loads((tmp_path / "second" / "manifest.json").read_text())
    assert manifest["counts"]["written"] == 1
    assert manifest["reject_reasons"] == {"skipped: a dataset folder written by mpt, not input": 1}


def test_a_second_build_on_the_same_out_stops_at_once(tmp_path):
    corpus(tmp_path / "inp")
    lock = folder.Lock.take(str(tmp_path / "res"))
    try:
        r = run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=tmp_path)
    finally:
        lock.release()
    assert r.returncode == 2 and f"another build (pid {os.getpid()}) is writing" in r.stderr
    assert not (tmp_path / "res").exists()


def test_partial_folders_of_dead_builds_are_removed(tmp_path):
    corpus(tmp_path / "inp")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = tmp_path / f"res.partial-{pid}"
    stale.mkdir()
    (stale / ".mpt-partial").write_text(json.dumps({"pid": pid, "started": None}))
    (stale / "data").mkdir()
    alive = tmp_path / f"res.partial-{os.getpid()}"
    alive.mkdir()
    (alive / ".mpt-partial").write_text(json.dumps({"pid": os.getpid(), "started": folder.start_time(os.getpid())}))
    foreign = tmp_path / "res.partial-1"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not a build's")
    assert run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=tmp_path).returncode == 0
    assert not stale.exists() and alive.exists() and (foreign / "keep.txt").exists()


HANG = 600  # seconds: a bound that only guards against a hang, never a measure of speed


def _running_build(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, Path]:
    """A build of many batches, once its pool has finished the first: the event, not a time, says so."""
    corpus(tmp_path / "inp", copies=12000)
    # Ctrl-C as at a terminal: a test run started in the background inherits SIGINT ignored, and so would the build
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "convert", "inp", "--out", "res", "--workers", "2",
                             "--quiet", *extra], cwd=tmp_path, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _until(lambda: bool(list(tmp_path.glob("res.partial-*/.runs/run-*"))) or proc.poll() is not None)
    assert proc.poll() is None, f"the build ended before it could be interrupted: {proc.stderr.read()}"
    return proc, tmp_path


def _until(event, bound: float = HANG) -> None:
    """Wait for the event; the bound only keeps a hang from stopping the test run."""
    deadline = time.monotonic() + bound
    while not event():
        if time.monotonic() > deadline:
            pytest.fail(f"no event in {bound} s: a hang")
        time.sleep(0.05)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc (no pgrep needed)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it exited while we looked
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _gone(pids: list[int]) -> bool:
    _until(lambda: not any(_alive(p) for p in pids))
    return True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_an_interrupted_build_says_one_line_and_leaves_nothing(tmp_path, sig):
    proc, root = _running_build(tmp_path)
    workers = _children(proc.pid)
    assert workers
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole process group
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=HANG)
    assert proc.returncode == 130
    assert err.count("\n") == 1 and "interrupted" in err and "Traceback" not in err
    assert not list(root.glob("res*")) and not list(root.glob(".res*"))
    assert _gone(workers)


def test_workers_exit_when_the_build_is_killed_and_the_next_build_cleans_up(tmp_path):
    proc, root = _running_build(tmp_path)
    workers = _children(proc.pid)
    proc.kill()
    proc.wait()
    assert _gone(workers)
    assert list(root.glob("res.partial-*"))
    r = run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=root)
    assert r.returncode == 0 and not list(root.glob("res.partial-*"))


def test_an_empty_build_loads_as_zero_rows(tmp_path):
    (tmp_path / "empty").mkdir()
    r = run_mpt("convert", "empty", "--out", "res", cwd=tmp_path)
    assert r.returncode == 0 and "no article was written" in r.stderr
    assert run_mpt("validate", "res", cwd=tmp_path).returncode == 0
    import pandas
    import toolkit
    from toolkit.schema import hf_features

    ds = toolkit.load(str(tmp_path / "res"))
    assert ds["train"].num_rows == 0 and ds["train"].features == hf_features()
    assert len(pandas.read_parquet(tmp_path / "res" / "data")) == 0


def test_validate_names_damage_in_lines(tmp_path):
    corpus(tmp_path / "inp")
    assert run_mpt("convert", "inp", "--out", "res", "--quiet", cwd=tmp_path).returncode == 0
    data = next((tmp_path / "res" / "data").glob("*.parquet"))
    data.write_bytes(data.read_bytes()[:-1] + b"\x00")
    card = tmp_path / "res" / "README.md"
    card.write_text(card.read_text().replace("configs:", "configs: [unclosed", 1))
    r = run_mpt("validate", "res", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout
    assert f"data/{data.name}: SHA-256 differs" in r.stdout
    assert "README.md: the YAML header cannot be read" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["convert", "inp", "--out", "res", "--workers", "0"], "must be 1 or more"),
    (["convert", "inp", "--out", "res", "--max-record-mb", "0"], "must be more than 0"),
    (["outlets", "lookup", "https://www.rt.com/", "--date", "yesterday"], "not a date"),
    (["outlets", "lookup", "https://www.rt.com/", "--date", "2025-13-45"], "not a date"),
    (["outlets", "list", "--category", "state-controlled"], "invalid choice"),
    (["outlets", "list", "--country", "Russia"], "two-letter country code"),
    (["inspect", "nowhere.html"], "no such file"),
])
def test_bad_arguments_get_one_line_and_exit_2(tmp_path, args, message):
    corpus(tmp_path / "inp")
    r = run_mpt(*args, cwd=tmp_path)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_an_unwritable_output_exits_3_and_keeps_the_earlier_build(tmp_path, monkeypatch, capsys, code):
    from toolkit import cli
    from toolkit.writers import parquet

    corpus(tmp_path / "inp")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["convert", "inp", "--out", "res", "--quiet", "--workers", "1"]) == 0
    before = snapshot(tmp_path / "res")

    def full(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(parquet, "write_jsonl", full)
    monkeypatch.setattr("toolkit.writers.rejects._merge", full)
    assert cli.main(["convert", "inp", "--out", "res", "--quiet", "--workers", "1"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("mpt convert: cannot write") and os.strerror(code) in err and err.count("\n") == 1
    assert snapshot(tmp_path / "res") == before
    assert not list(tmp_path.glob("res.partial-*"))


def test_a_bug_is_one_line_and_exit_4_and_mpt_debug_shows_the_traceback(tmp_path):
    corpus(tmp_path / "inp")
    # convert replaced by one that raises: the path a bug takes, on purpose
    script = ("import sys, toolkit.build as p\n"
              "def boom(*a, **k):\n    raise RuntimeError('boom in convert')\n"
              "p.convert = boom\n"
              "from toolkit.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    args = [sys.executable, "-c", script, "convert", "inp", "--out", "res", "--quiet"]
    quiet = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "MPT_DEBUG": ""})
    assert quiet.returncode == 4 and quiet.stderr.count("\n") == 1
    assert "internal error: RuntimeError: boom in convert" in quiet.stderr and "MPT_DEBUG=1" in quiet.stderr
    loud = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "MPT_DEBUG": "1"})
    assert loud.returncode != 0 and "Traceback" in loud.stderr and "boom in convert" in loud.stderr
    assert not (tmp_path / "res").exists()
