"""The nightly job: collect every enabled source into the store, then process what is new."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlite_utils

from pipeline.collect.collector import collect_source
from pipeline.collect.http import Fetcher
from pipeline.config import Settings
from pipeline.store.documents import known_urls, save_document
from pipeline.store.runs import finish_run, insert_fetches, start_run
from pipeline.store.sources import record_harvest, source_state, sync_sources
from pipeline.types import Harvest, Source


@dataclass
class SourceOutcome:
    source_id: str
    status: str  # ok | not-modified | failed | deferred | disabled
    counts: Counter = field(default_factory=Counter)
    error: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class IngestReport:
    run_id: int
    status: str
    counts: Counter
    sources: list[SourceOutcome]
    stages: dict = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return any(s.status == "failed" for s in self.sources)

    def as_dict(self) -> dict:
        return {
            "run": self.run_id,
            "status": self.status,
            "counts": dict(self.counts),
            "sources": [
                {
                    "id": s.source_id,
                    "status": s.status,
                    "counts": dict(s.counts),
                    "error": s.error,
                    "warnings": list(s.warnings),
                }
                for s in self.sources
            ],
            "stages": self.stages,
        }


Progress = Callable[[str, int, int], None]


def collect_all(
    db: sqlite_utils.Database,
    settings: Settings,
    run_id: int,
    only: tuple[str, ...] = (),
    force: bool = False,
    progress: Progress | None = None,
) -> list[SourceOutcome]:
    """Collect each enabled source, one transaction per source, failures isolated."""
    sync_sources(db, settings.sources)
    chosen = [s for s in settings.sources if not only or s.id in only]
    outcomes = []
    with Fetcher(settings.http) as fetcher:
        for i, source in enumerate(chosen):
            if progress:
                progress(source.id, i, len(chosen))
            outcomes.append(_collect_one(db, settings, run_id, source, fetcher, force or bool(only)))
    if progress:
        progress("", len(chosen), len(chosen))
    return outcomes


def _collect_one(db, settings, run_id, source: Source, fetcher, force) -> SourceOutcome:
    if not source.enabled and not force:
        return SourceOutcome(source.id, "disabled")
    state = source_state(db, source.id)
    now = datetime.now(UTC)
    if state.next_fetch_at and not force and state.next_fetch_at > now.isoformat(timespec="seconds"):
        return SourceOutcome(source.id, "deferred", error=f"backing off until {state.next_fetch_at}")
    harvest = collect_source(
        source,
        state,
        fetcher,
        settings.collect.min_article_chars,
        now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        known_urls(db, source.id),
    )
    return _store_harvest(db, settings, run_id, harvest, now)


def _store_harvest(db, settings, run_id, harvest: Harvest, now) -> SourceOutcome:
    counts: Counter = Counter()
    fetched_at = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    with db.atomic():
        fetch_ids = insert_fetches(db, run_id, harvest.source_id, harvest.fetches)
        for doc in harvest.documents:
            fetch_id = fetch_ids[doc.fetch_index] if doc.fetch_index is not None else None
            counts[save_document(db, doc, fetched_at, run_id, fetch_id).outcome] += 1
        record_harvest(
            db,
            harvest,
            now,
            settings.collect.failure_backoff_hours,
            settings.collect.max_backoff_hours,
        )
    counts["warnings"] = len(harvest.warnings)
    if harvest.error:
        return SourceOutcome(harvest.source_id, "failed", counts, harvest.error, harvest.warnings)
    status = "not-modified" if harvest.not_modified else "ok"
    return SourceOutcome(harvest.source_id, status, counts, None, harvest.warnings)


def run_ingest(
    db: sqlite_utils.Database,
    settings: Settings,
    only: tuple[str, ...] = (),
    force: bool = False,
    progress: Progress | None = None,
    after_collect: Callable[[sqlite_utils.Database, int], dict] | None = None,
) -> IngestReport:
    """Collect, then run the later stages (``after_collect``) on what is pending.

    The caller holds the database lock.
    """
    run_id = start_run(db, "ingest", str(settings.path))
    outcomes = collect_all(db, settings, run_id, only, force, progress)
    totals: Counter = Counter()
    for o in outcomes:
        totals.update(o.counts)
    totals["failed"] = sum(o.status == "failed" for o in outcomes)
    stages = after_collect(db, run_id) if after_collect else {}
    status = "partial" if totals["failed"] else "ok"
    report = IngestReport(run_id, status, totals, outcomes, stages)
    finish_run(db, run_id, status, totals, report.as_dict())
    return report
