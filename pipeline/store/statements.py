"""Mentions and statements of analysed documents, keyed by pipeline version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import sqlite_utils

from pipeline.store.tone import refresh_daily
from pipeline.types import DocumentAnalysis, DocumentInput

PENDING_SQL = """
    SELECT d.id, d.text, d.lang, d.issuer, d.published FROM documents d
    WHERE NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id)
      AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.document_id = d.id AND a.pipeline = ?)
    ORDER BY d.rowid LIMIT ?"""


def pending_documents(db: sqlite_utils.Database, pipeline: str, limit: int) -> list[DocumentInput]:
    """Latest document versions not yet analysed by this pipeline version."""
    return [DocumentInput(*row) for row in db.execute(PENDING_SQL, [pipeline, limit]).fetchall()]


def statement_id(document_id: str, pipeline: str, sentence: int) -> str:
    return hashlib.sha256(f"{document_id}|{pipeline}|{sentence}".encode()).hexdigest()[:20]


def save_analysis(
    db,
    analysis: DocumentAnalysis,
    pipeline: str,
    run_id: int | None,
    countries: dict[str, str],
    processed_at: str,
):
    """Store one document's analysis; older pipelines' statements stop being current.

    ``countries`` maps actor ids to their country (for the dyad table)."""
    doc_id = analysis.document_id
    meta = db.execute(
        "SELECT published, lang, source_id, supersedes FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    _retire(db, "document_id = ? AND pipeline != ?", [doc_id, pipeline])
    if meta[3]:
        _retire(db, "document_id = ?", [meta[3]])
    db["mentions"].insert_all(
        {
            "document_id": doc_id,
            "pipeline": pipeline,
            "sentence": m.sentence,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "actor_id": m.actor,
            "kind": m.kind,
            "label": m.label,
            "role": m.role,
        }
        for m in analysis.mentions
    )
    for s in analysis.statements:
        sid = statement_id(doc_id, pipeline, s.sentence)
        db["statements"].insert(
            {
                "id": sid,
                "document_id": doc_id,
                "pipeline": pipeline,
                "current": 1,
                "sentence": s.sentence,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "speakers": json.dumps(s.speakers),
                "speaker_text": s.speaker_text,
                "speaker_source": s.speaker_source,
                "cue": s.cue,
                "cue_lemma": s.cue_lemma,
                "content_start": s.content_start,
                "content_end": s.content_end,
                "targets": json.dumps(s.targets),
                "negated": int(s.negated),
                "quoted": int(s.quoted),
                "published": meta[0],
                "lang": meta[1],
                "source_id": meta[2],
                "run_id": run_id,
            }
        )
        db["statement_actors"].insert_all(
            (
                {"statement_id": sid, "role": role, "actor": a}
                for role, actors in (("speaker", s.speakers), ("target", s.targets))
                for a in actors
            ),
            ignore=True,
        )
        db["statement_dyads"].insert_all(
            {"statement_id": sid, "speaker": a, "target": b}
            for a, b in _dyads(s.speakers, s.targets, countries)
        )
    db["analyses"].insert(
        {
            "document_id": doc_id,
            "pipeline": pipeline,
            "run_id": run_id,
            "processed_at": processed_at,
            "mentions": len(analysis.mentions),
            "statements": len(analysis.statements),
        }
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
