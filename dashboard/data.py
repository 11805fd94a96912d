"""Query results for the pages, cached per database file and its modification time.

The database is opened read-only for each uncached query (attached to a fresh in-memory DuckDB, see
`_connect`) and closed again. `python -m etl load`
never writes the file in place: it builds a staging copy and publishes it with an atomic rename
(etl/publish.py), so every open here sees a complete snapshot and neither side waits for the other.
The cache key is the file's path, inode, size and modification time: a newly published snapshot (a
new inode), or a test with another database (KINERJA_DB), is picked up on the next query.

A kabupaten on a page is always its label (issue 16): in every result that carries
`kabupaten_label`, `kabupaten` is that label ("Kab. Bogor", "Kota Bogor"), so tables, charts,
groupings and exports never show or merge two places under the bare name "Bogor"; the bare name
stays in the views (and in the region list as `nama_kabupaten`).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import polars as pl
import streamlit as st

import queries
from dashboard.frame_cache import FrameCache
from etl.paths import db_path

log = logging.getLogger(__name__)

# session key of the sidebar switch "Hanya dokumen terverifikasi" (dashboard.akun): when on, every
# query result that names its dokumen_id keeps only rows of verified documents
HANYA_TERVERIFIKASI = "akun_hanya_terverifikasi"


class BasisDataTidakAda(Exception):
    """The database file named by KINERJA_DB (or data/kinerja.duckdb) does not exist yet."""


class BasisDataTidakTerbaca(Exception):
    """The database file exists but cannot be read now: not a DuckDB file, locked, or without the views."""


def db_file() -> Path:
    """The database the dashboard reads: $KINERJA_DB, else data/kinerja.duckdb."""
    return db_path()


def _stamp() -> tuple[str, tuple[int, int, int]]:
    path = db_file()
    try:
        st_ = path.stat()
    except FileNotFoundError:
        raise BasisDataTidakAda(str(path)) from None
    except OSError as exc:
        raise BasisDataTidakTerbaca(f"{path}: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise BasisDataTidakAda(str(path))
    return str(path), (st_.st_ino, st_.st_size, st_.st_mtime_ns)


# Results are kept as frames, not pickles: cache_data unpickles a fresh copy of the frame on every
# hit, which at national size (skor_tren ~150 000 rows, galat_tempat 1,6 M) was ~40 % of a warm rerun
# of Tren. The pages derive new frames (filter, with_columns, join) and `query` hands out a clone
# (shared buffers, its own columns), so one kept frame per query is safe; tests/scale/
# test_cache_shared.py pins that the kept frames stay as the query returned them. The cache is
# bounded by the bytes of its frames, not their number (dashboard/frame_cache.py): a server asked
# for many national-size selections keeps the recent ones, not 512 of them.
def _compute(path: str, stamp: tuple[int, int, int], name: str, params: dict[str, Any], view: str | None) -> pl.DataFrame | None:
    try:
        con = queries.connect_read_only(path)
    except (duckdb.Error, OSError) as exc:
        log.warning("basis data %s tidak dapat dibuka untuk kueri %s: %s", path, name, exc)
        reason = "sedang dikunci proses lain" if "lock" in str(exc).lower() else "bukan basis data DuckDB yang utuh"
        raise BasisDataTidakTerbaca(f"{path}: {reason}") from exc
    try:
        if view is not None:
            return queries.run_if_exists(con, view, name, **params)
        return queries.run(con, name, **params)
    except duckdb.CatalogException as exc:
        log.warning("basis data %s tanpa view untuk kueri %s: %s", path, name, exc)
        raise BasisDataTidakTerbaca(f"{path}: tidak memuat view kontrak data (dibuat oleh `python -m etl load`)") from exc
    except (duckdb.IOException, duckdb.FatalException, duckdb.InternalException, duckdb.SerializationException) as exc:
        log.exception("basis data %s tidak terbaca saat kueri %s", path, name)
        raise BasisDataTidakTerbaca(f"{path}: isi berkas rusak atau tidak lengkap") from exc
    finally:
        con.close()


def _key(path: str, stamp: tuple[int, int, int], name: str, params: dict[str, Any], view: str | None) -> Hashable:
    return path, stamp, name, repr(sorted(params.items())), view


_run = FrameCache(_compute, key=_key)


def query(name: str, **params: Any) -> pl.DataFrame:
    """Result of queries/<name>.sql with bound parameters (lists become tuples-safe lists)."""
    path, stamp = _stamp()
    result = _run(path, stamp, name, _plain(params), None)
    assert result is not None
    # a clone shares the cached frame's buffers (no copy) but not its list of columns, so even a
    # page that changed its frame in place could not change what the cache hands the next page
    return dengan_label(_verified_only(result, path, stamp)).clone()


def query_if_view_exists(view: str, name: str, **params: Any) -> pl.DataFrame | None:
    """Like `query`, but None when `view` is not in the database (e.g. a view added later)."""
    path, stamp = _stamp()
    result = _run(path, stamp, name, _plain(params), view)
    return None if result is None else dengan_label(_verified_only(result, path, stamp)).clone()


def dengan_label(df: pl.DataFrame) -> pl.DataFrame:
    """`kabupaten` as the page shows it: the label, where the result carries one."""
    if "kabupaten_label" in df.columns and "kabupaten" in df.columns:
        return df.with_columns(pl.col("kabupaten_label").alias("kabupaten"))
    return df


def _verified_only(result: pl.DataFrame, path: str, stamp: tuple[int, int, int]) -> pl.DataFrame:
    """`result` without rows of unverified documents while the switch is on (rows without a
    document, e.g. a target with no realisation yet, stay)."""
    if not st.session_state.get(HANYA_TERVERIFIKASI) or "dokumen_id" not in result.columns:
        return result
    verified = _run(path, stamp, "dokumen_terverifikasi", {}, None)
    assert verified is not None
    return result.filter(pl.col("dokumen_id").is_in(verified["dokumen_id"].implode()) | pl.col("dokumen_id").is_null())


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def terverifikasi() -> bool:
    """Whether the sidebar switch "Hanya dokumen terverifikasi" is on (queries that page through a
    selection take it as $terverifikasi, so a page is never thinned after it was cut)."""
    return bool(st.session_state.get(HANYA_TERVERIFIKASI))


BARIS_PER_POTONG = 10_000  # rows per batch a download reads from DuckDB


def ekspor(name: str, tulis: Callable[[Iterator[pl.DataFrame], BinaryIO], object], **params: Any) -> bytes:
    """A download of the whole result of queries/<name>.sql, streamed: DuckDB hands the rows over
    in batches of BARIS_PER_POTONG, `tulis` writes them one by one to a temporary file, and only the
    finished file is read back (what Streamlit serves). Never cached: the result is not kept in
    the query cache, and a download runs only when its button is clicked."""
    path, _ = _stamp()
    con = _open(path, name)
    try:
        sql = queries.load_sql(name)
        used = {k: v for k, v in _plain(params).items() if f"${k}" in sql}
        reader = con.sql(sql, params=used).to_arrow_reader(BARIS_PER_POTONG)

        def batches() -> Iterator[pl.DataFrame]:
            empty = True
            for batch in reader:
                frame = pl.from_arrow(batch)
                assert isinstance(frame, pl.DataFrame)
                empty = False
                yield dengan_label(frame)
            if empty:  # no rows: the header still comes from the result's columns
                frame = pl.from_arrow(reader.schema.empty_table())
                assert isinstance(frame, pl.DataFrame)
                yield dengan_label(frame)

        with tempfile.TemporaryFile() as out:
            tulis(batches(), out)
            out.seek(0)
            return out.read()
    finally:
        con.close()


def ekspor_parquet(name: str, **params: Any) -> bytes:
    """queries/<name>.sql as a Parquet file written by DuckDB itself (streamed to a temporary file,
    no rows in Python)."""
    path, _ = _stamp()
    con = _open(path, name)
    try:
        sql = queries.load_sql(name)
        used = {k: v for k, v in _plain(params).items() if f"${k}" in sql}
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "unduhan.parquet"
            con.sql(sql, params=used).write_parquet(str(target))
            return target.read_bytes()
    finally:
        con.close()


def _open(path: str, name: str) -> duckdb.DuckDBPyConnection:
    try:
        return queries.connect_read_only(path)
    except (duckdb.Error, OSError) as exc:
        log.warning("basis data %s tidak dapat dibuka untuk unduhan %s: %s", path, name, exc)
        raise BasisDataTidakTerbaca(f"{path}: tidak dapat dibuka") from exc
