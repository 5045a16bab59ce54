"""Registry phrases found in raw text: names, demonyms and role nouns.

Matching works on word tokens of the accent- and case-folded text, so
"Canciller", "canciller" and "cancillería" all find their entries; acronyms
written in capitals ("US", "DEA") match only in capitals. Overlaps keep the
longest phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.nlp.registry import Registry, fold, unaccent

TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    kind: str  # actor | demonym | role
    keys: tuple[str, ...]  # actor id, or candidate role ids


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _case_sensitive(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(alias) <= 8


class PhraseIndex:
    """Token-tuple lookup of every registry phrase for one language."""

    def __init__(self, registry: Registry, lang: str):
        self.folded: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
        self.exact: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
        for actor in registry.actors.values():
            for alias in actor.aliases:
                self._add(alias, "actor", actor.id)
            for demonym in actor.demonyms_en + actor.demonyms_es:
                self._add(demonym, "demonym", actor.id)
        for role in registry.roles.values():
            for noun in role.nouns_en + role.nouns_es:
                self._add(noun, "role", role.id)
        self.longest = max(len(k) for k in (*self.folded, *self.exact))

    def _add(self, phrase: str, kind: str, key: str):
        if _case_sensitive(phrase):
            table, toks = self.exact, tuple(t for t, _, _ in _tokens(unaccent(phrase)))
        else:
            table, toks = self.folded, tuple(t for t, _, _ in _tokens(fold(phrase)))
        if not toks:
            return
        old_kind, old_keys = table.get(toks, (kind, ()))
        if old_kind != kind:  # a name beats a role noun spelled the same
            if kind == "role":
                return
            old_keys = ()
        if key not in old_keys:
            table[toks] = (kind, (*old_keys, key))

    def find(self, text: str) -> list[PhraseMatch]:
        """Non-overlapping matches in text order, longest first where they overlap."""
        folded = _tokens(fold(text))
        exact = [t for t, _, _ in _tokens(unaccent(text))]
        words = [t for t, _, _ in folded]
        candidates = []
        for i in range(len(words)):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                hit = self.exact.get(tuple(exact[i : i + n])) or self.folded.get(tuple(words[i : i + n]))
                if hit:
                    candidates.append(PhraseMatch(folded[i][1], folded[i + n - 1][2], hit[0], hit[1]))
                    break
        return _longest_first(candidates)


def _longest_first(candidates: list[PhraseMatch]) -> list[PhraseMatch]:
    taken: list[PhraseMatch] = []
    for c in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda m: m.start)
