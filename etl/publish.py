"""Publish a database as whole snapshots: readers never wait for the loader, nor the loader for them.

``etl load --db FILE`` never writes FILE in place. It

1. takes an advisory lock on ``FILE.lock`` (``fcntl.flock``): a second loader on the same FILE waits
   for the first to finish (bounded, then refused with a message); the lock goes away with the
   process, so a killed loader never leaves it behind;
2. copies FILE (or starts fresh when it does not exist) to ``FILE.staging`` beside it and loads every
   document there, each document one transaction, as before;
3. publishes: ``CHECKPOINT``, close, fsync, then ``os.replace`` onto FILE — at the end, and also every
   ``every_docs`` documents or ``every_seconds`` seconds of a long load (a copy of the staging file
   is renamed then; never more often than ten times its own duration), so the dashboard sees
   progress.

A reader that opens FILE read-only (the dashboard, the DuckDB CLI, a notebook) always opens a
complete, checkpointed snapshot without a ``.wal``: it takes no lock the loader needs and the loader
takes none it needs. A reader that opened FILE before a publish keeps reading the old snapshot (the
old inode) until it closes; its next open sees the new one. A loader killed at any point leaves FILE
as the last published snapshot, holding only whole documents; the next loader removes the stale
staging file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from etl.alur.terbit import salin_ke
from etl.load import connect
from etl.paths import alur_path

EVERY_DOCS = 25  # publish after this many documents ...
EVERY_SECONDS = 30.0  # ... or this many seconds, whichever comes first
OVERHEAD_FACTOR = 10  # ... but at most once per ten times the last publication's duration
WAIT_SECONDS = 600.0  # how long a second loader waits for the first before it gives up


class LoaderBusy(Exception):
    """Another loader holds FILE.lock and did not finish within the wait."""


def lock_path(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


def staging_path(target: Path) -> Path:
    return target.with_name(target.name + ".staging")


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


@contextlib.contextmanager
def writer_lock(target: Path, wait_seconds: float = WAIT_SECONDS, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the one-loader-per-file lock; call ``on_wait`` once when another loader has it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait_seconds
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LoaderBusy(str(target)) from None
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for a person looking
        yield
    finally:
        os.close(fd)  # releases the lock


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


class Snapshot:
    """The staging database of one load and its publication onto ``target`` (hold the writer lock)."""

    def __init__(self, target: Path, every_docs: int = EVERY_DOCS, every_seconds: float = EVERY_SECONDS) -> None:
        self.target = target
        self.staging = staging_path(target)
        self._copy = self.staging.with_name(self.staging.name + ".terbit")  # an intermediate publication
        self.every_docs = every_docs
        self.every_seconds = every_seconds
        self.con: duckdb.DuckDBPyConnection | None = None
        self.pending = 0  # documents committed to staging since the last publication
        self.published = 0  # publications so far
        self._since = time.monotonic()
        self._cost = 0.0  # seconds the last intermediate publication took
        self.alur_store: Path | None = alur_path(target)  # the workflow events every publication carries (etl.alur)
        # work owed to staging before it may be published (the one writer's deferred mat refresh)
        self.before_publish: Callable[[duckdb.DuckDBPyConnection], None] | None = None

    def open(self) -> duckdb.DuckDBPyConnection:
        """Copy the current FILE (with a WAL a crashed direct writer left) into staging and connect."""
        _remove(self.staging, wal_path(self.staging), self._copy)  # a killed loader's leftovers
        if self.target.exists():
            shutil.copyfile(self.target, self.staging)
            shutil.copymode(self.target, self.staging)
            if wal_path(self.target).exists():
                shutil.copyfile(wal_path(self.target), wal_path(self.staging))
        try:
            self.con = connect(self.staging)
        except BaseException:
            _remove(self.staging, wal_path(self.staging))
            raise
        self._since = time.monotonic()
        return self.con

    def committed(self) -> bool:
        """One more document committed in staging; publish when enough work or time has passed.
        Returns whether it published."""
        self.pending += 1
        elapsed = time.monotonic() - self._since
        due = self.pending >= self.every_docs or elapsed >= self.every_seconds
        # a publication copies the whole file: never spend more than ~10 % of the load on them
        if due and elapsed >= OVERHEAD_FACTOR * self._cost:
            started = time.monotonic()
            self.publish(final=False)
            self._cost = time.monotonic() - started
            return True
        return False

    def _close(self) -> None:
        assert self.con is not None
        self.con.execute("CHECKPOINT")
        self.con.close()
        self.con = None
        if wal_path(self.staging).exists():  # a checkpointed, closed database has no WAL
            raise RuntimeError(f"{wal_path(self.staging)} tetap ada setelah CHECKPOINT")

    def publish(self, final: bool = True) -> None:
        """Make the staging database FILE, atomically. When not final, loading goes on in staging."""
        assert self.con is not None
        if self.before_publish is not None:
            self.before_publish(self.con)
        salin_ke(self.con, self.alur_store)  # the workflow's latest events, so a load never loses them
        self._close()
        _fsync(self.staging)
        if final:
            source = self.staging
        else:
            source = self._copy
            shutil.copyfile(self.staging, source)
            shutil.copymode(self.staging, source)
            _fsync(source)
        # a WAL beside FILE belongs to the old file and must never be replayed onto the new one
        _remove(wal_path(self.target))
        os.replace(source, self.target)
        dir_fd = os.open(self.target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self.published += 1
        self.pending = 0
        self._since = time.monotonic()
        if not final:
            self.con = duckdb.connect(str(self.staging))

    def discard(self) -> None:
        """Forget the staging database: FILE stays the last published snapshot."""
        if self.con is not None:
            with contextlib.suppress(duckdb.Error):
                self.con.close()
            self.con = None
        _remove(self.staging, wal_path(self.staging), self._copy)
