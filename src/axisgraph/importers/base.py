"""What every importer shares: assertion rows, the import report, and the chunked writer.

A format module turns its files into `Parsed` items, one per input row: the
assertion rows it yields, or why it was skipped by design, or why it is bad.
`run_import` writes the rows in chunks, counts everything, and keeps bad rows
with their file and line so that nothing is dropped silently.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..ontology import RELATIONS, tie_quad
from ..store import Store, actors, assertions
from .actors import ActorResolver, ResolvedActor

CHUNK_ROWS = 5000
MAX_BAD_KEPT = 1000


@dataclass(slots=True)
class Parsed:
    """One input row: its assertion rows, or a by-design skip reason, or a bad-row reason."""

    file: str
    line: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    skip: str | None = None
    bad: str | None = None
    size: int = 0


@dataclass(frozen=True, slots=True)
class BadRow:
    """A malformed input row: where it is and what is wrong with it."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ImportReport:
    """Counts of one import: rows read, assertions built and stored, skips by reason, bad rows."""

    dataset: str
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    assertions_built: int = 0
    assertions_stored: int = 0
    actors_seen: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bad_count: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    seconds: float = 0.0
    replaced: int = 0

    @property
    def duplicates(self) -> int:
        """Assertions built but already stored (re-imports add nothing)."""
        return self.assertions_built - self.assertions_stored

    def add_bad(self, bad: BadRow) -> None:
        """Count a bad row and keep the first ones for the report."""
        self.bad_count += 1
        if len(self.bad_rows) < MAX_BAD_KEPT:
            self.bad_rows.append(bad)

    def problems(self) -> list[str]:
        """Bad rows as "file:line: reason" strings (the first ones kept)."""
        return [str(b) for b in self.bad_rows]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {"dataset": self.dataset, "files": self.files, "rows_read": self.rows_read,
                "assertions_built": self.assertions_built, "assertions_stored": self.assertions_stored,
                "duplicates": self.duplicates, "actors_seen": self.actors_seen,
                "replaced": self.replaced, "skipped": dict(self.skipped), "bad_rows": self.bad_count,
                "problems": self.problems(),
                "seconds": round(self.seconds, 2)}


@dataclass
class ImportContext:
    """What a format's parser needs: the actor resolver, the dataset name and the target store."""

    resolver: ActorResolver
    dataset: str
    store: Store | None = None
    options: dict[str, Any] = field(default_factory=dict)


def row_key(origin: str, source: str, relation: str, mode: str | None, target: str | None) -> str:
    """The store key of an imported row, equal to `store.assertion_key` of the record read back."""
    o, s, r, m = json.dumps(origin), _json(source), _json(relation), _json(mode)
    t0, t = ("0", _json(target)) if target is not None else ("null", "null")
    return hashlib.sha1(f"[{o}, 0, 0, {s}, {r}, {m}, {t0}, {t}, {o}]".encode()).hexdigest()


@lru_cache(maxsize=200_000)
def _json_cached(text: str) -> str:
    return json.dumps(text)


def _json(value: str | None) -> str:
    return "null" if value is None else _json_cached(value)


def event_row(origin: str, day: date | None, source: ResolvedActor, relation: str, mode: str | None,
              target: ResolvedActor | None, sentence: str, cameo: str | None = None,
              confidence: float = 1.0, hedge: str = "asserted", negated: bool = False,
              source_text: str | None = None, target_text: str | None = None) -> dict[str, Any]:
    """An assertions-table row for one coded event (no document, no spans)."""
    src_text = source_text or source.name
    tgt_text = (target_text or target.name) if target is not None else None
    return {
        "key": row_key(origin, source.id, relation, mode, target.id if target is not None else None),
        "doc_id": None, "doc_date": None, "event_date": day, "date": day,
        "sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence),
        "source_id": source.id, "source_text": src_text, "source_start": None, "source_end": None,
        "relation": relation, "mode": mode,
        "target_id": target.id if target is not None else None, "target_text": tgt_text,
        "target_start": None, "target_end": None,
        "negated": negated, "hedge": hedge, "confidence": confidence,
        "speaker_id": None, "speaker_text": None, "speaker_start": None, "speaker_end": None,
        "trigger_text": None, "trigger_start": None, "trigger_end": None,
        "quad": tie_quad(relation) if relation in RELATIONS else None, "cameo": cameo, "origin": origin,
    }


def guarded(file: str, line: int, size: int, build: Callable[[], Parsed]) -> Parsed:
    """Parse one row, turning an unexpected error into a bad row so that the rest still imports."""
    try:
        return build()
    except Exception as exc:  # a malformed row must never abort the import
        return Parsed(file, line, bad=f"unreadable row ({type(exc).__name__}: {exc})"[:300], size=size)


def parse_date(text: str) -> date:
    """Parse a date as event datasets write it: 2018-03-01, 20180301, 2018/03/01, 01 March 2018, 2018-03-01T…."""
    value = text.strip().strip('"')
    if not value:
        raise ValueError("empty date")
    if len(value) == 8 and value.isdigit():
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    if len(value) >= 10 and value[4] in "-/" and value[:4].isdigit():
        return date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    for fmt in ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%B %d, %Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable date {value!r}")


