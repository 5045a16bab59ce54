"""Canonical URLs and the document ids derived from them."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "cmpid",
        "s_cid",
        "yclid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
    }
)


def canonical_url(url: str) -> str:
    """Normalise a URL so that the same page always gets the same id.

    Example: ``canonical_url("http://WWW.State.gov/x/?utm_source=tw#top")`` gives
    ``"https://www.state.gov/x"``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        scheme = "https"
    host = parts.hostname.lower() if parts.hostname else ""
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _tracking(key: str) -> bool:
    k = key.lower()
    return k.startswith("utm_") or k in TRACKING_PARAMS


def url_id(url: str) -> str:
    """The document id of a (canonical) URL: 16 hex digits of its SHA-256."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def text_hash(text: str) -> str:
    """Hash of a text with whitespace folded, so reflowed copies compare equal."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
