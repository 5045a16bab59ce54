"""`import`: JSON lines with line-numbered errors, idempotent."""

from __future__ import annotations

import json

from pipeline.jobs.importer import import_jsonl

GOOD = {
    "id": "r-1",
    "title": "Call",
    "published": "2025-03-01",
    "lang": "en",
    "issuer": "USA",
    "source": "my-corpus",
    "text": "The Secretary spoke with the Foreign Secretary of Mexico.",
}


def write_lines(tmp_path, lines: list) -> object:
    p = tmp_path / "in.jsonl"
    p.write_bytes(b"\n".join(x if isinstance(x, bytes) else json.dumps(x).encode() for x in lines) + b"\n")
    return p


def test_good_lines_kept_bad_lines_reported_by_number(db, tmp_path):
    path = write_lines(
        tmp_path,
        [
            GOOD,
            b"{not json",
            {**GOOD, "id": "r-2", "lang": "fr"},
            {**GOOD, "id": None, "url": None},
            {**GOOD, "id": "r-3", "published": "yesterday"},
            b'{"id": "r-4", "text": "caf\xe9 au lait"}',
            {
                **GOOD,
                "id": "r-5",
                "url": "https://example.org/x?utm_source=a",
                "text": "Another text.",
            },
        ],
    )
    report = import_jsonl(db, path, "import")
    assert report.counts["new"] == 2
    numbers = [e.split(": line ")[1].split(":")[0] for e in report.errors]
    assert numbers == ["2", "3", "4", "5", "6"]
    assert "not UTF-8" in report.errors[-1] and "lang 'fr'" in report.errors[1]
    row = db["documents"].get(
        next(r["id"] for r in db.query("SELECT id FROM documents WHERE external_id = 'r-5'"))
    )
    assert row["url"] == "https://example.org/x" and row["source_id"] == "my-corpus"
    assert row["published"] == "2025-03-01T00:00:00Z"


def test_reimport_adds_nothing(db, tmp_path):
    path = write_lines(tmp_path, [GOOD, {**GOOD, "id": "r-2", "text": "A second text."}])
    assert import_jsonl(db, path, "import").counts["new"] == 2
    again = import_jsonl(db, path, "import")
    assert again.counts["new"] == 0 and again.counts["unchanged"] == 2
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
