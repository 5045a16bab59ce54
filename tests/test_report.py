"""The report in a real headless browser (Debian chromium + chromedriver), the chart PNG,
and the tone command on a database built through the real stages."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.jobs.classify import classify_pending
from pipeline.jobs.importer import import_jsonl
from pipeline.jobs.process import process_pending
from pipeline.store.db import open_db

INJECTED = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
DOCS = [
    (
        "2025-01-10",
        "USA",
        "en",
        "Secretary Rubio thanked Mexico for its cooperation against fentanyl. "
        "The two governments agreed to expand joint work on the border.",
    ),
    (
        "2025-02-12",
        "USA",
        "en",
        "The United States warned Mexico that tariffs will follow unless cartel "
        "arrests increase. Secretary Rubio condemned the violence and demanded results from Mexico.",
    ),
    (
        "2025-02-20",
        "MEX",
        "es",
        "La Cancillería rechazó categóricamente las acusaciones de Estados Unidos. "
        "México exigió respeto a su soberanía.",
    ),
    (
        "2025-03-15",
        "MEX",
        "es",
        "México agradeció la cooperación de Estados Unidos y ambos gobiernos acordaron reforzar el diálogo.",
    ),
    ("2025-03-20", "USA", "en", "Secretary Rubio welcomed Mexico's transfer of cartel leaders " + INJECTED),
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, nlp_stage, classifier):
    from pipeline.config import settings_from_dict

    tmp = tmp_path_factory.mktemp("report")
    lines = [
        json.dumps(
            {
                "id": f"doc-{i}",
                "title": f"Release {i} {INJECTED}",
                "published": day,
                "lang": lang,
                "issuer": issuer,
                "source": "research",
                "text": text,
            }
        )
        for i, (day, issuer, lang, text) in enumerate(DOCS)
    ]
    (tmp / "in.jsonl").write_text("\n".join(lines) + "\n")
    db_path = tmp / "r.db"
    db = open_db(db_path)
    import_jsonl(db, tmp / "in.jsonl", "research")
    settings = settings_from_dict({}, tmp / "config.toml")
    process_pending(db, settings, None, stage=nlp_stage)
    classify_pending(db, classifier, None)
    return db_path


def test_tone_json_lines(demo_db):
    out = CliRunner().invoke(
        cli, ["--db", str(demo_db), "tone", "--by", "month", "--dyad", "USA:MEX", "--json"]
    )
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.output.splitlines()]
    assert [r["period"] for r in rows] == ["2025-01", "2025-02", "2025-03"]
    for r in rows:
        assert {
            "period",
            "dyad",
            "n",
            "tone",
            "ci_low",
            "ci_high",
            "cooperation_share",
            "tension_share",
            "intensity",
        } <= set(r)
        assert r["dyad"] == "USA:MEX" and r["ci_low"] <= r["tone"] <= r["ci_high"]
    assert rows[1]["tone"] < rows[0]["tone"], "February's warnings are tenser than January's thanks"


def test_chart_png(demo_db, tmp_path):
    out = tmp_path / "tone.png"
    result = CliRunner().invoke(
        cli, ["--db", str(demo_db), "chart", "--dyad", "USA:MEX", "--by", "month", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_report_is_self_contained_and_escaped(demo_db, tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["--db", str(demo_db), "report", "--dyad", "USA:MEX", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "content=\"default-src 'none';" in page.replace("&#x27;", "'")
    assert "<script>window.__pwned" not in page
    assert page.count("<script") == 2  # the JSON data and our own code, nothing else
    for forbidden in (
        'src="http',
        "src='http",
        '<link rel="stylesheet"',
        "@import",
        "fetch(",
        "XMLHttpRequest",
    ):
        assert forbidden not in page


def _driver():
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and chromedriver):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver must be installed in CI (.ci/run installs them)")
        pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver), options=options)


@pytest.mark.browser
def test_report_in_a_real_browser(demo_db, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    out = tmp_path / "report.html"
    CliRunner().invoke(cli, ["--db", str(demo_db), "report", "--dyad", "USA:MEX", "--out", str(out)])
    driver = _driver()
    try:
        driver.get(out.as_uri())
        points = driver.find_elements(By.CSS_SELECTOR, "#chart circle.point")
        assert len(points) >= 4, "the chart renders a point per period and direction"
        assert driver.find_elements(By.CSS_SELECTOR, "#chart polyline")
        points[0].click()
        rows = driver.find_elements(By.CSS_SELECTOR, "#statements tr.statement")
        assert rows, "clicking a point lists its statements"
        assert "→" in driver.find_element(By.CSS_SELECTOR, "#statements h3").text
        assert driver.execute_script("return window.__pwned === undefined")
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "<script>window.__pwned = 1</script>" in body, "injected markup shows as text"
        requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
        urls = [m["params"]["request"]["url"] for m in requests if m["method"] == "Network.requestWillBeSent"]
        assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls
        monthly = len(driver.find_elements(By.CSS_SELECTOR, "#chart circle.point"))
        Select(driver.find_element(By.ID, "period")).select_by_value("quarter")
        quarterly = len(driver.find_elements(By.CSS_SELECTOR, "#chart circle.point"))
        assert 0 < quarterly < monthly, "the period selector regroups the points"
        Select(driver.find_element(By.ID, "actor")).select_by_value("marco-rubio")
        only_rubio = driver.find_elements(By.CSS_SELECTOR, "#chart circle.point")
        assert 0 < len(only_rubio) < quarterly
        only_rubio[0].click()
        speakers = [
            r.find_elements(By.TAG_NAME, "td")[1].text
            for r in driver.find_elements(By.CSS_SELECTOR, "#statements tr.statement")
        ]
        assert speakers and all("marco-rubio" in s for s in speakers)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
    finally:
        driver.quit()


def test_export_carries_the_current_prediction(demo_db):
    out = CliRunner().invoke(cli, ["--db", str(demo_db), "export", "statements", "--dyad", "USA:MEX"])
    rows = [json.loads(x) for x in out.output.splitlines()]
    assert rows and all(r["model"] and r["model"].startswith("statements-") for r in rows)
    for r in rows:
        assert r["tone"] == pytest.approx(r["p_cooperation"] - r["p_tension"], abs=1e-3)
        assert r["cooperation"] in (0, 1) and r["event"]
