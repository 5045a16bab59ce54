"""Mentions and statements of analysed documents, keyed by pipeline version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import sqlite_utils

from pipeline.store.tone import refresh_daily
from pipeline.types import DocumentAnalysis, DocumentInput

PENDING_WHERE = """
    NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id)
    AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.document_id = d.id AND a.pipeline = ?)"""
PENDING_SQL = f"""
    SELECT d.id, d.text, d.lang, d.issuer, d.published FROM documents d
    WHERE {PENDING_WHERE} ORDER BY d.rowid LIMIT ?"""


def pending_documents(db: sqlite_utils.Database, pipeline: str, limit: int) -> list[DocumentInput]:
    """Latest document versions not yet analysed by this pipeline version."""
    return [DocumentInput(*row) for row in db.execute(PENDING_SQL, [pipeline, limit]).fetchall()]


def count_pending(db: sqlite_utils.Database, pipeline: str) -> int:
    return db.execute(f"SELECT count(*) FROM documents d WHERE {PENDING_WHERE}", [pipeline]).fetchone()[0]


def statement_id(document_id: str, pipeline: str, sentence: int) -> str:
    return hashlib.sha256(f"{document_id}|{pipeline}|{sentence}".encode()).hexdigest()[:20]


STATEMENT_COLUMNS = (
    "id",
    "document_id",
    "pipeline",
    "current",
    "sentence",
    "start",
    "end",
    "text",
    "speakers",
    "speaker_text",
    "speaker_source",
    "cue",
    "cue_lemma",
    "content_start",
    "content_end",
    "targets",
    "negated",
    "quoted",
    "published",
    "lang",
    "source_id",
    "run_id",
)
MENTION_COLUMNS = (
    "document_id",
    "pipeline",
    "sentence",
    "start",
    "end",
    "text",
    "actor_id",
    "kind",
    "label",
    "role",
)


def _insert_sql(table: str, columns: tuple[str, ...], verb: str = "INSERT") -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"{verb} INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


def save_analysis(
    db,
    analysis: DocumentAnalysis,
    pipeline: str,
    run_id: int | None,
    countries: dict[str, str],
    processed_at: str,
):
    """Store one document's analysis; older pipelines' statements stop being current.
    Plain executemany: this runs for every sentence of every document.

    ``countries`` maps actor ids to their country (for the dyad table)."""
    doc_id = analysis.document_id
    published, lang, source_id, supersedes = db.execute(
        "SELECT published, lang, source_id, supersedes FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    _retire(db, "document_id = ? AND pipeline != ?", [doc_id, pipeline])
    if supersedes:
        _retire(db, "document_id = ?", [supersedes])
    conn = db.conn
    conn.executemany(
        _insert_sql("mentions", MENTION_COLUMNS),
        [
            (doc_id, pipeline, m.sentence, m.start, m.end, m.text, m.actor, m.kind, m.label, m.role)
            for m in analysis.mentions
        ],
    )
    statements, actors, dyads = [], [], []
    for s in analysis.statements:
        sid = statement_id(doc_id, pipeline, s.sentence)
        statements.append(
            (
                sid,
                doc_id,
                pipeline,
                1,
                s.sentence,
                s.start,
                s.end,
                s.text,
                json.dumps(s.speakers),
                s.speaker_text,
                s.speaker_source,
                s.cue,
                s.cue_lemma,
                s.content_start,
                s.content_end,
                json.dumps(s.targets),
                int(s.negated),
                int(s.quoted),
                published,
                lang,
                source_id,
                run_id,
            )
        )
        actors += [
            (sid, role, a) for role, group in (("speaker", s.speakers), ("target", s.targets)) for a in group
        ]
        dyads += [(sid, a, b) for a, b in _dyads(s.speakers, s.targets, countries)]
    conn.executemany(_insert_sql("statements", STATEMENT_COLUMNS), statements)
    conn.executemany(
        _insert_sql("statement_actors", ("statement_id", "role", "actor"), "INSERT OR IGNORE"), actors
    )
    conn.executemany(_insert_sql("statement_dyads", ("statement_id", "speaker", "target")), dyads)
    conn.execute(
        _insert_sql(
            "analyses", ("document_id", "pipeline", "run_id", "processed_at", "mentions", "statements")
        ),
        (doc_id, pipeline, run_id, processed_at, len(analysis.mentions), len(analysis.statements)),
    )


def _retire(db, where: str, params: list):
    """Statements that stop being current leave the (derived) tone facts and daily sums."""
    retired = f"SELECT id FROM statements WHERE current = 1 AND {where}"
    days = [
        r[0]
        for r in db.execute(f"SELECT DISTINCT day FROM tone_facts WHERE statement_id IN ({retired})", params)
    ]
    db.execute(f"DELETE FROM tone_facts WHERE statement_id IN ({retired})", params)
    db.execute(f"UPDATE statements SET current = 0 WHERE current = 1 AND {where}", params)
    refresh_daily(db, days)


def _dyads(speakers, targets, countries: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Directed country pairs of a statement, self-pairs dropped."""
    seen = set()
    for sp in speakers:
        for tg in targets:
            pair = (countries.get(sp), countries.get(tg))
            if pair[0] and pair[1] and pair[0] != pair[1] and pair not in seen:
                seen.add(pair)
                yield pair
