"""Mentions: registry matches resolved to actors (role nouns by the document's date,
demonyms to their country), plus NER spans the registry does not know."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from pipeline.nlp.registry import Registry, fold
from pipeline.nlp.tokens import Ent, ParsedDocument
from pipeline.types import Mention

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
TITLE_RUN = re.compile(r"^(?:\s+(?:[A-Z][\w.'’-]*|of|de|del|la|the|to|en))*\s*$")
OF_COUNTRY = re.compile(r"^\s+(?:of|de|del|in|en)\s+(?:the\s+|la\s+|los\s+)?$")


def find_mentions(
    parsed: ParsedDocument, registry: Registry, on: date | None, issuer: str | None
) -> list[Mention]:
    """All mentions of a document, in text order.

    Example: in a 2025 State Department readout "The Secretary" resolves to
    ``marco-rubio``; "Mexican officials" gives a ``MEX`` mention on "Mexican".
    """
    ents = list(parsed.ents)
    starts = [s.start for s in parsed.sentences]
    out = []
    for i, e in enumerate(ents):
        if _absorbed(ents, i, parsed.text, registry):
            continue
        sentence = max(0, bisect_right(starts, e.start) - 1)
        mention = _resolve(e, ents, i, parsed.text, registry, on, issuer, sentence)
        if mention:
            out.append(mention)
    return out


def _absorbed(ents: list[Ent], i: int, text: str, registry: Registry) -> bool:
    """A demonym or country name, or a role noun, that only qualifies the next person
    ("Mexican Foreign Secretary Juan Ramón de la Fuente") is not a mention of its own."""
    e = ents[i]
    if i + 1 >= len(ents) or not e.kb_id:
        return False
    nxt = ents[i + 1]
    gap = text[e.end : nxt.start]
    if e.label == "ROLE":
        return _is_person(nxt, registry) and re.fullmatch(r"[\s,]*", gap) is not None
    qualifier = e.label == "NORP" or (e.label == "GPE" and _one_actor(e))
    if not qualifier or not TITLE_RUN.match(gap):
        return False
    return _is_person(nxt, registry) or nxt.label == "ROLE" or _absorbed(ents, i + 1, text, registry)


def _is_person(e: Ent, registry: Registry) -> bool:
    if e.label == "PERSON" and not e.kb_id:
        return True
    actor = registry.actors.get(e.kb_id)
    return actor is not None and actor.type == "person"


def _one_actor(e: Ent) -> bool:
    return "|" not in e.kb_id


def _resolve(
    e: Ent,
    ents: list[Ent],
    i: int,
    text: str,
    registry: Registry,
    on: date | None,
    issuer: str | None,
    sentence: int,
) -> Mention | None:
    if not e.kb_id:
        if e.label not in NER_LABELS:
            return None
        actor = _titled_holder(e, ents, i, text, registry, on, issuer)
        return Mention(e.start, e.end, e.text, actor, "name" if actor else "ner", e.label, sentence)
    if e.label == "ROLE":
        role = _pick_role(e, ents, i, text, registry, issuer)
        holders = registry.holders(role, on) if on and role else []
        actor = holders[0] if len(holders) == 1 else None
        return Mention(e.start, e.end, e.text, actor, "role", "ROLE", sentence, role)
    kind = "demonym" if e.label == "NORP" else "name"
    return Mention(e.start, e.end, e.text, e.kb_id, kind, e.label, sentence)


def _titled_holder(e: Ent, ents, i, text, registry, on, issuer) -> str | None:
    """ "Foreign Secretary Bárcena": a surname the registry lacks as an alias, after a role
    noun, is the role's holder on that date when the holder's name contains it."""
    if e.label != "PERSON" or i == 0 or on is None or ents[i - 1].label != "ROLE":
        return None
    if not re.fullmatch(r"[\s,]*", text[ents[i - 1].end : e.start]):
        return None
    role = _pick_role(ents[i - 1], ents, i - 1, text, registry, issuer)
    holders = registry.holders(role, on) if role else []
    if len(holders) != 1:
        return None
    holder = registry.actors[holders[0]]
    known = set(fold(" ".join((holder.name, *holder.aliases))).split())
    return holder.id if set(fold(e.text).split()) <= known else None


def _pick_role(
    e: Ent, ents: list[Ent], i: int, text: str, registry: Registry, issuer: str | None
) -> str | None:
    """Choose among the roles a noun may name: a country named right after it ("of
    Mexico") or right before it ("Mexican"), else the issuer's, else the first."""
    candidates = [r for r in e.kb_id.split("|") if r in registry.roles]
    if not candidates:
        return None
    country = _country_after(ents, i, text, registry) or _country_before(ents, i, text, registry)
    for wanted in (country, issuer):
        if not wanted:
            continue
        for r in candidates:
            if registry.roles[r].country == wanted:
                return r
        same = registry.role_for(wanted, registry.roles[candidates[0]].slug)
        if same and wanted == country:
            return same.id
    return candidates[0]


def _country_after(ents, i, text, registry) -> str | None:
    if i + 1 < len(ents) and OF_COUNTRY.match(text[ents[i].end : ents[i + 1].start]):
        return _country_of(ents[i + 1], registry)
    return None


def _country_before(ents, i, text, registry) -> str | None:
    if i > 0 and re.fullmatch(r"\s*(?:the\s+)?", text[ents[i - 1].end : ents[i].start]):
        return _country_of(ents[i - 1], registry)
    return None


def _country_of(e: Ent, registry: Registry) -> str | None:
    actor = registry.actors.get(e.kb_id)
    return actor.id if actor and actor.type == "country" else None
