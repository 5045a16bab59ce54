"""The fetcher against a real loopback server: validators, retries, limits, errors."""

from __future__ import annotations

import pytest
from loopback import Reply

from pipeline import __version__
from pipeline.collect.http import Fetcher
from pipeline.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ResponseTooLarge,
    TooManyRedirects,
)


def test_conditional_get_gets_304_and_sends_validators(server, http_settings):
    def feed(h):
        if h.headers.get("If-None-Match") == '"v1"':
            return Reply(304)
        return Reply(200, b"<rss/>", {"ETag": '"v1"', "Last-Modified": "Tue, 04 Mar 2025 20:00:00 GMT"})

    server.routes["/feed"] = feed
    with Fetcher(http_settings) as f:
        first = f.get(server.url("/feed"))
        second = f.get(
            server.url("/feed"),
            etag=first.headers["etag"],
            last_modified=first.headers["last-modified"],
        )
    assert first.status == 200 and first.body == b"<rss/>"
    assert second.not_modified and second.body == b""
    sent = server.hits[-1][1]
    assert sent["If-Modified-Since"] == "Tue, 04 Mar 2025 20:00:00 GMT"
    assert f.log[-1].not_modified


def test_user_agent_names_tool_and_version(server, http_settings):
    server.serve("/ua", b"ok")
    with Fetcher(http_settings) as f:
        f.get(server.url("/ua"))
    assert f"Detente/{__version__}" in server.hits[0][1]["User-Agent"]


def test_429_is_retried_then_succeeds(server, http_settings):
    calls = []

    def flaky(h):
        calls.append(1)
        return Reply(429, b"slow down", {"Retry-After": "0"}) if len(calls) == 1 else Reply(200, b"fine")

    server.routes["/flaky"] = flaky
    slept = []
    with Fetcher(http_settings, sleep=slept.append) as f:
        r = f.get(server.url("/flaky"))
    assert r.body == b"fine" and len(calls) == 2
    assert f.log[-1].attempts == 2 and slept, "backoff must sleep between attempts"


def test_500_retried_then_reported_with_status(server, http_settings):
    server.serve("/error", b"oops", status=500)
    with Fetcher(http_settings, sleep=lambda s: None) as f, pytest.raises(HTTPStatusError) as e:
        f.get(server.url("/error"))
    assert e.value.status == 500
    assert server.count("/error") == http_settings.retries + 1
    assert f.log[-1].status == 500 and "HTTP 500" in f.log[-1].error


def test_404_is_not_retried(server, http_settings):
    with Fetcher(http_settings, sleep=lambda s: None) as f, pytest.raises(HTTPStatusError):
        f.get(server.url("/missing"))
    assert server.count("/missing") == 1


def test_timeout_becomes_fetch_timeout(server, http_settings):
    server.routes["/slow"] = lambda h: Reply(200, b"late", delay=3)
    with Fetcher(http_settings) as f, pytest.raises(FetchTimeout, match="timed out"):
        f.get(server.url("/slow"))
    assert f.log[-1].error and "timed out" in f.log[-1].error


def test_redirect_loop_is_cut(server, http_settings):
    server.routes["/a"] = lambda h: Reply(302, b"", {"Location": "/b"})
    server.routes["/b"] = lambda h: Reply(302, b"", {"Location": "/a"})
    with Fetcher(http_settings) as f, pytest.raises(TooManyRedirects):
        f.get(server.url("/a"))


def test_oversize_streamed_body_is_cut(server, http_settings):
    big = b"x" * (http_settings.max_bytes * 3)
    server.routes["/huge"] = lambda h: Reply(200, big, chunked=True)
    with Fetcher(http_settings) as f, pytest.raises(ResponseTooLarge, match="cap"):
        f.get(server.url("/huge"))


def test_oversize_declared_length_is_refused(server, http_settings):
    server.serve("/declared", b"y" * (http_settings.max_bytes + 1))
    with Fetcher(http_settings) as f, pytest.raises(ResponseTooLarge, match="declared"):
        f.get(server.url("/declared"))


def test_connection_refused_is_a_fetch_error(http_settings):
    with Fetcher(http_settings) as f, pytest.raises(FetchError) as e:
        f.get("http://127.0.0.1:9/nothing")
    assert not isinstance(e.value, FetchTimeout)


def test_politeness_delay_between_requests_to_one_host(server, http_settings):
    from dataclasses import replace

    server.serve("/p", b"ok")
    slept = []
    with Fetcher(replace(http_settings, host_delay=5.0), sleep=slept.append) as f:
        f.get(server.url("/p"))
        f.get(server.url("/p"))
    assert slept and 4.0 < slept[0] <= 5.0


def test_file_urls_are_read_with_the_size_cap(tmp_path, http_settings):
    small = tmp_path / "feed.xml"
    small.write_bytes(b"<rss/>")
    big = tmp_path / "big.xml"
    big.write_bytes(b"z" * (http_settings.max_bytes + 1))
    with Fetcher(http_settings) as f:
        assert f.get(small.as_uri()).body == b"<rss/>"
        with pytest.raises(ResponseTooLarge):
            f.get(big.as_uri())
        with pytest.raises(FetchError, match="no such file"):
            f.get((tmp_path / "absent.xml").as_uri())
