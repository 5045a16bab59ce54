"""Commands of the NLP stage: process, show, export statements, actors, evaluate nlp."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.cli import cli, evaluate, export
from pipeline.cli.support import AppContext, json_option, parse_dyad, print_table, progress_bar


@cli.command()
@click.option("--workers", type=int, default=None, help="Processes for spaCy (default: config).")
@click.option("--limit", type=int, default=None, help="Process at most this many documents.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def process(app: AppContext, workers, limit, quiet):
    """Find actors and statements in pending documents (the NLP stage).

    Documents not yet analysed by the current pipeline version (model, rules
    and actor registry) are processed in batches; re-running adds nothing. A
    new pipeline version re-processes, keeping the old rows beside the new.

    \b
    Example:
        detente process --workers 2
    """
    from pipeline.jobs.lock import db_lock
    from pipeline.jobs.process import process_pending
    from pipeline.store.runs import finish_run, start_run

    settings = app.settings()
    with db_lock(settings.db, "process"), progress_bar(quiet, "processing") as progress:
        db = app.db()
        run_id = start_run(db, "process", str(settings.path))
        report = process_pending(
            db, settings, run_id, workers or settings.nlp.workers, limit, progress=progress
        )
        finish_run(db, run_id, "ok", {"new": report.statements}, {"process": report.summary()})
    click.echo(f"processed {report.summary()}")


@cli.command()
@click.argument("document")
@click.pass_obj
def show(app: AppContext, document):
    """Print a document with its actors highlighted and its statements listed.

    DOCUMENT is a document id (or its first characters), an imported id, or a URL.

    \b
    Example:
        detente show 3f2a9c
    """
    from pipeline.cli.render import render_document
    from pipeline.errors import DetenteError
    from pipeline.store.exports import document_analysis, find_document

    db = app.db()
    doc = find_document(db, document)
    if doc is None:
        raise DetenteError(f"no document matches {document!r}")
    mentions, statements = document_analysis(db, doc["id"])
    render_document(doc, mentions, statements)


@export.command("statements")
@click.option("--json", "fmt", flag_value="json", default=True, help="JSON lines (default).")
@click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")
@click.option("--since", help="Only statements published on or after this ISO date.")
@click.option("--dyad", help="Directed country pair SPEAKER:TARGET, e.g. USA:MEX.")
@click.option("--source", help="Only this source id.")
@click.pass_obj
def export_statements(app: AppContext, fmt, since, dyad, source):
    """Write one statement per line: document, offsets, speakers, cue, targets, flags,
    and, once statements are classified, the current model's cooperation, tension,
    probabilities, event, tone and model version.

    \b
    Example:
        detente export statements --dyad USA:MEX --since 2025-01-01 --json
    """
    from pipeline.cli.render import write_rows
    from pipeline.store.exports import EXPORT_FIELDS, PREDICTION_FIELDS, statement_rows
    from pipeline.store.tone import latest_model

    pair = parse_dyad(dyad) if dyad else None
    db = app.db()
    model = None
    if latest_model(db):
        from pipeline.jobs.tone import current_model

        model = current_model(db, app.settings())
    fields = EXPORT_FIELDS + (PREDICTION_FIELDS if model else ())
    write_rows(statement_rows(db, since, pair, source, model), fmt, fields)


@cli.command()
@click.argument("query", required=False)
@json_option
@click.pass_obj
def actors(app: AppContext, query, as_json):
    """List the actor registry, or look actors up by id, name or alias.

    The registry (corpus/actors.toml) is validated on load; an error names the
    entry and the problem.

    \b
    Example:
        detente actors rubio
        detente actors --json > actors.jsonl
    """
    from pipeline.cli.render import actor_rows
    from pipeline.jobs.process import registry_for

    rows = actor_rows(registry_for(app.settings()), query)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    flat = [
        {
            **r,
            "aliases": ", ".join(r["aliases"][:4]),
            "roles": "; ".join(f"{x['role']} {x['start']}..{x['end'] or ''}" for x in r["roles"]),
        }
        for r in rows
    ]
    print_table(flat, ("id", "name", "type", "country", "aliases", "roles"), title="Actors")


@evaluate.command("nlp")
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@json_option
@click.pass_obj
def evaluate_nlp(app: AppContext, gold_dir, as_json):
    """Precision, recall and F1 for actor mentions, speakers and targets on gold documents.

    GOLD_DIR defaults to tests/gold. Scores are given for all documents and per language.

    \b
    Example:
        detente evaluate nlp tests/gold
    """
    from pipeline.jobs.process import PROJECT_ROOT, load_stage
    from pipeline.nlp.evaluate import load_gold, score

    gold = load_gold(gold_dir or PROJECT_ROOT / "tests" / "gold")
    stage = load_stage(app.settings())
    analyses = list(stage.analyze([g.document for g in gold]))
    scores = score(gold, analyses)
    subsets = [("all", scores)] + [
        (
            lang,
            score(
                *zip(
                    *[(g, a) for g, a in zip(gold, analyses, strict=True) if g.document.lang == lang],
                    strict=True,
                )
            ),
        )
        for lang in sorted({g.document.lang for g in gold})
    ]
    rows = [
        {
            "measure": name,
            "lang": lang,
            "precision": round(s.precision, 3),
            "recall": round(s.recall, 3),
            "f1": round(s.f1, 3),
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
        }
        for lang, subset in subsets
        for name, s in subset.rows()
    ]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    print_table(
        rows,
        tuple(rows[0]),
        title=f"{scores.documents} gold documents, {scores.statements} statements ({stage.version})",
    )
