"""The real state.gov feed copies (../shared/data), served from loopback. Skips when absent."""

from __future__ import annotations

import pytest
from conftest import shared_data

from pipeline.jobs.ingest import run_ingest
from pipeline.store.db import open_db

COPIES = [
    "data.rss.dbdf3ea964c57209d488d40aea08064227e8529a.xml",
    "data.rss.cd530c3f052fb81ae5ecc187d0c335100d3de922.xml",
    "data.rss.00127bd54977ce69d612ea011d73146c3a3015d9.EXCERPT-first-item.xml",
]


@pytest.mark.shared_data
def test_real_statedept_copies_ingest_cleanly(server, make_settings):
    folder = shared_data("statedept")
    for i, name in enumerate(COPIES):
        server.serve(f"/feed{i}", (folder / name).read_bytes(), Content_Type="application/rss+xml")
    sources = [
        {
            "id": f"state{i}",
            "name": "State",
            "kind": "rss",
            "url": server.url(f"/feed{i}"),
            "lang": "en",
            "issuer": "USA",
        }
        for i in range(len(COPIES))
    ]
    settings = make_settings(sources)
    db = open_db(settings.db)
    report = run_ingest(db, settings)
    assert not report.failed, [s.error for s in report.sources]
    docs = list(db.query("SELECT title, text, doc_type, published FROM documents"))
    assert len(docs) >= 15
    for d in docs:
        assert "jQuery" not in d["text"] and "addEventListener" not in d["text"], d["title"]
        assert d["published"] and d["published"].endswith("Z")
    assert any(d["doc_type"] == "Readout" for d in docs)
    rerun = run_ingest(db, settings)
    assert rerun.counts["new"] == 0
