"""Runs: one row per command that changes the store, with its counts."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import sqlite_utils

from pipeline.types import FetchRecord

COUNTS = ("new", "updated", "unchanged", "duplicate", "failed", "warnings")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def start_run(db: sqlite_utils.Database, command: str, config: str | None = None) -> int:
    """Insert a `running` row; runs left `running` by dead processes become `interrupted`."""
    with db.atomic():
        db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        return (
            db["runs"]
            .insert(
                {
                    "command": command,
                    "started": now_iso(),
                    "status": "running",
                    "pid": os.getpid(),
                    "config": config,
                }
            )
            .last_pk
        )


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, counts: dict, summary: dict):
    row = {k: counts.get(k, 0) for k in COUNTS}
    db["runs"].update(
        run_id,
        {
            **row,
            "status": status,
            "finished": now_iso(),
            "summary": json.dumps(summary),
        },
    )


def insert_fetches(db, run_id: int, source_id: str, records: tuple[FetchRecord, ...]) -> list[int]:
    """Store fetch records; returns their row ids in order."""
    at = now_iso()
    ids = []
    for r in records:
        ids.append(
            db["fetches"]
            .insert(
                {
                    "run_id": run_id,
                    "source_id": source_id,
                    "url": r.url,
                    "status": r.status,
                    "bytes": r.bytes,
                    "ms": r.ms,
                    "attempts": r.attempts,
                    "error": r.error,
                    "at": at,
                }
            )
            .last_pk
        )
    return ids
