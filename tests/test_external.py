"""Converters of external labelled sets; the real files are used when ../shared/data exists."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import shared_data

from pipeline.classify.external import convert_cameo, convert_plover, convert_unscon
from pipeline.cli import cli


def test_cameo_codes_and_penta_classes(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(
        "A said something.\t010\nB agreed.\t057\nC attacked.\t190\nD sent aid.\t2\n"
        "E protested.\t4\nF odd.\tX\n"
    )
    conv = convert_cameo(path)
    tags = [(i["cooperation"], i["tension"]) for i in conv.items]
    assert tags == [(0, 0), (1, 0), (0, 1), (1, 0), (0, 1)]
    assert sum(conv.dropped.values()) == 1 and all(i["event"] is None for i in conv.items)


def test_plover_events_map_and_unknown_events_are_reported(tmp_path):
    path = tmp_path / "p.jsonl"
    rows = [
        {"id": "1", "text": "They conceded.", "event": "CONCEDE", "coop_label": "cooperation"},
        {"id": "2", "text": "They fought.", "event": "FIGHT", "coop_label": "tension"},
        {"id": "3", "text": "", "event": "AGREE", "coop_label": "cooperation"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    conv = convert_plover(path)
    assert [(i["event"], i["tension"]) for i in conv.items] == [("YIELD", 0), (None, 1)]
    assert "CONCEDE -> YIELD" in conv.report() and "FIGHT" in conv.report()


@pytest.mark.shared_data
def test_real_plover_file(tmp_path):
    conv = convert_plover(shared_data("plover", "PLOVER_GSR_CAMEO.flat.jsonl"))
    assert len(conv.items) == 322
    assert Counter(i["tension"] for i in conv.items) == {1: 219, 0: 103}


@pytest.mark.shared_data
def test_real_unscon_file():
    conv = convert_unscon(shared_data("unscon", "conflict_annotations_sentences.csv"))
    assert len(conv.items) > 2000 and {i["cooperation"] for i in conv.items} == {None}
    assert 0.1 < sum(i["tension"] for i in conv.items) / len(conv.items) < 0.5
    assert len({i["speech"] for i in conv.items}) > 20


@pytest.mark.shared_data
def test_real_conflibert_test_set_through_the_cli(tmp_path):
    source = shared_data("conflibert", "cameo_class__test.tsv")
    out = tmp_path / "cb.jsonl"
    args = ["corpus", "import", "--format", "cameo", str(source), "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and "converted 451 items" in result.output
    scored = CliRunner().invoke(cli, ["evaluate", "model", str(out), "--json"])
    data = json.loads(scored.output)
    assert data["items"] == 451 and data["model_scores"]["macro_f1"] > 0.3
