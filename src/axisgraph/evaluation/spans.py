"""Character-span helpers for scoring: overlap tests and the sentence around a span."""

from __future__ import annotations

import re

Span = tuple[int, int]

_BOUNDARY = re.compile(r"(?P<end>[.!?](?:\[\d+\])*[\"'”’)]*)\s+(?=[\"'“‘(]*[A-Z0-9])|\n+")


def overlaps(a: Span, b: Span) -> bool:
    """True if two half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of `text` covering [start, end), split on end punctuation and newlines."""
    left = 0
    for match in _BOUNDARY.finditer(text):
        if match.end() > start:
            break
        left = match.end()
    right = len(text)
    match = _BOUNDARY.search(text, max(end, left))
    if match:
        right = match.end("end") if match.group("end") else match.start()
    return " ".join(text[left:right].split())
