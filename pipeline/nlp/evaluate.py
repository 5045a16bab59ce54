"""Scoring the NLP stage against gold documents (tests/gold/*.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ConfigError
from pipeline.types import DocumentAnalysis, DocumentInput


@dataclass(frozen=True)
class GoldDocument:
    document: DocumentInput
    mentions: tuple[tuple[int, int, str], ...]  # start, end, actor
    statements: tuple[tuple[int, int, frozenset, frozenset], ...]  # start, end, speakers, targets


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add_sets(self, predicted: set, gold: set):
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


def load_gold(folder: Path) -> list[GoldDocument]:
    """Every *.json gold file of a folder. Example: ``load_gold(Path("tests/gold"))``."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ConfigError(f"{folder}: no gold *.json files")
    return [_gold(f) for f in files]


def _gold(path: Path) -> GoldDocument:
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
        doc = DocumentInput(g["id"], g["text"], g["lang"], g.get("issuer"), g.get("published"))
        mentions = tuple((m["start"], m["end"], m["actor"]) for m in g["mentions"])
        statements = tuple(
            (s["start"], s["end"], frozenset(s["speakers"]), frozenset(s["targets"])) for s in g["statements"]
        )
    except (KeyError, TypeError, json.JSONDecodeError) as e:
        raise ConfigError(f"{path}: not a gold document: {e}") from None
    return GoldDocument(doc, mentions, statements)


@dataclass
class NlpScores:
    mentions: Score
    speakers: Score
    targets: Score
    documents: int
    statements: int

    def rows(self) -> list[tuple[str, Score]]:
        return [
            ("actor mentions", self.mentions),
            ("speaker attribution", self.speakers),
            ("targets", self.targets),
        ]


def score(gold: list[GoldDocument], analyses: list[DocumentAnalysis]) -> NlpScores:
    """Mentions match when they overlap and name the same actor; speakers and targets
    are compared as sets per gold sentence (matched to the predicted sentence that
    overlaps it most)."""
    mentions, speakers, targets = Score(), Score(), Score()
    for g, a in zip(gold, analyses, strict=True):
        _score_mentions(g, a, mentions)
        for start, end, gold_speakers, gold_targets in g.statements:
            s = max(a.statements, key=lambda x: _overlap(x.start, x.end, start, end), default=None)
            if s is None or _overlap(s.start, s.end, start, end) == 0:
                speakers.fn += len(gold_speakers)
                targets.fn += len(gold_targets)
                continue
            speakers.add_sets(set(s.speakers), set(gold_speakers))
            targets.add_sets(set(s.targets), set(gold_targets))
    return NlpScores(mentions, speakers, targets, len(gold), sum(len(g.statements) for g in gold))


def _score_mentions(g: GoldDocument, a: DocumentAnalysis, score_: Score):
    predicted = [(m.start, m.end, m.actor) for m in a.mentions if m.actor]
    matched: set[int] = set()
    for start, end, actor in g.mentions:
        hit = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in matched and p[2] == actor and _overlap(p[0], p[1], start, end)
            ),
            None,
        )
        if hit is None:
            score_.fn += 1
        else:
            matched.add(hit)
            score_.tp += 1
    score_.fp += len(predicted) - len(matched)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))
