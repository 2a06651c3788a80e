"""Distributed ingest on Dask: workers extract partitions of the input to Parquet, the client loads the store.

For corpora beyond one machine. The input is cut into partitions (one per
file, one per row group of a Parquet file); each Dask worker process builds
the extractor once and turns a partition into two Parquet files in a staging
folder, `documents.parquet` and `assertions.parquet` (the store's assertion
columns plus each record as JSON). The client then reads the partitions back
in input order and stores them through `ingest_documents`, the code path of
the single-process ingest, so documents already stored are skipped, writes
are idempotent, and the result is the same as `axisgraph.ingest.ingest` on the
same input. Workers never touch the database.

The staging folder must be visible to the workers and to the client (a
shared file system on a real cluster). It doubles as a Parquet copy of the
extraction: pass `staging` to keep it, otherwise a temporary folder is used
and removed after loading.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import PrivateAttr
from sqlalchemy import Boolean, Date, Float, Integer

from .documents import DEFAULT_MAX_CHARS, DocumentReader, ReadProblem, ReadReport
from .ingest import IngestResult, ProgressCallback, ingest_documents, tracked_run
from .kb import ActorKB, bundled_kb, load_kb
from .records import Assertion, Document
from .store import Store, assertion_row, assertions

PARQUET_SUFFIXES = {".parquet", ".pq"}
FLUSH_DOCUMENTS = 256
DOCUMENT_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("id", pa.string()), ("date", pa.date32()), ("title", pa.string()), ("url", pa.string()),
    ("source", pa.string()), ("path", pa.string()), ("text", pa.string()), ("metadata", pa.string()),
    ("n_assertions", pa.int64()),
])


def _arrow_type(column: Any) -> pa.DataType:
    """The Arrow type of a store column."""
    kind = type(column.type)
    if issubclass(kind, Boolean):
        return pa.bool_()
    if issubclass(kind, Integer):
        return pa.int64()
    if issubclass(kind, Float):
        return pa.float64()
    if issubclass(kind, Date):
        return pa.date32()
    return pa.string()


ASSERTION_SCHEMA = pa.schema(
    [("doc_seq", pa.int64())]
    + [(c.name, _arrow_type(c)) for c in assertions.columns if c.name != "id"]
    + [("record", pa.string())]
)


@dataclass(frozen=True)
class Partition:
    """One unit of work: a file, or one row group of a Parquet file."""

    index: int
    path: str
    row_group: int | None = None


@dataclass
class StagedPartition:
    """What a worker wrote for a partition: its folder, counts and the problems met reading it."""

    index: int
    folder: str
    documents: int
    assertions: int
    problems: list[ReadProblem] = field(default_factory=list)


class StagedDocument(Document):
    """A document read back from staging, carrying the assertions a worker extracted from it."""

    _assertions: list[Assertion] = PrivateAttr(default_factory=list)


class StagedExtractor:
    """Stands in for the extractor on the client: hands back the assertions workers already extracted."""

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb

    def extract_many(self, documents: Iterable[Document], n_process: int = 1
                     ) -> Iterator[tuple[Document, list[Assertion]]]:
        """Each staged document with its assertions, in input order."""
        for doc in documents:
            found = doc._assertions if isinstance(doc, StagedDocument) else []
            yield doc, found


# -- partitions ---------------------------------------------------------------------------------

def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def input_files(sources: Sequence[str | Path], report: ReadReport) -> list[Path]:
    """The files the sources name, in the order `DocumentReader.read` visits them."""
    files: list[Path] = []
    for source in sources:
        if str(source) == "-":
            report.add("<stdin>", "the dask engine cannot read stdin; pass files or folders")
            continue
        path = Path(source)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _is_hidden(p, path)))
        elif path.is_file():
            files.append(path)
        else:
            report.add(str(path), "no such file or directory")
    return files


def partitions(sources: Sequence[str | Path], report: ReadReport) -> list[Partition]:
    """Cut the input into partitions: one per file, one per row group of a Parquet file."""
    out: list[Partition] = []
    for path in input_files(sources, report):
        if path.suffix.lower() in PARQUET_SUFFIXES:
            try:
                groups = pq.ParquetFile(path).num_row_groups
            except (OSError, pa.ArrowException) as exc:
                report.add(str(path), f"cannot read Parquet: {exc}")
                continue
            first = len(out)
            out.extend(Partition(first + g, str(path), g) for g in range(groups))
        else:
            out.append(Partition(len(out), str(path)))
    return out


# -- workers ------------------------------------------------------------------------------------

_EXTRACTORS: dict[tuple[str, ...], Any] = {}
_LOCK = threading.Lock()
# Threads of one worker process share its extractor (and spaCy pipeline), so they extract one at a time.
_EXTRACT_LOCK = threading.Lock()


def worker_extractor(actors: tuple[str, ...] = ()) -> Any:
    """The extractor of this worker process, built on first use and kept for every later partition."""
    with _LOCK:
        if actors not in _EXTRACTORS:
            from .nlp import Extractor

            kb = load_kb(list(actors)) if actors else bundled_kb()
            _EXTRACTORS[actors] = Extractor(kb)
        return _EXTRACTORS[actors]


def read_partition(partition: Partition, reader: DocumentReader) -> Iterator[Document]:
    """The documents of one partition, read and checked as `DocumentReader` reads a file."""
    if partition.row_group is None:
        yield from reader.read([partition.path])
        return
    try:
        rows = pq.ParquetFile(partition.path).read_row_group(partition.row_group).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        reader.report.add(partition.path, f"cannot read Parquet row group {partition.row_group}: {exc}")
        return
    records = (reader._from_record(row, partition.path, n) for n, row in enumerate(rows, start=1))
    yield from reader._checked(doc for doc in records if doc is not None)


def _document_row(seq: int, doc: Document, n_assertions: int) -> dict[str, Any]:
    return {"seq": seq, "id": doc.id, "date": doc.date, "title": doc.title, "url": doc.url, "source": doc.source,
            "path": doc.path, "text": doc.text, "metadata": json.dumps(doc.metadata), "n_assertions": n_assertions}


def _assertion_rows(seq: int, found: Sequence[Assertion]) -> list[dict[str, Any]]:
    return [{"doc_seq": seq, **assertion_row(a), "record": a.model_dump_json()} for a in found]


def extract_partition(partition: Partition, staging: str, actors: tuple[str, ...] = (),
                      max_chars: int = DEFAULT_MAX_CHARS, today: date | None = None) -> StagedPartition:
    """Extract one partition on a worker and write it to `staging/part-NNNNNN` as two Parquet files."""
    extractor = worker_extractor(actors)
    report = ReadReport()
    reader = DocumentReader(report, max_chars=max_chars, today=today)
    final = Path(staging) / f"part-{partition.index:06d}"
    work = Path(staging) / f".part-{partition.index:06d}.{os.getpid()}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    n_docs = n_assertions = 0
    doc_rows: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    with _EXTRACT_LOCK, pq.ParquetWriter(work / "documents.parquet", DOCUMENT_SCHEMA) as doc_out, \
            pq.ParquetWriter(work / "assertions.parquet", ASSERTION_SCHEMA) as out:
        for doc, found in extractor.extract_many(read_partition(partition, reader), n_process=1):
            doc_rows.append(_document_row(n_docs, doc, len(found)))
            rows.extend(_assertion_rows(n_docs, found))
            n_docs += 1
            n_assertions += len(found)
            if len(doc_rows) >= FLUSH_DOCUMENTS:
                _flush(doc_out, doc_rows, DOCUMENT_SCHEMA)
                _flush(out, rows, ASSERTION_SCHEMA)
        _flush(doc_out, doc_rows, DOCUMENT_SCHEMA)
        _flush(out, rows, ASSERTION_SCHEMA)
    shutil.rmtree(final, ignore_errors=True)
    os.replace(work, final)
    return StagedPartition(partition.index, str(final), n_docs, n_assertions, report.problems)


def _flush(writer: pq.ParquetWriter, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    if rows:
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        rows.clear()


# -- client -------------------------------------------------------------------------------------

def staged_documents(folder: str | Path) -> Iterator[StagedDocument]:
    """The documents of one staged partition, in input order, each with its assertions."""
    folder = Path(folder)
    found: dict[int, list[Assertion]] = {}
    for row in pq.read_table(folder / "assertions.parquet", columns=["doc_seq", "record"]).to_pylist():
        found.setdefault(row["doc_seq"], []).append(Assertion.model_validate_json(row["record"]))
    for row in pq.read_table(folder / "documents.parquet").to_pylist():
        doc = StagedDocument(id=row["id"], text=row["text"], date=row["date"], title=row["title"],
                             url=row["url"], source=row["source"], path=row["path"],
                             metadata=json.loads(row["metadata"]))
        doc._assertions = found.pop(row["seq"], [])
        yield doc


def _client(scheduler: str | None, n_workers: int | None) -> tuple[Any, list[Any]]:
    """A Dask client for a scheduler address, or for a new local cluster; with what to close after."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        return client, [client]
    cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    return client, [client, cluster]


