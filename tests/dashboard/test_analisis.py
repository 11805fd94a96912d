"""Figures computed for the pages, on the seed database (golden values from the documents)."""

from __future__ import annotations

import polars as pl
import pytest

import queries
from dashboard import analisis
from etl import rules


@pytest.fixture()
def keys(seed_con) -> list[str]:
    return [k for (k,) in seed_con.execute("select distinct kode_kecamatan from dokumen").fetchall()]


def test_kertanegara_sakip_trend_in_words(seed_con, keys) -> None:
    skor = queries.run(seed_con, "skor_tren", wilayah=keys).filter(
        (pl.col("kecamatan") == "Kertanegara") & (pl.col("jenis") == "SAKIP")
    )
    sentence = analisis.kalimat_perubahan("SAKIP", skor["tahun"].to_list(), skor["nilai"].to_list())
    assert sentence == "Nilai SAKIP 55,51 → 63,16 (2022–2024), naik 7,65 poin"


def test_average_change_uses_only_kecamatan_with_both_years(seed_con, keys) -> None:
    skor = queries.run(seed_con, "skor_tren", wilayah=keys)
    avg = analisis.rata_rata_skor(skor, "IKM", 2024)
    assert avg.nilai == pytest.approx(93.69)
    assert avg.perubahan == pytest.approx(93.69 - 87.86)
    assert avg.jumlah == 1


def test_budget_total_counts_detail_lines_once(seed_con, keys) -> None:
    program = queries.run(seed_con, "anggaran_program", wilayah=["33.03.18"], tahun=[])
    total = analisis.anggaran_total(program, 2024)
    # the report's own total (Tabel 3.23: 1.890.600.000, realisasi 93,47 %)
    assert total.pagu == pytest.approx(1_890_600_000)
    assert total.serapan == pytest.approx(93.47, abs=0.01)


def test_ranking_by_ikm_target_with_missing_and_ties(seed_con, keys) -> None:
    skor = queries.run(seed_con, "skor_tren", wilayah=keys)
    program = queries.run(seed_con, "anggaran_program", wilayah=keys, tahun=[])
    values = analisis.nilai_metrik("Target IKM", skor, program)
    pairs = seed_con.execute("select distinct kabupaten, kecamatan from dokumen").fetchall()
    ranking = analisis.peringkat(values, pairs, 2024)
    assert ranking.select("kecamatan", "peringkat", "nilai").rows() == [
        ("Kertanegara", 1, 88.0),
        ("Mangkutana", 2, 87.4),
        ("Somagede", 3, 85.0),
        ("Ajibarang", None, None),
    ]
    tied = values.with_columns(pl.lit(80.0).alias("nilai"))
    assert analisis.peringkat(tied, pairs, 2024)["peringkat"].drop_nulls().to_list() == [1, 1, 1]


def test_rank_change_against_previous_year() -> None:
    values = pl.DataFrame(
        {
            "kabupaten": ["K"] * 4,
            "kecamatan": ["A", "B", "A", "B"],
            "tahun": [2023, 2023, 2024, 2024],
            "nilai": [1.0, 2.0, 3.0, 2.0],
        }
    )
    out = analisis.peringkat(values, [("K", "A"), ("K", "B")], 2024)
    assert out.select("kecamatan", "peringkat", "peringkat_lalu", "naik_peringkat").rows() == [("A", 1, 2, 1), ("B", 2, 1, -1)]


def test_efficiency_conventions_reproduce_the_report(seed_con, keys) -> None:
    points = queries.run(seed_con, "anggaran_efisiensi", wilayah=keys, tahun=[])
    selisih = analisis.tambah_efisiensi(points, rules.EFFICIENCY_SELISIH)
    row = selisih.filter(pl.col("efisiensi_dilaporkan") == 15.59).row(0, named=True)
    assert row["efisiensi"] == pytest.approx(15.59, abs=0.01)
    assert row["kategori_efisiensi"] == "Efisien"


def test_a_trend_chart_keeps_the_kecamatan_with_the_highest_latest_value() -> None:
    rows = pl.DataFrame(
        {
            "kabupaten": ["A"] * 7,
            "kecamatan": ["k1", "k1", "k2", "k2", "k3", "k4", "k4"],
            "tahun": [2022, 2023, 2022, 2023, 2023, 2022, 2023],
            "nilai": [90.0, 50.0, 60.0, 70.0, None, 80.0, None],
        }
    )
    kept = analisis.batasi_kecamatan(rows, 2)
    assert sorted(set(kept["kecamatan"])) == ["k2", "k4"]  # latest values 70 and 80 (k4: its last known)
    assert kept.height == 4  # every year of the kept kecamatan stays
    assert analisis.batasi_kecamatan(rows, 10).height == rows.height