def counted_lines(handle: Iterable[str], sizes: list[int]) -> Iterator[str]:
    """Yield lines while adding their lengths to sizes[0] (progress for readers such as csv)."""
    for line in handle:
        sizes[0] += len(line)
        yield line


def run_import(store: Store, items: Iterable[Parsed], report: ImportReport, resolver: ActorResolver,
               progress: Callable[[int], None] | None = None, chunk_rows: int = CHUNK_ROWS) -> ImportReport:
    """Write the rows of parsed items in chunks, counting reads, skips, bad rows and new assertions."""
    started = time.perf_counter()
    pending: list[dict[str, Any]] = []
    actor_ids: set[str] = set()
    for item in items:
        report.rows_read += 1
        if item.bad is not None:
            report.add_bad(BadRow(item.file, item.line, item.bad))
        elif item.skip is not None:
            report.skipped[item.skip] += 1
        else:
            pending.extend(item.rows)
            report.assertions_built += len(item.rows)
        if progress is not None and item.size:
            progress(item.size)
        if len(pending) >= chunk_rows:
            report.assertions_stored += _flush(store, pending, resolver, actor_ids)
            pending = []
    report.assertions_stored += _flush(store, pending, resolver, actor_ids)
    report.actors_seen = len(actor_ids)
    report.seconds += time.perf_counter() - started
    return report


def _flush(store: Store, rows: list[dict[str, Any]], resolver: ActorResolver, actor_ids: set[str]) -> int:
    actor_rows = resolver.take_new_rows()
    actor_ids.update(r["id"] for r in actor_rows)
    if not rows and not actor_rows:
        return 0
    return write_rows(store, _unique(rows), actor_rows)


_COLUMNS = [c.name for c in assertions.columns if c.name != "id"]
_SQLITE_INSERT = str(sqlite_dialect.insert(assertions).values({c: None for c in _COLUMNS})
                     .on_conflict_do_nothing(index_elements=["key"]).compile(dialect=sqlite_dialect.dialect()))


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def write_rows(store: Store, rows: list[dict[str, Any]], actor_rows: list[dict[str, Any]]) -> int:
    """Store assertion rows and their actors in one transaction; returns how many rows were new.

    On SQLite the rows go straight to the driver's executemany (several times faster than
    a Core insert for bulk imports); other databases use `Store.add_assertion_rows`.
    """
    if store.engine.dialect.name != "sqlite":
        return store.add_assertion_rows(rows, actor_rows)
    unique_actors = list({r["id"]: r for r in actor_rows}.values())
    with store.engine.begin() as conn:
        if unique_actors:
            conn.execute(sqlite_insert(actors).on_conflict_do_nothing(index_elements=["id"]), unique_actors)
        if not rows:
            return 0
        values = [tuple(_sqlite_value(row[c]) for c in _COLUMNS) for row in rows]
        return conn.exec_driver_sql(_SQLITE_INSERT, values).rowcount or 0


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop rows repeating a key within one chunk (the same event listed twice in a file)."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row["key"] not in seen:
            seen.add(row["key"])
            out.append(row)
    return out


def header_records(path: Path, delimiter: str = "\t", quoting: int = csv.QUOTE_NONE
                   ) -> Iterator[tuple[int, dict[str, str] | None, str | None, int]]:
    """Stream a delimited file with a header: (line, record or None, problem or None, size consumed).

    Empty trailing columns (a stray tab at line ends, as in some POLECAT files) are ignored;
    a row whose field count still differs from the header's is returned as a problem, not a record.
    """
    sizes = [0]
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(counted_lines(handle, sizes), delimiter=delimiter, quoting=quoting)
        try:
            header = [h.strip().lstrip("\ufeff") for h in next(reader)]
        except StopIteration:
            return
        while header and not header[-1]:
            header.pop()
        consumed = sizes[0]
        last_line = reader.line_num
        for fields in reader:
            start, last_line = last_line + 1, reader.line_num
            size, consumed = sizes[0] - consumed, sizes[0]
            if not fields or fields == [""]:
                continue
            if len(fields) > len(header) and not any(f.strip() for f in fields[len(header):]):
                fields = fields[:len(header)]
            if len(fields) != len(header):
                yield start, None, f"expected {len(header)} fields, found {len(fields)}", size
                continue
            yield start, dict(zip(header, fields, strict=True)), None, size


def file_list(path: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """A file itself, or the files of a folder with one of these suffixes, sorted."""
    if path.is_file():
        return [path]
    found = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(suffixes))
    if not found:
        raise FileNotFoundError(f"{path}: no {' or '.join(suffixes)} files found")
    return found


def header_file_rows(file: Path, ctx: Any, parse_record: Callable[..., Parsed]) -> Iterator[Parsed]:
    """Rows of a tab-separated file with a header, each parsed by `parse_record(file, line, record, size, ctx)`."""
    for line, record, problem, size in header_records(file):
        if record is None:
            yield Parsed(file.name, line, bad=problem, size=size)
        else:
            yield guarded(file.name, line, size, partial(parse_record, file.name, line, record, size, ctx))
