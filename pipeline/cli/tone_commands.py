"""Commands of the analysis: tone, chart, report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from pipeline.cli import cli
from pipeline.cli.support import AppContext, parse_dyad
from pipeline.types import Point


def _tone_filter(app, model, by, dyad, both, speaker, target, source, lang, since, until):
    from pipeline.jobs.tone import current_model
    from pipeline.store.tone import ToneFilter

    dyads = ()
    if dyad:
        pair = parse_dyad(dyad)
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
    from pipeline.cli.render import print_series, write_rows
    from pipeline.jobs.tone import tone_series

    f = _tone_filter(app, model, by, dyad, both, speaker, target, source, lang, since, until)
    series = tone_series(app.db(), f, min_n, rolling)
    fields = tuple(field.name for field in dataclasses.fields(Point))
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
    wanted = parse_dyad(dyad) if dyad else None
    data = report_data(db, base, registry_for(app.settings()), wanted, by)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data), encoding="utf-8")
    click.echo(str(out))
