"""The stages `ingest` runs after collecting: NLP, then classification, when available."""

from __future__ import annotations

from pipeline.config import Settings


def after_collect(settings: Settings):
    """A function (db, run_id) -> summary dict that runs the later stages on pending work."""

    def run(db, run_id: int) -> dict:
        return {}

    return run
