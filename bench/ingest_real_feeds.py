"""Ingest the real state.gov feed copies served from a loopback server; print figures.

Usage: .venv/bin/python bench/ingest_real_feeds.py   (skips when ../shared/data is absent)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from loopback import LoopbackServer  # noqa: E402

from pipeline.config import settings_from_dict  # noqa: E402
from pipeline.jobs.ingest import run_ingest  # noqa: E402
from pipeline.store.db import open_db  # noqa: E402

FOLDER = REPO.parent / "shared" / "data" / "statedept"


def main() -> int:
    copies = sorted(FOLDER.glob("data.rss.*.xml")) if FOLDER.exists() else []
    if not copies:
        print(f"skipped: {FOLDER} not found")
        return 0
    server = LoopbackServer()
    server.thread.start()
    for i, path in enumerate(copies):
        server.serve(f"/feed{i}", path.read_bytes(), Content_Type="application/rss+xml")
    with tempfile.TemporaryDirectory() as tmp:
        sources = [
            {
                "id": f"copy{i}",
                "name": p.name,
                "kind": "rss",
                "url": server.url(f"/feed{i}"),
                "lang": "en",
                "issuer": "USA",
            }
            for i, p in enumerate(copies)
        ]
        settings = settings_from_dict(
            {"database": {"path": f"{tmp}/b.db"}, "sources": sources, "http": {"host_delay": 0.0}},
            Path(tmp) / "c.toml",
        )
        db = open_db(settings.db)
        for label in ("first run", "second run"):
            started = time.perf_counter()
            report = run_ingest(db, settings)
            ms = (time.perf_counter() - started) * 1000
            c = report.counts
            print(
                f"{label}: {ms:.0f} ms, {len(copies)} feeds, {c['new']} new, {c['unchanged']} "
                f"unchanged, {c['duplicate']} duplicate, {c['failed']} failed, "
                f"{c['warnings']} warnings"
            )
        row = db.execute(
            "SELECT count(*), sum(length(text)), group_concat(DISTINCT doc_type) FROM documents"
        ).fetchone()
        print(f"documents: {row[0]}, characters of text: {row[1]}, types: {row[2]}")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
