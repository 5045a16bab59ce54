"""The annotated statement corpus (corpus/statements/*.jsonl): loading, validation, split."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.classify.labels import EVENTS
from pipeline.errors import ConfigError

REQUIRED = ("id", "lang", "text", "cooperation", "tension", "event")
DEV_SHARE = 5  # one item in five goes to dev


@dataclass(frozen=True)
class Item:
    id: str
    lang: str
    text: str
    cooperation: int | None
    tension: int | None
    event: str | None
    source: str | None = None
    target: str | None = None
    split: str | None = None
    origin: str = ""


def split_of(item_id: str) -> str:
    """The fixed split of an item: a hash of its id, so adding items never moves others."""
    return "dev" if int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % DEV_SHARE == 0 else "train"


def load_items(paths: list[Path], allow_missing_labels: bool = False) -> list[Item]:
    """Items of JSONL files; errors name the file and line. Example: ``load_items([p])``."""
    items, seen = [], {}
    for path in paths:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            item = _item(line, f"{path}:{lineno}", allow_missing_labels)
            if item.id in seen:
                raise ConfigError(f"{path}:{lineno}: id {item.id!r} already used at {seen[item.id]}")
            seen[item.id] = f"{path}:{lineno}"
            items.append(item)
    return items


def corpus_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise ConfigError(f"{folder}: no *.jsonl corpus files")
    return files


def _item(line: str, where: str, allow_missing: bool) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ConfigError(f"{where}: not valid JSON ({e.msg})") from None
    for key in REQUIRED:
        if key not in obj:
            raise ConfigError(f"{where}: missing field {key!r}")
    for tag in ("cooperation", "tension"):
        if obj[tag] not in (0, 1) and not (allow_missing and obj[tag] is None):
            raise ConfigError(f"{where}: {tag} must be 0 or 1, got {obj[tag]!r}")
    if obj["event"] not in EVENTS and not (allow_missing and obj["event"] is None):
        raise ConfigError(f"{where}: event {obj['event']!r} is not one of {', '.join(EVENTS)}")
    if obj["lang"] not in ("en", "es"):
        raise ConfigError(f"{where}: lang {obj['lang']!r} is not en or es")
    if not str(obj["text"]).strip():
        raise ConfigError(f"{where}: empty text")
    return Item(
        obj["id"],
        obj["lang"],
        obj["text"],
        obj["cooperation"],
        obj["tension"],
        obj["event"],
        obj.get("source"),
        obj.get("target"),
        obj.get("split"),
        where.rsplit(":", 1)[0],
    )


def write_splits(path: Path) -> int:
    """Record each line's split (by hash of id) in the file itself; returns lines changed."""
    lines, changed = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        split = split_of(obj["id"])
        changed += obj.get("split") != split
        obj["split"] = split
        lines.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def tokens(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def near_duplicates(items: list[Item], threshold: float = 0.8) -> list[tuple[str, str, float]]:
    """Pairs whose word sets overlap (Jaccard) above the threshold: template-like items.
    An inverted index keeps this far from quadratic on large corpora."""
    sets = [tokens(i.text) for i in items]
    index: dict[str, list[int]] = {}
    for n, s in enumerate(sets):
        for w in s:
            index.setdefault(w, []).append(n)
    pairs = []
    for n, s in enumerate(sets):
        shared: dict[int, int] = {}
        for w in s:
            for m in index[w]:
                if m > n:
                    shared[m] = shared.get(m, 0) + 1
        for m, k in shared.items():
            score = k / (len(s) + len(sets[m]) - k)
            if score > threshold:
                pairs.append((items[n].id, items[m].id, round(score, 3)))
    return pairs


def data_sha256(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda p: p.name):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()
