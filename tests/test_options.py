"""One set of options for recipes and the command line, filters counted in the manifest, listings of
inputs, and inputs read over HTTP from a server this test starts (one that drops the connection too)."""
import http.server
import json
import threading

import pyarrow.parquet as pq
import pytest
import yaml
from helpers import SAMPLE, SEED, run_mpt

from toolkit import recipe
from toolkit.cli import parser
from toolkit.filters import Filters, make

SAMPLE_INPUTS = SAMPLE / "inputs"
REGISTRY = SAMPLE / "outlets.yaml"


def manifest(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def rows(folder):
    return pq.read_table(folder / "data").to_pylist()


def test_every_recipe_key_is_a_flag_of_convert_and_of_build():
    flags = {}
    for action in parser()._subparsers._group_actions[0].choices["convert"]._actions:
        flags[action.dest] = action
    built = {a.dest for a in parser()._subparsers._group_actions[0].choices["build"]._actions}
    for option in recipe.OPTIONS:
        if option.key == "inputs":
            assert flags["inputs"].nargs == "*"  # convert's positional arguments
            continue
        assert option.key in flags and option.key in built, option.key


def test_an_unknown_recipe_key_is_an_error_that_lists_the_known_ones(tmp_path):
    (tmp_path / "recipe.yaml").write_text(yaml.safe_dump({"name": "x", "description": "d", "license": "other",
                                                          "inputs": ["a.txt"], "licence": "cc-by-4.0"}))
    result = run_mpt("build", tmp_path, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "unknown key licence; known keys: name, pretty_name, description, license" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "recipe.yaml").write_text(yaml.safe_dump({"name": "x", "description": "d", "license": "other",
                                                          "inputs": ["a.txt"], "filters": {"language": ["en"]}}))
    result = run_mpt("build", tmp_path, "--out", tmp_path / "out")
    assert result.returncode == 2 and "unknown filter key language; known: languages, since" in result.stderr


def test_a_recipe_and_convert_with_the_same_options_write_the_same_data(tmp_path):
    (tmp_path / "hosts.txt").write_text("# outlets we study\nharbour-gazette.example\nnorthern-courier.example\n")
    spec = {"name": "harbour", "description": "Two outlets.", "license": "cc-by-4.0", "version": "2.1.0",
            "citation": "@misc{harbour, title = {Harbour news}}", "url": "https://data.example/harbour",
            "inputs": [str(SAMPLE_INPUTS)], "registry": [str(REGISTRY)],
            "filters": {"hosts": "@hosts.txt", "since": "2000-01-01"}}
    (tmp_path / "recipe.yaml").write_text(yaml.safe_dump(spec))
    built = run_mpt("build", tmp_path, "--out", tmp_path / "built", "--quiet", "--workers", "1")
    assert built.returncode == 0, built.stderr
    converted = run_mpt("convert", SAMPLE_INPUTS, "--out", tmp_path / "converted", "--quiet", "--workers", "1",
                        "--registry", REGISTRY, "--name", "harbour", "--description", "Two outlets.",
                        "--license", "cc-by-4.0", "--dataset-version", "2.1.0", "--url", "https://data.example/harbour",
                        "--citation", "@misc{harbour, title = {Harbour news}}", "--hosts", f"@{tmp_path / 'hosts.txt'}",
                        "--since", "2000-01-01")
    assert converted.returncode == 0, converted.stderr
    a, b = tmp_path / "built", tmp_path / "converted"
    assert sorted(r["host"] for r in rows(a)) == ["news.harbour-gazette.example", "northern-courier.example"]
    def content(folder):  # the inputs' paths are named as given: relative to the recipe, or as typed
        return [{k: v for k, v in r.items() if k != "provenance"} for r in rows(folder)]

    assert content(a) == content(b)
    for folder in (a, b):
        card = (folder / "README.md").read_text(encoding="utf-8")
        assert "license: cc-by-4.0" in card and "@misc{harbour, title = {Harbour news}}" in card
        croissant = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
        assert croissant["version"] == "2.1.0" and croissant["url"] == "https://data.example/harbour"
        m = manifest(folder)
        assert m["options"]["filters"] == {"since": "2000-01-01",
                                           "hosts": ["harbour-gazette.example", "northern-courier.example"]}
        assert m["counts"]["filtered"] == sum(m["filter_reasons"].values()) >= 2
        assert run_mpt("validate", folder).returncode == 0


def test_filters_drop_and_count_by_reason(tmp_path):
    result = run_mpt("convert", SAMPLE_INPUTS, "--out", tmp_path / "out", "--registry", REGISTRY, "--workers", "1",
                     "--languages", "en", "--exclude-hosts", "valley-wire.example", "--categories", "private,unknown")
    assert result.returncode == 0, result.stderr
    m = manifest(tmp_path / "out")
    kept = rows(tmp_path / "out")
    assert all(r["language"].split("-")[0] == "en" and "valley-wire" not in r["host"] for r in kept)
    assert m["counts"]["read"] == m["counts"]["written"] + m["counts"]["rejected"] + m["counts"]["duplicates"] + \
        m["counts"]["filtered"]
    assert set(m["filter_reasons"]) <= {"filtered: language not selected", "filtered: host excluded",
                                        "filtered: affiliation category not selected"}
    assert m["filter_reasons"]["filtered: language not selected"] >= 1
    assert f"{m['counts']['filtered']} filtered" in result.stderr  # the summary line says it


@pytest.mark.parametrize("spec, record, reason", [
    ({"languages": "pt-br"}, {"language": "pt-PT"}, "filtered: language not selected"),
    ({"languages": "pt"}, {"language": "pt-BR"}, None),
    ({"since": "2024-01-01"}, {"published_at": None}, "filtered: no publication date (a date range was asked)"),
    ({"until": "2023-12-31"}, {"published_at": "2024-01-01T00:30:00+00:00"}, "filtered: published after 2023-12-31"),
    ({"hosts": "harbour.example"}, {"host": "news.harbour.example"}, None),
    ({"hosts": "harbour.example"}, {"host": "harbour.example.org"}, "filtered: host not selected"),
    ({"outlets": "harbour-gazette"}, {"source": {"outlet_id": None}}, "filtered: outlet not selected"),
    ({"exclude_outlets": ["harbour-gazette"]}, {"source": {"outlet_id": "harbour-gazette"}}, "filtered: outlet excluded"),
])
def test_each_filter_names_its_reason(spec, record, reason):
    assert make(spec).reason(record) == reason


@pytest.mark.parametrize("spec, message", [
    ({"since": "2024-13-01"}, "filters.since: '2024-13-01' is not a date"),
    ({"since": "2024-02-01", "until": "2024-01-01"}, "since 2024-02-01 is after until 2024-01-01"),
    ({"categories": ["friendly"]}, "filters.categories: unknown friendly; known: state_controlled"),
    ({"hosts": "@/no/such/file.txt"}, "filters.hosts: cannot read /no/such/file.txt"),
])
def test_bad_filters_are_refused_with_what_is_wrong(spec, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make(spec)
    assert not Filters()


class Server:
    """A local web server for the test: serves the seed dump and the sample's dumps; `drops` counts how
    many requests for /flaky.txt get half the file and a closed connection."""

    def __init__(self, drops: int) -> None:
        files = {"/seed.txt": SEED.read_bytes(), "/flaky.txt": SEED.read_bytes(),
                 **{f"/dumps/{p.name}": p.read_bytes() for p in SAMPLE_INPUTS.glob("synthetic_*.txt")}}
        self.drops, self.requests = drops, []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                server.requests.append(self.path)
                body = files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.path == "/flaky.txt" and server.drops > 0:
                    server.drops -= 1
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def do_HEAD(self):  # noqa: N802
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_web_inputs_and_a_listing_of_them(tmp_path):
    with Server(drops=1) as server:
        listing = tmp_path / "warc.paths"
        listing.write_text("# as CC-NEWS lists its files: relative to a base\ndumps/synthetic_harbour_gazette.txt\n"
                           "dumps/synthetic_valley_wire.txt\n\n")
        result = run_mpt("convert", f"{server.url}/seed.txt", f"{server.url}/flaky.txt", f"{server.url}/missing.txt",
                         "--listing", listing, "--listing-base", server.url, "--out", tmp_path / "out",
                         "--registry", REGISTRY, "--workers", "1", "--quiet")
        assert result.returncode == 0, result.stderr
        assert server.requests.count("/flaky.txt") == 2  # dropped once, fetched again whole
    m = manifest(tmp_path / "out")
    paths = [i["path"] for i in m["inputs"]]
    assert f"{server.url}/dumps/synthetic_valley_wire.txt" in paths and f"{server.url}/seed.txt" in paths
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert [(r["input"], "not found on the server" in r["reason"]) for r in rejects] == [(f"{server.url}/missing.txt", True)]
    hosts = sorted(r["host"] for r in rows(tmp_path / "out"))
    assert "fr.sputniknews.com" in hosts and "news.harbour-gazette.example" in hosts
    # flaky.txt is the seed again, read whole: a duplicate; the valley wire's dump holds one of its own
    assert m["counts"]["duplicates"] == 2


def test_a_server_that_always_drops_the_connection_costs_one_reject_not_the_build(tmp_path):
    with Server(drops=99) as server:
        result = run_mpt("convert", f"{server.url}/flaky.txt", f"{server.url}/seed.txt", "--out", tmp_path / "out",
                         "--workers", "1", "--quiet")
        assert result.returncode == 0, result.stderr
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert len(rejects) == 1 and rejects[0]["input"].endswith("/flaky.txt")
    assert "the download failed 4 times" in rejects[0]["reason"]
    assert [r["host"] for r in rows(tmp_path / "out")] == ["fr.sputniknews.com"]


def test_a_listing_that_names_nothing_or_is_missing_is_a_usage_error(tmp_path):
    (tmp_path / "empty.paths").write_text("# nothing yet\n")
    result = run_mpt("convert", "--listing", tmp_path / "empty.paths", "--out", tmp_path / "out")
    assert result.returncode == 2 and "the listing names no input" in result.stderr
    result = run_mpt("convert", "--listing", tmp_path / "none.paths", "--out", tmp_path / "out")
    assert result.returncode == 2 and "cannot read the listing" in result.stderr
    result = run_mpt("convert", "--out", tmp_path / "out")
    assert result.returncode == 2 and "give the inputs to read, or a --listing file" in result.stderr
