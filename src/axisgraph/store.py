"""The database: schema and queries for documents, actors, assertions and ingest runs.

SQLAlchemy Core, so that the embedded SQLite default and a PostgreSQL server
share one schema. Writes are idempotent: every assertion carries a key hash
with a unique index, and a document is stored with its assertions in one
transaction, so an interrupted ingest leaves no half-written document.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    case,
    create_engine,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from .records import ActorRef, Assertion, Document, Trigger

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("date", Date, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("path", Text),
    Column("text", Text, nullable=False),
    Column("meta", JSON),
    Column("n_assertions", Integer, nullable=False, default=0),
    Column("run_id", Integer),
    Column("ingested_at", DateTime(timezone=True)),
)

actors = Table(
    "actors", metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40)),
    Column("country", String(3)),
    Column("origin", String(40)),
)

assertions = Table(
    "assertions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(40), nullable=False, unique=True),
    Column("doc_id", String(200), ForeignKey("documents.id"), nullable=True),
    Column("doc_date", Date),
    Column("event_date", Date),
    Column("date", Date),
    Column("sentence", Text),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("source_id", String(200)),
    Column("source_text", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("relation", String(20), nullable=False),
    Column("mode", String(40)),
    Column("target_id", String(200)),
    Column("target_text", Text),
    Column("target_start", Integer),
    Column("target_end", Integer),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hedge", String(12), nullable=False, default="asserted"),
    Column("confidence", Float, nullable=False),
    Column("speaker_id", String(200)),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("trigger_text", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("quad", Integer),
    Column("cameo", String(8)),
    Column("origin", String(200), nullable=False, default="text"),
    Index("ix_assertions_doc", "doc_id"),
    Index("ix_assertions_dyad", "source_id", "target_id", "date"),
    # covering indexes: an actor's ties and a window's graph are answered from the index alone
    Index("ix_assertions_source_cover", "source_id", "date", "target_id", "relation", "mode", "negated",
          "confidence", "doc_id"),
    Index("ix_assertions_target_cover", "target_id", "date", "source_id", "relation", "mode", "negated",
          "confidence", "doc_id"),
    Index("ix_assertions_date_cover", "date", "source_id", "target_id", "relation", "mode", "negated", "hedge",
          "confidence", "quad"),
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(20), nullable=False),
    Column("command", Text),
    Column("documents_stored", Integer, default=0),
    Column("documents_skipped", Integer, default=0),
    Column("assertions_stored", Integer, default=0),
    Column("problems", JSON),
)

ASSERTION_COLUMNS = [c.name for c in assertions.columns]
_FRAME_COLUMNS = ["source_id", "source_text", "target_id", "target_text", "speaker_id", "speaker_text", "date",
                  "negated"]


@dataclass
class StoreSummary:
    """Counts of what a store holds."""

    documents: int
    assertions: int
    actors: int
    first_date: date | None
    last_date: date | None
    by_relation: dict[str, int]
    by_origin: dict[str, int]


def engine_for(url: str | Path) -> Engine:
    """An engine for a database URL or a SQLite file path (WAL mode, foreign keys, busy timeout)."""
    text = str(url)
    if "://" not in text:
        path = Path(text).expanduser()
        if path.parent and not path.parent.exists():
            raise FileNotFoundError(f"{path}: folder {path.parent} does not exist")
        text = f"sqlite:///{path}"
    engine = create_engine(text, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(conn: Any) -> None:
    """Start a real SQLite transaction, so that the reads of one transaction share one snapshot."""
    conn.exec_driver_sql("BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun explicitly (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def assertion_key(a: Assertion) -> str:
    """A stable hash identifying an assertion, the store's deduplication key."""
    return hashlib.sha1(json.dumps(a.key(), default=str).encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _span(ref: ActorRef | Trigger | None) -> tuple[int | None, int | None]:
    return (ref.span[0], ref.span[1]) if ref is not None else (None, None)


def assertion_row(a: Assertion) -> dict[str, Any]:
    """The assertions-table row of an assertion record."""
    s_start, s_end = _span(a.source)
    t_start, t_end = _span(a.target)
    sp_start, sp_end = _span(a.speaker)
    tr_start, tr_end = _span(a.trigger)
    return {
        "key": assertion_key(a), "doc_id": a.doc_id if a.origin == "text" else None,
        "doc_date": a.doc_date, "event_date": a.event_date, "date": a.event_date or a.doc_date,
        "sentence": a.sentence, "sentence_start": a.sentence_span[0], "sentence_end": a.sentence_span[1],
        "source_id": a.source.id, "source_text": a.source.text, "source_start": s_start, "source_end": s_end,
        "relation": a.relation, "mode": a.mode,
        "target_id": a.target.id if a.target else None, "target_text": a.target.text if a.target else None,
        "target_start": t_start, "target_end": t_end,
        "negated": a.negated, "hedge": a.hedge, "confidence": a.confidence,
        "speaker_id": a.speaker.id if a.speaker else None,
        "speaker_text": a.speaker.text if a.speaker else None, "speaker_start": sp_start, "speaker_end": sp_end,
        "trigger_text": a.trigger.text if a.trigger else None, "trigger_start": tr_start, "trigger_end": tr_end,
        "quad": a.quad, "cameo": a.cameo, "origin": a.origin,
    }


def _actor_ref(row: dict[str, Any], prefix: str, names: dict[str, dict[str, Any]]) -> ActorRef | None:
    text = row.get(f"{prefix}_text")
    actor_id = row.get(f"{prefix}_id")
    if text is None and actor_id is None:
        return None
    info = names.get(actor_id or "", {})
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    return ActorRef(id=actor_id, name=info.get("name"), kind=info.get("kind"), text=text or info.get("name") or "",
                    span=(start or 0, end or 0))


class Store:
    """A database of documents, actors and assertions (SQLite file or server URL)."""

    def __init__(self, url: str | Path = "axisgraph.db", create: bool = True) -> None:
        self.url = str(url)
        self.engine = engine_for(url)
        if create:
            from .migrations import upgrade

            upgrade(self.engine)
        postgres = self.engine.dialect.name == "postgresql"
        self._upsert = postgresql.insert if postgres else sqlite.insert
        self._reader = self.engine.execution_options(isolation_level="REPEATABLE READ") if postgres else self.engine

    def snapshot(self) -> Any:
        """A connection whose transaction sees one consistent state of the store (`with store.snapshot() as c`)."""
        return self._reader.begin()

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def begin_run(self, command: str = "") -> int:
        """Record the start of an ingest or import run; returns its id."""
        with self.engine.begin() as conn:
            result = conn.execute(ingest_runs.insert().values(started_at=_now(), status="running", command=command))
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, status: str, stored: int, skipped: int, n_assertions: int,
                   problems: Sequence[str] = ()) -> None:
        """Close a run with its counts."""
        with self.engine.begin() as conn:
            conn.execute(ingest_runs.update().where(ingest_runs.c.id == run_id).values(
                finished_at=_now(), status=status, documents_stored=stored, documents_skipped=skipped,
                assertions_stored=n_assertions, problems=list(problems)[:1000]))

    def known_documents(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.snapshot() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                found.update(conn.execute(select(documents.c.id).where(documents.c.id.in_(chunk))).scalars())
        return found

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()
        with self.snapshot() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                found.update(conn.execute(
                    select(documents.c.content_hash).where(documents.c.content_hash.in_(chunk))).scalars())
        return found

    def add_documents(self, batch: Sequence[tuple[Document, Sequence[Assertion]]],
                      actor_rows: Iterable[dict[str, Any]] = (), run_id: int | None = None) -> tuple[int, int]:
        """Store documents with their assertions in one transaction; returns (documents, assertions) added.

        Documents already stored (same id) are left as they are, with their assertions.
        """
        if not batch:
            return 0, 0
        unique = list({d.id: (d, a) for d, a in batch}.values())
        with self.engine.begin() as conn:
            self._write_actors(conn, actor_rows)
            stmt = (self._upsert(documents).on_conflict_do_nothing(index_elements=["id"])
                    .returning(documents.c.id))
            inserted = set(conn.execute(stmt, [
                {"id": d.id, "content_hash": d.content_hash, "date": d.date, "title": d.title, "url": d.url,
                 "source": d.source, "path": d.path, "text": d.text, "meta": d.metadata,
                 "n_assertions": len(found), "run_id": run_id, "ingested_at": _now()}
                for d, found in unique]).scalars())
            rows = [assertion_row(a) for d, found in unique if d.id in inserted for a in found]
            added = self._write_assertions(conn, rows)
        return len(inserted), added

    def add_assertions(self, records: Iterable[Assertion], actor_rows: Iterable[dict[str, Any]] = ()) -> int:
        """Store assertions that come without documents (imported event data); returns how many were new."""
        rows = [assertion_row(a) for a in records]
        with self.engine.begin() as conn:
            self._write_actors(conn, actor_rows)
            return self._write_assertions(conn, rows)

    def add_assertion_rows(self, rows: Sequence[dict[str, Any]], actor_rows: Iterable[dict[str, Any]] = ()
                           ) -> int:
        """Store ready-made assertion rows (bulk importers); returns how many were new."""
        with self.engine.begin() as conn:
            self._write_actors(conn, actor_rows)
            return self._write_assertions(conn, rows)

    def _write_assertions(self, conn: Any, rows: Sequence[dict[str, Any]]) -> int:
        if not rows:
            return 0
        total = 0
        for start in range(0, len(rows), 5000):
            stmt = (self._upsert(assertions).on_conflict_do_nothing(index_elements=["key"])
                    .returning(assertions.c.id))
            total += len(conn.execute(stmt, list(rows[start:start + 5000])).all())
        return total

    def _write_actors(self, conn: Any, rows: Iterable[dict[str, Any]]) -> None:
        rows = list({r["id"]: r for r in rows if r.get("id")}.values())
        if not rows:
            return
        for start in range(0, len(rows), 2000):
            stmt = self._upsert(actors).on_conflict_do_nothing(index_elements=["id"])
            conn.execute(stmt, rows[start:start + 2000])

    # -- reading -----------------------------------------------------------------------------

    def actor_names(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Stored actors by id (all, or only the given ids): name, kind, country."""
        query = select(actors)
        wanted = None if ids is None else sorted({i for i in ids if isinstance(i, str) and i})
        if wanted is not None and len(wanted) <= 5000:
            query = query.where(actors.c.id.in_(wanted))
        with self.snapshot() as conn:
            return {r.id: {"name": r.name, "kind": r.kind, "country": r.country} for r in conn.execute(query)}

    def summary(self) -> StoreSummary:
        """Counts of documents, assertions, actors, dates and relations."""
        with self.snapshot() as conn:
            n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            n_ass = conn.execute(select(func.count()).select_from(assertions)).scalar_one()
            n_act = conn.execute(select(func.count()).select_from(actors)).scalar_one()
            first, last = conn.execute(select(func.min(assertions.c.date), func.max(assertions.c.date))).one()
            by_rel = {r: n for r, n in conn.execute(
                select(assertions.c.relation, func.count()).group_by(assertions.c.relation))}
            prefix = func.substr(assertions.c.origin, 1, 40)
            by_origin = {o: n for o, n in conn.execute(select(prefix, func.count()).group_by(prefix))}
        return StoreSummary(n_docs, n_ass, n_act, first, last, by_rel, _origin_families(by_origin))

    def _window(self, since: date | None, until: date | None) -> list[Any]:
        conds = []
        if since is not None:
            conds.append(assertions.c.date >= since)
        if until is not None:
            conds.append(assertions.c.date <= until)
        return conds

    def actor_counts(self, since: date | None = None, until: date | None = None,
                     include_negated: bool = True) -> pd.DataFrame:
        """Actors seen as source or target with counts: id, name, kind, as_source, as_target, total."""
        conds = self._window(since, until)
        if not include_negated:
            conds.append(assertions.c.negated.is_(False))
        where = and_(*conds) if conds else None
        with self.snapshot() as conn:
            out: dict[str, dict[str, Any]] = {}
            for column, label in ((assertions.c.source_id, "as_source"), (assertions.c.target_id, "as_target")):
                query = select(column, func.count()).where(column.is_not(None)).group_by(column)
                if where is not None:
                    query = query.where(where)
                for actor_id, count in conn.execute(query):
                    out.setdefault(actor_id, {"as_source": 0, "as_target": 0})[label] = count
        names = self.actor_names()
        rows = [{"id": k, "name": names.get(k, {}).get("name", k), "kind": names.get(k, {}).get("kind"),
                 **v, "total": v["as_source"] + v["as_target"]} for k, v in out.items()]
        frame = pd.DataFrame(rows, columns=["id", "name", "kind", "as_source", "as_target", "total"])
        return frame.sort_values(["total", "id"], ascending=[False, True], ignore_index=True)

    def ties(self, actor_id: str, since: date | None = None, until: date | None = None,
             include_negated: bool = False) -> pd.DataFrame:
        """An actor's ties: one row per (source, relation, mode, target) with counts and first/last dates."""
        conds = self._window(since, until)
        conds.append(or_(assertions.c.source_id == actor_id, assertions.c.target_id == actor_id))
        conds += [assertions.c.source_id.is_not(None), assertions.c.target_id.is_not(None)]
        if not include_negated:
            conds.append(assertions.c.negated.is_(False))
        a = assertions.c
        query = (select(a.source_id, a.relation, a.mode, a.target_id, func.count().label("count"),
                        func.sum(a.confidence).label("weight"),
                        (func.count(func.distinct(a.doc_id))
                         + func.sum(case((a.doc_id.is_(None), 1), else_=0))).label("documents"),
                        func.min(a.date).label("first_seen"), func.max(a.date).label("last_seen"))
                 .where(and_(*conds))
                 .group_by(a.source_id, a.relation, a.mode, a.target_id))
        with self.snapshot() as conn:
            frame = pd.DataFrame.from_records([tuple(row) for row in conn.execute(query)],
                                              columns=["source_id", "relation", "mode", "target_id", "count",
                                                       "weight", "documents", "first_seen", "last_seen"])
        names = self.actor_names(set(frame["source_id"]) | set(frame["target_id"]))
        name_of = pd.Series({k: v["name"] for k, v in names.items()}, dtype=object)
        for position, prefix in ((1, "source"), (5, "target")):
            ids = frame[f"{prefix}_id"].astype(object)
            frame.insert(position, f"{prefix}_name", ids.map(name_of).fillna(ids))
        frame["weight"] = frame["weight"].astype(float).round(2)
        return frame.sort_values(["count", "weight"], ascending=False, ignore_index=True)

    def evidence(self, actor_a: str, actor_b: str, since: date | None = None, until: date | None = None,
                 relation: str | None = None, both_directions: bool = True, limit: int | None = None
                 ) -> list[Assertion]:
        """The assertions behind a dyad (both directions by default), newest first."""
        a = assertions.c
        pair = and_(a.source_id == actor_a, a.target_id == actor_b)
        if both_directions:
            pair = or_(pair, and_(a.source_id == actor_b, a.target_id == actor_a))
        conds = [pair, *self._window(since, until)]
        if relation:
            conds.append(a.relation == relation.upper())
        newest = select(a.id).where(and_(*conds)).order_by(a.date.desc(), a.id)
        if limit:
            newest = newest.limit(limit)
        query = select(assertions).where(a.id.in_(newest.scalar_subquery())).order_by(a.date.desc(), a.id)
        return list(self._records(query))

    def iter_assertions(self, since: date | None = None, until: date | None = None,
                        batch_size: int = 5000) -> Iterator[Assertion]:
        """Every stored assertion (in a window), as records, streamed."""
        conds = self._window(since, until)
        query = select(assertions).order_by(assertions.c.id)
        if conds:
            query = query.where(and_(*conds))
        yield from self._records(query, batch_size)

    def _records(self, query: Any, batch_size: int = 5000) -> Iterator[Assertion]:
        names = self.actor_names()
        with self.snapshot() as conn:
            result = conn.execution_options(stream_results=True).execute(query).mappings()
            for row in result:
                yield _row_to_assertion(dict(row), names)

    def assertions_frame(self, since: date | None = None, until: date | None = None,
                         actors_filter: Sequence[str] | None = None, relations: Sequence[str] | None = None,
                         include_negated: bool = True, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """Assertions as a DataFrame with actor names; `date` is the event date or else the document date.

        `columns` restricts the table columns read (ids, texts, date and negated are always read), which
        makes graph snapshots cheaper than reading sentences and spans too.
        """
        conds = self._window(since, until)
        if actors_filter:
            conds.append(or_(assertions.c.source_id.in_(actors_filter), assertions.c.target_id.in_(actors_filter)))
        if relations:
            conds.append(assertions.c.relation.in_([r.upper() for r in relations]))
        if not include_negated:
            conds.append(assertions.c.negated.is_(False))
        wanted = ASSERTION_COLUMNS if columns is None else list(dict.fromkeys([*_FRAME_COLUMNS, *columns]))
        query = select(*[assertions.c[name] for name in wanted])
        if conds:
            query = query.where(and_(*conds))
        with self.snapshot() as conn:
            frame = pd.read_sql(query, conn)
        names = self.actor_names(set(frame["source_id"].dropna()) | set(frame["target_id"].dropna())
                                 | set(frame["speaker_id"].dropna()))
        name_of = pd.Series({k: v["name"] for k, v in names.items()}, dtype=object)
        kind_of = pd.Series({k: v["kind"] for k, v in names.items()}, dtype=object)
        for prefix in ("source", "target", "speaker"):
            ids = frame[f"{prefix}_id"].astype(object)
            frame[f"{prefix}_name"] = ids.map(name_of).fillna(frame[f"{prefix}_text"].astype(object))
            if prefix != "speaker":
                frame[f"{prefix}_kind"] = ids.map(kind_of)
        frame["date"] = pd.to_datetime(frame["date"])
        frame["negated"] = frame["negated"].astype(bool)
        return frame

    def document(self, doc_id: str) -> Document | None:
        """A stored document by id."""
        with self.snapshot() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
        if row is None:
            return None
        return Document(id=row["id"], text=row["text"], date=row["date"], title=row["title"], url=row["url"],
                        source=row["source"], path=row["path"], metadata=row["meta"] or {})

    def runs(self) -> pd.DataFrame:
        """The ingest and import runs, newest first."""
        with self.snapshot() as conn:
            return pd.read_sql(select(ingest_runs).order_by(ingest_runs.c.id.desc()), conn)


def _row_to_assertion(row: dict[str, Any], names: dict[str, dict[str, Any]]) -> Assertion:
    trigger = None
    if row.get("trigger_text") is not None:
        trigger = Trigger(text=row["trigger_text"], span=(row["trigger_start"] or 0, row["trigger_end"] or 0))
    return Assertion(
        doc_id=row["doc_id"] or row["origin"], doc_date=row["doc_date"], event_date=row["event_date"],
        sentence=row["sentence"] or "", sentence_span=(row["sentence_start"] or 0, row["sentence_end"] or 0),
        source=_actor_ref(row, "source", names), relation=row["relation"], mode=row["mode"],
        target=_actor_ref(row, "target", names), negated=bool(row["negated"]), hedge=row["hedge"],
        confidence=row["confidence"], speaker=_actor_ref(row, "speaker", names), trigger=trigger,
        quad=row["quad"], cameo=row["cameo"], origin=row["origin"],
    )


def _origin_families(by_origin: dict[str, int]) -> dict[str, int]:
    """Group origins such as "icews18:train.txt:12" by their dataset prefix."""
    out: dict[str, int] = {}
    for origin, count in by_origin.items():
        family = str(origin).split(":", 1)[0]
        out[family] = out.get(family, 0) + count
    return out
