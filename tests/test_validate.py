"""jsonschema-rs (the fast per-record check) and python-jsonschema (the explanation) agree."""
import copy

import pytest

from toolkit.validate import check, detailed_validator, explain, fast_validator, SchemaError


def mutations(record):
    def setter(path, value):
        def apply(r):
            cur = r
            for key in path[:-1]:
                cur = cur[key]
            cur[path[-1]] = value
        return apply

    # (what is wrong, the path the error must name, how to make it so)
    yield "bad published_at", "/published_at", setter(["published_at"], "2022-02-30T10:00:00Z")
    yield "date only", "/published_at", setter(["published_at"], "2022-02-02")
    yield "bad url", "/url", setter(["url"], "not a url")
    yield "bad category", "/affiliation/category", setter(["affiliation", "category"], "friendly")
    yield "bad kind", "/byline/authors/0/kind", setter(["byline", "authors", 0, "kind"], "robot")
    yield "extra field", "/", setter(["extra"], 1)
    yield "missing body", "/", lambda r: r.pop("body")
    yield "bad id", "/id", setter(["id"], "XYZ")
    yield "negative offset", "/provenance/offset", setter(["provenance", "offset"], -1)
    yield "country name", "/source/country", setter(["source", "country"], "Russia")


def test_good_record_passes_both(seed_record):
    assert fast_validator().is_valid(seed_record)
    assert detailed_validator().is_valid(seed_record)
    check(seed_record)


def test_bad_records_fail_both_with_a_path(seed_record):
    for label, path, mutate in mutations(seed_record):
        record = copy.deepcopy(seed_record)
        mutate(record)
        assert not fast_validator().is_valid(record), label
        assert not detailed_validator().is_valid(record), label
        error = explain(record)
        assert error is not None and error.path == path, (label, error)
        with pytest.raises(SchemaError):
            check(record)
