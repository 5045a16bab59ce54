"""Read-side queries: statements for export and documents for display."""

from __future__ import annotations

import json
from collections.abc import Iterator

import sqlite_utils

EXPORT_FIELDS = (
    "document_id",
    "url",
    "published",
    "sentence_start",
    "sentence_end",
    "text",
    "speakers",
    "speaker_text",
    "cue",
    "targets",
    "negated",
    "quoted",
    "source",
    "lang",
    "statement_id",
    "pipeline",
)
PREDICTION_FIELDS = ("cooperation", "tension", "p_cooperation", "p_tension", "event", "tone", "model")


def statement_rows(
    db: sqlite_utils.Database,
    since: str | None = None,
    dyad: tuple[str, str] | None = None,
    source: str | None = None,
    model: str | None = None,
) -> Iterator[dict]:
    """Current statements, oldest first, as export rows. ``document_id`` is the id given at
    import when there was one, else the store's id. With ``model``, each row carries that
    classifier's prediction (null fields where it has none yet)."""
    where, params = ["s.current = 1"], [model]
    if since:
        where.append("s.published >= ?")
        params.append(since)
    if source:
        where.append("s.source_id = ?")
        params.append(source)
    if dyad:
        where.append(
            "EXISTS (SELECT 1 FROM statement_dyads y WHERE y.statement_id = s.id "
            "AND y.speaker = ? AND y.target = ?)"
        )
        params.extend(dyad)
    sql = f"""
        SELECT s.*, d.url, d.external_id, p.cooperation AS p_coop_tag, p.tension AS p_tension_tag,
               p.p_cooperation, p.p_tension, p.event, p.tone, p.model
        FROM statements s JOIN documents d ON d.id = s.document_id
        LEFT JOIN predictions p ON p.statement_id = s.id AND p.model = ?
        WHERE {" AND ".join(where)} ORDER BY s.published, s.document_id, s.sentence"""
    for r in db.query(sql, params):
        yield {
            "document_id": r["external_id"] or r["document_id"],
            "url": r["url"],
            "published": r["published"],
            "sentence_start": r["start"],
            "sentence_end": r["end"],
            "text": r["text"],
            "speakers": json.loads(r["speakers"]),
            "speaker_text": r["speaker_text"],
            "cue": r["cue"],
            "targets": json.loads(r["targets"]),
            "negated": bool(r["negated"]),
            "quoted": bool(r["quoted"]),
            "source": r["source_id"],
            "lang": r["lang"],
            "statement_id": r["id"],
            **(_prediction(r) if model else {}),
            "pipeline": r["pipeline"],
        }


def _prediction(r) -> dict:
    return {
        "cooperation": r["p_coop_tag"],
        "tension": r["p_tension_tag"],
        "p_cooperation": r["p_cooperation"],
        "p_tension": r["p_tension"],
        "event": r["event"],
        "tone": r["tone"],
        "model": r["model"],
    }


def find_document(db: sqlite_utils.Database, key: str) -> dict | None:
    """A document by id, id prefix, external id or URL (latest version)."""
    row = db.execute(
        "SELECT id FROM documents WHERE id = ? OR external_id = ? OR url = ? OR id LIKE ? "
        "ORDER BY version DESC LIMIT 1",
        [key, key, key, key + "%"],
    ).fetchone()
    return db["documents"].get(row[0]) if row else None


def document_analysis(db: sqlite_utils.Database, document_id: str) -> tuple[list[dict], list[dict]]:
    """Mentions and statements of the latest pipeline that analysed a document."""
    row = db.execute(
        "SELECT pipeline FROM analyses WHERE document_id = ? ORDER BY processed_at DESC LIMIT 1",
        [document_id],
    ).fetchone()
    if not row:
        return [], []
    mentions = list(
        db.query(
            "SELECT * FROM mentions WHERE document_id = ? AND pipeline = ? ORDER BY start",
            [document_id, row[0]],
        )
    )
    statements = list(
        db.query(
            "SELECT * FROM statements WHERE document_id = ? AND pipeline = ? ORDER BY sentence",
            [document_id, row[0]],
        )
    )
    return mentions, statements