def ingest_dask(sources: Sequence[str | Path], store: Store, *, actors: Sequence[str | Path] = (),
                kb: ActorKB | None = None, scheduler: str | None = None, client: Any = None,
                n_workers: int | None = None, staging: str | Path | None = None, batch_size: int = 20,
                max_chars: int = DEFAULT_MAX_CHARS, progress: ProgressCallback | None = None,
                command: str = "ingest --engine dask") -> IngestResult:
    """Ingest files on Dask workers (a scheduler address, a client, or a new local cluster) into `store`.

    `actors` are extra KB files, loaded by every worker (their paths must be valid there); `kb` is the
    same KB on the client, used for the actors table (loaded from `actors` when not given). Input paths
    and `staging` must be valid on the workers too (a shared file system on a real cluster).
    """
    if scheduler and staging is None:
        raise ValueError("a Dask scheduler needs `staging`: a folder that its workers and this client share")
    actor_files = tuple(str(p) for p in actors)
    kb = kb if kb is not None else (load_kb(list(actor_files)) if actor_files else bundled_kb())
    keep = staging is not None
    folder = Path(staging) if staging is not None else Path(tempfile.mkdtemp(prefix="axisgraph-staging-"))
    folder.mkdir(parents=True, exist_ok=True)
    owned: list[Any] = []
    try:
        with tracked_run(store, command) as result:
            if client is None:
                client, owned = _client(scheduler, n_workers)
            parts = partitions(sources, result.report)
            futures = client.map(extract_partition, parts, staging=str(folder.resolve()), actors=actor_files,
                                 max_chars=max_chars, today=date.today(), pure=False)
            ingest_documents(_collect(futures, result.report), store, StagedExtractor(kb),
                             batch_size=batch_size, progress=progress, result=result)
    finally:
        for item in owned:
            item.close()
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def _collect(futures: list[Any], report: ReadReport) -> Iterator[StagedDocument]:
    """Staged documents of every partition in input order, waiting for each partition as it is needed."""
    for future in futures:
        staged: StagedPartition = future.result()
        future.release()
        report.problems.extend(staged.problems)
        report.documents += staged.documents
        yield from staged_documents(staged.folder)
