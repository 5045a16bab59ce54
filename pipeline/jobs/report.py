"""Gather what the chart and the HTML report show, from the store."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import sqlite_utils

from pipeline.jobs.tone import tone_series
from pipeline.nlp.registry import Registry
from pipeline.store.tone import ToneFilter, coverage, dyad_counts, statements_of

REPORT_PERIODS = ("week", "month", "quarter")


def pairs_of(db: sqlite_utils.Database, model: str, wanted: tuple[str, str] | None, top: int = 8):
    """Unordered country pairs to offer, the wanted one (or the busiest) first."""
    seen, pairs = set(), []
    counts = dyad_counts(db, model)
    ordered = ([wanted] if wanted else []) + [(a, b) for a, b, _ in counts]
    for a, b in ordered:
        key = frozenset((a, b))
        if key not in seen:
            seen.add(key)
            pairs.append([a, b])
    return pairs[:top]


def report_data(
    db: sqlite_utils.Database,
    base: ToneFilter,
    registry: Registry,
    wanted: tuple[str, str] | None,
    default_period: str = "month",
    max_statements: int = 20000,
) -> dict:
    pairs = pairs_of(db, base.model, wanted)
    dyads = tuple((a, b) for x, y in pairs for a, b in ((x, y), (y, x)))
    series = {}
    for period in REPORT_PERIODS:
        f = replace(base, period=period, dyads=dyads)
        grouped: dict[str, list] = {}
        for p in tone_series(db, f).points:
            grouped.setdefault(p.dyad, []).append(p.as_dict())
        series[period] = grouped
    rows = statements_of(db, replace(base, dyads=dyads), limit=max_statements)
    statements = [_statement(r) for r in rows]
    speakers = Counter(a for s in statements for a in s["speakers"])
    actors = [[a, registry.actors[a].name if a in registry.actors else a] for a, _ in speakers.most_common()]
    cover = coverage(db)
    cover["statements"] = len(statements)
    title = "Détente: diplomatic tone" + (f", {wanted[0]} ⇄ {wanted[1]}" if wanted else "")
    return {
        "title": title,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "model": base.model,
        "pipelines": cover.pop("pipelines"),
        "run": cover.pop("run"),
        "coverage": cover,
        "pairs": pairs,
        "actors": actors,
        "series": series,
        "statements": statements,
        "default_period": default_period,
    }


def _statement(r: dict) -> dict:
    keys = (
        "statement_id",
        "day",
        "week",
        "month",
        "quarter",
        "text",
        "speaker_text",
        "cue",
        "cooperation",
        "tension",
        "p_cooperation",
        "p_tension",
        "event",
        "tone",
        "url",
        "title",
        "document_id",
        "source_id",
        "document_run",
        "model",
        "pipeline",
    )
    out = {k: r[k] for k in keys}
    out["dyad"] = f"{r['speaker_country']}:{r['target_country']}"
    out["speakers"] = json.loads(r["speakers"])
    out["targets"] = json.loads(r["targets"])
    return out
