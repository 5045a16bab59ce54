"""`detente classify`, `train`, `tag`: the classifier between corpus, store and models/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pipeline.classify.corpus import corpus_files, data_sha256, load_items, split_of
from pipeline.classify.labels import EVENT_WEIGHTS
from pipeline.classify.persist import LoadedModel, card_version, load_model, save_model
from pipeline.classify.train import train
from pipeline.config import Settings
from pipeline.jobs.process import PROJECT_ROOT, project_file
from pipeline.store.runs import now_iso
from pipeline.store.tone import add_tone_facts

PENDING = """
    SELECT s.id, s.text FROM statements s
    WHERE s.current = 1 AND NOT EXISTS (
        SELECT 1 FROM predictions p WHERE p.statement_id = s.id AND p.model = ?)
    ORDER BY s.rowid LIMIT ?"""


def model_dir(settings: Settings) -> Path:
    return project_file(settings, settings.classifier.model_dir)


def load_classifier(settings: Settings) -> LoadedModel:
    return load_model(model_dir(settings), settings.classifier.name)


def classifier_available(settings: Settings) -> bool:
    folder = model_dir(settings)
    return (folder / f"{settings.classifier.name}.skops").exists()


def has_pending(db: sqlite_utils.Database, settings: Settings) -> bool:
    """Whether any current statement lacks a prediction of the configured model (read from its
    card, so the model itself is loaded only when there is work)."""
    return db.execute(PENDING, [configured_version(settings) or "", 1]).fetchone() is not None


def configured_version(settings: Settings) -> str | None:
    return card_version(model_dir(settings), settings.classifier.name)


@dataclass
class ClassifyReport:
    model: str
    statements: int = 0

    def summary(self) -> str:
        return f"{self.statements} statements ({self.model})"


def classify_pending(
    db: sqlite_utils.Database, model: LoadedModel, run_id: int | None, batch: int = 512
) -> ClassifyReport:
    """Predict every current statement that has no prediction from this model version.
    Rows of other versions stay beside the new ones."""
    report = ClassifyReport(model.version)
    while True:
        rows = db.execute(PENDING, [model.version, batch]).fetchall()
        if not rows:
            return report
        predictions = model.predict([text for _, text in rows])
        at = now_iso()
        with db.atomic():
            db["predictions"].insert_all(
                {"statement_id": sid, "model": model.version, **_row(p), "run_id": run_id, "created_at": at}
                for (sid, _), p in zip(rows, predictions, strict=True)
            )
            add_tone_facts(db, model.version, [sid for sid, _ in rows])
        report.statements += len(rows)


def _row(p: dict) -> dict:
    keys = ("cooperation", "tension", "p_cooperation", "p_tension", "event", "p_event", "tone")
    return {k: p[k] for k in keys} | {"weight": EVENT_WEIGHTS[p["event"]]}


def corpus_dir() -> Path:
    return PROJECT_ROOT / "corpus" / "statements"


def train_model(settings: Settings, corpus: Path | None = None, extra: list[Path] = ()) -> dict:
    """Train on the corpus (plus any extra labelled files, train side only) and save."""
    files = corpus_files(corpus or corpus_dir())
    items = load_items(files)
    extra_items = load_items(list(extra), allow_missing_labels=True) if extra else []
    train_items = [i for i in items if (i.split or split_of(i.id)) == "train"] + extra_items
    dev_items = [i for i in items if (i.split or split_of(i.id)) == "dev"]
    sha = data_sha256(files + list(extra))
    tag = "extra-" + data_sha256(list(extra))[:8] if extra else ""
    pipeline, card = train(train_items, dev_items, sha, tag)
    card["training_files"] = [f.name for f in files] + [f.name for f in extra]
    save_model(pipeline, card, model_dir(settings), settings.classifier.name)
    return card
