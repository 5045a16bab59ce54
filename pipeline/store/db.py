"""Open the database: WAL, foreign keys, migrations applied."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from pipeline.errors import StoreError
from pipeline.store.migrations import migrate


def open_db(path: Path | str | None = None, memory: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating) a Détente database.

    Example: ``db = open_db("data/detente.db")``
    """
    where = ":memory:" if memory else str(path)
    try:
        if memory:
            db = sqlite_utils.Database(memory=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=30))
            db.enable_wal()
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
        migrate(db)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{where}: cannot open database: {e}") from None
    return db
