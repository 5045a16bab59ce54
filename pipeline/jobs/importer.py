"""`detente import`: researchers' JSON lines into the store."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from pipeline.collect.jsonl import parse_import_line
from pipeline.errors import ImportLineError
from pipeline.store.documents import save_document
from pipeline.store.runs import finish_run, now_iso, start_run
from pipeline.store.sources import ensure_source


@dataclass
class ImportReport:
    run_id: int
    counts: Counter
    errors: list[str] = field(default_factory=list)


def import_jsonl(db: sqlite_utils.Database, path: Path, default_source: str) -> ImportReport:
    """Import every good line of a JSONL file; bad lines are reported and skipped."""
    run_id = start_run(db, f"import {path.name}")
    counts: Counter = Counter()
    errors: list[str] = []
    fetched_at = now_iso()
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                doc = parse_import_line(_decode(raw, lineno), lineno, default_source)
            except ImportLineError as e:
                errors.append(f"{path}: {e}")
                continue
            with db.atomic():
                ensure_source(db, doc.source_id, "import", doc.issuer)
                counts[save_document(db, doc, fetched_at, run_id).outcome] += 1
    counts["failed"] = len(errors)
    finish_run(db, run_id, "partial" if errors else "ok", counts, {"errors": errors[:100]})
    return ImportReport(run_id, counts, errors)


def _decode(raw: bytes, lineno: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ImportLineError(lineno, f"not UTF-8 (byte {e.start})") from None
