"""The publish contract (etl/publish.py): a WAL left by an old direct writer is kept in, never
replayed onto a new snapshot; an open reader keeps its snapshot, the next open sees the new one."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import queries
from etl import publish
from etl.__main__ import main
from etl.extract import extract_file
from etl.load import connect, load_document
from tests.conftest import SEEDS


def _names(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("select nama_file from core_dokumen order by nama_file").fetchall()]
    finally:
        con.close()


def test_a_wal_beside_the_file_is_taken_in_and_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    con = connect(db)  # a direct writer (the loader before issue 12) that died before its checkpoint
    con.execute("SET checkpoint_threshold = '10GB'")
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    load_document(con, extract_file(SEEDS["ajibarang"]))
    con.close()
    assert publish.wal_path(db).exists()
    assert main(["load", "--db", str(db), str(SEEDS["somagede"])]) == 0
    assert not publish.wal_path(db).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.duckdb", "k.duckdb.lock"]
    assert _names(db) == ["pk_2019_banyumas_ajibarang.txt", "pk_2024_banyumas_somagede.txt"]


def test_an_open_reader_keeps_its_snapshot_and_the_next_open_sees_the_new_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(SEEDS["ajibarang"])]) == 0
    reader = duckdb.connect(str(db), read_only=True)
    try:
        assert main(["load", "--db", str(db), str(SEEDS["somagede"])]) == 0  # not blocked by the reader
        assert reader.execute("select count(*) from core_dokumen").fetchone() == (1,)
        # DuckDB hands a second connect() in this process the instance still open: the old snapshot
        assert len(_names(db)) == 1
        # the dashboard attaches the file to a fresh in-memory instance: always the current snapshot
        fresh = queries.connect_read_only(db)
        try:
            assert queries.run(fresh, "dokumen_dimuat").height == 2
        finally:
            fresh.close()
    finally:
        reader.close()
    assert len(_names(db)) == 2  # once every connection is closed, connect() opens the new file


def test_intermediate_publications_show_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    snap = publish.Snapshot(db, every_docs=1, every_seconds=3600)
    with publish.writer_lock(db):
        con = snap.open()
        load_document(con, extract_file(SEEDS["ajibarang"]))
        assert snap.committed()  # the first publication is always due
        assert _names(db) == ["pk_2019_banyumas_ajibarang.txt"]
        assert snap.con is not None
        load_document(snap.con, extract_file(SEEDS["somagede"]))
        snap.publish()
    assert len(_names(db)) == 2 and not publish.staging_path(db).exists()
