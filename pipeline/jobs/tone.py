"""Tone series, their shifts and the statements behind them, from the store."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from pipeline.analyze.series import BOOTSTRAP_BELOW, build_points, min_statements, with_rolling, with_shifts
from pipeline.config import Settings
from pipeline.errors import DetenteError
from pipeline.jobs.classify import configured_version
from pipeline.store.tone import ToneFilter, aggregates, latest_model, statements_of, tones
from pipeline.types import Point


@dataclass
class Series:
    filter: ToneFilter
    points: list[Point]
    drivers: dict[tuple[str, str], list[dict]]  # (dyad, period) of a shift -> statements


def current_model(db: sqlite_utils.Database, settings: Settings, wanted: str | None = None) -> str:
    """The model whose predictions the series use: --model, else the configured
    classifier's version if it has predictions, else the latest one in the store."""
    if wanted:
        return wanted
    version = configured_version(settings)
    if version and db.execute("SELECT 1 FROM predictions WHERE model = ? LIMIT 1", [version]).fetchone():
        return version
    latest = latest_model(db)
    if not latest:
        raise DetenteError("no predictions in the database yet: run `detente ingest` or `detente classify`")
    return latest


def tone_series(
    db: sqlite_utils.Database,
    f: ToneFilter,
    min_n: int = 1,
    rolling: int = 0,
    shift_min_n: int = 5,
    drivers: int = 3,
) -> Series:
    """Points per period and dyad, with intervals, rolling means, shifts and their drivers."""
    rows = aggregates(db, f)
    small = sorted({r["period"] for r in rows if r["n"] < BOOTSTRAP_BELOW})
    points = build_points(rows, tones(db, f, small))
    points = with_shifts(with_rolling(points, rolling), shift_min_n)
    points = min_statements(points, min_n)
    found = {(p.dyad, p.period): _drivers(db, f, p, drivers) for p in points if p.shift is not None}
    return Series(f, points, found)


def _drivers(db, f: ToneFilter, p: Point, limit: int) -> list[dict]:
    speaker, target = p.dyad.split(":")
    narrowed = ToneFilter(**{**f.__dict__, "dyads": ((speaker, target),)})
    order = "f.tone DESC" if (p.shift or 0) > 0 else "f.tone ASC"
    return statements_of(db, narrowed, p.period, order=order, limit=limit)
