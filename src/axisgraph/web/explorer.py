"""The queries behind every web view: graph view, search, actor page, evidence, timelines.

Both the JSON API and the page call these functions, so a notebook using the
API sees exactly what the page shows. Aggregation happens in SQL and the
aggregated ties of a filter set are cached per store version, so moving the
node limit or opening an actor does not re-scan the assertions.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import and_, func, or_, select

from ..ontology import RELATIONS
from ..store import Store, actors, assertions, documents
from . import features
from .index import FAMILIES, AssertionIndex, as_date, relation_family
from .models import (
    ActorDetail,
    ActorHit,
    Cohesion,
    CohesionPoint,
    Counterpart,
    DocumentInfo,
    Edge,
    Evidence,
    EvidenceItem,
    Forecast,
    GraphView,
    Node,
    StoreInfo,
    Tie,
    Timeline,
    TimelinePoint,
    ViewFilters,
)

SUPPORT_RELATIONS = ("BACKS", "COMMANDS", "AID")
FREQS = {"W": "W-MON", "M": "MS", "Q": "QS", "Y": "YS"}
DEFAULT_BLOC_VIEW = 60
TIE_COLUMNS = ["source_id", "source_name", "relation", "mode", "target_id", "target_name", "count", "weight",
               "documents", "first_seen", "last_seen"]
log = logging.getLogger(__name__)
FAMILY_SIGN = {"sponsorship": 1, "command": 1, "cooperation": 1, "hostility": -1}
FAMILY_OF = {name: relation_family(name) for name in RELATIONS}


class NotFound(LookupError):
    """An actor, document or dyad the store does not hold."""


@dataclass
class _Aggregate:
    """The filtered assertions of one filter set: the mask, edges by (source, target, family), actor ranking."""

    keep: np.ndarray
    edges: pd.DataFrame
    activity: np.ndarray
    ranked: np.ndarray
    views: dict[tuple[int, str | None], GraphView] = field(default_factory=dict)


class Explorer:
    """Read-side queries over a store, with a small cache of aggregated ties."""

    def __init__(self, store: Store, cache_size: int = 16) -> None:
        self.store = store
        self._cache: OrderedDict[tuple[Any, str], _Aggregate] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._info: tuple[Any, StoreInfo] | None = None
        self._names: tuple[Any, dict[str, dict[str, Any]]] | None = None
        self._index: tuple[Any, AssertionIndex, dict[str, int]] | None = None

    # -- store state ---------------------------------------------------------------------------

    def version(self) -> tuple[Any, ...]:
        """Changes whenever assertions or actors are added (cache key; the store only appends)."""
        with self.store.engine.connect() as conn:
            last = conn.execute(select(func.max(assertions.c.id))).scalar_one()
            n = conn.execute(select(func.count()).select_from(actors)).scalar_one()
            docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        return (last, n, docs)

    def names(self) -> dict[str, dict[str, Any]]:
        """Stored actors by id (cached per store version)."""
        version = self.version()
        if self._names is None or self._names[0] != version:
            self._names = (version, self.store.actor_names())
        return self._names[1]

    def info(self) -> StoreInfo:
        """Counts and date range of the store, and which optional features are present."""
        version = self.version()
        if self._info is not None and self._info[0] == version:
            return self._info[1].model_copy(update={"features": features.available()})
        s = self.store.summary()
        info = StoreInfo(documents=s.documents, assertions=s.assertions, actors=s.actors,
                         first_date=s.first_date, last_date=s.last_date, by_relation=s.by_relation,
                         by_origin=s.by_origin, features=features.available())
        self._info = (version, info)
        return info

    # -- graph view ----------------------------------------------------------------------------

    def index(self) -> tuple[AssertionIndex, dict[str, int]]:
        """The assertion index of the current store version and its actor-code lookup (built once per version)."""
        _, index, codes = self._current()
        return index, codes

    def _current(self) -> tuple[Any, AssertionIndex, dict[str, int]]:
        """Version, index and code lookup as one consistent triple (the store may grow between calls)."""
        version = self.version()
        with self._index_lock:
            if self._index is None or self._index[0] != version:
                index = AssertionIndex.load(self.store)
                self._index = (version, index, {a: i for i, a in enumerate(index.actors)})
            return self._index

    def _aggregate(self, f: ViewFilters, current: tuple[Any, AssertionIndex, dict[str, int]]) -> _Aggregate:
        version, index, _ = current
        key = (version, f.cache_key())
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        allowed = None
        if f.kinds:
            names = self.names()
            allowed = np.array([names.get(a, {}).get("kind") in f.kinds for a in index.actors], dtype=bool)
        keep = index.mask(f, allowed)
        edges = index.edges(keep)
        activity = (np.bincount(edges["s"], weights=edges["count"], minlength=len(index.actors))
                    + np.bincount(edges["t"], weights=edges["count"], minlength=len(index.actors))).astype(np.int64)
        active = np.flatnonzero(activity)
        ranked = active[np.lexsort((index.actors[active].astype(str), -activity[active]))]
        agg = _Aggregate(keep, edges, activity, ranked)
        with self._lock:
            self._cache[key] = agg
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return agg

    def view(self, f: ViewFilters) -> GraphView:
        """The top-N actors by activity under the filters, with the ties among them."""
        current = self._current()
        _, index, codes = current
        agg = self._aggregate(f, current)
        cached = agg.views.get((f.limit, f.focus))
        if cached is not None:
            return cached.model_copy(update={"filters": f})
        edges, ranked = agg.edges, agg.ranked
        if f.focus:
            code = codes.get(f.focus, -1)
            if code < 0 or agg.activity[code] == 0:
                raise NotFound(f"actor {f.focus!r} has no ties under these filters")
            near = edges[(edges["s"] == code) | (edges["t"] == code)]
            around = np.union1d(near["s"].to_numpy(), near["t"].to_numpy())
            ranked = ranked[np.isin(ranked, around)]
            chosen = ranked[:f.limit]
            if code not in chosen:
                chosen = np.r_[code, chosen[:-1]]
        else:
            chosen = ranked[:f.limit]
        shown = edges[np.isin(edges["s"], chosen) & np.isin(edges["t"], chosen)].head(max(300, 8 * f.limit))
        degree = np.bincount(np.r_[shown["s"].to_numpy(), shown["t"].to_numpy()], minlength=len(index.actors))
        relations = index.relation_counts(agg.keep, shown)
        names = self.names()
        nodes = []
        for code in chosen:
            actor_id = str(index.actors[code])
            info = names.get(actor_id, {})
            nodes.append(Node(id=actor_id, name=info.get("name") or actor_id, kind=info.get("kind"),
                              activity=int(agg.activity[code]), degree=int(degree[code])))
        edge_models = [_edge(row, index.actors, relations) for row in shown.itertuples(index=False)]
        blocs = features.blocs([n.id for n in nodes], [(e.source, e.target, e.sign * e.weight) for e in edge_models])
        if blocs is not None:
            for node in nodes:
                node.bloc = blocs.get(node.id)
        view = GraphView(filters=f, nodes=nodes, edges=edge_models, total_nodes=len(agg.ranked),
                         total_edges=len(edges), blocs_available=blocs is not None)
        agg.views[(f.limit, f.focus)] = view
        return view

    # -- search --------------------------------------------------------------------------------

    def search(self, q: str, limit: int = 20) -> list[ActorHit]:
        """Actors whose name or alias contains `q`, exact and prefix matches first, then by activity."""
        needle = " ".join(q.split()).lower()
        if not needle:
            return []
        names = self.names()
        hits: dict[str, str] = {}
        with self.store.engine.connect() as conn:
            pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for actor_id, name in conn.execute(
                    select(actors.c.id, actors.c.name).where(
                        or_(func.lower(actors.c.name).like(pattern, escape="\\"),
                            func.lower(actors.c.id).like(pattern, escape="\\"))).limit(2000)):
                hits[actor_id] = name
        for actor_id, alias in features.alias_matches(needle):
            if actor_id in names and actor_id not in hits:
                hits[actor_id] = alias
        counts = self._activity_all()
        rows = [ActorHit(id=i, name=names.get(i, {}).get("name") or i, kind=names.get(i, {}).get("kind"),
                         country=names.get(i, {}).get("country"), matched=m, activity=int(counts.get(i, 0)))
                for i, m in hits.items()]

        def rank(hit: ActorHit) -> tuple[int, int, str]:
            text = hit.matched.lower()
            closeness = 0 if text == needle or hit.id == needle else 1 if text.startswith(needle) else 2
            return (closeness, -hit.activity, hit.name.lower())

        return sorted(rows, key=rank)[:limit]

    def _activity_all(self) -> dict[str, int]:
        current = self._current()
        index = current[1]
        activity = self._aggregate(ViewFilters(), current).activity
        return {str(index.actors[c]): int(activity[c]) for c in np.flatnonzero(activity)}

    # -- actor page ----------------------------------------------------------------------------

    def actor(self, actor_id: str, since: dt.date | None = None, until: dt.date | None = None,
              include_negated: bool = False, freq: str = "M") -> ActorDetail:
        """The actor page: identity, counts, ties, patrons and clients, bloc, timeline, documents."""
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {sorted(FREQS)}")
        names = self.names()
        info = names.get(actor_id)
        frame = self.store.assertions_frame(since=since, until=until, actors_filter=[actor_id])
        if info is None and frame.empty and not self._mentioned(actor_id):
            raise NotFound(f"no actor {actor_id!r} in this store")
        info = info or {"name": actor_id, "kind": None, "country": None}
        shown = frame if include_negated else frame[~frame["negated"]]
        counts = (int((shown["source_id"] == actor_id).sum()), int((shown["target_id"] == actor_id).sum()))
        ties = _ties(shown)
        found = features.patronage(frame, actor_id)
        if found is not None:
            patrons = [_counterpart(r, "patron", names) for r in found[0] if r["weight"] > 0]
            clients = [_counterpart(r, "client", names) for r in found[1] if r["weight"] > 0]
        else:
            patrons, clients = _patrons_clients(ties, actor_id, names)
        dependency = features.dependency(frame, actor_id)
        bloc, members = self._bloc_of(actor_id, since, until)
        dated = frame[~frame["negated"] & frame["date"].notna()]
        timeline = Timeline(actor=actor_id, name=info.get("name") or actor_id, freq=freq,
                            points=_periods(dated[["date", "relation"]], freq))
        return ActorDetail(
            id=actor_id, name=info.get("name") or actor_id, kind=info.get("kind"), country=info.get("country"),
            aliases=features.aliases(actor_id), activity=sum(counts), as_source=counts[0], as_target=counts[1],
            bloc=bloc, bloc_members=members,
            dependency_index=dependency[0] if dependency else None, main_patron=dependency[1] if dependency else None,
            patrons=patrons, clients=clients, ties=[_tie(r) for r in ties.head(100).to_dict("records")],
            documents=self.documents_of(actor_id, since, until), timeline=timeline,
        )

    def _mentioned(self, actor_id: str) -> bool:
        a = assertions.c
        with self.store.engine.connect() as conn:
            return conn.execute(select(a.id).where(or_(a.source_id == actor_id, a.target_id == actor_id)
                                                   ).limit(1)).first() is not None

    def _bloc_of(self, actor_id: str, since: dt.date | None, until: dt.date | None) -> tuple[int | None, list[str]]:
        view = self.view(ViewFilters(since=since, until=until, limit=DEFAULT_BLOC_VIEW))
        bloc = next((n.bloc for n in view.nodes if n.id == actor_id), None)
        if bloc is None:
            return None, []
        return bloc, [n.id for n in view.nodes if n.bloc == bloc and n.id != actor_id]

    def documents_of(self, actor_id: str, since: dt.date | None = None, until: dt.date | None = None,
                     limit: int = 50) -> list[DocumentInfo]:
        """The stored documents whose assertions name the actor, newest first."""
        a, d = assertions.c, documents.c
        conds = [or_(a.source_id == actor_id, a.target_id == actor_id), a.doc_id.is_not(None),
                 *_window(since, until)]
        query = (select(d.id, d.title, d.date, d.url, d.source, func.count().label("n"))
                 .select_from(assertions.join(documents, a.doc_id == d.id))
                 .where(and_(*conds)).group_by(d.id, d.title, d.date, d.url, d.source)
                 .order_by(d.date.desc(), d.id).limit(limit))
        with self.store.engine.connect() as conn:
            return [DocumentInfo(id=r.id, title=r.title, date=r.date, url=r.url, source=r.source, assertions=r.n)
                    for r in conn.execute(query)]

    def document(self, doc_id: str) -> dict[str, Any]:
        """A stored document with its text and the number of its assertions."""
        doc = self.store.document(doc_id)
        if doc is None:
            raise NotFound(f"no document {doc_id!r} in this store")
        with self.store.engine.connect() as conn:
            n = conn.execute(select(func.count()).where(assertions.c.doc_id == doc_id)).scalar_one()
        return {"id": doc.id, "title": doc.title, "date": doc.date, "url": doc.url, "source": doc.source,
                "text": doc.text, "assertions": n}

    # -- timelines -----------------------------------------------------------------------------

    def timeline(self, actor_id: str, with_actor: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, freq: str = "M") -> Timeline:
        """Counts of cooperative and hostile assertions naming an actor, per period."""
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {sorted(FREQS)}")
        a = assertions.c
        if with_actor:
            pair = or_(and_(a.source_id == actor_id, a.target_id == with_actor),
                       and_(a.source_id == with_actor, a.target_id == actor_id))
        else:
            pair = or_(a.source_id == actor_id, a.target_id == actor_id)
        query = select(a.date, a.relation).where(and_(pair, a.negated.is_(False), a.date.is_not(None),
                                                      *_window(since, until)))
        with self.store.engine.connect() as conn:
            frame = pd.DataFrame(conn.execute(query).all(), columns=["date", "relation"])
        names = self.names()
        return Timeline(actor=actor_id, name=names.get(actor_id, {}).get("name") or actor_id, with_actor=with_actor,
                        freq=freq, points=_periods(frame, freq))

    # -- evidence ------------------------------------------------------------------------------

    def evidence(self, source: str, target: str, relations: list[str] | None = None,
                 f: ViewFilters | None = None, both_directions: bool = False, offset: int = 0,
                 limit: int = 50) -> Evidence:
        """Every assertion behind an edge (source -> target, optionally both ways) under the filters."""
        f = f or ViewFilters(include_negated=True)
        wanted = set(relations or ())
        records = self.store.evidence(source, target, f.since, f.until, both_directions=both_directions)
        kept = [r for r in records
                if (not wanted or r.relation in wanted)
                and (f.include_negated or not r.negated)
                and (not f.hedges or r.hedge in f.hedges)
                and r.confidence >= f.min_confidence]
        page = kept[offset:offset + limit]
        docs = self._document_infos({r.doc_id for r in page if r.origin == "text"})
        items = [EvidenceItem(**r.model_dump(), document=docs.get(r.doc_id)) for r in page]
        return Evidence(source=source, target=target, relations=sorted(wanted), total=len(kept), items=items)

    def _document_infos(self, ids: set[str]) -> dict[str, DocumentInfo]:
        if not ids:
            return {}
        d = documents.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(d.id, d.title, d.date, d.url, d.source, d.n_assertions)
                                .where(d.id.in_(sorted(ids))))
            return {r.id: DocumentInfo(id=r.id, title=r.title, date=r.date, url=r.url, source=r.source,
                                       assertions=r.n_assertions or 0) for r in rows}

    # -- coalitions and forecasts -------------------------------------------------------------

    def cohesion(self, members: list[str], since: dt.date | None = None, until: dt.date | None = None,
                 freq: str = "M") -> Cohesion:
        """Per period, how cohesive the members are: the analysis module's measure, else the cooperative share."""
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {sorted(FREQS)}")
        names = self.names()
        labels = [names.get(m, {}).get("name") or m for m in members]
        frame = self.store.assertions_frame(since=since, until=until, actors_filter=members)
        table = features.cohesion(frame, members, freq) if not frame.empty else None
        if table is not None:
            points = [CohesionPoint(period=_as_date(r["period"]), cohesion=_number(r["cohesion"]),
                                    density=_number(r["density"]), cooperation=float(r["cooperation"]),
                                    conflict=float(r["conflict"]), assertions=int(r["assertions"]))
                      for r in table.to_dict("records")]
            return Cohesion(actors=members, names=labels, method="density × cooperation / (cooperation + conflict) "
                            "of the assertions among members (axisgraph.analysis.cohesion)", points=points)
        inside = frame[frame["source_id"].isin(members) & frame["target_id"].isin(members)
                       & (frame["source_id"] != frame["target_id"]) & ~frame["negated"]]
        points = [CohesionPoint(period=p.period, cooperation=p.cooperation, conflict=p.conflict,
                                assertions=p.cooperation + p.conflict,
                                cohesion=round(p.cooperation / (p.cooperation + p.conflict), 3)
                                if p.cooperation + p.conflict else None)
                  for p in _periods(inside[["date", "relation"]].dropna(), freq)]
        return Cohesion(actors=members, names=labels, method="cooperative share of the assertions among members",
                        points=points)

    def forecast(self, source: str, target: str, horizon_days: int) -> Forecast:
        """The forecasting module's outlook for a dyad, trained on every assertion naming either actor."""
        frame = self.store.assertions_frame(actors_filter=[source, target])
        missing = [x for x in (source, target) if not ((frame["source_id"] == x) | (frame["target_id"] == x)).any()]
        if missing:
            raise NotFound(f"no assertions name {missing}")
        try:
            result = features.forecast(frame, horizon_days, (source, target))
        except features.Unavailable:
            raise
        except Exception as exc:  # the forecaster's own failure on sparse data is reported, not a server error
            log.warning("forecast %s-%s failed: %r", source, target, exc)
            raise ValueError(f"cannot forecast this dyad from its {len(frame)} assertions ({type(exc).__name__})"
                             ) from exc
        rows = [{k: _jsonable(v) for k, v in row.items()} for row in result.forecasts.to_dict("records")]
        return Forecast(source=source, target=target, horizon_days=horizon_days, cutoff=_as_date(result.cutoff),
                        brier=_number(result.brier), brier_base_rate=_number(result.brier_base_rate), rows=rows)


