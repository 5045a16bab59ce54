"""A small, dependency-free English/Spanish language guess by function words."""

from __future__ import annotations

import re

_EN = frozenset(
    "the of and to in that is was for on with as by at from this be are have it its "
    "has will their which an were been would".split()
)
_ES = frozenset(
    "el la de que y en los las del se por con una un para su al es lo como más "
    "sus ha le ya fue este esta entre".split()
)
_WORD = re.compile(r"[a-záéíóúñü]+")


def detect_language(text: str, default: str, min_words: int = 20, min_hits: int = 5) -> str:
    """Return "en" or "es" when the text clearly is one, else ``default``.

    Example: ``detect_language("La Cancillería expresó su preocupación por la medida", "en")``
    gives ``"es"`` once there are enough words.
    """
    words = _WORD.findall(text.lower())
    if len(words) < min_words:
        return default
    en = sum(w in _EN for w in words)
    es = sum(w in _ES for w in words)
    if en > 2 * es and en >= min_hits:
        return "en"
    if es > 2 * en and es >= min_hits:
        return "es"
    return default
