"""Queries behind the tone series: SQL aggregation over the indexed tone_facts table."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from pipeline.store.migrations import TONE_FACTS_INSERT

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


def aggregates(db: sqlite_utils.Database, f: ToneFilter) -> list[dict]:
    """Per period and dyad: n, sums of tone and tone², tag counts, weighted sums."""
    if f.period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    where, params = f.where()
    sql = f"""
        SELECT f.{f.period} AS period, f.speaker, f.target, count(*) AS n, sum(f.tone) AS s,
               sum(f.tone * f.tone) AS ss, sum(f.cooperation) AS c, sum(f.tension) AS t,
               sum(f.tone * abs(f.weight)) AS sw, sum(abs(f.weight)) AS w
        FROM tone_facts f WHERE {where}
        GROUP BY f.{f.period}, f.speaker, f.target ORDER BY f.{f.period}"""
    return [dict(r) for r in db.query(sql, params)]


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
               f.tone, f.day, s.id AS statement_id, s.text, s.speakers, s.targets, s.speaker_text,
               s.cue, s.pipeline, p.cooperation, p.tension, p.p_cooperation, p.p_tension, p.event,
               p.p_event, p.model, p.run_id AS prediction_run, d.id AS document_id, d.url, d.title,
               d.source_id, d.run_id AS document_run
        FROM tone_facts f JOIN statements s ON s.id = f.statement_id
        JOIN predictions p ON p.statement_id = f.statement_id AND p.model = f.model
        JOIN documents d ON d.id = s.document_id
        WHERE {where} ORDER BY {order}{f" LIMIT {int(limit)}" if limit else ""}"""
    return [dict(r) for r in db.query(sql, params)]


def dyad_counts(db: sqlite_utils.Database, model: str) -> list[tuple[str, str, int]]:
    return db.execute(
        "SELECT speaker, target, count(*) FROM tone_facts WHERE model = ? GROUP BY 1, 2 ORDER BY 3 DESC",
        [model],
    ).fetchall()


def latest_model(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT model FROM predictions ORDER BY created_at DESC LIMIT 1").fetchone()
    return row[0] if row else None
