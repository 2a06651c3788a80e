"""Response and filter models of the web API: the shapes notebooks and the page both read."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..kb.model import ACTOR_KINDS
from ..ontology import HEDGES, RELATIONS
from ..records import Assertion

EdgeFamily = Literal["sponsorship", "command", "cooperation", "hostility"]
MAX_NODES = 5000


class ViewFilters(BaseModel):
    """Which assertions a graph view aggregates, and how many actors it shows."""

    model_config = ConfigDict(extra="forbid")

    since: dt.date | None = None
    until: dt.date | None = None
    relations: list[str] = Field(default_factory=list, description="relation names; empty = all")
    quads: list[int] = Field(default_factory=list, description="quad classes 1-4; empty = all")
    kinds: list[str] = Field(default_factory=list, description="actor kinds; empty = all")
    hedges: list[str] = Field(default_factory=list, description="hedge values; empty = all")
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    include_negated: bool = False
    limit: int = Field(default=60, ge=1, le=MAX_NODES, description="top-N actors by activity")
    focus: str | None = Field(default=None, max_length=200, description="only ties of this actor and its neighbours")

    @field_validator("relations")
    @classmethod
    def _relations(cls, value: list[str]) -> list[str]:
        out = [v.strip().upper() for v in value if v.strip()]
        unknown = sorted(set(out) - set(RELATIONS))
        if unknown:
            raise ValueError(f"unknown relation(s) {unknown}; known: {sorted(RELATIONS)}")
        return sorted(set(out))

    @field_validator("quads")
    @classmethod
    def _quads(cls, value: list[int]) -> list[int]:
        bad = sorted(set(value) - {1, 2, 3, 4})
        if bad:
            raise ValueError(f"quad classes are 1-4, got {bad}")
        return sorted(set(value))

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, value: list[str]) -> list[str]:
        out = [v.strip().lower() for v in value if v.strip()]
        bad = sorted(set(out) - set(ACTOR_KINDS))
        if bad:
            raise ValueError(f"unknown actor kind(s) {bad}; known: {list(ACTOR_KINDS)}")
        return sorted(set(out))

    @field_validator("hedges")
    @classmethod
    def _hedges(cls, value: list[str]) -> list[str]:
        out = [v.strip().lower() for v in value if v.strip()]
        bad = sorted(set(out) - set(HEDGES))
        if bad:
            raise ValueError(f"unknown hedge(s) {bad}; known: {list(HEDGES)}")
        return sorted(set(out))

    @model_validator(mode="after")
    def _window(self) -> ViewFilters:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self

    def cache_key(self) -> str:
        """A string identifying these filters (without the node limit) for caching."""
        return self.model_dump_json(exclude={"limit", "focus"})


class StoreInfo(BaseModel):
    """What the store holds, for the header and the time slider."""

    documents: int
    assertions: int
    actors: int
    first_date: dt.date | None
    last_date: dt.date | None
    by_relation: dict[str, int]
    by_origin: dict[str, int]
    features: dict[str, bool] = Field(description="optional modules available: analysis, forecast, extract")


class Node(BaseModel):
    """An actor in a graph view."""

    id: str
    name: str
    kind: str | None
    activity: int = Field(description="filtered assertions naming the actor as source or target")
    degree: int
    bloc: int | None = None


class Edge(BaseModel):
    """The assertions from one actor to another in one relation family."""

    id: str
    source: str
    target: str
    family: EdgeFamily
    sign: int
    count: int
    weight: float = Field(description="sum of confidences")
    negated: int = Field(description="how many of the assertions are negated")
    relations: dict[str, int]
    first_seen: dt.date | None
    last_seen: dt.date | None


class GraphView(BaseModel):
    """A filtered top-N view of the actor graph."""

    filters: ViewFilters
    nodes: list[Node]
    edges: list[Edge]
    total_nodes: int = Field(description="actors matching the filters before the top-N cut")
    total_edges: int
    blocs_available: bool = False


class ActorHit(BaseModel):
    """One search result."""

    id: str
    name: str
    kind: str | None
    country: str | None = None
    matched: str = Field(description="the name or alias that matched")
    activity: int = 0


class Tie(BaseModel):
    """One row of an actor's ties."""

    source_id: str | None
    source_name: str | None
    relation: str
    mode: str | None
    target_id: str | None
    target_name: str | None
    count: int
    weight: float
    documents: int
    first_seen: dt.date | None
    last_seen: dt.date | None


class Counterpart(BaseModel):
    """A patron or client with the weight of the supporting assertions."""

    id: str
    name: str
    weight: float = Field(description="net sponsorship weight")
    relations: dict[str, float] = Field(description="weight by relation (AID, BACKS, COMMANDS)")


class DocumentInfo(BaseModel):
    """A stored document without its text."""

    id: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    assertions: int = 0


class TimelinePoint(BaseModel):
    """Cooperation and conflict of an actor in one period."""

    period: dt.date
    cooperation: int
    conflict: int
    goldstein: float = Field(description="mean Goldstein value of the period's assertions")


class Timeline(BaseModel):
    """An actor's cooperation/conflict over time (optionally only with one counterpart)."""

    actor: str
    name: str
    with_actor: str | None = None
    freq: str
    points: list[TimelinePoint]


class ActorDetail(BaseModel):
    """Everything the actor page shows."""

    id: str
    name: str
    kind: str | None
    country: str | None
    aliases: list[str]
    activity: int
    as_source: int
    as_target: int
    bloc: int | None = None
    bloc_members: list[str] = Field(default_factory=list)
    dependency_index: float | None = Field(default=None, description="share of support from the main patron")
    main_patron: str | None = None
    patrons: list[Counterpart]
    clients: list[Counterpart]
    ties: list[Tie]
    documents: list[DocumentInfo]
    timeline: Timeline


class EvidenceItem(Assertion):
    """An assertion record with the title, date and link of its document."""

    document: DocumentInfo | None = None


class Evidence(BaseModel):
    """The assertions behind an edge or a dyad."""

    source: str
    target: str
    relations: list[str]
    total: int
    items: list[EvidenceItem]


class CohesionPoint(BaseModel):
    """Cohesion of a set of actors in one period."""

    period: dt.date
    cohesion: float | None = Field(description="0 (divided) to 1 (every pair cooperates, no conflict)")
    density: float | None = Field(default=None, description="share of member pairs with net positive ties")
    cooperation: float = Field(description="cooperative weight among members")
    conflict: float = Field(description="hostile weight among members")
    assertions: int


class Cohesion(BaseModel):
    """Cohesion of a coalition over time."""

    actors: list[str]
    names: list[str]
    method: str
    points: list[CohesionPoint]


class Forecast(BaseModel):
    """The likeliest events between two actors within the horizon, with the model's hold-out calibration."""

    source: str
    target: str
    horizon_days: int
    cutoff: dt.date | None = None
    brier: float | None = Field(default=None, description="Brier score on the hold-out period")
    brier_base_rate: float | None = None
    rows: list[dict[str, Any]]


class ExtractRequest(BaseModel):
    """A pasted article."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=500)
    date: dt.date | None = None
    url: str | None = Field(default=None, max_length=2000)
    store: bool = False


class ExtractResult(BaseModel):
    """The assertions found in an article, and whether they were stored."""

    doc_id: str
    title: str | None
    date: dt.date | None
    assertions: list[Assertion]
    stored: bool
    stored_assertions: int = 0
