"""queries/galat_tempat.sql (Tren's marks) names exactly the places galat_angka.sql names, without
the findings' texts: the light query must never mark a different number than the full one."""

from __future__ import annotations

import duckdb

import queries


def _semua_wilayah(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.sql("select distinct kode_kecamatan from temuan where kode_kecamatan is not null").fetchall()
    return sorted(r[0] for r in rows)


def test_the_places_are_those_of_galat_angka(seed_con: duckdb.DuckDBPyConnection) -> None:
    wilayah = _semua_wilayah(seed_con)
    full = queries.run(seed_con, "galat_angka", wilayah=wilayah)
    places = queries.run(seed_con, "galat_tempat", wilayah=wilayah)
    assert full.height > 0  # the seed documents have arithmetic errors
    assert places.columns == ["dokumen_id", "sumber_baris"]
    expected = full.select("dokumen_id", "sumber_baris").unique().sort("dokumen_id", "sumber_baris")
    assert places.equals(expected)
    assert places.is_unique().all()


def test_one_kecamatan_gives_only_its_own_places(seed_con: duckdb.DuckDBPyConnection) -> None:
    wilayah = _semua_wilayah(seed_con)
    one = wilayah[:1]
    full = queries.run(seed_con, "galat_angka", wilayah=one)
    places = queries.run(seed_con, "galat_tempat", wilayah=one)
    assert places.equals(full.select("dokumen_id", "sumber_baris").unique().sort("dokumen_id", "sumber_baris"))
    everything = queries.run(seed_con, "galat_tempat", wilayah=wilayah)
    assert places.join(everything, on=["dokumen_id", "sumber_baris"], how="anti").height == 0
    assert len(wilayah) > 1 and places.height < everything.height
