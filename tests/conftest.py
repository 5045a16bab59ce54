from __future__ import annotations

from pathlib import Path

import pytest
from loopback import LoopbackServer

from pipeline.config import settings_from_dict
from pipeline.store.db import open_db
from pipeline.types import HttpSettings

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def server():
    srv = LoopbackServer()
    srv.thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def http_settings() -> HttpSettings:
    return HttpSettings(
        timeout=1.0,
        retries=2,
        backoff=0.01,
        max_backoff=0.05,
        max_bytes=200_000,
        max_redirects=3,
        host_delay=0.0,
    )


@pytest.fixture
def db():
    database = open_db(memory=True)
    yield database
    database.close()


@pytest.fixture
def make_settings(tmp_path):
    """Settings for a list of source dicts, with a database file under tmp_path."""

    def make(sources: list[dict], **sections):
        raw = {
            "database": {"path": str(tmp_path / "t.db")},
            "sources": sources,
            "http": {
                "timeout": 1.0,
                "retries": 1,
                "backoff": 0.01,
                "host_delay": 0.0,
                "max_bytes": 200_000,
                "max_redirects": 3,
            },
            **sections,
        }
        return settings_from_dict(raw, tmp_path / "config.toml")

    return make


def shared_data(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def registry():
    from pipeline.nlp.registry import load_registry

    return load_registry(REPO / "corpus" / "actors.toml")


@pytest.fixture(scope="session")
def nlp_stage(registry):
    """The real English model with our ruler, loaded once per test session."""
    from pipeline.nlp.stage import NlpStage

    return NlpStage(registry, "en_core_web_sm")


@pytest.fixture(scope="session")
def classifier():
    from pipeline.classify.persist import load_model

    return load_model(REPO / "models", "statements")
