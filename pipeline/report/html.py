"""The analyst's report: one self-contained HTML file with inline script and styles.

No request leaves the page: a Content-Security-Policy forbids every network source,
the data travels inside the file as JSON (with <, > and & escaped), and the script
inserts feed text with textContent only.
"""

from __future__ import annotations

import html
import json
from importlib import resources

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def embed_json(data) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_report(data: dict) -> str:
    """The page. ``data`` holds title, generated, coverage, run, models, pairs, actors,
    series {period: {dyad: [points]}}, statements, default_period."""
    e = html.escape
    asset = resources.files("pipeline.report")
    script = asset.joinpath("page.js").read_text(encoding="utf-8")
    style = asset.joinpath("page.css").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(data["title"])}</title>
<style>{style}</style>
</head>
<body>
<h1>{e(data["title"])}</h1>
<p class="meta">Generated {e(data["generated"])} · tone = P(cooperation) − P(tension), mean per period
with a 95% interval · click a point for the statements behind it.</p>
<div class="controls">
  <label>Dyad <select id="pair"></select></label>
  <label>Period <select id="period"></select></label>
  <label>Speaker <select id="actor"></select></label>
  <span id="legend"></span>
</div>
<div id="chart"></div>
<div id="statements"><p class="meta">Select a point to list its statements.</p></div>
<div id="top-coop"></div>
<div id="top-tense"></div>
<h2>Provenance and coverage</h2>
{_coverage(data)}
<script type="application/json" id="report-data">{embed_json(data)}</script>
<script>{script}</script>
</body>
</html>
"""


def _coverage(data: dict) -> str:
    e = html.escape
    c = data["coverage"]
    rows = [
        (
            "Run",
            f"#{data['run']['id']} {data['run']['command']} ({data['run']['status']}, "
            f"finished {data['run']['finished']})"
            if data.get("run")
            else "none",
        ),
        ("Classifier", data["model"]),
        ("NLP pipeline", ", ".join(data["pipelines"]) or "none"),
        (
            "Documents",
            f"{c['documents']} documents, {c['statements']} statements in the chart, "
            f"published {c['first']} to {c['last']}",
        ),
    ]
    head = "".join(f"<tr><td>{e(k)}</td><td>{e(str(v))}</td></tr>" for k, v in rows)
    sources = "".join(
        f"<tr><td>{e(s['id'])}</td><td>{e(s['name'] or '')}</td><td>{s['documents']}</td>"
        f"<td>{e(s['first'] or '')}</td><td>{e(s['last'] or '')}</td>"
        f"<td>{e(s['last_status'] or '')}</td></tr>"
        for s in c["sources"]
    )
    return (
        f'<table class="coverage">{head}</table>'
        f"<table><tr><th>source</th><th>name</th><th>documents</th><th>first</th><th>last</th>"
        f"<th>last status</th></tr>{sources}</table>"
    )
