"""The actor registry (corpus/actors.toml): actors, dated roles, aliases. Validated on load."""

from __future__ import annotations

import functools
import hashlib
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.errors import ConfigError

ACTOR_TYPES = ("country", "body", "person", "group")


def fold(text: str) -> str:
    """Lowercase and strip accents, keeping the length (one char in, one char out).

    Example: ``fold("Cancillería")`` gives ``"cancilleria"``.
    """
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


def unaccent(text: str) -> str:
    """Accents stripped, case and length kept. Example: ``unaccent("CJNG México")``."""
    if text.isascii():
        return text
    return "".join(_base(ch) for ch in text)


@functools.lru_cache(maxsize=4096)
def _base(ch: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return stripped if len(stripped) == 1 else ch


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = _base(ch).lower()
    return folded if len(folded) == 1 else ch


@dataclass(frozen=True)
class RoleSpell:
    role: str
    start: date
    end: date | None


@dataclass(frozen=True)
class Role:
    id: str
    country: str
    title: str
    single: bool
    nouns_en: tuple[str, ...]
    nouns_es: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.id.split(".", 1)[1]


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    country: str
    aliases_en: tuple[str, ...]
    aliases_es: tuple[str, ...]
    demonyms_en: tuple[str, ...] = ()
    demonyms_es: tuple[str, ...] = ()
    roles: tuple[RoleSpell, ...] = ()

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.aliases_en + self.aliases_es))


@dataclass(frozen=True)
class Registry:
    actors: dict[str, Actor]
    roles: dict[str, Role]
    sha256: str
    path: str = ""
    _holders: dict[str, list[tuple[date, date | None, str]]] = field(default_factory=dict)

    def country_of(self, actor_id: str) -> str | None:
        actor = self.actors.get(actor_id)
        return actor.country if actor else None

    def holders(self, role_id: str, on: date) -> list[str]:
        """Actors holding a role on a date. Example: ``holders("USA.secretary-of-state", d)``."""
        return [
            a
            for start, end, a in self._holders.get(role_id, ())
            if start <= on and (end is None or on <= end)
        ]

    def role_for(self, country: str, slug: str) -> Role | None:
        return self.roles.get(f"{country}.{slug}")


def load_registry(path: Path) -> Registry:
    """Read and validate the registry; errors name the file, the entry and the problem."""
    try:
        raw_bytes = path.read_bytes()
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: actor registry not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    roles = _roles(raw.get("roles", []), path)
    actors = _actors(raw.get("actors", []), roles, path)
    _check_aliases(actors, path)
    holders = _holders(actors, roles, path)
    return Registry(actors, roles, hashlib.sha256(raw_bytes).hexdigest(), str(path), holders)


def _fail(path: Path, where: str, problem: str):
    raise ConfigError(f"{path}: {where}: {problem}")


def _roles(entries: list, path: Path) -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for i, e in enumerate(entries):
        where = f"roles[{i}]"
        for key in ("id", "country", "title"):
            if not isinstance(e.get(key), str):
                _fail(path, f"{where}.{key}", "missing or not a string")
        if e["id"] in roles:
            _fail(path, f"{where}.id", f"duplicate role id {e['id']!r}")
        if not e["id"].startswith(e["country"] + "."):
            _fail(path, f"{where}.id", f"{e['id']!r} must start with its country {e['country']!r}.")
        roles[e["id"]] = Role(
            e["id"],
            e["country"],
            e["title"],
            bool(e.get("single", False)),
            tuple(e.get("nouns_en", ())),
            tuple(e.get("nouns_es", ())),
        )
    return roles


def _actors(entries: list, roles: dict[str, Role], path: Path) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for i, e in enumerate(entries):
        where = f"actors[{i}] ({e.get('id', '?')})"
        for key in ("id", "name", "type", "country"):
            if not isinstance(e.get(key), str) or not e[key]:
                _fail(path, f"{where}.{key}", "missing or not a string")
        if e["id"] in actors:
            _fail(path, where, f"duplicate actor id {e['id']!r}")
        if e["type"] not in ACTOR_TYPES:
            _fail(path, f"{where}.type", f"{e['type']!r} is not one of {', '.join(ACTOR_TYPES)}")
        spells = tuple(
            _spell(s, roles, f"{where}.roles[{j}]", path) for j, s in enumerate(e.get("roles", []))
        )
        actors[e["id"]] = Actor(
            e["id"],
            e["name"],
            e["type"],
            e["country"],
            tuple(e.get("aliases_en", ())),
            tuple(e.get("aliases_es", ())),
            tuple(e.get("demonyms_en", ())),
            tuple(e.get("demonyms_es", ())),
            spells,
        )
    for a in actors.values():
        if a.country not in actors:
            _fail(path, f"actors ({a.id}).country", f"{a.country!r} is not a country in the registry")
    return actors


def _spell(s: dict, roles: dict[str, Role], where: str, path: Path) -> RoleSpell:
    if s.get("role") not in roles:
        _fail(path, f"{where}.role", f"unknown role {s.get('role')!r}")
    start = _date(s.get("start"), f"{where}.start", path)
    end = _date(s["end"], f"{where}.end", path) if s.get("end") else None
    if end and end < start:
        _fail(path, where, f"ends ({end}) before it starts ({start})")
    return RoleSpell(s["role"], start, end)


def _date(value, where: str, path: Path) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        _fail(path, where, f"{value!r} is not an ISO date (YYYY-MM-DD)")


def _check_aliases(actors: dict[str, Actor], path: Path):
    owner: dict[str, str] = {}
    for a in actors.values():
        for alias in {fold(x) for x in a.aliases + a.demonyms_en + a.demonyms_es}:
            if alias in owner and owner[alias] != a.id:
                _fail(path, f"actors ({a.id})", f"alias {alias!r} also belongs to {owner[alias]!r}")
            owner[alias] = a.id


def _holders(actors, roles, path) -> dict[str, list[tuple[date, date | None, str]]]:
    holders: dict[str, list] = {}
    for a in actors.values():
        for s in a.roles:
            holders.setdefault(s.role, []).append((s.start, s.end, a.id))
    for role_id, spells in holders.items():
        spells.sort()
        if not roles[role_id].single:
            continue
        for (_s1, e1, a1), (s2, _e2, a2) in zip(spells, spells[1:], strict=False):
            if e1 is None or e1 >= s2:
                _fail(path, f"roles ({role_id})", f"{a1} and {a2} overlap from {s2}")
    return holders
