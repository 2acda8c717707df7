"""Bad input: each kind goes to the rejects with its reason, the batch goes on, counts reconcile."""
import gzip
import json

import pytest

from helpers import SEED, write_dump

from toolkit.build import stages
from toolkit.build import convert, records_of
from toolkit.records import Reject

GOOD = SEED.read_text(encoding="utf-8")
NO_BODY = " date 2023-01 https://no-body.example/a\n\nA title only\n\n2023-01-02\n"
NOT_HTTP = GOOD.replace("https://fr.sputniknews.com", "ftp://fr.sputniknews.com", 1)


def reasons(path):
    return [r.reason for r in records_of(str(path)) if isinstance(r, Reject)]


def test_each_bad_input_has_its_reason(tmp_path):
    assert reasons(write_dump(tmp_path / "empty.txt", "")) == ["empty input"]
    assert reasons(write_dump(tmp_path / "blank.txt", "\n \n")) == ["empty input"]
    assert reasons(write_dump(tmp_path / "binary.txt", b"\x00\x01\x02PNG\x00" * 100)) == ["binary data, not text"]
    assert reasons(write_dump(tmp_path / "noheader.txt", "Just some text\n\nwithout a header\n"))[0].startswith("unrecognised input")
    assert reasons(write_dump(tmp_path / "nobody.txt", NO_BODY))[0].startswith("no article body")
    assert "not an http(s) URL" in reasons(write_dump(tmp_path / "ftp.txt", NOT_HTTP))[0]
    lead = reasons(write_dump(tmp_path / "lead.txt", "garbage before\n\n" + GOOD))
    assert lead == ["text before the first dump header is not part of any dump"]


def test_latin1_dump_is_decoded_not_rejected(tmp_path):
    text = " date 2020-05 https://latin.example/x\n\nUn titre accentué\n\n" + ("Le café était très animé ce matin-là. " * 12) + "\n"
    records = list(records_of(str(write_dump(tmp_path / "latin1.txt", text.encode("latin-1")))))
    assert isinstance(records[0], dict) and "café" in records[0]["body"]


def test_several_dumps_in_one_file_with_offsets(tmp_path):
    second = GOOD.replace("1054954228.html", "999.html")
    path = write_dump(tmp_path / "multi.txt.gz", gzip.compress((GOOD + "\n" + NO_BODY + "\n" + second).encode("utf-8")))
    items = list(records_of(str(path)))
    assert [type(i).__name__ for i in items] == ["dict", "Reject", "dict"]
    assert items[0]["provenance"]["offset"] == 0
    assert items[1].offset == len((GOOD + "\n").encode("utf-8"))
    assert items[2]["url"].endswith("999.html")


def test_schema_failure_is_a_reject_with_its_path(tmp_path, monkeypatch):
    real = stages.normalize

    def bad_language(raw, ex):
        article = real(raw, ex)
        article.row["language"] = "French"
        return article

    monkeypatch.setattr(stages, "normalize", bad_language)
    items = list(records_of(str(SEED)))
    assert isinstance(items[0], Reject)
    assert items[0].schema_path == "/language" and items[0].reason.startswith("schema: /language")


def test_batch_goes_on_and_counts_reconcile(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_dump(inputs / "a_good.txt", GOOD)
    write_dump(inputs / "b_dup.txt", GOOD.replace(".html\n", ".html#comments\n", 1))
    write_dump(inputs / "c_empty.txt", "")
    write_dump(inputs / "d_binary.bin", b"\x00" * 50)
    write_dump(inputs / "e_nobody.txt", NO_BODY)
    out = tmp_path / "out"
    manifest = convert([str(inputs)], str(out), workers=1)
    c = manifest["counts"]
    assert c == {"read": 5, "written": 1, "rejected": 3, "duplicates": 1, "filtered": 0}
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    assert [(r["input"].rsplit("/", 1)[-1], r["offset"]) for r in rejects] == [("c_empty.txt", 0), ("d_binary.bin", 0), ("e_nobody.txt", 0)]
    assert all(r["reason"] for r in rejects)
    # the duplicate rule: same words, so the first in input order is kept
    duplicates = [json.loads(line) for line in (out / "duplicates.jsonl").read_text().splitlines()]
    assert [d["input"].rsplit("/", 1)[-1] for d in duplicates] == ["b_dup.txt"]
    assert [i["sha256"] for i in manifest["inputs"]] and all(len(i["sha256"]) == 64 for i in manifest["inputs"])


def test_interrupted_build_leaves_no_complete_looking_folder(tmp_path, monkeypatch):
    from toolkit.build import apart

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(apart, "merge", boom)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        convert([str(SEED)], str(out), workers=1)
    assert not out.exists()
    assert not any(p.name.startswith("out.partial") for p in tmp_path.iterdir())
