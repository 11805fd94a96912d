"""The mat_* tables behind the public views (issue 16): computed at load time, read by every query.

etl/schema.sql defines, per heavy view, a table macro ``hitung_<view>(ids)`` (what the view used to
compute on every query: the join to the source lines, serapan, capaian, kunci_indikator, the label,
the winner of a window) and the table ``mat_<view>`` holding its rows; the view itself is a select
over that table plus the live joins to the workflow tables (corrections, verification, a finding's
status), which change without a load.

* :func:`refresh` — inside a document's load transaction (etl.load): the rows of the documents that
  changed are deleted and computed again. Tables whose rows depend on other documents (a window:
  the winning score, the components of the winning document, ``target_kinerja.berlaku``,
  ``anggaran.tabel_dipakai``; the cross-document findings) are recomputed for every document of the
  kecamatan ("place") concerned: a window partitions by the document's unit (or kode_kecamatan,
  which lies inside one kabupaten and kecamatan name) and years, and a unit lies inside one place, so the
  winners computed over the place are those computed over the whole database. The cost follows the
  place's documents, never the number loaded.
* :func:`rebuild_all` — every mat table from the core tables, written in the order of
  ``kode_kabupaten, tahun`` (zone maps of both prune the scans of a page's filter). Run by
  :func:`ensure` when the database was built by another schema (no mat tables, or built from
  another etl/schema.sql: its sha256 is kept in ``mat_versi``), and by bench/national.py after its
  bulk inserts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from etl.model import Line

# (view, scope): "dokumen" rows are a function of their own document's rows; "tempat" rows of every
# document of the place (a window, or findings across documents). In the order of refresh: skor
# reads mat_skor_observasi.
MAT: tuple[tuple[str, str], ...] = (
    ("target_kinerja", "tempat"),
    ("realisasi_kinerja", "dokumen"),
    ("skor_observasi", "dokumen"),
    ("skor", "tempat"),
    ("komponen_skor", "tempat"),
    ("anggaran", "tempat"),
    ("anggaran_sasaran", "dokumen"),
    ("anggaran_jumlah", "dokumen"),
    ("anggaran_program", "tempat"),  # reads mat_anggaran and mat_anggaran_jumlah
    ("realisasi_triwulan", "dokumen"),
    ("catatan_muat", "dokumen"),
    ("temuan", "tempat"),
    ("wilayah", "dokumen"),
)
TABLES = ("mat_halaman", *(f"mat_{v}" for v, _ in MAT))


def version(schema: str) -> str:
    """The version of the mat tables: the schema text they were computed with."""
    return hashlib.sha256(schema.encode("utf-8")).hexdigest()


def built_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """``mat_versi.versi`` of the database, None when it has none (an earlier version built it)."""
    try:
        row = con.execute("SELECT max(versi) FROM mat_versi").fetchone()
    except (duckdb.CatalogException, duckdb.BinderException):
        return None
    return None if row is None or row[0] is None else str(row[0])


def drop_stale(con: duckdb.DuckDBPyConnection, schema: str) -> bool:
    """Before the schema runs on an existing database: drop mat tables built by another schema (their
    columns may not be those the views now read). Returns whether a rebuild is due."""
    current = version(schema)
    if built_version(con) == current:
        return False
    for view, _scope in MAT:  # the schema creates them again, over the new tables
        con.execute(f"DROP VIEW IF EXISTS {view}")
    for table in TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute("DROP TABLE IF EXISTS mat_versi")
    return True


def _indexes(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        con.execute(f"CREATE INDEX IF NOT EXISTS {table}_dokumen_id_idx ON {table} (dokumen_id)")


def rebuild_all(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, float]:
    """Every mat table computed again from the core tables, rows in kode_kabupaten, tahun order.
    Returns the seconds per table."""
    import time

    seconds: dict[str, float] = {}
    t = time.perf_counter()
    con.execute("CREATE OR REPLACE TABLE mat_halaman AS SELECT * FROM hitung_halaman(NULL) ORDER BY dokumen_id, baris_awal")
    seconds["mat_halaman"] = time.perf_counter() - t
    for view, _scope in MAT:
        t = time.perf_counter()
        con.execute(
            f"CREATE OR REPLACE TABLE mat_{view} AS SELECT * FROM hitung_{view}(NULL)"
            " ORDER BY kode_kabupaten NULLS LAST, tahun, kode_kecamatan NULLS LAST, dokumen_id"
        )
        seconds[f"mat_{view}"] = time.perf_counter() - t
    _indexes(con)
    con.execute("DELETE FROM mat_versi")
    con.execute("INSERT INTO mat_versi VALUES (?)", [version(schema)])
    return seconds


def ensure(con: duckdb.DuckDBPyConnection, schema: str, stale: bool) -> None:
    """After the schema ran: indexes, and the full build when :func:`drop_stale` said so."""
    if stale:
        rebuild_all(con, schema)
    else:
        _indexes(con)


def runs(dokumen_id: str, lines: Iterable[Line]) -> list[dict[str, Any]]:
    """A document's lines as runs of consecutive line numbers with one page and one way of reading
    (what ``hitung_halaman`` computes from core_baris)."""
    out: list[dict[str, Any]] = []
    by_key: dict[tuple[Any, Any], list[int]] = {}
    for ln in lines:
        by_key.setdefault((ln.halaman, ln.cara_baca), []).append(ln.no)
    for (halaman, cara_baca), numbers in by_key.items():
        numbers.sort()
        start = prev = numbers[0]
        for n in [*numbers[1:], None]:
            if n is not None and n == prev + 1:
                prev = n
                continue
            out.append(
                {"dokumen_id": dokumen_id, "baris_awal": start, "baris_akhir": prev, "halaman": halaman, "cara_baca": cara_baca}
            )
            if n is not None:
                start = prev = n
    return sorted(out, key=lambda r: r["baris_awal"])


def write_lines(con: duckdb.DuckDBPyConnection, dokumen_id: str, lines: Sequence[Line]) -> None:
    """The runs of a document's lines (in its load transaction, after its core_baris rows)."""
    rows = runs(dokumen_id, lines)
    if rows:
        arrow = pa.Table.from_pylist(rows)  # noqa: F841 - scanned by name below
        con.execute("INSERT INTO mat_halaman BY NAME SELECT * FROM arrow")


def refresh(
    con: duckdb.DuckDBPyConnection,
    changed: Iterable[str],
    place: Iterable[str],
    gone: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> None:
    """Compute the mat rows again (call inside the load transaction, after the core rows are
    written). ``changed``: documents whose own rows changed; ``place``: every document of each place
    (kecamatan) concerned, ``changed`` among them; ``gone``: documents removed (their rows go; their line
    runs go with their core rows, in etl.load). ``only``: the views to refresh (default all)."""
    changed_ids, place_ids, gone_ids = sorted(set(changed)), sorted(set(place) | set(changed)), sorted(set(gone))
    wanted = None if only is None else set(only)
    for view, scope in MAT:
        if wanted is not None and view not in wanted:
            continue
        ids = place_ids if scope == "tempat" else changed_ids
        doomed = sorted(set(ids) | set(gone_ids))
        if doomed:
            con.execute(f"DELETE FROM mat_{view} WHERE list_contains(?, dokumen_id)", [doomed])
        if ids:
            con.execute(f"INSERT INTO mat_{view} SELECT * FROM hitung_{view}(?)", [ids])
