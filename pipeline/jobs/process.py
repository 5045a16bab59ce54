"""`detente process`: run the NLP stage over pending documents, in batches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pipeline.config import Settings
from pipeline.nlp.registry import Registry, load_registry
from pipeline.store.runs import now_iso
from pipeline.store.statements import count_pending, pending_documents, save_analysis

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ProcessReport:
    pipeline: str
    documents: int = 0
    statements: int = 0
    mentions: int = 0

    def summary(self) -> str:
        return (
            f"{self.documents} documents, {self.statements} statements, "
            f"{self.mentions} mentions ({self.pipeline})"
        )


def project_file(settings: Settings, relative: str) -> Path:
    """A path from the config, relative to the config's folder, else to the project root
    (so the bundled registry and models are found from any config)."""
    path = settings.resolve(relative)
    return path if path.exists() else PROJECT_ROOT / relative


def registry_for(settings: Settings) -> Registry:
    return load_registry(project_file(settings, settings.nlp.actors))


def load_stage(settings: Settings):
    from pipeline.nlp.stage import NlpStage

    return NlpStage(registry_for(settings), settings.nlp.model, settings.nlp.batch_size)


def process_pending(
    db: sqlite_utils.Database,
    settings: Settings,
    run_id: int | None,
    workers: int = 1,
    limit: int | None = None,
    stage=None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ProcessReport:
    """Analyse every pending document; each batch is stored in one transaction.
    The model is loaded only when there is something to do."""
    if stage is None:
        from pipeline.nlp.stage import installed_version

        version = installed_version(settings.nlp.model, registry_for(settings))
        if version and count_pending(db, version) == 0:
            return ProcessReport(version)
        stage = load_stage(settings)
    report = ProcessReport(stage.version)
    countries = {a.id: a.country for a in stage.registry.actors.values()}
    batch = max(1, settings.nlp.batch_size)
    total = count_pending(db, stage.version)
    while limit is None or report.documents < limit:
        size = batch if limit is None else min(batch, limit - report.documents)
        docs = pending_documents(db, stage.version, size)
        if not docs:
            break
        with db.atomic():
            for analysis in stage.analyze(docs, n_process=workers):
                save_analysis(db, analysis, stage.version, run_id, countries, now_iso())
                report.statements += len(analysis.statements)
                report.mentions += len(analysis.mentions)
        report.documents += len(docs)
        if progress:
            progress("documents", report.documents, total)
    return report
