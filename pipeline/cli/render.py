"""Terminal and file renderings used by the CLI."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable

import click

from pipeline.nlp.registry import Registry, fold

STYLES = {
    "PERSON": "bold cyan",
    "GPE": "bold green",
    "ORG": "bold magenta",
    "NORP": "green",
    "ROLE": "bold yellow",
}


def render_document(doc: dict, mentions: list[dict], statements: list[dict]):
    from rich.console import Console
    from rich.text import Text

    console = Console() if sys.stdout.isatty() else Console(width=120)
    console.print(
        f"[bold]{doc['title']}[/bold]  ({doc['id']}, {doc['published']}, "
        f"{doc['source_id']}, {doc['lang']}, v{doc['version']})"
    )
    console.print(doc["url"], style="dim", markup=False)
    text = Text(doc["text"])
    for m in mentions:
        text.stylize(STYLES.get(m["label"], "bold") if m["actor_id"] else "underline", m["start"], m["end"])
    console.print(text)
    console.print()
    for s in statements:
        speakers = ", ".join(json.loads(s["speakers"])) or "?"
        targets = ", ".join(json.loads(s["targets"])) or "-"
        flags = "".join(f" [{f}]" for f in ("negated", "quoted") if s[f])
        console.print(
            f"[dim]{s['sentence']:>3}[/dim] [cyan]{speakers}[/cyan] "
            f"({s['speaker_source']}{', ' + s['cue'] if s['cue'] else ''}) → "
            f"[green]{targets}[/green]{flags}"
        )
    if not statements:
        console.print("(not processed yet: run `detente process`)", style="dim")


def write_rows(rows: Iterable[dict], fmt: str, fields: tuple[str, ...]):
    out = sys.stdout
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()})
        return
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


def actor_rows(registry: Registry, query: str | None) -> list[dict]:
    wanted = fold(query) if query else None
    rows = []
    for a in registry.actors.values():
        haystack = [fold(x) for x in (a.id, a.name, *a.aliases)]
        if wanted and not any(wanted in h for h in haystack):
            continue
        rows.append(
            {
                "id": a.id,
                "name": a.name,
                "type": a.type,
                "country": a.country,
                "aliases": list(a.aliases),
                "roles": [
                    {
                        "role": r.role,
                        "title": registry.roles[r.role].title,
                        "start": r.start.isoformat(),
                        "end": r.end.isoformat() if r.end else None,
                    }
                    for r in a.roles
                ],
            }
        )
    return rows


def print_model_report(version: str, ours, baseline):
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=160)
    table = Table(title=f"{version}: {ours.items} items")
    for col in ("measure", "model P", "model R", "model F1", "lexicon P", "lexicon R", "lexicon F1"):
        table.add_column(col)
    for tag, s in ours.tags.items():
        b = baseline.tags[tag]
        if not s.support:
            table.add_row(tag, *(["n/a (no labels)"] + [""] * 5))
            continue
        table.add_row(tag, *(f"{x:.3f}" for x in (s.precision, s.recall, s.f1, b.precision, b.recall, b.f1)))
    table.add_row("macro-F1", "", "", f"{ours.macro_f1:.3f}", "", "", f"{baseline.macro_f1:.3f}")
    if ours.event_accuracy is not None:
        table.add_row(
            "event accuracy", "", "", f"{ours.event_accuracy:.3f}", "", "", f"{baseline.event_accuracy:.3f}"
        )
        table.add_row(
            "event macro-F1", "", "", f"{ours.event_macro_f1:.3f}", "", "", f"{baseline.event_macro_f1:.3f}"
        )
    console.print(table)
    if ours.confusion:
        console.print(_confusion_table(ours.confusion))


def _confusion_table(confusion: dict):
    from rich.table import Table

    from pipeline.classify.labels import EVENTS

    present = [e for e in EVENTS if any(e in pair for pair in confusion)]
    table = Table(title="events: gold (rows) × predicted (columns)")
    table.add_column("gold")
    for e in present:
        table.add_column(e[:4])
    for g in present:
        table.add_row(g, *(str(confusion.get((g, p), "")) for p in present))
    return table


def corpus_summary(items) -> dict:
    from collections import Counter

    return {
        "items": len(items),
        "tags": dict(Counter(f"coop={i.cooperation}/tension={i.tension}" for i in items)),
        "events": dict(Counter(i.event for i in items).most_common()),
        "languages": dict(Counter(i.lang for i in items)),
        "splits": dict(Counter(i.split or "unrecorded" for i in items)),
    }


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """Tone values in [-1, 1] as block characters."""
    return "".join(SPARKS[min(7, max(0, int((v + 1) / 2 * 8)))] for v in values)


def print_series(series):
    from collections import defaultdict

    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=140)
    by_dyad = defaultdict(list)
    for p in series.points:
        by_dyad[p.dyad].append(p)
    if not by_dyad:
        console.print("no statements match these filters")
        return
    for dyad, points in by_dyad.items():
        console.print(
            f"[bold]{dyad.replace(':', ' → ')}[/bold]  {sparkline([p.tone for p in points])}  "
            f"(model {series.filter.model})"
        )
    table = Table()
    for col in ("period", "dyad", "n", "tone", "95% CI", "coop", "tension", "intensity", "shift"):
        table.add_column(col)
    for p in series.points:
        table.add_row(
            p.period,
            p.dyad,
            str(p.n),
            f"{p.tone:+.2f}",
            f"[{p.ci_low:+.2f}, {p.ci_high:+.2f}]",
            f"{p.cooperation_share:.0%}",
            f"{p.tension_share:.0%}",
            "" if p.intensity is None else f"{p.intensity:+.2f}",
            "" if p.shift is None else f"z={p.shift:+.1f}",
        )
    console.print(table)
    for (dyad, period), rows in series.drivers.items():
        console.print(f"[bold]shift {dyad} {period}[/bold] driven by:")
        for r in rows:
            console.print(f"  {r['tone']:+.2f} {r['text'][:150]}  [dim]{r['url']}[/dim]", markup=True)
