"""The nightly job end to end: idempotence, versions, back-off, kill -9, the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fixture_bytes
from loopback import Reply

from pipeline.errors import LockHeld
from pipeline.jobs.ingest import run_ingest
from pipeline.jobs.lock import db_lock
from pipeline.store.db import open_db

REPO = Path(__file__).resolve().parents[1]


def feed_source(server, path="/feed", **kw):
    return {
        "id": kw.pop("id", "state"),
        "name": "State",
        "kind": "rss",
        "url": server.url(path),
        "lang": "en",
        "issuer": "USA",
        **kw,
    }


def table_count(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_rerun_adds_nothing(server, make_settings):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    settings = make_settings([feed_source(server)])
    db = open_db(settings.db)
    first = run_ingest(db, settings)
    second = run_ingest(db, settings)
    assert first.counts["new"] == 2 and first.status == "ok"
    assert second.counts["new"] == 0 and second.sources[0].status == "not-modified"
    assert table_count(db, "documents") == 2
    runs = list(db.query("SELECT status, new FROM runs ORDER BY id"))
    assert [r["status"] for r in runs] == ["ok", "ok"] and runs[0]["new"] == 2


def test_changed_text_becomes_a_new_version(server, make_settings):
    body = fixture_bytes("feeds/statedept.xml")
    server.serve("/feed", body)
    settings = make_settings([feed_source(server)])
    db = open_db(settings.db)
    run_ingest(db, settings)
    server.serve(
        "/feed",
        body.replace(b"publish the results of each review", b"publish the results of each quarterly review"),
    )
    report = run_ingest(db, settings)
    assert report.counts["updated"] == 1
    rows = list(
        db.query(
            "SELECT id, version, supersedes, text FROM documents WHERE url LIKE '%water%' ORDER BY version"
        )
    )
    assert [r["version"] for r in rows] == [1, 2]
    assert rows[1]["supersedes"] == rows[0]["id"] and rows[1]["id"] == rows[0]["id"] + "-v2"
    assert "quarterly" in rows[1]["text"] and "quarterly" not in rows[0]["text"]


def test_same_text_at_another_url_is_a_duplicate(server, make_settings):
    body = fixture_bytes("feeds/statedept.xml")
    server.serve("/feed", body)
    server.serve("/mirror", body.replace(b"https://www.state.gov/", b"https://mirror.example.org/"))
    settings = make_settings([feed_source(server), feed_source(server, "/mirror", id="mirror")])
    report = run_ingest(open_db(settings.db), settings)
    assert report.counts["new"] == 2 and report.counts["duplicate"] >= 2


def test_failing_source_is_isolated_and_backs_off(server, make_settings):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    server.serve("/down", b"down", status=503)
    settings = make_settings([feed_source(server), feed_source(server, "/down", id="down")])
    db = open_db(settings.db)
    report = run_ingest(db, settings)
    assert report.failed and report.status == "partial" and report.counts["new"] == 2
    row = db["sources"].get("down")
    assert row["consecutive_failures"] == 1 and row["next_fetch_at"] and "HTTP 503" in row["last_error"]
    again = run_ingest(db, settings)
    assert {s.source_id: s.status for s in again.sources}["down"] == "deferred"
    hits = server.count("/down")
    run_ingest(db, settings, force=True)
    assert server.count("/down") > hits
    assert db["sources"].get("down")["consecutive_failures"] == 2
    fetches = list(db.query("SELECT status, error FROM fetches WHERE source_id = 'down'"))
    assert fetches and all(f["status"] == 503 for f in fetches)


def test_documents_trace_to_source_fetch_and_run(server, make_settings):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    settings = make_settings([feed_source(server)])
    db = open_db(settings.db)
    report = run_ingest(db, settings)
    row = next(
        db.query(
            "SELECT d.run_id, f.url, f.status, s.issuer FROM documents d "
            "JOIN fetches f ON f.id = d.fetch_id JOIN sources s ON s.id = d.source_id LIMIT 1"
        )
    )
    assert row["run_id"] == report.run_id and row["url"] == server.url("/feed")
    assert row["status"] == 200 and row["issuer"] == "USA"


def test_full_text_search(server, make_settings):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    settings = make_settings([feed_source(server)])
    db = open_db(settings.db)
    run_ingest(db, settings)
    hits = list(db["documents"].search("reservoirs"))
    assert len(hits) == 1 and "Water" in hits[0]["title"]


def _write_config(tmp_path, server, slow_path="/pages/undated.html"):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"""
[database]
path = "t.db"
[http]
timeout = 30.0
host_delay = 0.0
[[sources]]
id = "state"
name = "State"
kind = "rss"
url = "{server.url("/feed")}"
lang = "en"
issuer = "USA"
[[sources]]
id = "wh"
name = "White House"
kind = "rss"
url = "{server.url("/summaries")}"
lang = "en"
issuer = "USA"
""")
    return cfg


def _serve_all(server, slow: float):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    server.serve("/summaries", fixture_bytes("feeds/summaries.xml"))
    server.serve("/pages/readout-call.html", fixture_bytes("pages/readout-call.html"))
    server.serve("/pages/stub.html", fixture_bytes("pages/stub.html"))
    body = fixture_bytes("pages/undated.html")
    server.routes["/pages/undated.html"] = lambda h: Reply(200, body, delay=slow)


def _start_ingest(cfg: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "--config", str(cfg), "ingest", "--quiet"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_killed_run_leaves_consistent_db_and_next_run_completes(server, tmp_path):
    cfg = _write_config(tmp_path, server)
    _serve_all(server, slow=30)
    proc = _start_ingest(cfg)
    assert server.waiting.wait(60), "the ingest never reached the slow page"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    db = open_db(tmp_path / "t.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    # the first source committed, the one being collected did not
    by_source = dict(db.execute("SELECT source_id, count(*) FROM documents GROUP BY 1").fetchall())
    assert by_source == {"state": 2}
    assert db["sources"].get("wh")["body_hash"] is None
    _serve_all(server, slow=0)
    finished = subprocess.run(
        [sys.executable, "-m", "pipeline", "--config", str(cfg), "ingest", "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 0, finished.stderr
    by_source = dict(db.execute("SELECT source_id, count(*) FROM documents GROUP BY 1").fetchall())
    assert by_source == {"state": 2, "wh": 2}
    statuses = [r[0] for r in db.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["interrupted", "ok"]


def test_second_concurrent_run_exits_with_lock_message(server, tmp_path):
    cfg = _write_config(tmp_path, server)
    _serve_all(server, slow=20)
    first = _start_ingest(cfg)
    try:
        assert server.waiting.wait(60)
        second = subprocess.run(
            [sys.executable, "-m", "pipeline", "--config", str(cfg), "ingest"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert first.poll() is None, "the second run exited while the first still held the lock"
        assert second.returncode == 1
        assert "another run holds the lock" in second.stderr and f"pid {first.pid}" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
    finally:
        first.kill()
        first.wait()


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    db_path = tmp_path / "t.db"
    Path(str(db_path) + ".lock").write_text("ingest pid 999999 since 2026-01-01T00:00:00+00:00")
    with db_lock(db_path, "ingest") as stale:
        assert stale and "999999" in stale
        with pytest.raises(LockHeld):
            with db_lock(db_path, "ingest"):
                pass
