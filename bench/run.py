"""make bench: end-to-end speed and peak memory, flat dumps with 1 and 2 workers and on a Dask cluster
(same rows, and what its client read), the HTML path against trafilatura on the same pages, and the
hostile corpus. Prints a table and writes bench/results.json.
Not a test.

The flat corpus is what users' corpora are like: one dump a file, as long as real news pages (the
flat-traf and flat-fundus-dev dumps, copied under unique URLs).

usage: python bench/run.py [--n 20000] [--shared ../shared] [--bomb-mb 2048]"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MPT = ROOT / ".venv" / "bin" / "mpt"


def unique(url: str, k: int) -> str:
    """The URL with a query parameter that makes it the k-th copy (before any #fragment, which ids ignore)."""
    base, hash_, fragment = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}copy={k}{hash_}{fragment}"


def make_corpus(shared: Path, n: int) -> Path:
    """n flat dumps, one a file: the flat-traf and flat-fundus-dev dumps copied under unique URLs."""
    out = HERE / "corpus" / f"flat-{n}"
    if (out / ".complete").exists() and (out / ".complete").read_text() == f"{n} v3":
        return out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    dumps = []
    for name in ("flat-traf", "flat-fundus-dev"):
        for path in sorted((shared / "eval" / name).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            dumps += [d if d.startswith(" date") else " " + d for d in re.split(r"\n(?= date \d{4}-\d{2} )", text) if d.strip()]
    header = re.compile(r"^( ?date \d{4}-\d{2}(?:-\d{2})? )(\S+)")
    for k in range(n):
        folder = out / f"{k // 1000:04d}"
        folder.mkdir(exist_ok=True)
        dump = header.sub(lambda m: f"{m[1]}{unique(m[2], k)}", dumps[k % len(dumps)], count=1)
        (folder / f"{k:07d}.txt").write_text(dump, encoding="utf-8")
    (out / ".complete").write_text(f"{n} v3")
    return out


def measure(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process: the main one or a worker) of a command."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:]); dt = time.perf_counter() - t; "
             "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
    done = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-500:]}")
    seconds, rss_kb = done.stdout.split()[-2:]
    return float(seconds), int(rss_kb) / 1024


def flat_runs(corpus: Path, n: int) -> list[dict]:
    rows = []
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            seconds, rss = measure([str(MPT), "convert", str(corpus), "--out", f"{tmp}/out", "--workers", str(workers), "--quiet"])
            manifest = json.loads(Path(f"{tmp}/out/manifest.json").read_text())
            counts, reuse = manifest["counts"], manifest.get("reuse") or {}
            data = _data_sha(Path(f"{tmp}/out"))
        rows.append({"path": "flat", "workers": workers, "records": n, "written": counts["written"], "data_sha256": data,
                     "seconds": round(seconds, 2), "records_per_s": round(n / seconds, 1), "peak_rss_mb": round(rss, 1),
                     # the corpus-level reuse stage (LSH, checks, origins): its share of the whole build
                     "reuse_seconds": reuse.get("seconds"), "reuse_clusters": reuse.get("clusters")})
    return rows


