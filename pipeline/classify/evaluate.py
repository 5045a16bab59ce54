"""Metrics for the classifier and the lexicon baseline on labelled items."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.classify.corpus import Item
from pipeline.classify.labels import EVENTS, TAGS
from pipeline.classify.lexicon import lexicon_predict


@dataclass(frozen=True)
class TagScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    tags: dict[str, TagScore]
    macro_f1: float
    event_accuracy: float | None
    event_macro_f1: float | None
    confusion: dict[tuple[str, str], int]
    items: int

    def as_dict(self) -> dict:
        return {
            "items": self.items,
            "macro_f1": round(self.macro_f1, 4),
            "tags": {
                t: {k: round(v, 4) if isinstance(v, float) else v for k, v in s.__dict__.items()}
                for t, s in self.tags.items()
            },
            "event_accuracy": _round(self.event_accuracy),
            "event_macro_f1": _round(self.event_macro_f1),
        }


def _round(v):
    return None if v is None else round(v, 4)


def tag_score(gold: list[int], predicted: list[int]) -> TagScore:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p and not g)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TagScore(precision, recall, f1, tp + fn)


def report(items: list[Item], predictions: list[dict]) -> Report:
    """Scores where each label is known (imported data may lack some)."""
    tags = {}
    for tag in TAGS:
        pairs = [
            (getattr(i, tag), p[tag])
            for i, p in zip(items, predictions, strict=True)
            if getattr(i, tag) is not None
        ]
        tags[tag] = tag_score([g for g, _ in pairs], [p for _, p in pairs])
    scored = [t for t in tags.values() if t.support]
    macro = sum(t.f1 for t in scored) / len(scored) if scored else 0.0
    events = [(i.event, p["event"]) for i, p in zip(items, predictions, strict=True) if i.event]
    confusion = Counter(events)
    if not events:
        return Report(tags, macro, None, None, {}, len(items))
    accuracy = sum(g == p for g, p in events) / len(events)
    per_event = [
        tag_score([g == e for g, _ in events], [p == e for _, p in events]).f1
        for e in EVENTS
        if any(g == e for g, _ in events)
    ]
    return Report(tags, macro, accuracy, sum(per_event) / len(per_event), dict(confusion), len(items))


def lexicon_predictions(items: list[Item]) -> list[dict]:
    out = []
    for i in items:
        coop, tension, event = lexicon_predict(i.text)
        out.append({"cooperation": coop, "tension": tension, "event": event})
    return out
