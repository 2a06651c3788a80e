"""Ingest: read documents, extract assertions, store both, resuming where a run stopped.

Documents already in the store (same id or same text) are skipped before
extraction, and each batch of documents is written in one transaction, so an
interrupted ingest keeps what it finished and a rerun completes the rest.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import DEFAULT_MAX_CHARS, DocumentReader, ReadReport
from .kb import ActorKB
from .records import Assertion, Document
from .store import Store

ProgressCallback = Callable[[Document, int], None]


@dataclass
class IngestResult:
    """What an ingest did: counts, and every problem met while reading."""

    run_id: int | None = None
    documents_read: int = 0
    documents_stored: int = 0
    already_stored: int = 0
    assertions_stored: int = 0
    report: ReadReport = field(default_factory=ReadReport)
    status: str = "running"

    @property
    def documents_skipped(self) -> int:
        """Documents not stored by this run: unreadable, rejected or already stored."""
        return len(self.report.errors) + self.already_stored

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "run_id": self.run_id, "status": self.status, "documents_read": self.documents_read,
            "documents_stored": self.documents_stored, "already_stored": self.already_stored,
            "assertions_stored": self.assertions_stored, "errors": [str(p) for p in self.report.errors],
            "warnings": [str(p) for p in self.report.warnings],
        }


def actor_rows(kb: ActorKB, found: Iterable[Assertion]) -> list[dict[str, Any]]:
    """Actors-table rows for the KB actors that these assertions name."""
    ids: set[str] = set()
    for a in found:
        for ref in (a.source, a.target, a.speaker):
            if ref is not None and ref.id:
                ids.add(ref.id)
    rows = []
    for actor_id in sorted(ids):
        actor = kb.get(actor_id)
        if actor is not None:
            rows.append({"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
                         "origin": "kb"})
    return rows


def _new_documents(documents: Iterable[Document], store: Store, result: IngestResult,
                   chunk: int = 200) -> Iterator[Document]:
    """Pass through only documents the store does not hold yet (by id or by text)."""
    buffer: list[Document] = []

    def flush() -> Iterator[Document]:
        known_ids = store.known_documents(d.id for d in buffer)
        known_hashes = store.known_hashes(d.content_hash for d in buffer)
        seen: set[str] = set()
        for doc in buffer:
            if doc.id in known_ids or doc.content_hash in known_hashes or doc.content_hash in seen:
                result.already_stored += 1
                continue
            seen.add(doc.content_hash)
            yield doc
        buffer.clear()

    for doc in documents:
        result.documents_read += 1
        buffer.append(doc)
        if len(buffer) >= chunk:
            yield from flush()
    if buffer:
        yield from flush()


def ingest_documents(documents: Iterable[Document], store: Store, extractor: Any, *, n_process: int = 1,
                     batch_size: int = 20, progress: ProgressCallback | None = None,
                     result: IngestResult | None = None) -> IngestResult:
    """Extract and store documents, committing every `batch_size` documents."""
    result = result or IngestResult()
    kb: ActorKB = extractor.kb
    batch: list[tuple[Document, Sequence[Assertion]]] = []

    def write() -> None:
        found = [a for _, assertions in batch for a in assertions]
        stored, added = store.add_documents(batch, actor_rows(kb, found), run_id=result.run_id)
        result.documents_stored += stored
        result.assertions_stored += added
        batch.clear()

    stream = extractor.extract_many(_new_documents(documents, store, result), n_process=n_process)
    try:
        for doc, assertions in stream:
            batch.append((doc, assertions))
            if progress is not None:
                progress(doc, len(assertions))
            if len(batch) >= batch_size:
                write()
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    if batch:
        write()
    return result


def stop_workers() -> None:
    """Terminate extraction worker processes, which otherwise block on their pipes after an interrupt."""
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=5)


@contextmanager
def tracked_run(store: Store, command: str) -> Iterator[IngestResult]:
    """An ingest run recorded in the store: opened now, closed as complete or interrupted with its counts."""
    result = IngestResult()
    result.run_id = store.begin_run(command)
    try:
        yield result
        result.status = "complete"
    except BaseException:
        result.status = "interrupted"
        stop_workers()
        raise
    finally:
        store.finish_run(result.run_id, result.status, result.documents_stored, result.documents_skipped,
                         result.assertions_stored, [str(p) for p in result.report.problems])


@contextmanager
def extractor_for(kb: ActorKB | None = None, n_process: int = 1, lexicon: Any = None) -> Iterator[Any]:
    """The extractor an ingest uses: in this process for one process, else a pool of worker processes.

    With more than one process this process loads no spaCy pipeline: `ExtractorPool` workers (started
    with `spawn`) each hold one, and the pool is stopped when the block ends. `lexicon`: a trigger
    lexicon instead of the bundled one (e.g. with a user's PETRARCH verbs).
    """
    if n_process > 1:
        from .workers import ExtractorPool

        with ExtractorPool(kb, n_process, lexicon=lexicon) as pool:
            yield pool
        return
    from .nlp import Extractor

    yield Extractor(kb, lexicon=lexicon)


def ingest(sources: Sequence[str | Path], store: Store, extractor: Any = None, *, kb: ActorKB | None = None,
           lexicon: Any = None, n_process: int = 1, batch_size: int = 20, max_chars: int = DEFAULT_MAX_CHARS,
           progress: ProgressCallback | None = None, command: str = "ingest") -> IngestResult:
    """Read the given files, directories or '-' and ingest every readable document into `store`.

    Without an `extractor`, one is made for `kb` (default: the bundled KB) and `lexicon` by `extractor_for`: with
    `n_process` > 1 a pool of that many worker processes, each holding the spaCy pipeline.
    """
    with _given_or_made(extractor, kb, lexicon, n_process) as chosen, tracked_run(store, command) as result:
        reader = DocumentReader(result.report, max_chars=max_chars)
        ingest_documents(reader.read(sources), store, chosen, n_process=n_process, batch_size=batch_size,
                         progress=progress, result=result)
    return result


@contextmanager
def _given_or_made(extractor: Any, kb: ActorKB | None, lexicon: Any, n_process: int) -> Iterator[Any]:
    """The caller's extractor as it is, or one made (and stopped after) by `extractor_for`."""
    if extractor is not None:
        yield extractor
        return
    with extractor_for(kb, n_process, lexicon) as made:
        yield made
