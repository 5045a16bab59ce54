"""Load and validate config.toml.

Every setting except the sources has a default, so a file holding only
``[[sources]]`` entries is valid. Errors name the file, the key and the problem
in one line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.types import LANGS, SOURCE_KINDS, TIERS, HttpSettings, Source

DEFAULT_DB = "data/detente.db"
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class CollectSettings:
    min_article_chars: int = 300
    failure_backoff_hours: float = 1.0
    max_backoff_hours: float = 168.0


@dataclass(frozen=True)
class NlpSettings:
    model: str = "en_core_web_sm"
    actors: str = "corpus/actors.toml"
    batch_size: int = 64
    workers: int = 1


@dataclass(frozen=True)
class ClassifierSettings:
    model_dir: str = "models"
    name: str = "statements"


@dataclass(frozen=True)
class Settings:
    path: Path
    db: Path
    http: HttpSettings = field(default_factory=HttpSettings)
    collect: CollectSettings = field(default_factory=CollectSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    classifier: ClassifierSettings = field(default_factory=ClassifierSettings)
    sources: tuple[Source, ...] = ()

    def resolve(self, relative: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        p = Path(relative)
        return p if p.is_absolute() else (self.path.parent / p)


def load_settings(path: Path, db_override: str | None = None) -> Settings:
    """Read and validate a config file. Example: ``load_settings(Path("config.toml"))``."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    return settings_from_dict(raw, path.resolve(), db_override)


def settings_from_dict(raw: dict, path: Path, db_override: str | None = None) -> Settings:
    where = _Where(path)
    known = {"database", "http", "collect", "nlp", "classifier", "sources"}
    for key in raw:
        if key not in known:
            where.fail(key, f"unknown section (expected one of {', '.join(sorted(known))})")
    database = _table(raw, "database", where)
    db_path = db_override or _get(database, "path", str, DEFAULT_DB, where, "database")
    db = Path(db_path)
    if not db.is_absolute():
        db = (Path.cwd() if db_override else path.parent) / db
    sources = _sources(raw.get("sources", []), path, where)
    return Settings(
        path=path,
        db=db,
        http=_section(raw, "http", HttpSettings, where),
        collect=_section(raw, "collect", CollectSettings, where),
        nlp=_section(raw, "nlp", NlpSettings, where),
        classifier=_section(raw, "classifier", ClassifierSettings, where),
        sources=sources,
    )


class _Where:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, key: str, problem: str):
        raise ConfigError(f"{self.path}: {key}: {problem}")


def _table(raw: dict, name: str, where: _Where) -> dict:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        where.fail(name, "must be a table")
    return value


def _get(table: dict, key: str, kind: type, default: Any, where: _Where, prefix: str) -> Any:
    value = table.get(key, default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        where.fail(f"{prefix}.{key}", f"must be {kind.__name__}, got {value!r}")
    return value


def _section(raw: dict, name: str, cls: type, where: _Where):
    table = _table(raw, name, where)
    defaults = cls()
    allowed = {f.name: f for f in fields(cls)}
    for key in table:
        if key not in allowed:
            where.fail(f"{name}.{key}", f"unknown key (expected one of {', '.join(allowed)})")
    values = {}
    for key in allowed:
        default = getattr(defaults, key)
        values[key] = _get(table, key, type(default), default, where, name)
        if isinstance(values[key], (int, float)) and values[key] < 0:
            where.fail(f"{name}.{key}", f"must not be negative, got {values[key]}")
    return cls(**values)


def _sources(entries: Any, path: Path, where: _Where) -> tuple[Source, ...]:
    if not isinstance(entries, list):
        where.fail("sources", "must be an array of tables ([[sources]])")
    seen: set[str] = set()
    out = []
    for i, entry in enumerate(entries):
        source = _source(entry, i, path, where)
        if source.id in seen:
            where.fail(f"sources[{i}].id", f"duplicate source id {source.id!r}")
        seen.add(source.id)
        out.append(source)
    return tuple(out)


def _source(entry: Any, i: int, path: Path, where: _Where) -> Source:
    prefix = f"sources[{i}]"
    if not isinstance(entry, dict):
        where.fail(prefix, "must be a table")
    allowed = {f.name for f in fields(Source)}
    for key in entry:
        if key not in allowed:
            where.fail(f"{prefix}.{key}", "unknown key")
    for key in ("id", "name", "kind", "url", "lang", "issuer"):
        if key not in entry:
            where.fail(f"{prefix}.{key}", "missing")
    keys = ("id", "name", "kind", "url", "lang", "issuer")
    values = {k: _get(entry, k, str, None, where, prefix) for k in keys}
    _check_choice(values["kind"], SOURCE_KINDS, f"{prefix}.kind", where)
    _check_choice(values["lang"], LANGS, f"{prefix}.lang", where)
    if not _ID.match(values["id"]):
        where.fail(f"{prefix}.id", f"{values['id']!r} must be lowercase letters, digits, . _ -")
    if not re.fullmatch(r"[A-Z]{3}", values["issuer"]):
        where.fail(f"{prefix}.issuer", f"{values['issuer']!r} must be an ISO alpha-3 code (USA)")
    tier = _get(entry, "tier", str, "official", where, prefix)
    _check_choice(tier, TIERS, f"{prefix}.tier", where)
    selector = entry.get("link_selector")
    pattern = entry.get("link_pattern")
    if values["kind"] == "html-list" and not (selector or pattern):
        where.fail(f"{prefix}.link_selector", "an html-list source needs link_selector or link_pattern")
    if pattern is not None:
        _check_regex(pattern, f"{prefix}.link_pattern", where)
    return Source(
        id=values["id"],
        name=values["name"],
        kind=values["kind"],
        url=_source_url(values["url"], path),
        lang=values["lang"],
        issuer=values["issuer"],
        tier=tier,
        enabled=_get(entry, "enabled", bool, True, where, prefix),
        detect_language=_get(entry, "detect_language", bool, False, where, prefix),
        link_selector=_get(entry, "link_selector", str, None, where, prefix) if selector else None,
        link_pattern=pattern,
        max_pages=_get(entry, "max_pages", int, 50, where, prefix),
    )


def _check_choice(value: str, choices: tuple, key: str, where: _Where):
    if value not in choices:
        where.fail(key, f"{value!r} is not one of {', '.join(choices)}")


def _check_regex(pattern: Any, key: str, where: _Where):
    if not isinstance(pattern, str):
        where.fail(key, "must be a string")
    try:
        re.compile(pattern)
    except re.error as e:
        where.fail(key, f"not a valid regular expression: {e}")


def _source_url(url: str, config_path: Path) -> str:
    """http(s) and file:// URLs pass through; a bare path is a local file next to the config."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", url):
        return url
    p = Path(url)
    if not p.is_absolute():
        p = config_path.parent / p
    return p.resolve().as_uri()
