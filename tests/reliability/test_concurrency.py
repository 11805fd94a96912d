"""Loads and reads at the same time (issue 12): readers never wait for the loader, nor it for them.

Every loader runs in its own process, as `etl load` does next to a running dashboard; every read
opens the database read-only, runs a named query and closes it, as dashboard/data.py does.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import duckdb
import pytest

import queries
from etl import publish
from etl.__main__ import main
from etl.model import Dokumen
from tests.reliability.conftest import start_loader, whole_documents
from tests.reliability.loader_loop import write_version

MIN_READS = 200
DEADLINE = 60.0  # seconds, for any loop below


def _read(db: Path) -> int:
    """One dashboard-style read: a fresh read-only connection, a named query, closed again."""
    con = queries.connect_read_only(db)
    try:
        return queries.run(con, "dokumen_dimuat").height
    finally:
        con.close()


def test_reads_during_repeated_loads_never_fail(tmp_path: Path) -> None:
    db, folder = tmp_path / "k.duckdb", tmp_path / "in"
    write_version(folder, 0)
    assert main(["load", "--db", str(db), str(folder)]) == 0
    loader = start_loader(str(db), str(folder), "1", "2")
    reads, failures, snapshots = 0, [], set()
    started = time.monotonic()
    try:
        while (loader.poll() is None or reads < MIN_READS) and time.monotonic() - started < DEADLINE:
            try:
                snapshots.add(os.stat(db).st_ino)
                n = _read(db)
                if n != 4:  # every snapshot holds the four documents, whole
                    failures.append(f"{n} dokumen")
            except duckdb.Error as exc:
                failures.append(f"{type(exc).__name__}: {exc}")
            reads += 1
        out, err = loader.communicate(timeout=DEADLINE)
    finally:
        loader.kill()
    print(f"{reads} reads, {len(snapshots)} snapshots seen, loader rc {loader.returncode}")
    assert loader.returncode == 0, err
    assert out.count("DIGANTI") == 8 and "GAGAL" not in err, (out, err)
    assert reads >= MIN_READS and failures == [], failures[:5]
    assert len(snapshots) >= 3  # the reads really ran across publications
    assert not publish.staging_path(db).exists() and not publish.wal_path(db).exists()


def test_a_second_loader_waits_for_the_first(tmp_path: Path) -> None:
    """Two loaders of different documents on one FILE: both succeed, the file holds both."""
    db = tmp_path / "k.duckdb"
    from tests.conftest import SEEDS

    a = start_loader("load", "--db", str(db), str(SEEDS["kertanegara"]))
    b = start_loader("load", "--db", str(db), str(SEEDS["ajibarang"]), str(SEEDS["somagede"]))
    try:
        results = [p.communicate(timeout=DEADLINE) for p in (a, b)]
    finally:
        a.kill()
        b.kill()
    assert (a.returncode, b.returncode) == (0, 0), results
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from core_dokumen").fetchone() == (3,)
    finally:
        con.close()


def test_a_loader_waits_while_the_lock_is_held_then_loads(tmp_path: Path, seed_docs: dict[str, Dokumen]) -> None:
    db = tmp_path / "k.duckdb"
    from tests.conftest import SEEDS

    with publish.writer_lock(db):
        loader = start_loader("load", "--db", str(db), str(SEEDS["ajibarang"]))
        assert loader.stderr is not None
        line = loader.stderr.readline()  # blocks until the loader reports that it waits
        assert line.startswith("TUNGGU") and str(db) in line, line
        assert not db.exists()
    try:
        _, err = loader.communicate(timeout=DEADLINE)
    finally:
        loader.kill()
    assert loader.returncode == 0, err
    assert whole_documents(db, seed_docs) == [seed_docs["ajibarang"].dokumen_id]


def test_a_loader_that_waits_too_long_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    from tests.conftest import SEEDS

    with publish.writer_lock(db):
        started = time.monotonic()
        assert main(["load", "--db", str(db), "--tunggu", "0.3", str(SEEDS["ajibarang"])]) == 2
        assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert "TUNGGU" in err and "masih dimuat oleh proses lain" in err and "Traceback" not in err
    assert not db.exists()


def test_kill_9_mid_load_leaves_only_whole_documents(tmp_path: Path, seed_docs: dict[str, Dokumen]) -> None:
    db, folder = tmp_path / "k.duckdb", tmp_path / "in"
    write_version(folder, 0)
    assert main(["load", "--db", str(db), str(folder)]) == 0
    rng = random.Random(12)
    for round_ in range(2):
        loader = start_loader(str(db), str(folder), str(10 * (round_ + 1)), "5")
        assert loader.stdout is not None
        try:
            first = loader.stdout.readline()  # the first document of the round is loaded
            assert first.startswith(("DIGANTI", "DIMUAT")), first
            time.sleep(rng.uniform(0.0, 1.5))
            os.kill(loader.pid, signal.SIGKILL)
            loader.wait(timeout=DEADLINE)
        finally:
            loader.kill()
        assert loader.returncode == -signal.SIGKILL
        assert len(whole_documents(db, seed_docs)) == 4
    # the next load cleans the killed loader's staging file up and succeeds
    assert main(["load", "--db", str(db), str(folder)]) == 0
    assert len(whole_documents(db, seed_docs)) == 4
    assert not publish.staging_path(db).exists()
