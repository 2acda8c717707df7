"""A build from start to end: the options checked, the output locked and written under a temporary name,
the executor chosen, the folder renamed into place, the summary logged."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from typing import Any, Iterator

from .. import storage
from ..readers import Input, discover
from ..records import Reject
from ..registry import Registry, load_registry
from ..writers import folder
from .cluster import Dask
from .executors import Executor, Local
from .finish import Finish
from .inputs import raw_records
from .options import BuildOptions
from .stages import process_record


class CannotWrite(OSError):
    """The output cannot be written (read-only folder, full disk); nothing of the user's was changed."""


def records_of(path: str, fmt: str | None = None, registry: Registry | None = None,
               urls: dict[str, str] | None = None) -> Iterator[dict[str, Any] | Reject]:
    """Records and rejects of one input, in input order. Without a registry, the shipped one answers."""
    registry = registry if registry is not None else load_registry(())
    for item in raw_records(discover([path]), fmt, urls=urls):
        yield item if isinstance(item, Reject) else process_record(item, registry)


def convert(inputs: list[str], out: str, *, progress: str = "quiet", **given: Any) -> dict[str, Any]:
    """Convert inputs into a dataset folder at `out`; returns the manifest (on a cluster without its
    per-file `inputs` and `files` lists, which the client is not sent: manifest.json has them).

    Options (BuildOptions.checked): fmt, workers, registry_files, meta, base_dir, urls, jsonl_map, command,
    scheduler, staging, filters, batch_size, max_record_mb.
    progress: 'auto' (a bar on a terminal, log lines elsewhere), 'bar', 'lines' or 'quiet'.
    scheduler: a Dask scheduler address; the workers of that cluster then read the inputs and write runs
    and rejects to `staging`, a folder or URL every host sees (default: inside the partial output).
    Inputs, `out` and `staging` may be paths or URLs (file://, or any scheme whose fsspec implementation
    is installed). On an object store `out` must not exist yet: the folder is copied there when complete,
    and `.mpt-complete` is written last.
    Raises FileNotFoundError or ValueError (folder.OutputRefused among them) before any work when the
    inputs or --out are wrong, and CannotWrite when the output cannot be written."""
    started = time.time()
    options = BuildOptions.checked(out=out, **given)
    found = discover(inputs)
    registry = load_registry(options.registry_files)  # a bad registry file stops here, before any work
    local_out = storage.local_path(out)
    if local_out is None:
        for item in inputs:
            root = item.split("*")[0].split("?")[0].split("[")[0]
            if storage.inside(out, root) or storage.inside(root, out):
                raise folder.OutputRefused(f"--out {out} and the input {item} overlap: a build never writes among "
                                           "its inputs")
        if storage.holds_files(out):
            raise folder.OutputRefused(f"--out {out} already holds files: on an object store a build never replaces "
                                       "a folder; remove it or choose another")
        return _build(found, out, registry, progress, started, options)
    folder.check_target(local_out, [storage.local_path(i) or i for i in inputs])
    local_out = os.path.abspath(local_out)
    try:
        os.makedirs(os.path.dirname(local_out), exist_ok=True)
        lock = folder.Lock.take(local_out)
    except folder.OutputBusy:
        raise
    except OSError as exc:
        raise CannotWrite(f"cannot write {local_out}: {exc.strerror or exc}") from None
    try:
        folder.remove_stale_partials(local_out)
        return _build(found, local_out, registry, progress, started, options)
    finally:
        lock.release()


def _build(found: list[Input], out: str, registry: Registry, progress: str, started: float,
           options: BuildOptions) -> dict[str, Any]:
    """The build into `out`: a local folder is written as OUT.partial-PID and renamed into place; a folder
    on an object store is built in a local temporary folder (on the worker that merges, on a cluster)
    and copied up, `.mpt-complete` last."""
    from ..progress import Progress, summary

    publish = None if storage.is_local(out) else out
    try:
        if publish is None:
            tmp: str | None = folder.make_partial(out)
        else:
            tmp = None if options.scheduler else tempfile.mkdtemp(prefix="mpt-build-")
    except OSError as exc:
        raise CannotWrite(f"cannot write {out}: {exc.strerror or exc}") from None
    meter = Progress(progress)
    executor: Executor = Dask(os.path.basename(out.rstrip("/")) or "out") if options.scheduler else Local()
    try:
        built = executor.build(found, Finish(options, started, tmp, registry=registry, publish=publish), meter)
        if tmp and publish is None:
            folder.swap_into_place(tmp, out)
    except OSError as exc:
        _discard(tmp, publish)
        if isinstance(exc, CannotWrite):
            raise
        raise CannotWrite(f"cannot write {out}: {exc.strerror or exc}") from None
    except BaseException:
        _discard(tmp, publish)
        raise
    c = built["counts"]
    meter.log(summary(c, built["reject_reasons"], built["seconds"], out))
    if c["written"] == 0:
        meter.log(f"mpt: no article was written: {out} holds the rejects and an empty table; datasets.load_dataset "
                  f"cannot load an empty split, toolkit.load and pandas can")
    return built


def _discard(tmp: str | None, publish: str | None) -> None:
    if tmp is None:
        return
    if publish is None:
        folder.discard(tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
