"""A per-database lock so two writing runs never overlap.

It is an advisory ``flock`` on ``<db>.lock``: the kernel releases it when its holder
dies, so a lock left by a killed process is simply taken over. The file records
the holder's pid and start time for the error message.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import LockHeld


@contextmanager
def db_lock(db_path: Path, command: str):
    """Hold the run lock of a database file for the duration of the block.

    Example: ``with db_lock(Path("data/detente.db"), "ingest"): ...``
    """
    path = Path(str(db_path) + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
        os.close(fd)
        raise LockHeld(f"{db_path}: another run holds the lock ({holder}); exiting") from None
    stale = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    os.ftruncate(fd, 0)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    os.pwrite(fd, f"{command} pid {os.getpid()} since {started}".encode(), 0)
    try:
        yield stale or None  # what a dead holder left behind, if anything
    finally:
        os.ftruncate(fd, 0)
        os.close(fd)
