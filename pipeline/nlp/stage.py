"""The NLP stage as one object: load the pipelines once, analyse batches of documents.

It is a pure function of its inputs (documents in, analyses out), so a backfill can
map it over partitions in another process or engine.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from collections.abc import Iterable, Iterator
from datetime import date

import spacy

from pipeline.nlp.mentions import find_mentions
from pipeline.nlp.pipelines import english_candidates, load_english, load_spanish
from pipeline.nlp.registry import Registry
from pipeline.nlp.statements import attribute
from pipeline.nlp.tokens import from_spacy
from pipeline.types import DocumentAnalysis, DocumentInput

STAGE_VERSION = "nlp-1"
PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", re.S)


class NlpStage:
    """Example: ``stage = NlpStage(registry, "en_core_web_sm")``, then
    ``for analysis in stage.analyze(documents): ...``"""

    def __init__(self, registry: Registry, english_model: str, batch_size: int = 64):
        self.registry = registry
        self.batch_size = batch_size
        self.pipelines = {"en": load_english(english_model, registry), "es": load_spanish(registry)}
        meta = self.pipelines["en"].meta
        self.version = pipeline_version(f"{meta['lang']}_{meta['name']}", meta["version"], registry)

    def analyze(self, documents: Iterable[DocumentInput], n_process: int = 1) -> Iterator[DocumentAnalysis]:
        """Analyses in input order; English and Spanish documents each go through their pipeline."""
        docs = list(documents)
        results: dict[int, DocumentAnalysis] = {}
        for lang, nlp in self.pipelines.items():
            chosen = [
                (i, d) for i, d in enumerate(docs) if (d.lang if d.lang in self.pipelines else "en") == lang
            ]
            results.update(self._analyze_lang(nlp, lang, chosen, n_process))
        for i in range(len(docs)):
            yield results[i]

    def _analyze_lang(self, nlp, lang: str, chosen, n_process: int) -> dict[int, DocumentAnalysis]:
        paragraphs = [(m.group(), (i, m.start())) for i, d in chosen for m in PARAGRAPH.finditer(d.text)]
        parts: dict[int, list] = {i: [] for i, _ in chosen}
        for doc, (i, offset) in nlp.pipe(
            paragraphs, as_tuples=True, batch_size=self.batch_size, n_process=n_process
        ):
            parts[i].append((offset, doc))
        return {i: self._finish(d, lang, parts[i]) for i, d in chosen}

    def _finish(self, d: DocumentInput, lang: str, paragraphs) -> DocumentAnalysis:
        parsed = from_spacy(paragraphs, d.text)
        on = _date(d.published)
        mentions = find_mentions(parsed, self.registry, on, d.issuer)
        statements = attribute(parsed, mentions, self.registry, lang, d.issuer)
        return DocumentAnalysis(d.id, tuple(mentions), tuple(statements))


def pipeline_version(package: str, model_version: str, registry: Registry) -> str:
    """Names everything that changes the output: stage rules, model, spaCy, registry."""
    return (
        f"{STAGE_VERSION}+{package}-{model_version}+spacy-{spacy.__version__}+actors-{registry.sha256[:10]}"
    )


def installed_version(english_model: str, registry: Registry) -> str | None:
    """The version a stage would have, without loading the model (None if not installed)."""
    for candidate in english_candidates(english_model):
        if importlib.util.find_spec(candidate) is not None:
            return pipeline_version(candidate, importlib.metadata.version(candidate), registry)
    return None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
