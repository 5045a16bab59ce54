"""Collectors over the loopback server, on fixtures shaped like the real feeds and pages."""

from __future__ import annotations

from conftest import fixture_bytes

from pipeline.collect.collector import collect_source
from pipeline.collect.feeds import parse_feed
from pipeline.collect.html import fragment_text, listing_links
from pipeline.collect.http import Fetcher
from pipeline.errors import BlockedError, FeedError
from pipeline.types import Source, SourceState

NOW = "2026-11-28T12:00:00Z"


def source(url: str, kind: str = "rss", **kw) -> Source:
    base = dict(id="t", name="test", kind=kind, url=url, lang="en", issuer="USA")
    return Source(**(base | kw))


def collect(server, http_settings, src, state=None, known=None, min_chars=200):
    state = state or SourceState()
    with Fetcher(http_settings, sleep=lambda s: None) as f:
        return collect_source(src, state, f, min_chars, NOW, known)


def test_statedept_item_body_is_clean_text_with_its_type():
    feed = parse_feed(fixture_bytes("feeds/statedept.xml"), "https://www.state.gov/feed/")
    text, doc_type = fragment_text(feed.entries[0].body_html)
    assert doc_type == "Readout"
    assert "addEventListener" not in text and "script" not in text
    assert "Readout" not in text
    assert "Juan Ramón de la Fuente" in text  # entity decoded
    assert text.split("\n\n")[1] == "The below is attributable to Spokesperson Tammy Bruce:"


def test_statedept_feed_collects_with_dedup_of_repeated_guid(server, http_settings):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"), Content_Type="application/rss+xml")
    h = collect(server, http_settings, source(server.url("/feed")))
    assert h.error is None and not h.warnings
    urls = [d.url for d in h.documents]
    # the repeated guid yields the same canonical URL twice; the store keeps one
    assert len(set(urls)) == 2
    water = next(d for d in h.documents if "water" in d.url)
    assert water.url == "https://www.state.gov/joint-statement-on-the-u-s-mexico-water-arrangement-fixture"
    assert water.doc_type == "Joint Statement" and water.extraction == "feed"
    assert water.published == "2025-04-28T15:00:00Z"


def test_malformed_feed_keeps_good_items_with_a_warning(server, http_settings):
    server.serve("/broken", fixture_bytes("feeds/malformed.xml"))
    h = collect(server, http_settings, source(server.url("/broken")))
    assert h.error is None
    assert any("malformed feed" in w for w in h.warnings)
    assert [d.url for d in h.documents] == ["https://example.gov/releases/migration-review"]


def test_wrong_declared_encoding_is_recovered(server, http_settings):
    server.serve("/enc", fixture_bytes("feeds/wrong-encoding.xml"))
    h = collect(server, http_settings, source(server.url("/enc"), lang="es", issuer="MEX"))
    assert h.error is None and len(h.documents) == 1
    doc = h.documents[0]
    assert "Relaciones Exteriores informó" in doc.text and "\ufffd" not in doc.text
    assert doc.title.startswith("México")


def test_firewall_html_page_with_200_is_an_error(server, http_settings):
    server.serve("/blocked", fixture_bytes("pages/firewall.html"), Content_Type="text/html")
    h = collect(server, http_settings, source(server.url("/blocked")))
    assert h.error and "expected a feed, got an HTML page" in h.error and "Access Denied" in h.error
    assert h.documents == ()


def test_garbage_body_is_not_a_feed(server, http_settings):
    server.serve("/garbage", b"\x00\x01 this is not xml at all")
    h = collect(server, http_settings, source(server.url("/garbage")))
    assert h.error and "not a feed" in h.error


def test_blocked_and_feed_errors_are_distinct_types():
    try:
        parse_feed(fixture_bytes("pages/firewall.html"), "u")
    except BlockedError as e:
        assert isinstance(e, FeedError)
    else:
        raise AssertionError("firewall page parsed as a feed")


