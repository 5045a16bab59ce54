"""Text, dates, canonical links and listing links out of HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from pipeline.collect.dates import date_in_text, parse_iso

BLOCKS = frozenset(
    "p div section article header footer aside main h1 h2 h3 h4 h5 h6 li ul ol blockquote "
    "pre table tr dd dt figure figcaption".split()
)
DROP_TAGS = ("script", "style", "noscript", "input", "form", "iframe", "template", "svg", "button")
DROP_CLASSES = ("article-meta", "page-header", "hero", "share", "wp-block-spacer")
DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "date",
    "pubdate",
    "publish-date",
)


@dataclass(frozen=True)
class PageArticle:
    title: str
    text: str
    published: str | None
    date_method: str | None
    canonical: str | None
    extraction: str


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Bytes of a page to text: declared charset, else UTF-8, else Windows-1252."""
    declared = _charset(content_type or "") or _meta_charset(body[:4096])
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("cp1252", "replace")


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None


def _meta_charset(head: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head, re.I)
    return m.group(1).decode("ascii") if m else None


def parse_html(html: str | bytes) -> etree._Element:
    """Parse a whole page; raises ValueError on empty input."""
    if isinstance(html, bytes):
        html = decode_body(html)
    if not html.strip():
        raise ValueError("empty HTML")
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    return lxml.html.document_fromstring(html)


def fragment_text(html: str) -> tuple[str, str | None]:
    """Clean text of an HTML fragment (a feed item body) and the document type it declares.

    Example: ``fragment_text('<p class="article-meta doctype-meta">Readout</p><p>Hi.</p>')``
    gives ``("Hi.", "Readout")``.
    """
    if not html.strip():
        return "", None
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    doc_type = _doc_type(root)
    _strip(root)
    return block_text(root), doc_type


def _doc_type(root) -> str | None:
    for el in root.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " doctype-meta ")]'):
        value = " ".join(el.text_content().split())
        if value:
            return value
    return None


def _strip(root):
    for el in root.xpath("|".join(f".//{t}" for t in DROP_TAGS)):
        _remove(el)
    for cls in DROP_CLASSES:
        for el in root.xpath(f'.//*[contains(@class, "{cls}")]'):
            _remove(el)
    for el in root.iter(etree.Comment):
        _remove(el)


def _remove(el):
    parent = el.getparent()
    if parent is not None:
        el.drop_tree() if hasattr(el, "drop_tree") else parent.remove(el)


def block_text(root) -> str:
    """Text of an element with block elements as paragraphs separated by blank lines."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
            el.text = "\n\n" + (el.text or "")
        elif el.tag == "br":
            el.tail = "\n" + (el.tail or "")
    raw = root.text_content().replace("\xa0", " ")
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", raw))
    return "\n\n".join(p for p in paragraphs if p)


def page_article(html: bytes | str, url: str) -> PageArticle:
    """Main text, title, date and canonical URL of an article page."""
    source = decode_body(html) if isinstance(html, bytes) else html
    root = parse_html(source)
    canonical = _canonical(root)
    published, date_method = page_date(root)
    text = trafilatura.extract(
        source,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=True,
    )
    method = "trafilatura"
    if not text:
        main = root.xpath("//article|//main")
        _strip(main[0] if main else root)
        text, method = block_text(main[0] if main else root), "html-main"
    text = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n+", text) if p.strip())
    return PageArticle(_title(root), text, published, date_method, canonical, method)


def _canonical(root) -> str | None:
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = root.xpath(xp)
        if found and found[0].strip().startswith(("http://", "https://")):
            return found[0].strip()
    return None


def page_date(root) -> tuple[str | None, str | None]:
    """The publication date of a page: meta tags, then <time datetime>, then written dates."""
    for meta in root.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in DATE_META:
            value = parse_iso(meta.get("content", ""))
            if value:
                return value, "page-meta"
    for value in root.xpath("//time/@datetime"):
        parsed = parse_iso(value)
        if parsed:
            return parsed, "page-time"
    body = root.xpath("//body")
    written = date_in_text((body[0] if body else root).text_content())
    return (written, "page-text") if written else (None, None)


def _title(root) -> str:
    for xp in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        found = root.xpath(xp)
        if found:
            value = found[0] if isinstance(found[0], str) else found[0].text_content()
            value = " ".join(value.split())
            if xp == "//title":
                value = value.split(" | ")[0]  # "Title | Ministry | gob.mx"
            if value:
                return value
    return ""


def listing_links(html: bytes, base_url: str, selector: str | None, pattern: str | None) -> list[str]:
    """Absolute article links of a listing page, by CSS selector and/or URL regex, in order."""
    root = parse_html(html)
    root.make_links_absolute(base_url, resolve_base_href=True)
    if selector:
        anchors = []
        for el in root.cssselect(selector):
            anchors.extend([el] if el.tag == "a" else el.iter("a"))
    else:
        anchors = root.iter("a")
    hrefs = [a.get("href", "").strip() for a in anchors]
    if pattern:
        hrefs = [h for h in hrefs if re.search(pattern, h)]
    return list(dict.fromkeys(h for h in hrefs if h and not h.startswith(("mailto:", "javascript:"))))


def looks_like_html_page(body: bytes) -> bool:
    """True when a body is an HTML page rather than XML (a firewall's answer to a feed URL)."""
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:300]


def html_title(body: bytes) -> str:
    try:
        return _title(parse_html(body))[:120]
    except (ValueError, etree.ParserError):
        return ""
