"""Parse files on several cores; the caller is the one writer (``python -m etl load --pekerja N``).

A file is *prepared* in a worker process: read, extracted into its documents (``etl.extract``),
each document settled (``etl.evidence``) and reviewed on its own (``etl.review.review_document``,
a pure function of the document). The writer (``etl.__main__``) gets the prepared files back **in
input order** and does only what needs the database: the cross-document budget stage, the inserts,
the cross-document checks of the kecamatan, the publication (``etl.publish``).

* Every limit of ``etl.limits`` is checked by the reader code itself, so it holds in each worker.
* A file whose reading raises is that file's ``GAGAL`` line (the message is made in the worker,
  the same words as a load on one core). A worker that dies (killed, out of memory, a reader library
  that crashes the interpreter) takes down the pool: the files that were in flight are read again one
  at a time in a fresh pool, and the one that kills its worker alone is ``GAGAL``; the others load.
* Memory stays bounded: at most ``2 × workers`` files are in flight or waiting for the writer.
* ``workers == 1`` (or a single file) prepares in the calling process: no pool, same code path.

Workers are forked before the writer opens its DuckDB connection (the children never touch
DuckDB and inherit the imported modules and warm caches).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import document_message, fatal_message
from etl.evidence import settle
from etl.extract import extract_documents
from etl.model import Dokumen
from etl.review import review_document
from etl.review.finding import Temuan

WORKER_DIED = (
    "proses pembaca berhenti mendadak saat membaca berkas ini (kehabisan memori, atau pustaka pembaca "
    "rusak oleh isi berkas); berkas lain tetap dimuat. Periksa berkas ini, simpan ulang, lalu muat lagi"
)


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Prepared:
    """One document of a file, ready for the writer: settled, with its own findings — or the
    message of why its settling or review failed."""

    doc: Dokumen
    found: list[Temuan] | None = None
    error: str | None = None  # the GAGAL message
    fatal: str | None = None  # the load must stop (etl.errors.fatal_message)


@dataclass
class PreparedFile:
    """What a worker made of one file: its documents, or why it could not be read."""

    path: Path
    docs: list[Prepared] = field(default_factory=list)
    error: str | None = None  # the GAGAL message when the file could not be read at all
    fatal: str | None = None
    seconds: float = 0.0  # time spent reading, extracting and reviewing


def prepare(path: Path, kabupaten: str | None = None) -> PreparedFile:
    """Read, extract, settle and review one file (runs in a worker, or in the caller)."""
    started = time.perf_counter()
    out = PreparedFile(path)
    try:
        docs = extract_documents(path, kabupaten)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        out.error, out.fatal = document_message(path, exc), fatal_message(exc)
        out.seconds = time.perf_counter() - started
        return out
    for doc in docs:
        try:
            settle(doc)
            out.docs.append(Prepared(doc, review_document(doc)))
        except Exception as exc:  # noqa: BLE001 - the writer reports it as this document's failure
            out.docs.append(Prepared(doc, error=document_message(path, exc), fatal=fatal_message(exc)))
    out.seconds = time.perf_counter() - started
    return out


def _warm() -> int:
    return os.getpid()


_PR_SET_PDEATHSIG = 1


def _worker_start(parent: int) -> None:
    """In each worker: die with the loader. A worker inherits the loader's FILE.lock descriptor
    (flock belongs to the open file, shared across fork); a worker left behind by a loader killed
    with SIGKILL would hold the lock for ever. Linux only; elsewhere the pool's own shutdown."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the loader died before the line above
        os._exit(1)


class Parser:
    """Prepared files in input order, from ``workers`` processes (use as a context manager, and
    enter it before the writer opens its database)."""

    def __init__(self, workers: int, kabupaten: str | None = None, files: int | None = None) -> None:
        self.workers = max(1, workers)
        if files is not None and files <= 1:
            self.workers = 1  # one file: a pool would only cost its start
        self.kabupaten = kabupaten
        self.window = 2 * self.workers  # files in flight or waiting for the writer
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0  # pools replaced after a worker died

    def __enter__(self) -> Parser:
        if self.workers > 1:
            self._pool = self._new_pool()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _new_pool(self, workers: int | None = None) -> ProcessPoolExecutor:
        n = workers or self.workers
        pool = ProcessPoolExecutor(
            n, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start, initargs=(os.getpid(),)
        )
        for f in [pool.submit(_warm) for _ in range(n)]:  # fork every worker now, before DuckDB opens
            f.result()
        return pool

    def prepared(self, files: Iterable[Path]) -> Iterator[PreparedFile]:
        if self._pool is None:
            for f in files:
                yield prepare(f, self.kabupaten)
            return
        pending: Iterator[Path] = iter(files)
        flight: deque[tuple[Path, Future[PreparedFile]]] = deque()
        while True:
            while len(flight) < self.window and (nxt := next(pending, None)) is not None:
                flight.append((nxt, self._pool.submit(prepare, nxt, self.kabupaten)))
            if not flight:
                return
            path, future = flight[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                yield from self._after_crash(list(flight))
                flight.clear()
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back: this file fails
                result = PreparedFile(path, error=document_message(path, exc), fatal=fatal_message(exc))
            flight.popleft()
            yield result

    def _after_crash(self, flight: list[tuple[Path, Future[PreparedFile]]]) -> Iterator[PreparedFile]:
        """A worker died: every file in flight that had not finished is read again, alone, in a
        fresh one-worker pool; the file that kills it is GAGAL. Then go on with a fresh pool."""
        assert self._pool is not None
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        for path, future in flight:
            if future.done() and not future.cancelled() and future.exception() is None:
                yield future.result()  # finished before the crash
                continue
            alone = self._new_pool(1)
            try:
                yield alone.submit(prepare, path, self.kabupaten).result()
            except BrokenProcessPool:
                yield PreparedFile(path, error=f"{path}: {WORKER_DIED}")
            except Exception as exc:  # noqa: BLE001
                yield PreparedFile(path, error=document_message(path, exc), fatal=fatal_message(exc))
            finally:
                alone.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new_pool()
