"""HTTP (and file://) fetching with timeouts, size caps, retries and politeness.

Network errors are translated into the project's exception types here and
nowhere else, so callers can tell a timeout from a 404.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from pipeline import __version__
from pipeline.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ResponseTooLarge,
    TooManyRedirects,
)
from pipeline.types import FetchRecord, HttpSettings, Response

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class Fetcher:
    """Fetches URLs politely. Every call, failed or not, appends a FetchRecord to ``log``.

    Example: ``Fetcher(HttpSettings()).get("https://www.state.gov/rss-feed/press-releases/feed/")``
    """

    def __init__(
        self,
        settings: HttpSettings,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.log: list[FetchRecord] = []
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            timeout=settings.timeout,
            follow_redirects=True,
            max_redirects=settings.max_redirects,
            headers={"User-Agent": settings.user_agent.format(version=__version__)},
        )

    def close(self):
        self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET a URL; a 304 comes back as a Response with status 304 and an empty body."""
        started = self.clock()
        self._attempts = 1
        try:
            if url.startswith("file:"):
                response = self._read_file(url, started)
            else:
                response = self._get_with_retries(url, etag, last_modified, started)
        except FetchError as e:
            status = getattr(e, "status", None)
            self.log.append(self._record(url, status, 0, started, self._attempts, str(e)))
            raise
        self.log.append(response.record)
        return response

    def _get_with_retries(self, url, etag, last_modified, started):
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(1, self.settings.retries + 2):
            self._attempts = attempt
            self._wait_for_host(url)
            status, final_url, resp_headers, body = self._stream(url, headers)
            retryable = status in RETRY_STATUSES and attempt <= self.settings.retries
            if not retryable:
                break
            self.sleep(self._backoff(attempt, resp_headers.get("retry-after")))
        if status >= 400:
            raise HTTPStatusError(url, status, attempt)
        record = self._record(url, status, len(body), started, attempt)
        return Response(url, final_url, status, resp_headers, body, record)

    def _stream(self, url: str, headers: dict) -> tuple[int, str, dict, bytes]:
        cap = self.settings.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise ResponseTooLarge(url, f"declared size {declared} bytes exceeds cap {cap}")
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise ResponseTooLarge(url, f"body exceeds cap of {cap} bytes")
                    chunks.append(chunk)
                return r.status_code, str(r.url), dict(r.headers), b"".join(chunks)
        except httpx.TimeoutException:
            raise FetchTimeout(url, f"timed out after {self.settings.timeout:g}s") from None
        except httpx.TooManyRedirects:
            limit = self.settings.max_redirects
            raise TooManyRedirects(url, f"more than {limit} redirects") from None
        except httpx.InvalidURL as e:
            raise FetchError(url, f"invalid URL: {e}") from None
        except httpx.HTTPError as e:
            raise FetchError(url, f"{type(e).__name__}: {e}") from None

    def _read_file(self, url: str, started: float) -> Response:
        path = Path(unquote(urlsplit(url).path))
        try:
            size = path.stat().st_size
            if size > self.settings.max_bytes:
                raise ResponseTooLarge(url, f"file of {size} bytes exceeds cap")
            body = path.read_bytes()
        except FileNotFoundError:
            raise FetchError(url, "no such file") from None
        except (IsADirectoryError, PermissionError) as e:
            raise FetchError(url, e.strerror or str(e)) from None
        record = self._record(url, 200, len(body), started, 1)
        return Response(url, url, 200, {}, body, record)

    def _wait_for_host(self, url: str):
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            remaining = self.settings.host_delay - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = self.clock()

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        delay = self.settings.backoff * 2 ** (attempt - 1)
        hinted = _retry_after_seconds(retry_after)
        if hinted is not None:
            delay = max(delay, hinted)
        return min(delay, self.settings.max_backoff)

    def _record(self, url, status, size, started, attempts, error=None) -> FetchRecord:
        ms = int((self.clock() - started) * 1000)
        return FetchRecord(url, status, size, ms, attempts, error, status == 304)


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
