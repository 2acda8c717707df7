"""The work of a record and of a batch: extract, normalize, enrich and validate each raw record, then the
batch's records filtered and written as one run sorted by id, with their reuse signatures."""
from __future__ import annotations

import os
from typing import Any

from .. import reuse
from ..enrich import enrich
from ..formats import extract
from ..normalize.record import normalize
from ..records import Batch, BatchResult, RawRecord, RecordError, Reject, RejectKind, Why, internal_error
from ..registry import Registry, load_registry
from ..validate import SchemaError, check, repair_strings
from ..writers import parquet


def build_record(raw: RawRecord, registry: Registry | None = None) -> dict[str, Any]:
    """One raw record through extract, normalize, enrich and validate; raises RecordError or SchemaError."""
    record = enrich(normalize(raw, extract(raw)), registry)
    repaired = repair_strings(record)
    if repaired:
        sources = record["provenance"]["field_sources"] + repaired
        record["provenance"]["field_sources"] = sorted(sources, key=lambda s: (s["field"], s["rule"]))
    check(record)
    return record


def process_record(raw: RawRecord, registry: Registry | None) -> dict[str, Any] | Reject:
    """A record or the reason it is not one. Nothing raises: a failure becomes a reject."""
    url = raw.meta.get("url")
    try:
        return build_record(raw, registry)
    except SchemaError as exc:
        return Reject(raw.input, raw.offset, Why(RejectKind.SCHEMA, exc.detail), raw.format, url, exc.path)
    except RecordError as exc:
        return Reject(raw.input, raw.offset, exc.why, raw.format, url)
    except Exception as exc:  # a bug must not stop the batch; the reject names it
        return Reject(raw.input, raw.offset, internal_error(exc), raw.format, url)


def warm_up() -> None:
    """Load the lazily loaded tables (first names) before forking workers."""
    from ..names.people import is_first_name

    is_first_name("Anna")


def process_batch(batch: Batch) -> BatchResult:
    """The unit of work: a batch of raw records into one sorted run and its rejects."""
    registry = load_registry(batch.registry_files)
    result = BatchResult(batch.number)
    records = []
    for raw in batch.records:
        item = process_record(raw, registry)
        if isinstance(item, Reject):
            result.rejects.append(item.to_json())
        elif batch.filters and (why := batch.filters.reason(item)):
            result.filtered[why] = result.filtered.get(why, 0) + 1
        else:
            records.append(item)
    arrival = {id(r): i for i, r in enumerate(records)}  # input order, before the run sorts them by id
    if records:
        result.run = os.path.join(batch.spill_dir, f"run-{batch.number:08d}.parquet")
        try:
            parquet.write_run(records, result.run)
        except OSError:
            raise  # the disk, not a record: the build stops and says so
        except Exception:  # a record Arrow cannot take must not cost the others: find it
            records = _writable(records, result)
            if records:
                parquet.write_run(records, result.run)
            else:
                result.run = None
    if result.run:
        # in the run's row order: write_run sorted them
        reuse.write_signatures(result.run, [r["body"] for r in records], [arrival[id(r)] for r in records],
                               sites=[reuse.site_of(r) for r in records])
    result.ok = len(records)
    return result


def _writable(records: list[dict[str, Any]], result: BatchResult) -> list[dict[str, Any]]:
    kept = []
    for record in records:
        try:
            parquet.to_table([record])
            kept.append(record)
        except Exception as exc:
            prov = record["provenance"]
            result.rejects.append(Reject(prov["input"], prov["offset"], internal_error(exc, "the record cannot be written"),
                                         prov["format"], record["url"]).to_json())
    return kept
