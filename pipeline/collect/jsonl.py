"""Researchers' own documents as JSON lines (``detente import``)."""

from __future__ import annotations

import json
import re

from pipeline.collect.dates import parse_iso
from pipeline.errors import ImportLineError
from pipeline.ids import canonical_url
from pipeline.types import LANGS, CollectedDocument

FIELDS = {"id", "url", "title", "published", "lang", "issuer", "source", "text"}


def parse_import_line(line: str, lineno: int, default_source: str) -> CollectedDocument:
    """One JSON object → a document, or ImportLineError naming the line and the problem.

    Example line: ``{"id": "a1", "title": "T", "published": "2025-03-01", "lang": "en",
    "issuer": "USA", "source": "my-corpus", "text": "..."}``
    """
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ImportLineError(lineno, f"not valid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(obj, dict):
        raise ImportLineError(lineno, "expected a JSON object")
    unknown = set(obj) - FIELDS
    if unknown:
        raise ImportLineError(lineno, f"unknown fields: {', '.join(sorted(unknown))}")
    text = _str(obj, "text", lineno, required=True).strip()
    if not text:
        raise ImportLineError(lineno, "text is empty")
    ext_id, url = _str(obj, "id", lineno), _str(obj, "url", lineno)
    if not ext_id and not url:
        raise ImportLineError(lineno, "needs an id or a url")
    source = _str(obj, "source", lineno) or default_source
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", source):
        raise ImportLineError(lineno, f"source {source!r} must be lowercase letters, digits, . _ -")
    return CollectedDocument(
        url=canonical_url(url) if url else f"urn:detente:{source}:{ext_id}",
        title=_str(obj, "title", lineno) or "",
        text=text,
        published=_published(obj, lineno),
        date_method="import",
        lang=_lang(obj, lineno),
        issuer=_issuer(obj, lineno),
        source_id=source,
        extraction="import",
        fetched_url=url or "",
        external_id=ext_id,
    )


def _str(obj: dict, key: str, lineno: int, required: bool = False) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise ImportLineError(lineno, f"missing field {key!r}")
        return None
    if not isinstance(value, str):
        raise ImportLineError(lineno, f"{key} must be a string, got {type(value).__name__}")
    return value


def _published(obj: dict, lineno: int) -> str | None:
    raw = _str(obj, "published", lineno)
    if raw is None:
        return None
    value = parse_iso(raw)
    if value is None:
        raise ImportLineError(lineno, f"published {raw!r} is not an ISO date (2025-03-01)")
    return value


def _lang(obj: dict, lineno: int) -> str:
    lang = _str(obj, "lang", lineno) or "en"
    if lang not in LANGS:
        raise ImportLineError(lineno, f"lang {lang!r} is not one of {', '.join(LANGS)}")
    return lang


def _issuer(obj: dict, lineno: int) -> str | None:
    issuer = _str(obj, "issuer", lineno)
    if issuer is not None and not re.fullmatch(r"[A-Z]{3}", issuer):
        raise ImportLineError(lineno, f"issuer {issuer!r} must be an ISO alpha-3 code (USA)")
    return issuer
