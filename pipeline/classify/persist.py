"""Saving and loading the classifier with skops and its JSON model card.

Loading refuses any type outside an explicit allow-list and any model built by an
incompatible scikit-learn; both are one clear line.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
import skops.io as sio

from pipeline.classify.labels import EVENTS
from pipeline.errors import ModelError

ALLOWED_PREFIXES = ("sklearn.", "numpy.", "scipy.sparse.", "pipeline.classify.", "builtins.")


@dataclass(frozen=True)
class LoadedModel:
    pipeline: object
    card: dict

    @property
    def version(self) -> str:
        return self.card["version"]

    def thresholds(self) -> tuple[float, float]:
        t = self.card["thresholds"]
        return t["cooperation"], t["tension"]

    def predict(self, texts: list[str]) -> list[dict]:
        """Tags, probabilities, event and tone of each text."""
        if not texts:
            return []
        proba = self.pipeline.predict_proba(texts)
        t_coop, t_tension = self.thresholds()
        out = []
        for row in proba:
            event_i = int(np.argmax(row[2:]))
            p_coop, p_tension = float(row[0]), float(row[1])
            out.append(
                {
                    "cooperation": int(p_coop >= t_coop),
                    "tension": int(p_tension >= t_tension),
                    "p_cooperation": round(p_coop, 4),
                    "p_tension": round(p_tension, 4),
                    "event": EVENTS[event_i],
                    "p_event": round(float(row[2 + event_i]), 4),
                    "tone": round(p_coop - p_tension, 4),
                    "model": self.card["version"],
                }
            )
        return out


def save_model(pipeline, card: dict, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.skops"
    sio.dump(pipeline, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    (folder / f"{name}.card.json").write_text(json.dumps(card, indent=2, sort_keys=True) + "\n")
    return path


def card_version(folder: Path, name: str) -> str | None:
    """The version a saved model's card names, without loading the model."""
    card = folder / f"{name}.card.json"
    return json.loads(card.read_text())["version"] if card.exists() else None


def load_model(folder: Path, name: str) -> LoadedModel:
    """Example: ``load_model(Path("models"), "statements").predict(["They agreed."])``"""
    path, card_path = folder / f"{name}.skops", folder / f"{name}.card.json"
    if not path.exists() or not card_path.exists():
        raise ModelError(f"{path}: classifier not found; build it with `detente train`")
    card = json.loads(card_path.read_text())
    _check_versions(card, path)
    untrusted = sio.get_untrusted_types(file=path)
    refused = [t for t in untrusted if not _allowed(t)]
    if refused:
        raise ModelError(f"{path}: refusing untrusted types in the model file: {', '.join(refused)}")
    try:
        pipeline = sio.load(path, trusted=untrusted)
    except Exception as e:  # skops raises many types for corrupt files
        raise ModelError(f"{path}: cannot load model: {type(e).__name__}: {e}") from None
    return LoadedModel(pipeline, card)


def _allowed(type_name: str) -> bool:
    return type_name.startswith(ALLOWED_PREFIXES)


def _check_versions(card: dict, path: Path):
    built = card.get("libraries", {}).get("scikit-learn", "")
    if built.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(
            f"{path}: built with scikit-learn {built or '?'}, installed "
            f"{sklearn.__version__}; rebuild it with `detente train`"
        )