def _window(since: dt.date | None, until: dt.date | None) -> list[Any]:
    conds = []
    if since:
        conds.append(assertions.c.date >= since)
    if until:
        conds.append(assertions.c.date <= until)
    return conds


def _edge(row: Any, actor_ids: np.ndarray, relations: dict[tuple[int, int, int], dict[str, int]]) -> Edge:
    source, target, family = str(actor_ids[row.s]), str(actor_ids[row.t]), FAMILIES[row.f]
    return Edge(id=f"{source}|{target}|{family}", source=source, target=target, family=family,
                sign=FAMILY_SIGN[family], count=int(row.count), weight=round(float(row.weight), 3),
                negated=int(row.negated), relations=relations.get((int(row.s), int(row.t), int(row.f)), {}),
                first_seen=as_date(row.first), last_seen=as_date(row.last))


def _as_date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, str | dt.date) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _number(value: Any) -> float | None:
    """A finite float, or None for missing and NaN values."""
    if value is None:
        return None
    number = float(value)
    return round(number, 4) if math.isfinite(number) else None


def _jsonable(value: Any) -> Any:
    """Plain JSON values from pandas and numpy scalars, lists and dicts."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return _number(value)
    return value


def _ties(frame: pd.DataFrame) -> pd.DataFrame:
    """An actor's ties from its assertions: one row per (source, relation, mode, target), strongest first."""
    if frame.empty:
        return pd.DataFrame(columns=TIE_COLUMNS)
    keys = ["source_id", "relation", "mode", "target_id"]
    data = frame.assign(mode=frame["mode"].fillna(""), target_id=frame["target_id"].fillna(""),
                        source_id=frame["source_id"].fillna(""), doc=frame["doc_id"].fillna(frame["origin"]))
    out = data.groupby(keys, sort=False).agg(
        source_name=("source_name", "first"), target_name=("target_name", "first"), count=("relation", "size"),
        weight=("confidence", "sum"), documents=("doc", "nunique"), first_seen=("date", "min"),
        last_seen=("date", "max")).reset_index()
    for column in ("mode", "target_id", "source_id"):
        out[column] = out[column].replace("", None)
    out["weight"] = out["weight"].astype(float).round(2)
    return out[TIE_COLUMNS].sort_values(["count", "weight"], ascending=False, ignore_index=True)


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _tie(row: dict[str, Any]) -> Tie:
    row = {k: _text(row[k]) for k in ("source_id", "source_name", "mode", "target_id", "target_name")} | {
        k: row[k] for k in ("relation", "count", "weight", "documents", "first_seen", "last_seen")}
    return Tie(source_id=row["source_id"], source_name=row["source_name"], relation=row["relation"],
               mode=row["mode"], target_id=row["target_id"], target_name=row["target_name"], count=int(row["count"]),
               weight=float(row["weight"]), documents=int(row["documents"]),
               first_seen=_as_date(row["first_seen"]), last_seen=_as_date(row["last_seen"]))


