"""A light, spaCy-free view of a processed document: sentences of tokens and entity spans,
with offsets into the whole document text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tok:
    i: int  # index within the document
    text: str
    lower: str
    lemma: str
    pos: str
    start: int
    end: int


@dataclass(frozen=True)
class Ent:
    start: int
    end: int
    text: str
    label: str
    kb_id: str


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    tokens: tuple[Tok, ...]


@dataclass(frozen=True)
class ParsedDocument:
    text: str
    sentences: tuple[Sentence, ...]
    ents: tuple[Ent, ...]


def from_spacy(paragraphs: list[tuple[int, object]], text: str) -> ParsedDocument:
    """Merge spaCy Docs of a document's paragraphs (each with its char offset)."""
    sentences, ents, n = [], [], 0
    for offset, doc in paragraphs:
        for sent in doc.sents:
            toks = tuple(
                Tok(
                    n + k,
                    t.text,
                    t.lower_,
                    t.lemma_ or t.lower_,
                    t.pos_,
                    offset + t.idx,
                    offset + t.idx + len(t.text),
                )
                for k, t in enumerate(x for x in sent if not x.is_space)
            )
            n += len(toks)
            if toks:
                sentences.append(Sentence(len(sentences), toks[0].start, toks[-1].end, toks))
        ents.extend(
            Ent(offset + e.start_char, offset + e.end_char, e.text, e.label_, e.kb_id_) for e in doc.ents
        )
    return ParsedDocument(text, tuple(sentences), tuple(ents))