def _data_sha(folder: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((folder / "data").glob("*.parquet")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _client_read(args: list[str]) -> tuple[float, int]:
    """(seconds, bytes `mpt ARGS` read, files and sockets: counting_client.py)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "counting_client.py"), *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise SystemExit(f"mpt {' '.join(args)} failed: {done.stderr[-500:]}")
    read = next(int(line.split(": ")[1]) for line in done.stdout.splitlines() if line.startswith("client-read: "))
    return time.perf_counter() - started, read


def dask_run(corpus: Path, n: int, workers: int = 2) -> dict:
    """The flat corpus on a Dask cluster started apart (`dask scheduler`, `dask worker` x2): its rows and
    seconds, and what the client read (files and sockets) beyond an empty build, against the input's size."""
    dask = str(ROOT / ".venv" / "bin" / "dask")
    with tempfile.TemporaryDirectory() as tmp:
        scheduler_file = f"{tmp}/scheduler.json"
        started = [subprocess.Popen([dask, "scheduler", "--scheduler-file", scheduler_file, "--port", "0", "--no-dashboard"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        try:
            started += [subprocess.Popen([dask, "worker", "--scheduler-file", scheduler_file, "--nthreads", "1",
                                          "--nworkers", "1", "--no-dashboard", "--local-directory", f"{tmp}/w{k}"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for k in range(workers)]
            while not os.path.exists(scheduler_file):
                time.sleep(0.2)
            address = json.loads(Path(scheduler_file).read_text())["address"]
            from distributed import Client

            with Client(address) as client:
                client.wait_for_workers(workers, timeout=120)
            os.makedirs(f"{tmp}/empty")
            Path(f"{tmp}/empty/empty.txt").write_bytes(b"")
            base = ["convert", "--scheduler", address, "--quiet", "--staging", f"{tmp}/staging"]
            _client_read([*base, f"{tmp}/empty", "--out", f"{tmp}/out-empty-1"])  # fills the registry cache
            _, empty = _client_read([*base, f"{tmp}/empty", "--out", f"{tmp}/out-empty"])
            seconds, read = _client_read([*base, str(corpus), "--out", f"{tmp}/out"])
            manifest = json.loads(Path(f"{tmp}/out/manifest.json").read_text())
            data = _data_sha(Path(f"{tmp}/out"))
        finally:
            for process in started:
                process.terminate()
                process.wait()
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    return {"path": "flat on Dask (scheduler + workers apart)", "workers": workers, "records": n,
            "written": manifest["counts"]["written"], "data_sha256": data, "seconds": round(seconds, 2),
            "records_per_s": round(n / seconds, 1), "peak_rss_mb": None,
            "client_read_bytes": read - empty, "input_bytes": size}


def html_runs(shared: Path) -> list[dict]:
    sys.path.insert(0, str(shared / "eval"))
    import score_html

    pages = score_html.load(str(shared / "eval" / "aeb-pages"))
    with tempfile.TemporaryDirectory() as tmp:
        warc = f"{tmp}/pages.warc.gz"
        score_html.write_warc(pages, warc)
        seconds, rss = measure([str(MPT), "convert", warc, "--out", f"{tmp}/out", "--quiet"])
    _, traf_seconds = score_html.run_trafilatura(pages)
    return [{"path": "html (aeb-pages, whole process)", "workers": os.cpu_count(), "records": len(pages),
             "seconds": round(seconds, 2), "records_per_s": round(len(pages) / seconds, 1), "peak_rss_mb": round(rss, 1)},
            {"path": "trafilatura (same pages, in process)", "workers": 1, "records": len(pages),
             "seconds": round(traf_seconds, 2), "records_per_s": round(len(pages) / traf_seconds, 1), "peak_rss_mb": None}]


def hostile_run(bomb_mb: int) -> dict:
    """The hostile corpus of tests/hostile.py with bombs of `bomb_mb` MB (gzip, JSON lines, WARC, a long line):
    time and the peak memory of the largest process."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "tests" / "hostile.py"), f"{tmp}/in", "--bomb-mb", str(bomb_mb)],
                       check=True)
        seconds, rss = measure([str(MPT), "convert", f"{tmp}/in", "--out", f"{tmp}/out", "--workers", "2", "--quiet"])
        counts = json.loads(Path(f"{tmp}/out/manifest.json").read_text())["counts"]
    return {"path": f"hostile corpus, {bomb_mb} MB bombs", "workers": 2, "records": counts["read"],
            "written": counts["written"], "seconds": round(seconds, 2), "records_per_s": round(counts["read"] / seconds, 1),
            "peak_rss_mb": round(rss, 1)}


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--n", type=int, default=int(os.environ.get("N", 20_000)))
    args.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args.add_argument("--bomb-mb", type=int, default=2048, help="size of the hostile corpus's bombs (0: skip it)")
    a = args.parse_args()
    shared = Path(a.shared)
    started = time.time()
    corpus = make_corpus(shared, a.n)
    rows = flat_runs(corpus, a.n) + html_runs(shared) + ([hostile_run(a.bomb_mb)] if a.bomb_mb else [])
    rows.append(dask_run(corpus, a.n))
    one, two = rows[0]["records_per_s"], rows[1]["records_per_s"]
    result = {"n": a.n, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
              "runs": rows, "two_worker_speedup": round(two / one, 2),
              "html_speed_ratio": round(rows[2]["records_per_s"] / rows[3]["records_per_s"], 2),
              "bench_seconds": round(time.time() - started, 1)}
    (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"{'path':40} {'workers':>7} {'records':>9} {'seconds':>8} {'records/s':>10} {'peak RSS MB':>12}")
    for r in rows:
        print(f"{r['path']:40} {r['workers']:>7} {r['records']:>9} {r['seconds']:>8} {r['records_per_s']:>10} {r['peak_rss_mb'] or '':>12}")
    print(f"two workers / one: {result['two_worker_speedup']}x; html toolkit / trafilatura: {result['html_speed_ratio']}x")
    on_dask = rows[-1]
    print(f"Dask: {'the same rows' if on_dask['data_sha256'] == rows[1]['data_sha256'] else 'DIFFERENT rows'} as the local "
          f"build ({on_dask['written']} written); the client read {on_dask['client_read_bytes']} bytes beyond an empty "
          f"build, {100 * on_dask['client_read_bytes'] / on_dask['input_bytes']:.3f} % of the {on_dask['input_bytes']} input bytes")
    for r in rows[:2]:  # the signatures are computed inside the workers' record time; this is the corpus-level stage
        print(f"reuse stage, {r['workers']} worker(s): {r['reuse_seconds']} s of {r['seconds']} s "
              f"({100 * (r['reuse_seconds'] or 0) / r['seconds']:.1f} %), {r['reuse_clusters']} clusters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
