"""RSS and Atom feeds, parsed from bytes with feedparser."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from pipeline.collect.dates import from_struct
from pipeline.collect.html import html_title, looks_like_html_page
from pipeline.errors import BlockedError, FeedError


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str
    guid: str
    published: str | None
    body_html: str
    author: str | None


@dataclass(frozen=True)
class ParsedFeed:
    entries: tuple[FeedEntry, ...]
    warning: str | None


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Entries of an RSS/Atom body. A malformed feed with good items gives a warning;
    an HTML page or a body with no feed at all raises.

    Example: ``parse_feed(Path("feed.xml").read_bytes(), "file:///feed.xml")``
    """
    # Links are resolved here, not by feedparser, which mangles file:// bases.
    headers = {"content-type": content_type or "application/xml"}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    if not parsed.entries and looks_like_html_page(body):
        title = html_title(body)
        raise BlockedError(f"{url}: expected a feed, got an HTML page" + (f" ({title!r})" if title else ""))
    if not parsed.entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception", "no RSS or Atom elements")
        raise FeedError(f"{url}: not a feed: {_one_line(reason)}")
    warning = None
    if parsed.get("bozo"):
        reason = _one_line(parsed.bozo_exception)
        warning = f"{url}: malformed feed, kept {len(parsed.entries)} items: {reason}"
    return ParsedFeed(tuple(_entry(e, url) for e in parsed.entries), warning)


def _entry(e, base_url: str) -> FeedEntry:
    contents = [c.get("value", "") for c in e.get("content", [])]
    summary = e.get("summary", "") or e.get("description", "")
    body = max([summary, *contents], key=len)
    link = e.get("link", "") or (e.get("id", "") if e.get("guidislink") else "")
    published = from_struct(e.get("published_parsed") or e.get("updated_parsed"))
    return FeedEntry(
        title=" ".join(e.get("title", "").split()),
        link=urljoin(base_url, link.strip()) if link.strip() else "",
        guid=(e.get("id") or link).strip(),
        published=published,
        body_html=body,
        author=e.get("author"),
    )


def _one_line(value) -> str:
    return " ".join(str(value).split())[:200]