def _counterpart(row: dict[str, Any], role: str, names: dict[str, dict[str, Any]]) -> Counterpart:
    """A patron or client row of the patronage analysis as a counterpart."""
    other = str(row[f"{role}_id"])
    rels = {rel.upper(): round(float(row[rel]), 3) for rel in ("aid", "backs", "commands") if row.get(rel)}
    return Counterpart(id=other, name=names.get(other, {}).get("name") or str(row.get(f"{role}_name") or other),
                       weight=round(float(row["weight"]), 3), relations=rels)


def _patrons_clients(ties: pd.DataFrame, actor_id: str, names: dict[str, dict[str, Any]]
                     ) -> tuple[list[Counterpart], list[Counterpart]]:
    """Who sponsors or commands the actor (patrons) and whom it sponsors or commands (clients)."""
    support = ties[ties["relation"].isin(SUPPORT_RELATIONS)]

    def collect(frame: pd.DataFrame, column: str) -> list[Counterpart]:
        out = []
        for other, group in frame.groupby(column):
            if not other or other == actor_id:
                continue
            rels = group.groupby("relation")["weight"].sum().round(3).to_dict()
            out.append(Counterpart(id=other, name=names.get(other, {}).get("name") or other,
                                   weight=round(float(group["weight"].sum()), 3), relations=rels))
        return sorted(out, key=lambda c: (-c.weight, c.id))

    return (collect(support[support["target_id"] == actor_id], "source_id"),
            collect(support[support["source_id"] == actor_id], "target_id"))


SIGN = {name: r.sign for name, r in RELATIONS.items()}
GOLDSTEIN = {name: r.goldstein for name, r in RELATIONS.items()}


def _periods(frame: pd.DataFrame, freq: str) -> list[TimelinePoint]:
    """Per-period cooperation, conflict and mean Goldstein value (empty periods included)."""
    if frame.empty:
        return []
    sign = frame["relation"].map(SIGN)
    data = pd.DataFrame({"coop": (sign > 0).astype(int), "conflict": (sign < 0).astype(int),
                         "goldstein": frame["relation"].map(GOLDSTEIN).astype(float)})
    data.index = pd.DatetimeIndex(pd.to_datetime(frame["date"]))
    grouped = data.resample(FREQS[freq]).agg({"coop": "sum", "conflict": "sum", "goldstein": "mean"})
    return [TimelinePoint(period=p.date(), cooperation=int(r.coop), conflict=int(r.conflict),
                          goldstein=round(float(r.goldstein), 2) if pd.notna(r.goldstein) else 0.0)
            for p, r in zip(grouped.index, grouped.itertuples(index=False), strict=True)]
