"""Documents: idempotent, versioned inserts keyed on the canonical URL."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from pipeline.ids import canonical_url, text_hash, url_id
from pipeline.types import CollectedDocument


@dataclass(frozen=True)
class Saved:
    outcome: str  # new | updated | unchanged | duplicate
    document_id: str | None


def save_document(
    db: sqlite_utils.Database,
    doc: CollectedDocument,
    fetched_at: str,
    run_id: int | None = None,
    fetch_id: int | None = None,
) -> Saved:
    """Insert a document unless the store already has it.

    Same URL and text: unchanged. Same URL, new text: a new version that supersedes
    the latest one (nothing is overwritten). New URL whose text another document
    already has: duplicate, not stored.
    """
    key = url_id(doc.url)
    digest = text_hash(doc.text)
    latest = db.execute(
        "SELECT id, version, text_hash FROM documents WHERE url_id = ? ORDER BY version DESC LIMIT 1",
        [key],
    ).fetchone()
    if latest and latest[2] == digest:
        return Saved("unchanged", latest[0])
    if not latest:
        twin = db.execute("SELECT id FROM documents WHERE text_hash = ? LIMIT 1", [digest]).fetchone()
        if twin:
            return Saved("duplicate", twin[0])
    version = latest[1] + 1 if latest else 1
    doc_id = key if version == 1 else f"{key}-v{version}"
    db["documents"].insert(
        {
            "id": doc_id,
            "url_id": key,
            "version": version,
            "supersedes": latest[0] if latest else None,
            "url": doc.url,
            "fetched_url": doc.fetched_url,
            "external_id": doc.external_id,
            "source_id": doc.source_id,
            "issuer": doc.issuer,
            "title": doc.title,
            "published": doc.published,
            "date_method": doc.date_method,
            "lang": doc.lang,
            "text": doc.text,
            "text_hash": digest,
            "doc_type": doc.doc_type,
            "author": doc.author,
            "extraction": doc.extraction,
            "fetched_at": fetched_at,
            "run_id": run_id,
            "fetch_id": fetch_id,
        }
    )
    return Saved("updated" if latest else "new", doc_id)


def known_urls(db: sqlite_utils.Database, source_id: str) -> set[str]:
    """Canonical URLs (and the URLs they were fetched from) already stored for a source."""
    rows = db.execute("SELECT url, fetched_url FROM documents WHERE source_id = ?", [source_id])
    out: set[str] = set()
    for url, fetched in rows:
        out.add(url)
        if fetched:
            out.add(canonical_url(fetched))
    return out
