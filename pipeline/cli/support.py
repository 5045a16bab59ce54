"""Shared pieces of the CLI: the app context, error handling, output helpers."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from pipeline.config import Settings, load_settings, settings_from_dict
from pipeline.errors import DetenteError


class DetenteGroup(click.Group):
    """Turns the project's errors into one clean line and their exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DetenteError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(e.exit_code)


class AppContext:
    """Global options, with the config and database opened lazily."""

    def __init__(self, config_path: str | None, db_path: str | None):
        self.config_path = config_path
        self.db_override = db_path
        self._settings: Settings | None = None
        self._db = None

    def settings(self) -> Settings:
        if self._settings is None:
            path = Path(self.config_path or "config.toml")
            if self.config_path or path.exists():
                self._settings = load_settings(path, self.db_override)
            else:
                self._settings = settings_from_dict({}, Path.cwd() / "config.toml", self.db_override)
        return self._settings

    def db_path(self) -> Path:
        return self.settings().db

    def db(self):
        if self._db is None:
            from pipeline.store.db import open_db

            self._db = open_db(self.db_path())
        return self._db

    def after_collect(self):
        """The stages `ingest` runs after collecting (none yet at this layer)."""
        from pipeline.jobs.stages import after_collect

        return after_collect(self.settings())


def json_option(fn):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(fn)


@contextmanager
def progress_bar(quiet: bool, label: str):
    """A rich progress bar on stderr for interactive runs; nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(name: str, done: int, total: int):
            bar.update(task, description=f"{label}: {name}" if name else label, completed=done, total=total)

        yield update


def print_table(rows: list[dict], columns: tuple[str, ...], title: str = ""):
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None)
    for c in columns:
        table.add_column(c)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console = Console() if sys.stdout.isatty() else Console(width=200)
    console.print(table)


def parse_dyad(value: str) -> tuple[str, str]:
    parts = value.upper().split(":")
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise click.BadParameter(f"{value!r} is not SPEAKER:TARGET (e.g. USA:MEX)", param_hint="--dyad")
    return parts[0], parts[1]
