"""The workflow in the published DuckDB snapshot: the store's events copied into ``alur_*``
tables, which the public views join (etl/schema.sql). :func:`terbitkan` publishes them at once;
the loader does the same at each of its publications (:mod:`etl.publish`), so a load never loses
them. Accounts, sessions and the audit log stay in the store only."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

if TYPE_CHECKING:
    from etl.alur.store import Alur

# snapshot table -> the store's query (only loaded documents' uploads: a refused file has no document)
SALINAN = {
    "alur_unggahan": "SELECT id, waktu, username, nama_file, sha256, status, dokumen_id, unit FROM unggahan"
    " WHERE dokumen_id IS NOT NULL AND status IN ('dimuat', 'sama', 'diganti')",
    "alur_verifikasi": "SELECT id, waktu, username, dokumen_id, status, alasan FROM verifikasi",
    "alur_koreksi": "SELECT id, waktu, username, dokumen_id, tabel, urutan, tahun, jenis, kolom, nilai, nilai_tertulis,"
    " alasan FROM koreksi",
    "alur_status_temuan": "SELECT id, waktu, username, temuan_id, status, catatan FROM status_temuan",
}


def _utc(s: str) -> dt.datetime:
    """An ISO time of the store as the naive UTC TIMESTAMP the snapshot holds."""
    return dt.datetime.fromisoformat(s).astimezone(dt.UTC).replace(tzinfo=None)


def baca_store(path: Path) -> dict[str, list[dict[str, Any]]] | None:
    """The rows to publish, read from the store opened read-only; None when there is no store."""
    if not path.exists():
        return None
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        con.row_factory = sqlite3.Row
        out = {}
        for table, sql in SALINAN.items():
            out[table] = [{**dict(r), "waktu": _utc(r["waktu"])} for r in con.execute(sql)]
        return out
    finally:
        con.close()


def salin_ke(con: duckdb.DuckDBPyConnection, store: Path | None) -> bool:
    """Replace the snapshot's ``alur_*`` tables (in ``con``, a staging database) by the store's
    events. Without a readable store the tables stay as the last snapshot had them (a load must
    not fail, nor lose them, because the store is missing). Returns whether it copied."""
    if store is None:
        return False
    try:
        rows = baca_store(store)
    except sqlite3.Error:
        return False
    if rows is None:
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        for table, items in rows.items():
            con.execute(f"DELETE FROM {table}")
            if items:
                arrow = pa.Table.from_pylist(items)  # noqa: F841 - scanned by name below
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM arrow")
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    return True


def terbitkan(db: Path, alur: Alur) -> None:
    """Publish the workflow now: a staging copy of ``db`` receives the store's events and
    replaces ``db`` atomically, under the loader's lock (readers never wait)."""
    from etl import publish

    db = Path(db)
    with publish.writer_lock(db):
        snap = publish.Snapshot(db)
        snap.alur_store = alur.path
        snap.open()
        try:
            snap.publish()
        except BaseException:
            snap.discard()
            raise


@contextlib.contextmanager
def _baca(db: Path):  # type: ignore[no-untyped-def]
    con = duckdb.connect(str(db), read_only=True)
    try:
        yield con
    finally:
        con.close()


def dokumen_ada(db: Path, dokumen_id: str) -> bool:
    if not Path(db).exists():
        return False
    with _baca(db) as con:
        return con.execute("SELECT count(*) FROM dokumen WHERE dokumen_id = ?", [dokumen_id]).fetchone() != (0,)


def temuan_ada(db: Path, temuan_id: str) -> bool:
    if not Path(db).exists():
        return False
    with _baca(db) as con:
        return con.execute("SELECT count(*) FROM temuan WHERE temuan_id = ?", [temuan_id]).fetchone() != (0,)


def nilai_tertulis(db: Path, tabel: str, dokumen_id: str, kunci: dict[str, Any], kolom_teks: str) -> tuple[bool, str | None]:
    """Whether the row a correction names exists in the published view, and its printed text."""
    if not Path(db).exists():
        return False, None
    where = ["dokumen_id = ?"]
    params: list[Any] = [dokumen_id]
    for k in ("urutan", "tahun", "jenis"):
        if kunci.get(k) is not None:
            where.append(f"{k} = ?")
            params.append(kunci[k])
    with _baca(db) as con:
        row = con.execute(f"SELECT {kolom_teks} FROM {tabel} WHERE {' AND '.join(where)} LIMIT 1", params).fetchone()
    return (row is not None, None if row is None or row[0] is None else str(row[0]))
