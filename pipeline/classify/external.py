"""Converters from labelled sets of the event-data field into our corpus format.

- cameo: `sentence<TAB>label`, the label a CAMEO code (root 01–02 neutral, 03–08
  cooperation, 09–20 tension) or ConfliBERT's 5-class label (0 statement/appeal,
  1–2 cooperation, 3–4 conflict).
- plover: PLOVER gold records as flat JSON lines (`text`, `event`, `coop_label`, `source`).
- unscon: UN Security Council sentence annotations (CSV): negative evaluation or
  challenge/correction is tension; the rest is not. Cooperation stays unknown.
Each returns the items and a report of what was mapped and what was dropped.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import ConfigError

PLOVER_EVENTS = {
    "AGREE": "AGREE",
    "CONSULT": "CONSULT",
    "SUPPORT": "SUPPORT",
    "CONCEDE": "YIELD",
    "RETREAT": "YIELD",
    "COOPERATE": "COOPERATE",
    "AID": "AID",
    "DEMAND": "DEMAND",
    "REQUEST": "DEMAND",
    "DISAPPROVE": "ACCUSE",
    "ACCUSE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "REJECT": "REJECT",
    "THREATEN": "THREATEN",
    "PROTEST": "PROTEST",
    "SANCTION": "SANCTION",
    "COERCE": "SANCTION",
    "MOBILIZE": "MOBILIZE",
}
PENTA = {0: (0, 0), 1: (1, 0), 2: (1, 0), 3: (0, 1), 4: (0, 1)}


@dataclass
class Conversion:
    items: list[dict] = field(default_factory=list)
    mapped: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)

    def report(self) -> str:
        lines = [f"converted {len(self.items)} items"]
        lines += [f"  mapped {k}: {v}" for k, v in sorted(self.mapped.items())]
        lines += [f"  dropped {k}: {v}" for k, v in sorted(self.dropped.items())]
        return "\n".join(lines)


def _item(prefix: str, key: str, text: str, coop, tension, event, note="", **extra) -> dict:
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return {
        "id": f"{prefix}-{digest}",
        "lang": "en",
        "text": " ".join(text.split()),
        "cooperation": coop,
        "tension": tension,
        "event": event,
        "source": None,
        "target": None,
        "date": None,
        "register": "news",
        "annotator": f"import:{prefix}",
        "note": note,
        **extra,
    }


def convert_cameo(path: Path) -> Conversion:
    out = Conversion()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        tags = _cameo_tags(label.strip())
        if not text.strip() or tags is None:
            out.dropped[f"unreadable label {label.strip()[:10]!r}"] += 1
            continue
        out.mapped[f"label {label.strip()} -> cooperation={tags[0]} tension={tags[1]}"] += 1
        out.items.append(_item("cameo", f"{path.name}:{n}:{text}", text, *tags, None))
    return out


def _cameo_tags(label: str) -> tuple[int, int] | None:
    if re.fullmatch(r"[0-4]", label):
        return PENTA[int(label)]
    if re.fullmatch(r"\d{2,4}", label):
        root = int(label[:2])
        if 1 <= root <= 2:
            return (0, 0)
        if 3 <= root <= 8:
            return (1, 0)
        if 9 <= root <= 20:
            return (0, 1)
    return None


def convert_plover(path: Path) -> Conversion:
    out = Conversion()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            raise ConfigError(f"{path}:{n}: not a JSON line (expected the flat PLOVER file)") from None
        text, event = rec.get("text", ""), rec.get("event", "")
        coop = {"cooperation": (1, 0), "tension": (0, 1)}.get(rec.get("coop_label"))
        if not text or coop is None:
            out.dropped[f"no text or cooperation label ({event or '?'})"] += 1
            continue
        ours = PLOVER_EVENTS.get(event)
        if ours:
            out.mapped[f"{event} -> {ours}"] += 1
        else:
            out.dropped[f"event {event} (tags kept, event unknown)"] += 1
        out.items.append(
            _item(
                "plover",
                f"{rec.get('id')}:{n}:{text}",
                text,
                *coop,
                ours,
                source=_code(rec.get("source")),
                target=_code(rec.get("target")),
            )
        )
    return out


def _code(actors) -> str | None:
    if isinstance(actors, list) and actors and isinstance(actors[0], dict):
        code = actors[0].get("code", "")
        return code if re.fullmatch(r"[A-Z]{3}", code or "") else None
    return None


def convert_unscon(path: Path) -> Conversion:
    out = Conversion()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        text_key = "sentence_text" if "sentence_text" in (reader.fieldnames or []) else "EDU_text"
        if text_key not in (reader.fieldnames or []) or "A0" not in reader.fieldnames:
            raise ConfigError(f"{path}: not a UNSCon annotation CSV (needs sentence_text, A0, B1)")
        for row in reader:
            text = row[text_key]
            if not text.strip():
                out.dropped["empty text"] += 1
                continue
            kinds = [row[k] for k in ("A0", "B1") if row.get(k, "_") not in ("_", "")]
            tension = int(bool(kinds))
            out.mapped[" + ".join(kinds) or "no conflict annotation"] += 1
            key = f"{row.get('file_id')}:{row.get('sentence_char_offsets') or row.get('EDU_char_offsets')}"
            out.items.append(
                _item(
                    "unscon",
                    key,
                    text,
                    None,
                    tension,
                    None,
                    speech=row.get("speech_id") or row.get("file_id"),
                )
            )
    return out


CONVERTERS = {"cameo": convert_cameo, "plover": convert_plover, "unscon": convert_unscon}
