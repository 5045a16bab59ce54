"""Queries behind the tone series: SQL aggregation over the indexed tone_facts table."""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlite_utils

from pipeline.store.migrations import TONE_DAILY_INSERT, TONE_FACTS_INSERT

PERIODS = ("day", "week", "month", "quarter")


@dataclass(frozen=True)
class ToneFilter:
    model: str
    period: str = "week"
    dyads: tuple[tuple[str, str], ...] = ()  # () means every dyad
    speaker_actor: str | None = None
    target_actor: str | None = None
    source: str | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = ["f.model = ?"], [self.model]
        if self.dyads:
            clauses.append("(" + " OR ".join("(f.speaker = ? AND f.target = ?)" for _ in self.dyads) + ")")
            params += [x for pair in self.dyads for x in pair]
        for role, actor in (("speaker", self.speaker_actor), ("target", self.target_actor)):
            if actor:
                clauses.append(
                    "f.statement_id IN (SELECT statement_id FROM statement_actors "
                    "WHERE actor = ? AND role = ?)"
                )
                params += [actor, role]
        for column, value in (("source_id", self.source), ("lang", self.lang)):
            if value:
                clauses.append(f"f.{column} = ?")
                params.append(value)
        if self.since:
            clauses.append("f.day >= ?")
            params.append(self.since[:10])
        if self.until:
            clauses.append("f.day <= ?")
            params.append(self.until[:10])
        return " AND ".join(clauses), params


def add_tone_facts(db: sqlite_utils.Database, model: str, statement_ids: list[str]):
    """Derive the facts of freshly predicted statements (same transaction as the predictions)."""
    for i in range(0, len(statement_ids), 500):
        chunk = statement_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(
            TONE_FACTS_INSERT.format(where=f"s.current = 1 AND p.model = ? AND p.statement_id IN ({marks})"),
            [model, *chunk],
        )
        days = [
            r[0]
            for r in db.execute(
                f"SELECT DISTINCT day FROM tone_facts WHERE model = ? AND statement_id IN ({marks})",
                [model, *chunk],
            )
        ]
        refresh_daily(db, days, model)


def refresh_daily(db: sqlite_utils.Database, days: list[str], model: str | None = None):
    """Recompute the daily sums of some days from the facts (after facts were added or removed)."""
    for i in range(0, len(days), 500):
        chunk = days[i : i + 500]
        marks = ",".join("?" * len(chunk))
        scope, params = (f"day IN ({marks})", list(chunk))
        if model:
            scope, params = f"model = ? AND {scope}", [model, *chunk]
        db.execute(f"DELETE FROM tone_daily WHERE {scope}", params)
        db.execute(TONE_DAILY_INSERT.format(where=scope), params)


def aggregates(db: sqlite_utils.Database, f: ToneFilter) -> list[dict]:
    """Per period and dyad: n, sums of tone and tone², tag counts, weighted sums."""
    if f.period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    if f.speaker_actor or f.target_actor:
        return _aggregate(
            db,
            f,
            "tone_facts",
            "count(*)",
            "sum(f.tone)",
            "sum(f.tone * f.tone)",
            "sum(f.cooperation)",
            "sum(f.tension)",
            "sum(f.tone * abs(f.weight))",
            "sum(abs(f.weight))",
        )
    return _aggregate(
        db,
        f,
        "tone_daily",
        "sum(f.n)",
        "sum(f.s)",
        "sum(f.ss)",
        "sum(f.c)",
        "sum(f.t)",
        "sum(f.sw)",
        "sum(f.w)",
    )


def _aggregate(db, f: ToneFilter, table: str, *sums: str) -> list[dict]:
    """One indexed query per dyad (an OR of dyads would scan), merged in period order."""
    names = ("n", "s", "ss", "c", "t", "sw", "w")
    select = ", ".join(f"{expr} AS {name}" for expr, name in zip(sums, names, strict=True))
    rows = []
    for dyads in [(d,) for d in f.dyads] if f.dyads else [()]:
        where, params = replace(f, dyads=dyads).where()
        sql = (
            f"SELECT f.{f.period} AS period, f.speaker, f.target, {select} FROM {table} f "
            f"WHERE {where} GROUP BY f.{f.period}, f.speaker, f.target"
        )
        rows += [dict(r) for r in db.query(sql, params)]
    return sorted(rows, key=lambda r: (r["period"], r["speaker"], r["target"]))


def tones(db: sqlite_utils.Database, f: ToneFilter, periods: list[str]) -> list[tuple]:
    """Individual tones (period, speaker, target, tone) of some periods, for the bootstrap."""
    if not periods:
        return []
    where, params = f.where()
    marks = ",".join("?" * len(periods))
    sql = (
        f"SELECT f.{f.period}, f.speaker, f.target, f.tone FROM tone_facts f "
        f"WHERE {where} AND f.{f.period} IN ({marks})"
    )
    return db.execute(sql, [*params, *periods]).fetchall()


def statements_of(
    db: sqlite_utils.Database,
    f: ToneFilter,
    period: str | None = None,
    order: str = "f.day",
    limit: int | None = None,
) -> list[dict]:
    """The statements behind points, with what traces them: document, source, run, model."""
    where, params = f.where()
    if period:
        where += f" AND f.{f.period} = ?"
        params.append(period)
    sql = f"""
        SELECT f.{f.period} AS period, f.speaker AS speaker_country, f.target AS target_country,
               f.tone, f.day, f.week, f.month, f.quarter, s.id AS statement_id, s.text, s.speakers,
               s.targets, s.speaker_text,
               s.cue, s.pipeline, p.cooperation, p.tension, p.p_cooperation, p.p_tension, p.event,
               p.p_event, p.model, p.run_id AS prediction_run, d.id AS document_id, d.url, d.title,
               d.source_id, d.run_id AS document_run
        FROM tone_facts f JOIN statements s ON s.id = f.statement_id
        JOIN predictions p ON p.statement_id = f.statement_id AND p.model = f.model
        JOIN documents d ON d.id = s.document_id
        WHERE {where} ORDER BY {order}{f" LIMIT {int(limit)}" if limit else ""}"""
    return [dict(r) for r in db.query(sql, params)]


def coverage(db: sqlite_utils.Database) -> dict:
    """Documents, statements and sources behind a report, and the latest ingest run."""
    docs = db.execute("SELECT count(*), min(published), max(published) FROM documents").fetchone()
    sources = [
        dict(r)
        for r in db.query(
            "SELECT s.id, s.name, s.last_status, count(d.id) AS documents, min(d.published) AS first, "
            "max(d.published) AS last FROM sources s LEFT JOIN documents d ON d.source_id = s.id "
            "GROUP BY s.id ORDER BY s.id"
        )
    ]
    run = db.execute(
        "SELECT id, command, status, finished FROM runs WHERE command = 'ingest' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    pipelines = [r[0] for r in db.execute("SELECT DISTINCT pipeline FROM statements WHERE current = 1")]
    return {
        "documents": docs[0],
        "first": (docs[1] or "")[:10],
        "last": (docs[2] or "")[:10],
        "sources": sources,
        "pipelines": pipelines,
        "run": dict(zip(("id", "command", "status", "finished"), run, strict=True)) if run else None,
    }


def dyad_counts(db: sqlite_utils.Database, model: str) -> list[tuple[str, str, int]]:
    return db.execute(
        "SELECT speaker, target, count(*) FROM tone_facts WHERE model = ? GROUP BY 1, 2 ORDER BY 3 DESC",
        [model],
    ).fetchall()


def latest_model(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT model FROM predictions ORDER BY created_at DESC LIMIT 1").fetchone()
    return row[0] if row else None
