"""Child processes of a build (pool workers, the merge's pool, the merge run apart): they leave Ctrl-C
to the main process, which stops them, and they exit on their own when the main process dies."""
from __future__ import annotations

import os
import signal
import threading
import time


def watch_parent(parent: int, every: float = 0.5) -> None:
    """Exit this process when its parent is gone (it was killed, even by SIGKILL)."""

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def worker_init(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process answers Ctrl-C and stops the workers
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    watch_parent(parent)
