"""The annotated corpus meets its specification."""

from __future__ import annotations

import json
from collections import Counter

from pipeline.classify.corpus import Item, corpus_files, load_items, near_duplicates, split_of, write_splits
from pipeline.classify.labels import EVENTS
from pipeline.jobs.classify import corpus_dir


def corpus():
    return load_items(corpus_files(corpus_dir()))


def test_corpus_size_languages_events_and_tag_combinations():
    items = corpus()
    assert len(items) >= 1500
    assert sum(i.lang == "es" for i in items) >= 300
    events = Counter(i.event for i in items)
    assert all(events[e] >= 40 for e in EVENTS), events
    combos = Counter((i.cooperation, i.tension) for i in items)
    assert set(combos) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    dyads = {(i.source, i.target) for i in items}
    assert len(dyads) >= 100, "many dyads beyond US–Mexico"


def test_corpus_has_no_near_duplicates():
    assert near_duplicates(corpus(), 0.8) == []


def test_split_is_recorded_and_follows_the_hash_of_the_id():
    items = corpus()
    assert all(i.split == split_of(i.id) for i in items)
    share = sum(i.split == "dev" for i in items) / len(items)
    assert 0.15 < share < 0.25


def test_near_duplicate_detection_flags_templates():
    a = Item("a", "en", "Mexico and Canada agreed to expand trade in steel and autos.", 1, 0, "AGREE")
    b = Item("b", "en", "Mexico and Canada agreed to expand trade in steel and cars.", 1, 0, "AGREE")
    c = Item("c", "en", "The minister rejected the accusation outright.", 0, 1, "REJECT")
    assert [(x, y) for x, y, _ in near_duplicates([a, b, c], 0.8)] == [("a", "b")]


def test_write_splits_is_idempotent(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"x-{n}", "text": "t"}) for n in range(20)) + "\n")
    assert write_splits(path) == 20
    assert write_splits(path) == 0
    assert {json.loads(line)["split"] for line in path.read_text().splitlines()} <= {"train", "dev"}
