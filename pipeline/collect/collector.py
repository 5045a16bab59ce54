"""Collect one source: fetch, parse, extract; return a Harvest. Never touches the store."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace

from pipeline.collect.feeds import FeedEntry, parse_feed
from pipeline.collect.html import fragment_text, listing_links, page_article
from pipeline.collect.http import Fetcher
from pipeline.collect.language import detect_language
from pipeline.errors import DetenteError, FetchError
from pipeline.ids import canonical_url
from pipeline.types import CollectedDocument, Harvest, Response, Source, SourceState

FEED_KINDS = ("rss", "atom", "file")


class _Run:
    """The state of collecting one source: its fetches, documents and warnings."""

    def __init__(self, source: Source, fetcher: Fetcher, min_chars: int, now: str, known: set[str]):
        self.source, self.fetcher, self.min_chars, self.now = source, fetcher, min_chars, now
        self.known = known
        self.first_log = len(fetcher.log)
        self.documents: list[CollectedDocument] = []
        self.warnings: list[str] = []
        self.incomplete = False  # an article failed: parse this body again next run

    def fetch_index(self) -> int:
        return len(self.fetcher.log) - 1 - self.first_log

    def harvest(self, **kw) -> Harvest:
        return Harvest(
            source_id=self.source.id,
            documents=tuple(self.documents),
            fetches=tuple(self.fetcher.log[self.first_log :]),
            warnings=tuple(self.warnings),
            **kw,
        )


def collect_source(
    source: Source,
    state: SourceState,
    fetcher: Fetcher,
    min_article_chars: int,
    now: str,
    known_urls: set[str] | None = None,
) -> Harvest:
    """Fetch a source and return what it holds. Failure of the source itself is
    reported in ``Harvest.error``; failures of single articles are warnings.

    Example: ``collect_source(src, SourceState(), Fetcher(HttpSettings()), 300, now)``
    """
    run = _Run(source, fetcher, min_article_chars, now, known_urls or set())
    try:
        response = fetcher.get(source.url, state.etag, state.last_modified)
    except FetchError as e:
        return run.harvest(error=str(e), state=state)
    new_state = _next_state(state, response)
    if response.not_modified or new_state.body_hash == state.body_hash:
        return run.harvest(not_modified=True, state=new_state)
    step: Callable[[_Run, Response], None] = _collect_listing if source.kind == "html-list" else _collect_feed
    try:
        step(run, response)
    except DetenteError as e:
        # Keep the old body hash so the next run parses this body again.
        return run.harvest(error=str(e), state=replace(new_state, body_hash=state.body_hash))
    if run.incomplete:
        new_state = replace(new_state, body_hash=None, etag=None, last_modified=None)
    return run.harvest(state=new_state)


def _next_state(state: SourceState, response: Response) -> SourceState:
    if response.not_modified:
        return state
    headers = {k.lower(): v for k, v in response.headers.items()}
    return replace(
        state,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        body_hash=hashlib.sha256(response.body).hexdigest(),
    )


def _collect_feed(run: _Run, response: Response):
    content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type")
    feed = parse_feed(response.body, response.final_url, content_type)
    if feed.warning:
        run.warnings.append(feed.warning)
    feed_fetch = run.fetch_index()
    for entry in feed.entries:
        _collect_entry(run, entry, feed_fetch)


def _collect_entry(run: _Run, entry: FeedEntry, feed_fetch: int):
    text, doc_type = fragment_text(entry.body_html)
    if len(text) >= run.min_chars or not entry.link:
        published, method = (entry.published, "feed") if entry.published else (run.now, "fetched")
        url = entry.link or entry.guid
        _add(
            run,
            url,
            entry.title,
            text,
            published,
            method,
            "feed",
            url,
            feed_fetch,
            doc_type,
            entry.author,
        )
        return
    if canonical_url(entry.link) in run.known:
        return
    _collect_page(run, entry.link, entry.title, entry.published)


def _collect_listing(run: _Run, response: Response):
    src = run.source
    links = listing_links(response.body, response.final_url, src.link_selector, src.link_pattern)
    if not links:
        run.warnings.append(f"{response.final_url}: listing page has no article links")
    for link in links[: src.max_pages]:
        if canonical_url(link) not in run.known:
            _collect_page(run, link, None, None)


def _collect_page(run: _Run, link: str, title: str | None, published: str | None):
    try:
        page = run.fetcher.get(link)
        article = page_article(page.body, page.final_url)
    except (DetenteError, ValueError) as e:
        run.warnings.append(f"{link}: article skipped: {e}")
        run.incomplete = True
        return
    if article.published:
        published, method = article.published, article.date_method
    else:
        published, method = (published, "feed") if published else (run.now, "fetched")
    url = article.canonical or page.final_url
    _add(
        run,
        url,
        title or article.title,
        article.text,
        published,
        method,
        article.extraction,
        link,
        run.fetch_index(),
        None,
        None,
    )


def _add(
    run,
    url,
    title,
    text,
    published,
    date_method,
    extraction,
    fetched_url,
    fetch_index,
    doc_type,
    author,
):
    if len(text) < run.min_chars:
        run.warnings.append(f"{fetched_url}: rejected, text too short for an article ({len(text)} chars)")
        return
    lang = run.source.lang
    if run.source.detect_language:
        lang = detect_language(text, lang)
    run.documents.append(
        CollectedDocument(
            url=canonical_url(url),
            title=title,
            text=text,
            published=published,
            date_method=date_method,
            lang=lang,
            issuer=run.source.issuer,
            source_id=run.source.id,
            extraction=extraction,
            fetched_url=fetched_url,
            fetch_index=fetch_index,
            doc_type=doc_type or _doc_type_from_title(title),
            author=author,
        )
    )


def _doc_type_from_title(title: str) -> str | None:
    lowered = title.lower()
    for needle, kind in (
        ("joint statement", "Joint Statement"),
        ("readout", "Readout"),
        ("call with", "Readout"),
        ("meeting with", "Readout"),
        ("media note", "Media Note"),
        ("comunicado conjunto", "Joint Statement"),
    ):
        if needle in lowered:
            return kind
    return None
