"""Commands of the classifier: evaluate model, classify, train, tag, corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.cli import cli, evaluate
from pipeline.cli.support import AppContext, json_option


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
    from pipeline.cli.render import print_model_report
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
    from pipeline.cli.render import corpus_summary
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
