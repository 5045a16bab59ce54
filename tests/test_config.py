"""Config loading: defaults, validation errors naming file, key and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]
MINIMAL = """
[[sources]]
id = "s"
name = "S"
kind = "rss"
url = "https://example.org/feed"
lang = "en"
issuer = "USA"
"""


def write(tmp_path, text) -> Path:
    p = tmp_path / "config.toml"
    p.write_text(text)
    return p


def test_sources_only_config_gets_defaults(tmp_path):
    s = load_settings(write(tmp_path, MINIMAL))
    assert s.db == tmp_path / "data" / "detente.db"
    assert s.http.timeout == 20.0 and s.http.retries == 3
    assert s.nlp.model == "en_core_web_sm"
    assert [src.id for src in s.sources] == ["s"]


def test_shipped_configs_are_valid():
    live = load_settings(REPO / "config.toml")
    assert {s.id for s in live.sources} == {
        "state-press",
        "whitehouse",
        "sre-prensa",
        "presidencia",
    }
    assert next(s for s in live.sources if s.id == "state-press").url == (
        "https://www.state.gov/rss-feed/press-releases/feed/"
    )
    demo = load_settings(REPO / "corpus/samples/demo.toml")
    assert all(s.url.startswith("file://") for s in demo.sources)


def test_relative_source_path_becomes_file_url(tmp_path):
    s = load_settings(write(tmp_path, MINIMAL.replace("https://example.org/feed", "feeds/x.xml")))
    assert s.sources[0].url == (tmp_path / "feeds/x.xml").as_uri()


def test_db_override_is_relative_to_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(write(tmp_path, MINIMAL), db_override="other.db")
    assert s.db == tmp_path / "other.db"


@pytest.mark.parametrize(
    "text, key, problem",
    [
        (MINIMAL.replace('kind = "rss"', 'kind = "twitter"'), "sources[0].kind", "not one of"),
        (MINIMAL.replace('lang = "en"', 'lang = "fr"'), "sources[0].lang", "not one of"),
        (MINIMAL.replace('issuer = "USA"', 'issuer = "usa"'), "sources[0].issuer", "alpha-3"),
        (MINIMAL.replace('url = "https://example.org/feed"\n', ""), "sources[0].url", "missing"),
        ("[http]\ntimeout = 'soon'\n" + MINIMAL, "http.timeout", "must be float"),
        ("[http]\nretries = -1\n" + MINIMAL, "http.retries", "negative"),
        ("[http]\nspeed = 3\n" + MINIMAL, "http.speed", "unknown key"),
        ("[colect]\n" + MINIMAL, "colect", "unknown section"),
        (MINIMAL + MINIMAL, "sources[1].id", "duplicate"),
        (
            MINIMAL.replace('kind = "rss"', 'kind = "html-list"'),
            "sources[0].link_selector",
            "needs",
        ),
        (MINIMAL + 'link_pattern = "(["\n', "sources[0].link_pattern", "regular expression"),
    ],
)
def test_invalid_config_names_file_key_and_problem(tmp_path, text, key, problem):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        load_settings(path)
    message = str(e.value)
    assert message.startswith(str(path)) and key in message and problem in message
    assert "\n" not in message


def test_broken_toml_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[[sources]\n"))
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "absent.toml")
