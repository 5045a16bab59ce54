"""Commands that collect: ingest, import, sources, runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.cli import cli
from pipeline.cli.support import AppContext, json_option, print_table, progress_bar


@cli.command()
@click.option("--source", "only", multiple=True, help="Collect only this source id (repeatable).")
@click.option("--force", is_flag=True, help="Ignore back-off and disabled flags.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success (for cron).")
@json_option
@click.pass_obj
def ingest(app: AppContext, only, force, quiet, as_json):
    """Collect every enabled source into the database (the nightly job).

    Failures are isolated per source. Exit status: 0 when every source was
    fine, 1 when at least one failed (the others are still stored), 2 for a
    usage or configuration error. A second concurrent run exits at once.

    \b
    Example:
        detente ingest --quiet          # in cron: silent unless something fails
        detente ingest --json | jq .counts
    """
    from pipeline.jobs.ingest import run_ingest
    from pipeline.jobs.lock import db_lock

    settings = app.settings()
    unknown = set(only) - {s.id for s in settings.sources}
    if unknown:
        raise click.BadParameter(f"unknown source id(s): {', '.join(sorted(unknown))}", param_hint="--source")
    with db_lock(settings.db, "ingest"), progress_bar(quiet or as_json, "sources") as progress:
        db = app.db()
        report = run_ingest(db, settings, tuple(only), force, progress, app.after_collect())
    _print_ingest(report, quiet, as_json)
    sys.exit(1 if report.failed else 0)


def _print_ingest(report, quiet: bool, as_json: bool):
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    for s in report.sources:
        if s.status == "failed":
            click.echo(f"error: source {s.source_id}: {s.error}", err=True)
        elif not quiet:
            for w in s.warnings:
                click.echo(f"warning: source {s.source_id}: {w}", err=True)
    if as_json or (quiet and not report.failed):
        return
    c = report.counts
    click.echo(
        f"run {report.run_id}: {report.status}; {c['new']} new, {c['updated']} updated, "
        f"{c['unchanged']} unchanged, {c['duplicate']} duplicate, {c['failed']} sources failed"
    )
    for stage, summary in report.stages.items():
        click.echo(f"  {stage}: {summary}")


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--source",
    "default_source",
    default="import",
    show_default=True,
    help="Source id for lines without a 'source' field.",
)
@click.pass_obj
def import_(app: AppContext, file: Path, default_source):
    """Add documents from a JSON-lines file (a researcher's own corpus).

    Each line holds `id` or `url`, and `title`, `published` (ISO date), `lang`
    (en/es), `issuer` (ISO alpha-3), `source`, `text`. Bad lines are reported
    with their line numbers and skipped; good ones are kept (exit 1 if any
    line was bad). Importing the same file again adds nothing.

    \b
    Example:
        detente import my_corpus.jsonl --source my-corpus
    """
    from pipeline.jobs.importer import import_jsonl
    from pipeline.jobs.lock import db_lock

    with db_lock(app.db_path(), "import"):
        report = import_jsonl(app.db(), file, default_source)
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    c = report.counts
    click.echo(
        f"run {report.run_id}: {c['new']} new, {c['updated']} updated, "
        f"{c['unchanged']} unchanged, {c['duplicate']} duplicate, {len(report.errors)} bad lines"
    )
    sys.exit(1 if report.errors else 0)


@cli.command()
@json_option
@click.pass_obj
def sources(app: AppContext, as_json):
    """Show each source with its health: last status, failures, back-off, documents.

    \b
    Example:
        detente sources
        detente sources --json
    """
    from pipeline.store.sources import source_health, sync_sources

    db = app.db()
    sync_sources(db, app.settings().sources)
    rows = source_health(db)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    columns = (
        "id",
        "kind",
        "lang",
        "enabled",
        "last_status",
        "last_success_at",
        "consecutive_failures",
        "next_fetch_at",
        "documents",
    )
    print_table(rows, columns, title="Sources")
    for row in rows:
        if row["last_status"] == "failed":
            click.echo(f"{row['id']}: {row['last_error']}", err=True)


@cli.command()
@click.option("--limit", default=10, show_default=True, help="How many recent runs.")
@json_option
@click.pass_obj
def runs(app: AppContext, limit, as_json):
    """List recent runs with their status and counts.

    \b
    Example:
        detente runs --limit 5
    """
    rows = [
        dict(r)
        for r in app.db().query(
            "SELECT id, command, started, finished, status, new, updated, unchanged, duplicate, "
            "failed, warnings FROM runs ORDER BY id DESC LIMIT ?",
            [limit],
        )
    ]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    print_table(rows, tuple(rows[0]) if rows else ("id",), title="Runs")
