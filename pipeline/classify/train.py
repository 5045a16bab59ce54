"""Training the classifier reproducibly: fixed seed, thresholds tuned on dev, a model card."""

from __future__ import annotations

import platform

import numpy as np
import scipy
import sklearn
import skops

from pipeline.classify.corpus import Item
from pipeline.classify.evaluate import lexicon_predictions, report, tag_score
from pipeline.classify.labels import EVENTS, TAGS
from pipeline.classify.model import build_pipeline

MODEL_FAMILY = "statements-2"
SEED = 13


def targets(items: list[Item]) -> np.ndarray:
    def code(v):
        return -1 if v is None else int(v)

    return np.array(
        [[code(i.cooperation), code(i.tension), EVENTS.index(i.event) if i.event else -1] for i in items]
    )


def train(train_items: list[Item], dev_items: list[Item], data_sha: str, extra: str = ""):
    """Fit on train, tune each tag's threshold on dev, score dev. Returns (pipeline, card)."""
    pipeline = build_pipeline(SEED).fit([i.text for i in train_items], targets(train_items))
    proba = pipeline.predict_proba([i.text for i in dev_items])
    thresholds = {
        tag: _best_threshold([getattr(i, tag) for i in dev_items], proba[:, k]) for k, tag in enumerate(TAGS)
    }
    predictions = [_decide(row, thresholds) for row in proba]
    dev = report(dev_items, predictions)
    baseline = report(dev_items, lexicon_predictions(dev_items))
    card = {
        "version": f"{MODEL_FAMILY}+data-{data_sha[:10]}{'+' + extra if extra else ''}",
        "family": MODEL_FAMILY,
        "seed": SEED,
        "training_data_sha256": data_sha,
        "train_items": len(train_items),
        "dev_items": len(dev_items),
        "languages": sorted({i.lang for i in train_items}),
        "thresholds": {k: round(v, 2) for k, v in thresholds.items()},
        "thresholds_tuned_on": "dev",
        "events": list(EVENTS),
        "metrics_dev": dev.as_dict(),
        "baseline_lexicon_dev": baseline.as_dict(),
        "libraries": {
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": platform.python_version(),
        },
    }
    return pipeline, card


def _best_threshold(gold: list[int], scores: np.ndarray) -> float:
    grid = np.round(np.arange(0.2, 0.81, 0.02), 2)
    best = max(grid, key=lambda t: (tag_score(gold, [int(s >= t) for s in scores]).f1, -abs(t - 0.5)))
    return float(best)


def _decide(row, thresholds: dict) -> dict:
    return {
        "cooperation": int(row[0] >= thresholds["cooperation"]),
        "tension": int(row[1] >= thresholds["tension"]),
        "event": EVENTS[int(np.argmax(row[2:]))],
    }
