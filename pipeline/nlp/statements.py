"""Statements: one per sentence, with its speaker(s), cue, content span and targets.

The speaker is the subject of a reporting, attitude or meeting verb; otherwise the
voice of the release (the spokesperson of an "attributable to" preamble) or its
issuer. Pronouns and "the two"/"both sides"/"ambos" resolve to recent actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.nlp import lexicon as lx
from pipeline.nlp.registry import Registry
from pipeline.nlp.tokens import ParsedDocument, Sentence, Tok
from pipeline.types import Mention, Statement

UNKNOWN_PERSON = "?person"
GENERIC_SUBJECTS = frozenset(
    """officials authorities government administration delegation
ministry diplomats leaders officers representatives spokesman spokesperson side
funcionarios autoridades gobierno administración delegación cancillería diplomáticos""".split()
)


@dataclass
class _Context:
    """What the attribution of one document remembers as it goes."""

    registry: Registry
    lang: str
    issuer: str | None
    voice: str | None = None
    history: list[tuple[int, str]] = field(default_factory=list)  # (offset, actor id)
    last_speakers: tuple[str, ...] = ()
    last_speakers_sentence: int = -10
    sentence: int = 0


@dataclass(frozen=True)
class _Subject:
    actors: tuple[str, ...]
    start: int
    end: int


def attribute(
    parsed: ParsedDocument,
    mentions: list[Mention],
    registry: Registry,
    lang: str,
    issuer: str | None,
) -> list[Statement]:
    """Every sentence of a document as a Statement. Example: "The Secretary welcomed
    Mexico's transfer…" gives speakers ("marco-rubio",), cue "welcomed", targets ("MEX",)."""
    ctx = _Context(registry, lang, issuer)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    out = []
    for sent in parsed.sentences:
        ctx.sentence = sent.index
        found = by_sentence.get(sent.index, [])
        out.append(_statement(sent, found, parsed.text, ctx))
        ctx.history.extend(
            (m.start, m.actor or UNKNOWN_PERSON) for m in found if m.actor or m.label == "PERSON"
        )
    return out


def _statement(sent: Sentence, mentions: list[Mention], text: str, ctx: _Context) -> Statement:
    sentence_text = text[sent.start : sent.end]
    if _is_preamble(sent, sentence_text, mentions, ctx):
        people = [m.actor for m in mentions if m.actor and _is_person(m.actor, ctx.registry)]
        ctx.voice = people[-1] if people else ctx.voice
        return _make(sent, sentence_text, ctx, _default(ctx, sent, "issuer"), None, (), False)
    subject, cue = _explicit(sent, mentions, ctx)
    if subject is None:
        source = "voice" if ctx.voice else "issuer"
        subject, cue = _default(ctx, sent, source), None
    else:
        ctx.last_speakers, ctx.last_speakers_sentence = subject[0].actors, sent.index
    speakers = subject[0].actors
    targets = tuple(dict.fromkeys(m.actor for m in mentions if m.actor and m.actor not in speakers))
    return _make(sent, sentence_text, ctx, subject, cue, targets, _negated(sent, cue, ctx.lang))


def _is_preamble(sent: Sentence, sentence_text: str, mentions: list[Mention], ctx: _Context) -> bool:
    """ "The below is attributable to Spokesperson X:", or a release's opening byline
    "Antony J. Blinken, Secretary of State": the person named becomes the voice."""
    if any(marker in sentence_text.lower() for marker in lx.ATTRIBUTION_MARKERS):
        return True
    if sent.index > 1 or len(sentence_text) > 90 or sentence_text.rstrip().endswith((".", "?", "!")):
        return False
    first = mentions[0] if mentions else None
    return bool(
        first
        and first.start == sent.start
        and first.actor
        and _is_person(first.actor, ctx.registry)
        and "," in sentence_text
    )


def _make(sent, sentence_text, ctx, subject, cue: Tok | None, targets, negated) -> Statement:
    subj, source = subject
    content_start, content_end = _content(sent, cue, subj)
    return Statement(
        sentence=sent.index,
        start=sent.start,
        end=sent.end,
        text=sentence_text,
        speakers=subj.actors,
        speaker_text=_span_text(sentence_text, sent, subj),
        speaker_source=source,
        cue=cue.text if cue else None,
        cue_lemma=(cue.lemma if ctx.lang == "en" else cue.lower) if cue else None,
        content_start=content_start,
        content_end=content_end,
        targets=targets,
        negated=negated,
        quoted=any(ch in lx.QUOTES for ch in sentence_text),
    )


def _span_text(sentence_text: str, sent: Sentence, subj: _Subject) -> str:
    if subj.start < sent.start:
        return ""
    return sentence_text[subj.start - sent.start : subj.end - sent.start]


