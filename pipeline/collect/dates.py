"""Dates in feeds and pages, to UTC ISO 8601."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
SPANISH_DATE = re.compile(rf"\b(\d{{1,2}})\s+de\s+({_MONTH})\s+(?:de|del)\s+(\d{{4}})\b", re.I)
ENGLISH_DATE = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})\b", re.I)


def iso_utc(dt: datetime) -> str:
    """A datetime as UTC ISO 8601 with a Z; naive datetimes are taken as UTC."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_struct(value: time.struct_time | None) -> str | None:
    """feedparser's *_parsed struct (already UTC) to ISO."""
    if not value:
        return None
    return iso_utc(datetime(*value[:6], tzinfo=UTC))


def parse_iso(value: str) -> str | None:
    """An ISO date or datetime string (with or without offset) to UTC ISO, or None."""
    value = value.strip()
    try:
        if len(value) == 10:
            return iso_utc(datetime.combine(date.fromisoformat(value), datetime.min.time()))
        return iso_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def date_in_text(text: str) -> str | None:
    """The first written-out date in a text ("4 de marzo de 2025", "March 4, 2025")."""
    m = SPANISH_DATE.search(text)
    if m:
        return _ymd(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = ENGLISH_DATE.search(text)
    if m:
        return _ymd(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    return None


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return iso_utc(datetime(year, month, day))
    except ValueError:
        return None
