"""Sources as configured, with the feed state and health the store keeps for each."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

import sqlite_utils

from pipeline.types import Harvest, Source, SourceState

CONFIG_COLUMNS = ("name", "kind", "url", "lang", "issuer", "tier", "enabled")


def sync_sources(db: sqlite_utils.Database, sources: tuple[Source, ...]):
    """Write configured sources into the table, keeping each one's fetch state."""
    with db.atomic():
        for s in sources:
            row = {k: v for k, v in asdict(s).items() if k in CONFIG_COLUMNS}
            row["enabled"] = int(s.enabled)
            db["sources"].upsert({"id": s.id, **row}, pk="id")


def ensure_source(db: sqlite_utils.Database, source_id: str, kind: str, issuer: str | None):
    """Create a row for a source that is not in the config (e.g. an import)."""
    if not db.execute("SELECT 1 FROM sources WHERE id = ?", [source_id]).fetchone():
        db["sources"].insert(
            {
                "id": source_id,
                "name": source_id,
                "kind": kind,
                "issuer": issuer,
                "enabled": 0,
                "tier": "official",
            }
        )


def source_state(db: sqlite_utils.Database, source_id: str) -> SourceState:
    row = db.execute(
        "SELECT etag, last_modified, body_hash, consecutive_failures, next_fetch_at "
        "FROM sources WHERE id = ?",
        [source_id],
    ).fetchone()
    return SourceState(*row) if row else SourceState()


def record_harvest(db, harvest: Harvest, now: datetime, backoff_hours: float, max_hours: float):
    """Update a source's state and health after a collection attempt."""
    at = now.isoformat(timespec="seconds")
    if harvest.error:
        failures = harvest.state.consecutive_failures + 1
        delay = min(backoff_hours * 2 ** (failures - 1), max_hours)
        db["sources"].update(
            harvest.source_id,
            {
                "last_status": "failed",
                "last_error": harvest.error,
                "last_fetch_at": at,
                "consecutive_failures": failures,
                "next_fetch_at": (now + timedelta(hours=delay)).isoformat(timespec="seconds"),
            },
        )
        return
    state = harvest.state
    db["sources"].update(
        harvest.source_id,
        {
            "etag": state.etag,
            "last_modified": state.last_modified,
            "body_hash": state.body_hash,
            "last_status": "not-modified" if harvest.not_modified else "ok",
            "last_error": "; ".join(harvest.warnings)[:2000] or None,
            "last_fetch_at": at,
            "last_success_at": at,
            "consecutive_failures": 0,
            "next_fetch_at": None,
        },
    )


def source_health(db: sqlite_utils.Database) -> list[dict]:
    """Every source with its health and document count, for `detente sources`."""
    sql = """
        SELECT s.id, s.name, s.kind, s.lang, s.issuer, s.enabled, s.last_status,
               s.last_fetch_at, s.last_success_at, s.consecutive_failures, s.next_fetch_at,
               s.last_error, s.url,
               (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS documents
        FROM sources s ORDER BY s.id"""
    return [dict(r) for r in db.query(sql)]
