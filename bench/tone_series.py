"""Time the tone series over 1,000,000 statements spread over five years.

The rows go straight into tone_facts (the indexed table the series reads), with the
period keys computed by the same SQL the pipeline uses; foreign keys are off while
loading, since the synthetic statements have no documents. Then `tone_series` (the
function behind `detente tone`: SQL aggregation, bootstrap for small groups, shifts,
drivers) is timed for several filters.

Usage: .venv/bin/python bench/tone_series.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pipeline.jobs.tone import tone_series
from pipeline.store.db import open_db
from pipeline.store.migrations import QUARTER, WEEK
from pipeline.store.tone import ToneFilter, refresh_daily

MODEL = "bench-model"
PAIRS = (
    [("USA", "MEX")] * 8
    + [("MEX", "USA")] * 6
    + [("USA", "CAN"), ("CAN", "USA"), ("USA", "CHN"), ("CHN", "USA"), ("MEX", "GTM"), ("USA", "COL")]
)


def load(db, rows: int, seed: int = 1):
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    db.execute("PRAGMA foreign_keys=OFF")

    def facts():
        for i in range(rows):
            day = (start + timedelta(days=rng.randrange(5 * 365))).isoformat()
            speaker, target = rng.choice(PAIRS)
            p_coop, p_tension = rng.random(), rng.random()
            yield (
                f"s{i}",
                MODEL,
                speaker,
                target,
                day,
                "research",
                rng.choice(("en", "es")),
                p_coop - p_tension,
                int(p_coop > 0.5),
                int(p_tension > 0.5),
                rng.choice((6, 1, -3, -7, 0)),
            )

    with db.atomic():
        db.conn.executemany(
            "INSERT INTO tone_facts (statement_id, model, speaker, target, day, source_id, lang, tone, "
            "cooperation, tension, weight) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            facts(),
        )
        db.execute(f"UPDATE tone_facts SET week = {WEEK}, month = substr(day, 1, 7), quarter = {QUARTER}")
        db.execute(
            "INSERT INTO statement_actors SELECT statement_id, 'speaker', 'marco-rubio' "
            "FROM tone_facts WHERE rowid % 7 = 0"
        )
        days = [r[0] for r in db.execute("SELECT DISTINCT day FROM tone_facts")]
        refresh_daily(db, days, MODEL)
    db.execute("ANALYZE")


def timed(db, f: ToneFilter, repeat: int = 5) -> tuple[float, int]:
    times, points = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        points = len(tone_series(db, f, drivers=0).points)
        times.append(time.perf_counter() - started)
    return statistics.median(times), points


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        started = time.perf_counter()
        load(db, args.rows)
        print(f"loaded {args.rows:,} statements over 5 years in {time.perf_counter() - started:.1f} s")
        cases = [
            ("week, USA:MEX", ToneFilter(MODEL, "week", (("USA", "MEX"),))),
            ("week, USA:MEX both ways", ToneFilter(MODEL, "week", (("USA", "MEX"), ("MEX", "USA")))),
            ("month, every dyad", ToneFilter(MODEL, "month")),
            (
                "day, USA:MEX, 2024 only",
                ToneFilter(MODEL, "day", (("USA", "MEX"),), since="2024-01-01", until="2024-12-31"),
            ),
            ("quarter, USA:MEX, lang es", ToneFilter(MODEL, "quarter", (("USA", "MEX"),), lang="es")),
            (
                "month, USA:MEX, one speaker actor (statement level)",
                ToneFilter(MODEL, "month", (("USA", "MEX"),), speaker_actor="marco-rubio"),
            ),
        ]
        for label, f in cases:
            seconds, points = timed(db, f)
            print(f"{label}: {seconds * 1000:.0f} ms median of 5, {points} points")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
