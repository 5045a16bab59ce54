"""The project's own exception types.

Every expected failure is one of these, carrying a one-line message that says
what went wrong and where. The CLI turns them into clean errors; nothing else
catches broad exceptions.
"""


class DetenteError(Exception):
    """Base class; `exit_code` is what the CLI exits with."""

    exit_code = 1


class ConfigError(DetenteError):
    """The configuration file or an option is invalid (a usage error)."""

    exit_code = 2


class FetchError(DetenteError):
    """A URL could not be fetched (connection refused, DNS, TLS...)."""

    def __init__(self, url: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url = url


class FetchTimeout(FetchError):
    """The server did not answer within the configured timeout."""


class TooManyRedirects(FetchError):
    """The redirect chain exceeded the configured limit (or looped)."""


class ResponseTooLarge(FetchError):
    """The body exceeded the configured size cap; the download was cut."""


class HTTPStatusError(FetchError):
    """The server answered with an error status, after any retries."""

    def __init__(self, url: str, status: int, attempts: int = 1):
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        super().__init__(url, f"HTTP {status}{tries}")
        self.status = status


class FeedError(DetenteError):
    """A body could not be read as a feed or listing page."""


class BlockedError(FeedError):
    """The site answered a feed request with an HTML page (a firewall or login wall)."""


class StoreError(DetenteError):
    """The database is unusable (locked, corrupt, newer than this program)."""


class LockHeld(DetenteError):
    """Another run holds the database lock."""


class ImportLineError(DetenteError):
    """One line of an import file is invalid."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line


class ModelError(DetenteError):
    """A model (spaCy pipeline or classifier) is missing, untrusted or incompatible."""
