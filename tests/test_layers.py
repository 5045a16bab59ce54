"""Imports only go downward (DESIGN.md): stages never import the store, jobs or the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"
STAGES = ("collect", "nlp", "classify", "analyze", "report", "annotate")
FORBIDDEN = {
    **{stage: {"store", "jobs", "cli", *(s for s in STAGES if s != stage)} for stage in STAGES},
    "store": {"jobs", "cli", *STAGES},
    "config": {"store", "jobs", "cli", *STAGES},
    "types": {"store", "jobs", "cli", "config", *STAGES},
    "errors": {"store", "jobs", "cli", "config", "types", *STAGES},
    "ids": {"store", "jobs", "cli", "config", *STAGES},
    "jobs": {"cli"},
}


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pipeline."))
    return names


def test_imports_only_go_downward():
    violations = []
    files = list(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        layer = layer_of(path)
        bad = imported_layers(path) & FORBIDDEN.get(layer, set())
        if bad:
            violations.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert violations == []


def test_the_checker_catches_an_upward_import(tmp_path):
    fake = tmp_path / "x.py"
    fake.write_text("from pipeline.store.db import open_db\n")
    assert "store" in imported_layers(fake) & FORBIDDEN["collect"]
