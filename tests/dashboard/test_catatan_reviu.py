"""The review notes of a report: Ringkasan names the first findings of the year from one page of
temuan_halaman and the selection's count (temuan_hitung), never every finding of the selection;
the sentences are those the whole list (temuan_daftar) gives."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

import queries
from dashboard import components


@pytest.mark.parametrize("maks", [1, 3, 40])
def test_first_page_and_count_give_the_notes_of_the_whole_list(seed_con: duckdb.DuckDBPyConnection, maks: int) -> None:
    keys = [
        r[0] for r in seed_con.execute("SELECT DISTINCT kode_kecamatan FROM temuan WHERE kode_kecamatan IS NOT NULL").fetchall()
    ]
    tahun = seed_con.execute("SELECT max(tahun) FROM temuan").fetchall()[0][0]
    assert keys and tahun
    # temuan_daftar leaves ties in its order (one line, one check); the paged list breaks them by the
    # finding's name: the same order here
    daftar = (
        queries.run(seed_con, "temuan_daftar", wilayah=keys)
        .with_columns(
            nama_temuan=pl.col("dokumen_id")
            + ":"
            + pl.col("urutan").cast(pl.String)
            + pl.when(pl.col("lingkup") == "lintas").then(pl.lit("~2")).otherwise(pl.lit(""))
        )
        .sort(
            [
                "kabupaten",
                "kabupaten_label",
                "kecamatan",
                "tahun",
                "urutan_tingkat",
                "nama_file",
                "sumber_baris",
                "kode",
                "nama_temuan",
            ],
            descending=[False, False, False, True, False, False, False, False, False],
            nulls_last=True,
        )
    )
    pilihan = {"wilayah": keys, "tahun": [tahun], "kode": [], "tingkat": [], "terverifikasi": False}
    halaman = queries.run(seed_con, "temuan_halaman", **pilihan, batas=maks, mulai=0)
    jumlah = int(queries.run(seed_con, "temuan_hitung", **pilihan)["jumlah"].sum())
    whole = components.catatan_reviu(daftar, tahun, maks=maks)
    paged = components.catatan_reviu(halaman, tahun, maks=maks, jumlah=jumlah)
    assert paged == whole
    in_year = daftar.filter(daftar["tahun"] == tahun).height
    assert len(whole) == min(maks, in_year) + (in_year > maks)
