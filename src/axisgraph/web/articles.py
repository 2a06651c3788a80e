"""Pasted or uploaded articles: read them as documents, extract assertions, optionally store them."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from ..documents import HTML_SUFFIXES, JSON_SUFFIXES, TEXT_SUFFIXES, read_documents, read_text
from ..records import Document
from ..store import Store
from . import features
from .models import ExtractResult

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
UPLOAD_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


class TooLarge(ValueError):
    """An article above the upload size limit."""


class Unreadable(ValueError):
    """An upload that holds no readable document."""


def check_size(size: int, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Raise TooLarge with a readable message when `size` bytes exceed the limit."""
    if size > limit:
        raise TooLarge(f"the article is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB")


def document_from_text(text: str, title: str | None = None, date: dt.date | None = None,
                       url: str | None = None) -> Document:
    """A document from pasted text (a leading "date YYYY-MM-DD" line is honoured)."""
    check_size(len(text.encode("utf-8", "surrogatepass")))
    if not text.strip():
        raise Unreadable("the article is empty")
    doc = read_text(text, doc_date=date)
    return doc.model_copy(update={"title": title or doc.title, "url": url or doc.url, "source": "web"})


def document_from_upload(raw: bytes, filename: str) -> Document:
    """The first document of an uploaded file (.txt, .md, .html, .json), read like `axisgraph ingest` reads it."""
    check_size(len(raw))
    suffix = Path(filename or "").suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise Unreadable(f"unsupported file type {suffix!r}; use one of {sorted(s for s in UPLOAD_SUFFIXES if s)}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + suffix)
        path.write_bytes(raw)
        found = next(iter(read_documents([path])), None)
    if found is None or not found.text.strip():
        raise Unreadable("no readable article text in the upload")
    name = re.sub(r"[^\w .-]", "", Path(filename).name)[:200]
    return found.model_copy(update={"path": None, "source": "web", "title": found.title or name or None})


def extract_article(doc: Document, store: Store | None = None) -> ExtractResult:
    """Extract assertions from a document; store document and assertions when a store is given."""
    extractor = features.extractor()
    found = list(extractor.extract(doc))
    stored = 0
    if store is not None:
        from ..ingest import actor_rows

        _, stored = store.add_documents([(doc, found)], actor_rows(extractor.kb, found))
    return ExtractResult(doc_id=doc.id, title=doc.title, date=doc.date, assertions=found,
                         stored=store is not None, stored_assertions=stored)
