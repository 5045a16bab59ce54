"""The actor registry: the shipped file is valid and complete enough; bad files fail clearly."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.errors import ConfigError
from pipeline.nlp.registry import fold, load_registry


def test_shipped_registry_covers_us_mexico_analysis(registry):
    assert len(registry.actors) >= 80
    types = {a.type for a in registry.actors.values()}
    assert types == {"country", "body", "person", "group"}
    for needed in (
        "USA",
        "MEX",
        "CAN",
        "CHN",
        "COL",
        "GTM",
        "HND",
        "SLV",
        "VEN",
        "CUB",
        "marco-rubio",
        "antony-blinken",
        "juan-ramon-de-la-fuente",
        "alicia-barcena",
        "marcelo-ebrard",
        "claudia-sheinbaum",
        "MEX-SRE",
        "USA-STATE",
        "sinaloa-cartel",
    ):
        assert needed in registry.actors, needed


@pytest.mark.parametrize(
    "role, on, holder",
    [
        ("USA.secretary-of-state", date(2025, 3, 4), "marco-rubio"),
        ("USA.secretary-of-state", date(2023, 6, 1), "antony-blinken"),
        ("MEX.foreign-secretary", date(2024, 12, 1), "juan-ramon-de-la-fuente"),
        ("MEX.foreign-secretary", date(2024, 3, 1), "alicia-barcena"),
        ("MEX.foreign-secretary", date(2021, 3, 1), "marcelo-ebrard"),
        ("MEX.president", date(2025, 2, 3), "claudia-sheinbaum"),
        ("MEX.president", date(2022, 2, 3), "andres-manuel-lopez-obrador"),
    ],
)
def test_dated_roles(registry, role, on, holder):
    assert registry.holders(role, on) == [holder]


def test_fold_keeps_length_and_drops_accents():
    assert fold("Cancillería") == "cancilleria"
    assert len(fold("Árbol ñandú")) == len("Árbol ñandú")


GOOD = """
[[roles]]
id = "USA.secretary-of-state"
country = "USA"
title = "Secretary of State"
single = true

[[actors]]
id = "USA"
name = "United States"
type = "country"
country = "USA"
aliases_en = ["United States"]

[[actors]]
id = "a"
name = "A"
type = "person"
country = "USA"
aliases_en = ["Person A"]
roles = [{ role = "USA.secretary-of-state", start = "2020-01-01", end = "2021-01-19" }]

[[actors]]
id = "b"
name = "B"
type = "person"
country = "USA"
aliases_en = ["Person B"]
roles = [{ role = "USA.secretary-of-state", start = "2021-01-20" }]
"""


@pytest.mark.parametrize(
    "change, problem",
    [
        (('id = "b"', 'id = "a"'), "duplicate actor id"),
        (('["Person B"]', '["person á"]'), "alias 'person a' also belongs to 'a'"),
        (('start = "2021-01-20"', 'start = "2021-13-01"'), "not an ISO date"),
        (('start = "2021-01-20"', 'start = "2021-01-10"'), "overlap"),
        (
            (
                'type = "person"\ncountry = "USA"\naliases_en = ["Person B"]',
                'type = "robot"\ncountry = "USA"\naliases_en = ["Person B"]',
            ),
            "not one of",
        ),
        (
            ('role = "USA.secretary-of-state", start = "2021', 'role = "USA.king", start = "2021'),
            "unknown role",
        ),
    ],
)
def test_invalid_registry_fails_with_entry_and_problem(tmp_path, change, problem):
    path = tmp_path / "actors.toml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(*change))
    with pytest.raises(ConfigError, match=problem) as e:
        load_registry(path)
    assert str(e.value).startswith(str(path))


def test_valid_small_registry_loads(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text(GOOD)
    r = load_registry(path)
    assert r.holders("USA.secretary-of-state", date(2021, 1, 19)) == ["a"]
    assert r.holders("USA.secretary-of-state", date(2021, 1, 20)) == ["b"]