def _default(ctx: _Context, sent: Sentence, source: str):
    actor = ctx.voice if source == "voice" else ctx.issuer
    return _Subject((actor,) if actor else (), -1, -1), source


def _explicit(sent: Sentence, mentions: list[Mention], ctx: _Context):
    """The first cue verb of the sentence that has an identifiable subject."""
    toks = sent.tokens
    for k, tok in enumerate(toks):
        if _is_passive(toks, k, ctx.lang):
            group = _recent_group(ctx, tok.start, countries=False)
            if group:
                return (_Subject(group, tok.start, tok.end), "context"), toks[min(k + 2, len(toks) - 1)]
        if not _is_cue(toks, k, ctx.lang):
            continue
        subject = _subject_left(toks, k, mentions, ctx) or _subject_right(toks, k, mentions, ctx)
        if subject:
            return (subject, "explicit"), tok
        if ctx.lang == "es" and _sentence_initial(toks, k) and ctx.last_speakers:
            return (_Subject(ctx.last_speakers, -1, -1), "context"), tok
    return None, None


def _is_cue(toks: tuple[Tok, ...], k: int, lang: str) -> bool:
    """A reporting verb that heads a clause: not an infinitive ("count on X to support")."""
    tok = toks[k]
    if lang == "en":
        infinitive = k > 0 and toks[k - 1].lower == "to"
        return tok.pos == "VERB" and tok.lemma.lower() in lx.CUE_LEMMAS_EN and not infinitive
    return tok.lower in lx.CUE_FORMS_ES


def _is_passive(toks: tuple[Tok, ...], k: int, lang: str) -> bool:
    patterns = lx.PASSIVE_EN if lang == "en" else lx.PASSIVE_ES
    return any(tuple(t.lower for t in toks[k : k + len(p)]) == p for p in patterns)


def _sentence_initial(toks: tuple[Tok, ...], k: int) -> bool:
    before = [t for t in toks[:k] if t.lower not in lx.SKIPPABLE and t.lower != ","]
    return not before or (len(before) <= 2 and toks[k - 1].lower in {",", "se"})


def _subject_left(toks, k: int, mentions: list[Mention], ctx: _Context) -> _Subject | None:
    j = k - 1
    while j >= 0 and (toks[j].lower in lx.SKIPPABLE or toks[j].pos in ("ADV", "AUX", "PART")):
        j -= 1
    if j >= 0 and toks[j].text == ")":
        j = _before_parenthesis(toks, j)
    if j >= 0 and toks[j].text == "," and (j2 := _before_insertion(toks, j)) is not None:
        j = j2
    if j < 0:
        return None
    return (
        _mention_group_ending(toks, j, mentions)
        or _pronoun(toks, j, ctx)
        or _group_phrase(toks, j, ctx)
        or _generic_subject(toks, j, mentions)
    )


def _before_parenthesis(toks, j: int) -> int:
    """ "La Secretaría de Relaciones Exteriores (SRE) expresó": look before the (…)."""
    for i in range(j - 1, max(-1, j - 6), -1):
        if toks[i].text == "(":
            return i - 1
    return j


def _before_insertion(toks, j: int) -> int | None:
    """ "Videgaray, who was in Washington, said": the token before the opening comma."""
    for i in range(j - 1, max(-1, j - 16), -1):
        if toks[i].text == ",":
            relative = toks[i + 1].lower in {"who", "quien", "quienes", "que", "which"}
            return i - 1 if relative or j - i <= 5 else None
    return None


def _mention_ending_at(tok: Tok, mentions: list[Mention]) -> Mention | None:
    for m in mentions:
        if m.end == tok.end and m.actor:
            return m
    return None


def _mention_group_ending(toks, j: int, mentions: list[Mention]) -> _Subject | None:
    """A mention ending at token j, with any mentions coordinated before it."""
    m = _mention_ending_at(toks[j], mentions)
    if m is None:
        return None
    group, start = [m.actor], m.start
    i = _token_before(toks, m.start)
    while i >= 0:
        while i >= 0 and (
            toks[i].lower in lx.COORDINATORS
            or toks[i].lower in lx.ARTICLES
            or toks[i].text.istitle()
            and not _mention_ending_at(toks[i], mentions)
        ):
            i -= 1
        prev = _mention_ending_at(toks[i], mentions) if i >= 0 else None
        if prev is None or not _coordinated(toks, i, m.start):
            break
        group.insert(0, prev.actor)
        start, i = prev.start, _token_before(toks, prev.start)
    return _Subject(tuple(dict.fromkeys(group)), start, m.end)


def _coordinated(toks, i: int, next_start: int) -> bool:
    return any(t.lower in lx.COORDINATORS for t in toks if toks[i].end <= t.start < next_start)


def _token_before(toks, offset: int) -> int:
    for i in range(len(toks) - 1, -1, -1):
        if toks[i].end <= offset:
            return i
    return -1


