"""The classifier: quality bar, persistence safety, reproducibility, the pipeline rows."""

from __future__ import annotations

import json

import numpy as np
import pytest
import skops.io as sio
from click.testing import CliRunner
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.pipeline import Pipeline

from pipeline.classify.corpus import corpus_files, load_items
from pipeline.classify.evaluate import lexicon_predictions, report
from pipeline.classify.persist import load_model, save_model
from pipeline.classify.train import train
from pipeline.cli import cli
from pipeline.errors import ModelError
from pipeline.jobs.classify import classify_pending, corpus_dir


def dev_items():
    return [i for i in load_items(corpus_files(corpus_dir())) if i.split == "dev"]


def test_dev_quality_bar_and_gain_over_the_lexicon(classifier):
    items = dev_items()
    ours = report(items, classifier.predict([i.text for i in items]))
    lexicon = report(items, lexicon_predictions(items))
    assert ours.macro_f1 >= 0.85, ours.tags
    for tag in ("cooperation", "tension"):
        assert ours.tags[tag].f1 > lexicon.tags[tag].f1
    assert ours.event_accuracy > lexicon.event_accuracy


def test_model_card_names_data_versions_thresholds_and_metrics(classifier):
    card = classifier.card
    for key in ("version", "training_data_sha256", "libraries", "thresholds", "metrics_dev", "seed"):
        assert key in card
    assert card["libraries"]["scikit-learn"] and 0 < card["thresholds"]["tension"] < 1


def test_predictions_have_the_tag_fields_and_tone(classifier):
    rows = classifier.predict(
        [
            "The two governments signed an agreement to share intelligence.",
            "La Cancillería rechazó categóricamente las acusaciones.",
            "Washington imposed sanctions on three officials.",
        ]
    )
    for row in rows:
        assert set(row) == {
            "cooperation",
            "tension",
            "p_cooperation",
            "p_tension",
            "event",
            "p_event",
            "tone",
            "model",
        }
        assert row["tone"] == pytest.approx(row["p_cooperation"] - row["p_tension"], abs=1e-3)
    assert rows[0]["cooperation"] == 1 and rows[1]["tension"] == 1 and rows[2]["tension"] == 1


class NotOurs(BaseEstimator, TransformerMixin):
    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return X


def test_untrusted_types_are_refused(tmp_path, classifier):
    save_model(Pipeline([("x", NotOurs())]), dict(classifier.card), tmp_path, "evil")
    with pytest.raises(ModelError, match="untrusted types"):
        load_model(tmp_path, "evil")


def test_incompatible_scikit_learn_is_refused(tmp_path, classifier):
    card = json.loads(json.dumps(classifier.card))
    card["libraries"]["scikit-learn"] = "0.24.2"
    save_model(classifier.pipeline, card, tmp_path, "old")
    with pytest.raises(ModelError, match="built with scikit-learn 0.24.2.*detente train"):
        load_model(tmp_path, "old")


def test_missing_model_says_how_to_build_it(tmp_path):
    with pytest.raises(ModelError, match="detente train"):
        load_model(tmp_path, "statements")


def test_training_is_reproducible():
    items = load_items(corpus_files(corpus_dir()))
    small_train = [i for i in items if i.split == "train"][::4]
    small_dev = [i for i in items if i.split == "dev"][::3]
    _, card_a = train(small_train, small_dev, "sha")
    _, card_b = train(small_train, small_dev, "sha")
    assert card_a["metrics_dev"] == card_b["metrics_dev"]
    assert card_a["thresholds"] == card_b["thresholds"] and card_a["version"] == card_b["version"]


def test_classify_adds_rows_per_model_version_without_duplicates(
    tmp_path, make_settings, nlp_stage, classifier
):
    from test_process import setup_db

    from pipeline.jobs.process import process_pending

    db, _ = setup_db(tmp_path)
    process_pending(db, make_settings([]), None, stage=nlp_stage)
    first = classify_pending(db, classifier, None)
    again = classify_pending(db, classifier, None)
    assert first.statements == 6 and again.statements == 0
    newer = type(classifier)(classifier.pipeline, {**classifier.card, "version": "test-next"})
    classify_pending(db, newer, None)
    rows = dict(db.execute("SELECT model, count(*) FROM predictions GROUP BY 1").fetchall())
    assert rows == {classifier.version: 6, "test-next": 6}
    weights = {r[0] for r in db.execute("SELECT weight FROM predictions")}
    assert weights <= {6, 1, 3, 7, 5, -3, -4, -6, -7, -5, 0}


def test_tag_command_reads_lines_and_detects_spanish():
    out = CliRunner().invoke(
        cli,
        ["tag", "-"],
        input="The ministers agreed to cooperate.\n"
        "México exige respeto a su soberanía y rechaza la medida.\n\n",
    )
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.output.splitlines()]
    assert [r["lang"] for r in rows] == ["en", "es"]
    assert rows[0]["cooperation"] == 1 and rows[1]["tension"] == 1
    assert all(r["model"].startswith("statements-") for r in rows)


def test_evaluate_model_prints_baseline_beside_model():
    out = CliRunner().invoke(cli, ["evaluate", "model", "--json"])
    data = json.loads(out.output)
    assert data["model_scores"]["macro_f1"] > data["lexicon_scores"]["macro_f1"]


def test_lexicon_baseline_is_not_trivial():
    items = dev_items()
    scores = report(items, lexicon_predictions(items))
    assert 0.3 < scores.macro_f1 < 0.85
    assert np.isfinite(scores.event_accuracy)


def test_sio_reports_our_types_as_needing_trust(classifier, tmp_path):
    save_model(classifier.pipeline, classifier.card, tmp_path, "copy")
    untrusted = sio.get_untrusted_types(file=tmp_path / "copy.skops")
    assert any(t.startswith("pipeline.classify.") for t in untrusted)


@pytest.mark.parametrize(
    "text, tag",
    [
        ("Incremental progress is unacceptable.", "tension"),
        ("The two sides had a frank exchange of views on migration.", "tension"),
        ("The Secretary will require verifiable results before the next review.", "tension"),
        ("The ministers held a productive conversation on trade.", "cooperation"),
        ("El canciller calificó de inaceptable la medida.", "tension"),
    ],
)
def test_diplomatic_register(classifier, text, tag):
    assert classifier.predict([text])[0][tag] == 1
