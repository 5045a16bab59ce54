"""The `detente` command line: parses options, calls jobs or queries, prints.

Data goes to stdout; logs, warnings and progress to stderr. Commands live in one
module per stage (collect, statements, model, tone); this module holds the group.
"""

from __future__ import annotations

import click

from pipeline import __version__
from pipeline.cli.support import DetenteGroup

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
    from pipeline.cli.support import AppContext

    ctx.obj = AppContext(config_path, db_path)


@cli.group()
def export():
    """Export data for analysis or annotation.

    \b
    Example:
        detente export statements --csv > statements.csv
    """


@cli.group()
def evaluate():
    """Measure the NLP stage or the classifier against gold data.

    \b
    Example:
        detente evaluate nlp tests/gold
    """


# Importing the command modules registers their commands on the groups above.
from pipeline.cli import collect_commands, model_commands, statement_commands, tone_commands  # noqa: E402, F401