def _pronoun(toks, j: int, ctx: _Context) -> _Subject | None:
    word = toks[j].lower
    if word in lx.SINGULAR_PRONOUNS[ctx.lang]:
        person = _recent_person(ctx, toks[j].start)
        return _Subject((person,), toks[j].start, toks[j].end) if person else None
    if word in lx.PLURAL_PRONOUNS[ctx.lang]:
        group = _recent_group(ctx, toks[j].start, countries=False)
        return _Subject(group, toks[j].start, toks[j].end) if group else None
    return None


def _group_phrase(toks, j: int, ctx: _Context) -> _Subject | None:
    """ "The two", "Both officials", "Ambos funcionarios", "both sides", "the leaders"."""
    if j > 0 and toks[j].lower in lx.GROUP_NOUNS and toks[j - 1].lower in lx.ARTICLES:
        countries = toks[j].lower in lx.COUNTRY_GROUP_NOUNS
        group = _recent_group(ctx, toks[j - 1].start, countries)
        return _Subject(group, toks[j - 1].start, toks[j].end) if group else None
    for head in (j, j - 1):
        if head < 0 or toks[head].lower not in lx.GROUP_HEADS[ctx.lang]:
            continue
        if head == j - 1 and toks[j].lower not in lx.GROUP_NOUNS:
            continue
        countries = toks[j].lower in lx.COUNTRY_GROUP_NOUNS
        group = _recent_group(ctx, toks[head].start, countries)
        if group:
            return _Subject(group, toks[head].start, toks[j].end)
    return None


def _generic_subject(toks, j: int, mentions: list[Mention]) -> _Subject | None:
    """ "Mexican officials said", "the U.S. government said": the country speaks."""
    if toks[j].lower not in GENERIC_SUBJECTS or j == 0:
        return None
    m = _mention_ending_at(toks[j - 1], mentions)
    return _Subject((m.actor,), m.start, toks[j].end) if m else None


def _subject_right(toks, k: int, mentions: list[Mention], ctx: _Context) -> _Subject | None:
    """Inverted order after a quote or in Spanish: "…,” said Rubio", "dijo el canciller"."""
    before = toks[k - 1].text if k > 0 else ""
    if not (before in lx.QUOTES or before == "," or ctx.lang == "es"):
        return None
    for i in range(k + 1, min(k + 4, len(toks))):
        if toks[i].lower in lx.ARTICLES or toks[i].lower in lx.SKIPPABLE:
            continue
        for m in mentions:
            if m.actor and m.start <= toks[i].start < m.end:
                end_tok = next((x for x in range(i, len(toks)) if toks[x].end >= m.end), i)
                return _mention_group_ending(toks, end_tok, mentions)
        return None
    return None


def _recent_person(ctx: _Context, before: int) -> str | None:
    """The previous sentence's lone person speaker, else the most recent person mentioned."""
    recent = ctx.last_speakers_sentence >= ctx.sentence - 1
    if recent and len(ctx.last_speakers) == 1 and _is_person(ctx.last_speakers[0], ctx.registry):
        return ctx.last_speakers[0]
    for offset, actor in reversed(ctx.history):
        if offset < before and actor == UNKNOWN_PERSON:
            return None  # the nearest person is one the registry does not know
        if offset < before and _is_person(actor, ctx.registry):
            return actor
    return None


def _recent_group(ctx: _Context, before: int, countries: bool) -> tuple[str, ...]:
    """The two most recent distinct persons (or countries) mentioned before an offset."""
    picked: list[str] = []
    for offset, actor in reversed(ctx.history):
        if offset >= before:
            continue
        candidate = ctx.registry.country_of(actor) if countries else actor
        if not countries and not _is_person(actor, ctx.registry):
            continue
        if candidate and candidate not in picked:
            picked.append(candidate)
        if len(picked) == 2:
            return tuple(reversed(picked))
    return ()


def _is_person(actor_id: str, registry: Registry) -> bool:
    actor = registry.actors.get(actor_id)
    return actor is not None and actor.type == "person"


def _negated(sent: Sentence, cue: Tok | None, lang: str) -> bool:
    words = lx.NEGATION[lang]
    return any(t.lower in words for t in sent.tokens)


def _content(sent: Sentence, cue: Tok | None, subj: _Subject) -> tuple[int, int]:
    if cue is None:
        return sent.start, sent.end
    after = [t for t in sent.tokens if t.start > cue.start]
    while after and after[0].lower in {"that", "que", ",", ":"}:
        after = after[1:]
    if subj.start > cue.start or not after:  # quote before an inverted "said X"
        quote = [t for t in sent.tokens if t.end <= cue.start]
        return (quote[0].start, quote[-1].end) if quote else (sent.start, sent.end)
    end = after[-1].end if after[-1].pos != "PUNCT" or len(after) == 1 else after[-2].end
    return after[0].start, end
