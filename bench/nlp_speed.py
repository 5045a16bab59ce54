"""Words per second of `detente process` against a bare `nlp.pipe` of the same model,
over the same real texts (the state.gov releases in ../shared/data), in one run.

Usage: .venv/bin/python bench/nlp_speed.py [--limit N]
Skips when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import spacy

from pipeline.config import settings_from_dict
from pipeline.jobs.process import load_stage, process_pending
from pipeline.store.db import open_db
from pipeline.store.documents import save_document
from pipeline.store.sources import ensure_source
from pipeline.types import CollectedDocument

REPO = Path(__file__).resolve().parents[1]
RELEASES = REPO.parent / "shared" / "data" / "statedept" / "state_gov_press_releases_2021-05_2022-08.jsonl"


def load_texts(limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in RELEASES.open(encoding="utf-8")]
    return rows[:limit] if limit else rows


def bare(package: str, texts: list[str], batch_size: int) -> float:
    nlp = spacy.load(package)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def ours(rows: list[dict], tmp: str) -> tuple[float, object]:
    settings = settings_from_dict({"database": {"path": f"{tmp}/bench.db"}}, Path(tmp) / "c.toml")
    db = open_db(settings.db)
    ensure_source(db, "bench", "import", "USA")
    with db.atomic():
        for i, r in enumerate(rows):
            save_document(
                db,
                CollectedDocument(
                    url=r["link"] or f"urn:bench:{i}",
                    title=r["title"],
                    text=r["text"],
                    published=None,
                    date_method="import",
                    lang="en",
                    issuer="USA",
                    source_id="bench",
                    extraction="import",
                    fetched_url="",
                ),
                "2026-01-01T00:00:00Z",
            )
    stage = load_stage(settings)
    started = time.perf_counter()
    report = process_pending(db, settings, None, stage=stage)
    elapsed = time.perf_counter() - started
    print_attribution(db)
    return elapsed, report


def print_attribution(db):
    """How often a statement got an explicit speaker versus the voice or issuer, and
    ten explicit examples (fixed sample) for checking by hand."""
    counts = db.execute("SELECT speaker_source, count(*) FROM statements GROUP BY 1").fetchall()
    total = sum(n for _, n in counts)
    for source, n in sorted(counts, key=lambda r: -r[1]):
        print(f"speaker source {source}: {n} ({n / total:.1%})")
    rows = db.execute(
        "SELECT speakers, cue, targets, text FROM statements WHERE speaker_source = 'explicit' "
        "ORDER BY substr(id, 5) LIMIT 10"
    ).fetchall()
    for speakers, cue, targets, text in rows:
        print(f"  {speakers} [{cue}] -> {targets} | {text[:160]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not RELEASES.exists():
        print(f"skipped: {RELEASES} not found")
        return 0
    rows = load_texts(args.limit)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        ours_s, report = ours(rows, tmp)
    package = report.pipeline.split("+")[1].rsplit("-", 1)[0]
    bare_s = bare(package, texts, 64)
    print(f"texts: {len(texts)}, words: {words}")
    print(f"bare nlp.pipe ({package}, all default components): {bare_s:.1f} s, {words / bare_s:,.0f} words/s")
    print(f"detente process (NLP stage + store): {ours_s:.1f} s, {words / ours_s:,.0f} words/s")
    print(f"ratio detente/bare time: {ours_s / bare_s:.2f}  (aim: <= 1.25)")
    print(f"statements: {report.statements}, mentions: {report.mentions}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
