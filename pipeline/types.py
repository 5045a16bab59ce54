"""Typed, frozen records that flow between stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SOURCE_KINDS = ("rss", "atom", "html-list", "file")
LANGS = ("en", "es")
TIERS = ("official", "media")


@dataclass(frozen=True)
class HttpSettings:
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    host_delay: float = 1.0
    user_agent: str = "Detente/{version} (+https://example.org/detente; statements research)"


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    url: str
    lang: str
    issuer: str
    tier: str = "official"
    enabled: bool = True
    detect_language: bool = False
    link_selector: str | None = None
    link_pattern: str | None = None
    max_pages: int = 50


@dataclass(frozen=True)
class SourceState:
    """What the store remembers of a source between runs."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    consecutive_failures: int = 0
    next_fetch_at: str | None = None


@dataclass(frozen=True)
class FetchRecord:
    """One HTTP (or file) fetch, successful or not."""

    url: str
    status: int | None
    bytes: int
    ms: int
    attempts: int = 1
    error: str | None = None
    not_modified: bool = False


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    record: FetchRecord

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class CollectedDocument:
    """A document as a collector found it, before the store dedupes it."""

    url: str
    title: str
    text: str
    published: str | None
    date_method: str
    lang: str
    issuer: str
    source_id: str
    extraction: str
    fetched_url: str
    fetch_index: int | None = None
    doc_type: str | None = None
    external_id: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Harvest:
    """Everything one source yielded in one run."""

    source_id: str
    documents: tuple[CollectedDocument, ...] = ()
    fetches: tuple[FetchRecord, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    not_modified: bool = False
    state: SourceState = field(default_factory=SourceState)


@dataclass(frozen=True)
class DocumentInput:
    """What the NLP stage needs of a stored document."""

    id: str
    text: str
    lang: str
    issuer: str | None
    published: str | None  # ISO date or datetime


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor: str | None  # resolved actor id; None when unresolved
    kind: str  # name | role | demonym | ner
    label: str  # PERSON ORG GPE NORP ROLE ...
    sentence: int
    role: str | None = None


@dataclass(frozen=True)
class Statement:
    sentence: int
    start: int
    end: int
    text: str
    speakers: tuple[str, ...]
    speaker_text: str
    speaker_source: str  # explicit | voice | issuer | context
    cue: str | None
    cue_lemma: str | None
    content_start: int
    content_end: int
    targets: tuple[str, ...]
    negated: bool
    quoted: bool


@dataclass(frozen=True)
class DocumentAnalysis:
    document_id: str
    mentions: tuple[Mention, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Point:
    period: str
    dyad: str  # "USA:MEX" = USA speaking about MEX
    n: int
    tone: float
    ci_low: float
    ci_high: float
    cooperation_share: float
    tension_share: float
    intensity: float | None  # tone weighted by |event weight| (LABELS.md)
    rolling: float | None = None
    shift: float | None = None  # z of the change from the previous point, when significant

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}
