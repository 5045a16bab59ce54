"""The label scheme of LABELS.md: events and their cooperation–conflict weights."""

from __future__ import annotations

EVENT_WEIGHTS = {
    "AGREE": 6,
    "CONSULT": 1,
    "COOPERATE": 6,
    "SUPPORT": 3,
    "AID": 7,
    "YIELD": 5,
    "DEMAND": -3,
    "ACCUSE": -4,
    "REJECT": -4,
    "THREATEN": -6,
    "SANCTION": -7,
    "PROTEST": -5,
    "MOBILIZE": -6,
    "NONE": 0,
}
EVENTS = tuple(EVENT_WEIGHTS)
TAGS = ("cooperation", "tension")
