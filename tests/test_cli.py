"""The CLI through click's runner: exit codes, quiet, json, help everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import fixture_bytes

from pipeline import __version__
from pipeline.cli import cli
from pipeline.store.db import open_db

REPO = Path(__file__).resolve().parents[1]


def all_commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, (*prefix, name))


def test_version_and_help():
    runner = CliRunner()
    assert __version__ in runner.invoke(cli, ["--version"]).output
    out = runner.invoke(cli, ["-h"])
    assert out.exit_code == 0 and "ingest" in out.output and "Example:" in out.output


@pytest.mark.parametrize(
    "path, cmd", list(all_commands(cli)), ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
def test_every_command_has_help_ending_in_an_example_and_is_documented(path, cmd):
    result = CliRunner().invoke(cli, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output and "detente " in result.output.split("Example:")[-1]
    docs = (REPO / "README.md").read_text() + "".join(p.read_text() for p in (REPO / "docs").glob("*.md"))
    assert f"detente {' '.join(path)}" in docs, f"`detente {' '.join(path)}` is not documented"


def write_config(tmp_path, server, bad_source=False) -> Path:
    sources = [("state", server.url("/feed"))] + ([("down", server.url("/down"))] if bad_source else [])
    body = '[database]\npath = "t.db"\n[http]\nhost_delay = 0.0\nretries = 0\n'
    for sid, url in sources:
        body += (
            f'[[sources]]\nid = "{sid}"\nname = "{sid}"\nkind = "rss"\nurl = "{url}"\n'
            'lang = "en"\nissuer = "USA"\n'
        )
    path = tmp_path / "config.toml"
    path.write_text(body)
    return path


def test_ingest_quiet_prints_nothing_on_success(server, tmp_path):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    cfg = write_config(tmp_path, server)
    result = CliRunner().invoke(cli, ["--config", str(cfg), "ingest", "--quiet"])
    assert result.exit_code == 0 and result.output == ""
    assert open_db(tmp_path / "t.db").execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_ingest_failure_exits_1_and_names_the_source(server, tmp_path):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    server.serve("/down", b"", status=500)
    cfg = write_config(tmp_path, server, bad_source=True)
    result = CliRunner().invoke(cli, ["--config", str(cfg), "ingest", "--quiet"])
    assert result.exit_code == 1
    assert re.search(r"error: source down: .*HTTP 500", result.output)
    assert open_db(tmp_path / "t.db").execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_ingest_json_summary(server, tmp_path):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    cfg = write_config(tmp_path, server)
    result = CliRunner().invoke(cli, ["--config", str(cfg), "ingest", "--json"])
    summary = json.loads(result.output.splitlines()[0])
    assert summary["counts"]["new"] == 2 and summary["sources"][0]["id"] == "state"
    assert summary["status"] == "ok"


def test_config_error_exits_2_with_one_line(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[[sources]]\nid = "x"\n')
    result = CliRunner().invoke(cli, ["--config", str(cfg), "ingest"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "sources[0].name" in result.output


def test_unknown_source_option_is_a_usage_error(server, tmp_path):
    cfg = write_config(tmp_path, server)
    result = CliRunner().invoke(cli, ["--config", str(cfg), "ingest", "--source", "nope"])
    assert result.exit_code == 2 and "nope" in result.output


def test_env_vars_override(server, tmp_path):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    cfg = write_config(tmp_path, server)
    env = {"DETENTE_CONFIG": str(cfg), "DETENTE_DB": str(tmp_path / "env.db")}
    result = CliRunner().invoke(cli, ["ingest", "--quiet"], env=env)
    assert result.exit_code == 0
    assert open_db(tmp_path / "env.db").execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_sources_shows_health(server, tmp_path):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"))
    server.serve("/down", b"", status=500)
    cfg = write_config(tmp_path, server, bad_source=True)
    runner = CliRunner()
    runner.invoke(cli, ["--config", str(cfg), "ingest", "--quiet"])
    rows = [
        json.loads(x)
        for x in runner.invoke(cli, ["--config", str(cfg), "sources", "--json"]).output.splitlines()
    ]
    health = {r["id"]: r for r in rows}
    assert health["state"]["last_status"] == "ok" and health["state"]["documents"] == 2
    assert health["down"]["last_status"] == "failed" and health["down"]["consecutive_failures"] == 1


def test_import_command_exit_codes(tmp_path):
    good = {"id": "a", "text": "Some text.", "lang": "en", "source": "mine"}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(good) + "\n{oops\n")
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 1 and "line 2" in result.output and "1 new" in result.output
    path.write_text(json.dumps(good) + "\n")
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 0 and "0 new" in result.output
