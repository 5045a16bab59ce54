"""The `detente` command line: parses options, calls jobs or queries, prints.

Data goes to stdout; logs, warnings and progress to stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.cli_support import AppContext, DetenteGroup, json_option, print_table, progress_bar

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=DetenteGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="detente")
@click.option(
    "--config",
    "config_path",
    envvar="DETENTE_CONFIG",
    type=click.Path(dir_okay=False),
    help="Config file (default ./config.toml; env DETENTE_CONFIG).",
)
@click.option(
    "--db",
    "db_path",
    envvar="DETENTE_DB",
    type=click.Path(dir_okay=False),
    help="SQLite database, overriding the config (env DETENTE_DB).",
)
@click.pass_context
def cli(ctx, config_path, db_path):
    """Détente: track what governments say to and about each other.

    Collects official statements, finds who said what about whom, tags each
    statement for cooperation and tension, and charts the tone of each
    relationship over time.

    \b
    Example:
        detente ingest --quiet
        detente --config corpus/samples/demo.toml sources
    """
    ctx.obj = AppContext(config_path, db_path)


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
    from pipeline.cli_render import render_document
    from pipeline.errors import DetenteError
    from pipeline.store.exports import document_analysis, find_document

    db = app.db()
    doc = find_document(db, document)
    if doc is None:
        raise DetenteError(f"no document matches {document!r}")
    mentions, statements = document_analysis(db, doc["id"])
    render_document(doc, mentions, statements)


@cli.group()
def export():
    """Export data for analysis or annotation.

    \b
    Example:
        detente export statements --csv > statements.csv
    """


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
    from pipeline.cli_render import write_rows
    from pipeline.store.exports import EXPORT_FIELDS, PREDICTION_FIELDS, statement_rows
    from pipeline.store.tone import latest_model

    pair = _parse_dyad(dyad) if dyad else None
    db = app.db()
    model = None
    if latest_model(db):
        from pipeline.jobs.tone import current_model

        model = current_model(db, app.settings())
    fields = EXPORT_FIELDS + (PREDICTION_FIELDS if model else ())
    write_rows(statement_rows(db, since, pair, source, model), fmt, fields)


def _parse_dyad(value: str) -> tuple[str, str]:
    parts = value.upper().split(":")
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise click.BadParameter(f"{value!r} is not SPEAKER:TARGET (e.g. USA:MEX)", param_hint="--dyad")
    return parts[0], parts[1]


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
    from pipeline.cli_render import actor_rows
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


@cli.group()
def evaluate():
    """Measure the NLP stage or the classifier against gold data.

    \b
    Example:
        detente evaluate nlp tests/gold
    """


@evaluate.command("nlp")
@click.argument("gold_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@json_option
@click.pass_obj
def evaluate_nlp(app: AppContext, gold_dir, as_json):
    """Precision, recall and F1 for actor mentions, speakers and targets on gold documents.

    GOLD_DIR defaults to tests/gold.

    \b
    Example:
        detente evaluate nlp tests/gold
    """
    from pipeline.jobs.process import PROJECT_ROOT, load_stage
    from pipeline.nlp.evaluate import load_gold, score

    gold = load_gold(gold_dir or PROJECT_ROOT / "tests" / "gold")
    stage = load_stage(app.settings())
    scores = score(gold, list(stage.analyze([g.document for g in gold])))
    rows = [
        {
            "measure": name,
            "precision": round(s.precision, 3),
            "recall": round(s.recall, 3),
            "f1": round(s.f1, 3),
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
        }
        for name, s in scores.rows()
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


@evaluate.command("model")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.pass_obj
def evaluate_model(app: AppContext, file, as_json):
    """Per-tag precision/recall/F1, macro-F1 and an event confusion table, for the
    model and for a lexicon baseline, so the gain is visible.

    FILE is labelled JSON lines in the corpus format (for example a converted
    external set, see `detente corpus import`); it defaults to the corpus dev split.
    Labels that are null in FILE are not scored.

    \b
    Example:
        detente evaluate model
        detente evaluate model plover.jsonl
    """
    from pipeline.classify.corpus import load_items, split_of
    from pipeline.classify.evaluate import lexicon_predictions, report
    from pipeline.cli_render import print_model_report
    from pipeline.jobs.classify import corpus_dir, load_classifier

    model = load_classifier(app.settings())
    if file:
        items = load_items([file], allow_missing_labels=True)
    else:
        from pipeline.classify.corpus import corpus_files

        items = [i for i in load_items(corpus_files(corpus_dir())) if (i.split or split_of(i.id)) == "dev"]
    ours = report(items, model.predict([i.text for i in items]))
    baseline = report(items, lexicon_predictions(items))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "model": model.version,
                    "items": len(items),
                    "model_scores": ours.as_dict(),
                    "lexicon_scores": baseline.as_dict(),
                }
            )
        )
        return
    print_model_report(model.version, ours, baseline)


@cli.command()
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.pass_obj
def classify(app: AppContext, quiet):
    """Predict cooperation, tension and event for statements without a prediction from
    the current model. Predictions of other model versions stay beside the new ones.

    \b
    Example:
        detente classify
    """
    from pipeline.jobs.classify import classify_pending, load_classifier
    from pipeline.jobs.lock import db_lock
    from pipeline.store.runs import finish_run, start_run

    settings = app.settings()
    model = load_classifier(settings)
    with db_lock(settings.db, "classify"):
        db = app.db()
        run_id = start_run(db, "classify", str(settings.path))
        report = classify_pending(db, model, run_id)
        finish_run(db, run_id, "ok", {"new": report.statements}, {"classify": report.summary()})
    if not quiet:
        click.echo(f"classified {report.summary()}")


@cli.command()
@click.option(
    "--corpus",
    "corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of labelled JSONL (default corpus/statements).",
)
@click.option(
    "--extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="More labelled JSONL added to training only (e.g. converted ConfliBERT train).",
)
@click.pass_obj
def train(app: AppContext, corpus, extra):
    """Train the classifier reproducibly (fixed seed) and save it with its model card.

    Thresholds are tuned on the dev split; the same data gives the same card.

    \b
    Example:
        detente train
        detente train --extra conflibert_train.jsonl
    """
    from pipeline.jobs.classify import model_dir, train_model

    card = train_model(app.settings(), corpus, list(extra))
    m = card["metrics_dev"]
    b = card["baseline_lexicon_dev"]
    click.echo(f"model {card['version']} saved in {model_dir(app.settings())}")
    click.echo(
        f"dev macro-F1 {m['macro_f1']:.3f} (lexicon {b['macro_f1']:.3f}); cooperation F1 "
        f"{m['tags']['cooperation']['f1']:.3f}, tension F1 {m['tags']['tension']['f1']:.3f}, "
        f"event accuracy {m['event_accuracy']:.3f}"
    )


@cli.command()
@click.argument("file", required=False, default="-", type=click.File("r", encoding="utf-8"))
@click.option("--lang", type=click.Choice(["en", "es"]), help="Language of every line (default: detect).")
@click.pass_obj
def tag(app: AppContext, file, lang):
    """Tag ad-hoc sentences, one per line, printing JSON lines with cooperation,
    tension, probabilities, event, tone (P(cooperation) - P(tension)) and model.

    \b
    Example:
        echo "The minister rejected the proposal." | detente tag
        detente tag sentences.txt --lang es
    """
    from pipeline.collect.language import detect_language
    from pipeline.jobs.classify import load_classifier

    model = load_classifier(app.settings())
    lines = [line.strip() for line in file if line.strip()]
    for text, p in zip(lines, model.predict(lines), strict=True):
        detected = lang or detect_language(text, "en", min_words=3, min_hits=1)
        click.echo(json.dumps({"text": text, "lang": detected, **p}, ensure_ascii=False))


@cli.group()
def corpus():
    """The annotated statement corpus: statistics, split, external imports.

    \b
    Example:
        detente corpus stats
    """


@corpus.command("stats")
@click.option(
    "--dir",
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Corpus folder (default corpus/statements).",
)
@click.option(
    "--threshold", default=0.8, show_default=True, help="Word-overlap (Jaccard) for near-duplicates."
)
@json_option
def corpus_stats(folder, threshold, as_json):
    """Label balance by tag combination, event, language and split; near-duplicate pairs.

    Exits 1 when near-duplicates are found.

    \b
    Example:
        detente corpus stats
    """
    from pipeline.classify.corpus import corpus_files, load_items, near_duplicates
    from pipeline.cli_render import corpus_summary
    from pipeline.jobs.classify import corpus_dir

    items = load_items(corpus_files(folder or corpus_dir()))
    duplicates = near_duplicates(items, threshold)
    summary = corpus_summary(items)
    summary["near_duplicates"] = [{"a": a, "b": b, "overlap": s} for a, b, s in duplicates]
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
    else:
        for section, counts in summary.items():
            if section != "near_duplicates":
                click.echo(
                    f"{section}: "
                    + (
                        ", ".join(f"{k} {v}" for k, v in counts.items())
                        if isinstance(counts, dict)
                        else str(counts)
                    )
                )
        click.echo(f"near-duplicates (> {threshold}): {len(duplicates)}")
        for a, b, s in duplicates[:50]:
            click.echo(f"  {a} ~ {b} ({s})")
    sys.exit(1 if duplicates else 0)


@corpus.command("split")
@click.option(
    "--dir",
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Corpus folder (default corpus/statements).",
)
def corpus_split(folder):
    """Record the fixed train/dev split (by hash of id) in every corpus file.

    \b
    Example:
        detente corpus split
    """
    from pipeline.classify.corpus import corpus_files, write_splits
    from pipeline.jobs.classify import corpus_dir

    for path in corpus_files(folder or corpus_dir()):
        click.echo(f"{path.name}: {write_splits(path)} lines changed")


@corpus.command("import")
@click.option("--format", "fmt", required=True, type=click.Choice(["cameo", "plover", "unscon"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output JSONL (default stdout).")
def corpus_import(fmt, file, out):
    """Convert a labelled set from the event-data field into our corpus format.

    CAMEO roots 01-02 are neutral, 03-08 cooperation, 09-20 tension (ConfliBERT's
    5 classes likewise); PLOVER events map to ours; UN Security Council conflict
    annotations become tension-or-not. A report of what was mapped and dropped goes
    to stderr.

    \b
    Example:
        detente corpus import --format plover PLOVER_GSR_CAMEO.flat.jsonl --out plover.jsonl
    """
    from pipeline.classify.external import CONVERTERS

    conversion = CONVERTERS[fmt](file)
    lines = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in conversion.items)
    if out:
        out.write_text(lines, encoding="utf-8")
    else:
        click.echo(lines, nl=False)
    click.echo(conversion.report(), err=True)


def _tone_filter(app, model, by, dyad, both, speaker, target, source, lang, since, until):
    from pipeline.jobs.tone import current_model
    from pipeline.store.tone import ToneFilter

    dyads = ()
    if dyad:
        pair = _parse_dyad(dyad)
        dyads = (pair, pair[::-1]) if both else (pair,)
    return ToneFilter(
        model=current_model(app.db(), app.settings(), model),
        period=by,
        dyads=dyads,
        speaker_actor=speaker,
        target_actor=target,
        source=source,
        lang=lang,
        since=since,
        until=until,
    )


def series_options(fn):
    options = [
        click.option(
            "--by",
            type=click.Choice(["day", "week", "month", "quarter"]),
            default="month",
            show_default=True,
            help="Period of each point.",
        ),
        click.option("--dyad", help="Directed country pair SPEAKER:TARGET, e.g. USA:MEX."),
        click.option("--speaker", help="Only statements with this speaker actor id."),
        click.option("--target", help="Only statements about this target actor id."),
        click.option("--source", help="Only this source id."),
        click.option("--lang", type=click.Choice(["en", "es"]), help="Only this language."),
        click.option("--from", "since", help="First day (ISO)."),
        click.option("--to", "until", help="Last day (ISO)."),
        click.option("--model", help="Classifier version (default: the configured one)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@cli.command()
@series_options
@click.option("--both", is_flag=True, help="With --dyad, also the reverse direction.")
@click.option("--min-n", default=1, show_default=True, help="Drop points with fewer statements.")
@click.option("--rolling", default=0, help="Rolling mean over this many points.")
@click.option("--json", "fmt", flag_value="json", help="JSON lines.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")
@click.pass_obj
def tone(
    app: AppContext, by, dyad, speaker, target, source, lang, since, until, model, both, min_n, rolling, fmt
):
    """Tone over time per directed dyad: mean P(cooperation) - P(tension) with a 95%
    interval, cooperation and tension shares, intensity-weighted tone; shifts marked.

    \b
    Example:
        detente tone --by week --dyad USA:MEX --from 2025-01-01
        detente tone --by month --dyad USA:MEX --both --json
    """
    from pipeline.cli_render import print_series, write_rows
    from pipeline.jobs.tone import tone_series

    f = _tone_filter(app, model, by, dyad, both, speaker, target, source, lang, since, until)
    series = tone_series(app.db(), f, min_n, rolling)
    fields = (
        "period",
        "dyad",
        "n",
        "tone",
        "ci_low",
        "ci_high",
        "cooperation_share",
        "tension_share",
        "intensity",
        "rolling",
        "shift",
    )
    if fmt:
        write_rows((p.as_dict() for p in series.points), fmt, fields)
        return
    print_series(series)


@cli.command()
@series_options
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default="out/tone.png",
    show_default=True,
    help="PNG file to write.",
)
@click.pass_obj
def chart(app: AppContext, by, dyad, speaker, target, source, lang, since, until, model, out):
    """Chart tone over time for both directions of a dyad, with 95% bands and shifts.

    Without --dyad the busiest pair in the database is charted.

    \b
    Example:
        detente chart --dyad USA:MEX --by month --out tone.png
    """
    from pipeline.jobs.report import pairs_of
    from pipeline.jobs.tone import tone_series
    from pipeline.report.chart import tone_chart

    f = _tone_filter(app, model, by, dyad, True, speaker, target, source, lang, since, until)
    if not f.dyads:
        pairs = pairs_of(app.db(), f.model, None, top=1)
        if not pairs:
            raise click.ClickException("no dyads with predictions to chart")
        a, b = pairs[0]
        from dataclasses import replace

        f = replace(f, dyads=((a, b), (b, a)))
    series = tone_series(app.db(), f)
    (a, b) = f.dyads[0]
    order = tuple(f"{x}:{y}" for x, y in f.dyads)
    png = tone_chart(series.points, f"Tone {a} ⇄ {b} by {by}", f"model {f.model}", order)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    click.echo(str(out))


@cli.command()
@click.option("--dyad", help="Pair shown first, SPEAKER:TARGET (default: the busiest).")
@click.option("--from", "since", help="First day (ISO).")
@click.option("--to", "until", help="Last day (ISO).")
@click.option("--model", help="Classifier version (default: the configured one).")
@click.option(
    "--by",
    type=click.Choice(["week", "month", "quarter"]),
    default="month",
    show_default=True,
    help="Period shown first.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default="out/report.html",
    show_default=True,
    help="HTML file to write.",
)
@click.pass_obj
def report(app: AppContext, dyad, since, until, model, by, out):
    """Write the analyst's report: one self-contained, offline HTML file with an
    interactive tone chart (both directions, period selector, dyad and speaker
    filters), the statements behind each point, the most cooperative and tense
    statements, and the run, model and data coverage behind it all.

    \b
    Example:
        detente report --dyad USA:MEX --out report.html
    """
    from pipeline.jobs.process import registry_for
    from pipeline.jobs.report import report_data
    from pipeline.jobs.tone import current_model
    from pipeline.report.html import render_report
    from pipeline.store.tone import ToneFilter

    db = app.db()
    base = ToneFilter(model=current_model(db, app.settings(), model), since=since, until=until)
    wanted = _parse_dyad(dyad) if dyad else None
    data = report_data(db, base, registry_for(app.settings()), wanted, by)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data), encoding="utf-8")
    click.echo(str(out))
