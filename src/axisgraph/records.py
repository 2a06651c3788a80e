"""The records every stage exchanges: documents and assertions (DESIGN.md).

`Assertion` is the interchange format printed by `axisgraph extract`, stored,
exported and served by the web API; its JSON field names are fixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .ontology import HEDGES, RELATIONS

Hedge = Literal["asserted", "reported", "likely", "possible", "denied"]


class Document(BaseModel):
    """One article or report, as read from a source."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, the dedup key of the store."""
        return text_hash(self.text)


def text_hash(text: str) -> str:
    """Stable content hash of a document text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ActorRef(BaseModel):
    """An actor as it appears in one sentence: KB id (or None) plus surface text and span."""

    id: str | None = None
    name: str | None = None
    kind: str | None = None
    text: str
    span: tuple[int, int]


class Trigger(BaseModel):
    """The words that state the relation."""

    text: str
    span: tuple[int, int]


class Assertion(BaseModel):
    """One typed, directed relation between two actors as stated by one sentence."""

    doc_id: str
    doc_date: dt.date | None = None
    event_date: dt.date | None = None
    sentence: str
    sentence_span: tuple[int, int]
    source: ActorRef
    relation: str
    mode: str | None = None
    target: ActorRef | None = None
    negated: bool = False
    hedge: Hedge = "asserted"
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    speaker: ActorRef | None = None
    trigger: Trigger | None = None
    quad: int | None = None
    cameo: str | None = None
    origin: str = "text"

    @field_validator("relation")
    @classmethod
    def _known_relation(cls, value: str) -> str:
        if value not in RELATIONS:
            raise ValueError(f"unknown relation {value!r}")
        return value

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict of DESIGN.md's assertion record."""
        return self.model_dump(mode="json")

    def key(self) -> tuple:
        """Identity of an assertion within a document (used to avoid duplicates)."""
        return (
            self.doc_id,
            self.sentence_span[0],
            self.source.span[0],
            self.source.id or self.source.text,
            self.relation,
            self.mode,
            self.target.span[0] if self.target else None,
            (self.target.id or self.target.text) if self.target else None,
            self.origin,
        )


assert set(HEDGES) == {"asserted", "reported", "likely", "possible", "denied"}
