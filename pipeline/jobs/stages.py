"""The stages `ingest` runs after collecting: NLP, then classification when a model exists."""

from __future__ import annotations

from pipeline.config import Settings


def after_collect(settings: Settings):
    """A function (db, run_id) -> summary dict that runs the later stages on pending work."""

    def run(db, run_id: int) -> dict:
        from pipeline.jobs.classify import (
            classifier_available,
            classify_pending,
            has_pending,
            load_classifier,
        )
        from pipeline.jobs.process import process_pending

        report = process_pending(db, settings, run_id, workers=settings.nlp.workers)
        summary = {"process": report.summary()}
        if classifier_available(settings) and has_pending(db, settings):
            summary["classify"] = classify_pending(db, load_classifier(settings), run_id).summary()
        return summary

    return run