def test_summary_items_follow_the_link_and_extract_the_page(server, http_settings):
    server.serve("/summaries", fixture_bytes("feeds/summaries.xml"))
    for name in ("readout-call", "undated", "stub"):
        server.serve(f"/pages/{name}.html", fixture_bytes(f"pages/{name}.html"))
    h = collect(server, http_settings, source(server.url("/summaries")))
    by_title = {d.title: d for d in h.documents}
    readout = by_title["Readout of a Call with the President of Mexico"]
    assert readout.url == "https://www.whitehouse.gov/briefings-statements/2025/02/readout-call-fixture"
    assert readout.extraction == "trafilatura" and readout.date_method == "page-meta"
    assert readout.published == "2025-02-03T20:00:00Z"
    assert "Pennsylvania" not in readout.text and "ten thousand members" in readout.text
    undated = by_title["A statement without a date"]
    assert undated.published == NOW and undated.date_method == "fetched"
    assert "A page that is too short" not in by_title
    assert any("too short" in w for w in h.warnings)


def test_known_links_are_not_fetched_again(server, http_settings):
    server.serve("/summaries", fixture_bytes("feeds/summaries.xml"))
    known = {f"https://127.0.0.1:{server.server_address[1]}/pages/readout-call.html"}
    collect(server, http_settings, source(server.url("/summaries")), known=known)
    assert server.count("/pages/readout-call.html") == 0
    assert server.count("/pages/undated.html") == 1


def test_unchanged_body_with_stale_validators_is_not_parsed(server, http_settings):
    server.serve("/feed", fixture_bytes("feeds/statedept.xml"), ETag='"always-new"')
    first = collect(server, http_settings, source(server.url("/feed")))
    second = collect(server, http_settings, source(server.url("/feed")), state=first.state)
    assert first.documents and not first.not_modified
    assert second.not_modified and second.documents == ()


def test_html_list_follows_selected_links_once_and_dates_from_page(server, http_settings):
    server.serve("/sre/archivo/prensa", fixture_bytes("pages/sre-listing.html"))
    server.serve("/sre/prensa/comunicado-001", fixture_bytes("pages/sre-001.html"))
    server.serve("/sre/prensa/comunicado-002", fixture_bytes("pages/sre-002.html"))
    src = source(
        server.url("/sre/archivo/prensa"),
        kind="html-list",
        lang="es",
        issuer="MEX",
        link_pattern=r"/sre/prensa/[^/?#]+$",
    )
    h = collect(server, http_settings, src)
    assert h.error is None
    assert server.count("/sre/prensa/comunicado-001") == 1
    assert server.count("/tramites") == 0
    docs = {d.url: d for d in h.documents}
    first = docs["https://www.gob.mx/sre/prensa/comunicado-001"]
    assert first.published == "2025-02-05T00:00:00Z" and first.date_method == "page-text"
    assert first.lang == "es" and first.issuer == "MEX"


def test_listing_links_by_css_selector():
    links = listing_links(
        fixture_bytes("pages/sre-listing.html"),
        "https://www.gob.mx/sre/archivo/prensa",
        "article h2 a",
        None,
    )
    assert links == [
        "https://www.gob.mx/sre/prensa/comunicado-001",
        "https://www.gob.mx/sre/prensa/comunicado-002",
    ]


def test_article_page_failure_is_a_warning_not_a_source_failure(server, http_settings):
    server.serve("/sre/archivo/prensa", fixture_bytes("pages/sre-listing.html"))
    server.serve("/sre/prensa/comunicado-001", fixture_bytes("pages/sre-001.html"))
    server.serve("/sre/prensa/comunicado-002", b"gone", status=500)
    src = source(
        server.url("/sre/archivo/prensa"),
        kind="html-list",
        lang="es",
        issuer="MEX",
        link_selector="article h2 a",
    )
    h = collect(server, http_settings, src)
    assert h.error is None and len(h.documents) == 1
    assert any("comunicado-002" in w and "HTTP 500" in w for w in h.warnings)
    assert h.state.body_hash is None, "an incomplete listing must be read again next run"
