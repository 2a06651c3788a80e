"""A pool of extraction processes: each worker loads the spaCy pipeline once; the caller loads none.

`ExtractorPool` has the `extract_many` and `kb` of an `Extractor`, so that
`ingest_documents` can use either. Its workers are started with the `spawn`
method, so that no worker inherits (and counts again in its resident memory)
the caller's pages, and each worker builds its own `Extractor` once, in the
pool's initializer. Documents go to the workers in batches; a worker parses
and analyses a whole batch and sends back only its assertions. At most
`tasks_in_flight` batches are out at any time and results come back in input
order, so the caller's memory does not depend on the corpus size and its own
work is reading, deduplicating and writing. Workers are replaced by fresh ones
after every `recycle_after` documents, which bounds any slow growth inside a
long-lived spaCy process (its string store keeps every new word it meets).
A worker parses a task's documents in `nlp.pipe` batches of about
`PIPE_CHARS` characters: spaCy's peak memory grows with the text parsed at
once (a batch of 32 news articles adds about 200 MB to a worker, one of 16
about 100 MB, for nearly the same speed). After each batch, workers and caller hand the heap's free pages back to the
system (glibc's `malloc_trim`): without it a worker's resident memory doubles
over its first hundred documents with pages that hold nothing.

This module does not import spaCy; only the workers do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from .kb import ActorKB, bundled_kb
from .records import Assertion, Document

START_METHOD = "spawn"
DOCS_PER_TASK = 32
PIPE_CHARS = 30_000
RECYCLE_AFTER = 20_000

_worker: Any = None
_libc: Any = None


class WorkerDied(RuntimeError):
    """An extraction worker process ended while it held documents (killed, out of memory, crashed)."""


def _worker_died(batch: list[Document] | None) -> WorkerDied:
    """The error for a dead worker, naming the first document of the batch it was extracting if known."""
    where = (f"while extracting document {batch[0].id!r} or one of the {len(batch) - 1} after it"
             if batch else "before its next batch")
    return WorkerDied(f"an extraction worker process ended {where} (killed, or out of memory?); what was stored "
                      "is kept, and running the same ingest again resumes")


def release_free_heap() -> None:
    """Return the C heap's free pages to the system where the C library can (glibc); else do nothing."""
    global _libc
    if _libc is None:
        name = ctypes.util.find_library("c")
        try:
            _libc = ctypes.CDLL(name) if name else False
        except OSError:
            _libc = False
    trim = getattr(_libc, "malloc_trim", None) if _libc else None
    if trim is not None:
        trim(0)


def default_processes() -> int:
    """Worker processes to use when none is asked for: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_worker(kb: ActorKB, options: dict[str, Any]) -> None:
    """Pool initializer: ignore Ctrl-C (the parent stops the pool) and build this worker's extractor."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .nlp.extractor import Extractor

    _worker = Extractor(kb, **options)


def pipe_batch_size(documents: list[Document], chars: int = PIPE_CHARS) -> int:
    """Documents per `nlp.pipe` batch so that a batch holds about `chars` characters of these documents."""
    mean = sum(len(d.text) for d in documents) / max(1, len(documents))
    return max(1, min(len(documents), int(chars // max(mean, 1.0))))


def _extract_batch(documents: list[Document]) -> list[list[Assertion]]:
    """Worker task: the assertions of each document of a batch, in batch order."""
    found = [assertions for _, assertions in _worker.extract_many(documents, n_process=1,
                                                                  batch_size=pipe_batch_size(documents))]
    release_free_heap()
    return found


class ExtractorPool:
    """Worker processes that each hold an `Extractor`; streams (document, assertions) in input order."""

    def __init__(self, kb: ActorKB | None = None, n_process: int | None = None, *, lexicon: Any = None,
                 model: str | None = None, docs_per_task: int = DOCS_PER_TASK, tasks_in_flight: int | None = None,
                 recycle_after: int | None = RECYCLE_AFTER, start_method: str = START_METHOD) -> None:
        self.kb = kb if kb is not None else bundled_kb()
        self.n_process = n_process or default_processes()
        self.docs_per_task = docs_per_task
        self.tasks_in_flight = tasks_in_flight or 2 * self.n_process
        self.recycle_after = recycle_after
        self.context = multiprocessing.get_context(start_method)
        self.options: dict[str, Any] = {"lexicon": lexicon}
        if model is not None:
            self.options["model"] = model
        self.started = 0
        self._executor: ProcessPoolExecutor | None = None
        self._documents_sent = 0

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.close(terminate=kind is not None)

    def extract_many(self, documents: Iterable[Document], n_process: int | None = None, batch_size: int | None = None
                     ) -> Iterator[tuple[Document, list[Assertion]]]:
        """Assertions of many documents, in input order (`n_process` and `batch_size` are fixed by the pool)."""
        source = iter(documents)
        pending: deque[tuple[list[Document], Future]] = deque()
        try:
            self._top_up(source, pending)
            while pending:
                batch, future = pending.popleft()
                try:
                    found = future.result()
                except BrokenProcessPool as exc:
                    raise _worker_died(batch) from exc
                release_free_heap()
                broken = self._top_up_or_broken(source, pending)
                yield from zip(batch, found, strict=True)
                if broken is not None:
                    raise _worker_died(None) from broken
        except BrokenProcessPool as exc:
            raise _worker_died(None) from exc
        finally:
            for _, future in pending:
                future.cancel()

    def _top_up_or_broken(self, source: Iterator[Document], pending: deque[tuple[list[Document], Future]]
                          ) -> BrokenProcessPool | None:
        """`_top_up`, returning the error of a pool that broke since the last result (its results still count)."""
        try:
            self._top_up(source, pending)
        except BrokenProcessPool as exc:
            return exc
        return None

    def _top_up(self, source: Iterator[Document], pending: deque[tuple[list[Document], Future]]) -> None:
        """Send batches until `tasks_in_flight` are out; replace the workers first when they are due."""
        while len(pending) < self.tasks_in_flight:
            if self._due_for_recycling():
                if pending:
                    return
                self.close()
            batch = list(islice(source, self.docs_per_task))
            if not batch:
                return
            pending.append((batch, self._pool().submit(_extract_batch, batch)))
            self._documents_sent += len(batch)

    def _due_for_recycling(self) -> bool:
        """Whether the running workers have been sent their share of documents."""
        return (self._executor is not None and self.recycle_after is not None
                and self._documents_sent >= self.recycle_after)

    def _pool(self) -> ProcessPoolExecutor:
        """The running executor, started on first use."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.n_process, mp_context=self.context,
                                                 initializer=_start_worker, initargs=(self.kb, self.options))
            self._documents_sent = 0
            self.started += 1
        return self._executor

    def worker_pids(self) -> list[int]:
        """Process ids of the running workers (empty before the first batch and after `close`)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return [p.pid for p in processes.values() if p.is_alive()]

    def close(self, terminate: bool = False) -> None:
        """Stop the workers: let them finish and exit, or with `terminate` end them now."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if terminate:
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                process.terminate()
        executor.shutdown(wait=True, cancel_futures=True)
