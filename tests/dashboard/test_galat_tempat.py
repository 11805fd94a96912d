"""queries/galat_tempat.sql (Tren's marks) names exactly the places galat_angka.sql names, without
the findings' texts: the light query must never mark a different number than the full one."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

import queries
from etl.extract import extract_file
from etl.load import connect, load_document
from tests.read.conftest import SEEDS


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


def test_the_score_places_are_the_places_on_score_lines(tmp_path: Path) -> None:
    """queries/galat_skor.sql (what Tren marks and flags): exactly the places of galat_tempat that
    are lines of the view skor, so Tren marks the same points with far fewer rows at national size.
    The LKjIP seed with its IKM capaian misprinted (106,46 → 116,46) has a galat on a score line."""
    seed = SEEDS / "lkjip_2024_purbalingga_kertanegara.txt"
    text = seed.read_text(encoding="utf-8").replace("93,69\t106,46", "93,69\t116,46")
    assert text != seed.read_text(encoding="utf-8")
    (tmp_path / seed.name).write_text(text, encoding="utf-8")
    con = connect(tmp_path / "k.duckdb")
    load_document(con, extract_file(tmp_path / seed.name))
    wilayah = _semua_wilayah(con)
    places = queries.run(con, "galat_tempat", wilayah=wilayah)
    scores = queries.run(con, "skor_tren", wilayah=wilayah).select("dokumen_id", "sumber_baris").drop_nulls().unique()
    on_scores = queries.run(con, "galat_skor", wilayah=wilayah)
    con.close()
    assert on_scores.columns == ["dokumen_id", "sumber_baris"]
    expected = places.join(
        scores.with_columns(pl.col("sumber_baris").cast(places["sumber_baris"].dtype)),
        on=["dokumen_id", "sumber_baris"],
        how="semi",
    ).sort("dokumen_id", "sumber_baris")
    assert on_scores.height > 0 and on_scores.equals(expected)
    assert on_scores.height < places.height
