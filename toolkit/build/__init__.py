"""A build: inputs -> readers -> extract -> normalize -> enrich -> validate -> filters -> runs -> reuse and
merge -> writers.

- `inputs`: finding and reading the inputs (raw records, the readers' rejects, checksums), cut into batches;
- `stages`: the work of a record and of a batch (one sorted run, with its reuse signatures);
- `executors`: where batches run, behind one interface: `Local` (this process or a process pool) and
  `cluster.Dask` (the workers of a Dask cluster read their own shards, with the same loop);
- `finish`: the reuse stage and the merge (`apart`: in a fresh interpreter for large builds), then the
  writers; `run`: the build from end to end, into a folder renamed into place when complete.

Batch boundaries depend only on the inputs, never on the number of workers, and the merge orders rows
by id, so the output is the same for any worker count or executor."""
from __future__ import annotations

from .options import BuildOptions
from .run import CannotWrite, convert, records_of

__all__ = ["BuildOptions", "CannotWrite", "convert", "records_of"]
