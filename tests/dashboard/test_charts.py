"""Charts are pure functions: the spec says what a reader sees (titles, units, locale, footnote)."""

from __future__ import annotations

import json

import polars as pl
import pytest

import queries
from dashboard import analisis, charts
from dashboard import format as fmt
from etl import rules


@pytest.fixture()
def scores(seed_con) -> pl.DataFrame:
    keys = [f"{a}|{b}" for a, b in seed_con.execute("select distinct kabupaten, kecamatan from dokumen").fetchall()]
    return queries.run(seed_con, "skor_tren", wilayah=keys)


def _texts(spec: object) -> str:
    return json.dumps(spec, ensure_ascii=False)


def test_trend_has_title_units_locale_and_source(scores: pl.DataFrame) -> None:
    spec = charts.tren_skor(scores, "SAKIP").to_dict()
    text = _texts(spec)
    assert spec["title"]["text"] == "Tren Nilai SAKIP: realisasi dan target"
    assert "Nilai SAKIP (angka)" in text
    assert spec["config"]["locale"]["number"] == fmt.D3_LOCALE
    assert "Sumber: lkjip_2024_purbalingga_kertanegara.txt" in text
    assert 55.51 in [v.get("nilai") for ds in spec["datasets"].values() for v in ds]


def test_sakip_trend_marks_the_method_change_only_across_it(scores: pl.DataFrame) -> None:
    # the seed's SAKIP history starts in the change year itself: no mark
    assert scores.filter(pl.col("jenis") == "SAKIP")["tahun"].min() == rules.SAKIP_METHOD_CHANGE_YEAR
    assert "metode evaluasi SAKIP berubah" not in _texts(charts.tren_skor(scores, "SAKIP").to_dict())
    earlier = scores.filter((pl.col("jenis") == "SAKIP") & (pl.col("tahun") == rules.SAKIP_METHOD_CHANGE_YEAR)).with_columns(
        pl.lit(rules.SAKIP_METHOD_CHANGE_YEAR - 1, dtype=pl.Int32).alias("tahun")
    )
    across = pl.concat([scores, earlier])
    assert "metode evaluasi SAKIP berubah" in _texts(charts.tren_skor(across, "SAKIP").to_dict())
    assert "metode evaluasi SAKIP berubah" not in _texts(charts.tren_skor(across, "IKM").to_dict())


def test_projection_is_labelled_and_optional(scores: pl.DataFrame) -> None:
    assert "PROYEKSI" not in _texts(charts.tren_skor(scores, "SAKIP").to_dict())
    assert "PROYEKSI" in _texts(charts.tren_skor(scores, "SAKIP", dengan_proyeksi=True).to_dict())


def test_projection_is_a_least_squares_line() -> None:
    line = charts.proyeksi([2022, 2023, 2024], [55.0, 60.0, 65.0], 2026)
    assert [t for t, _ in line] == [2024, 2025, 2026]
    assert line[-1][1] == pytest.approx(75.0)
    assert charts.proyeksi([2024], [63.16], 2026) == []
    assert charts.proyeksi([2022, 2024], [1.0, 2.0], 2024) == []


def test_galat_findings_are_ringed(scores: pl.DataFrame) -> None:
    row = scores.filter((pl.col("jenis") == "SAKIP") & (pl.col("tahun") == 2024) & pl.col("nilai").is_not_null()).row(
        0, named=True
    )
    galat = pl.DataFrame({"dokumen_id": [row["dokumen_id"]], "sumber_baris": [row["sumber_baris"]]})
    assert "galat hitung" in _texts(charts.tren_skor(scores, "SAKIP", galat=galat).to_dict())
    assert "galat hitung" not in _texts(charts.tren_skor(scores, "SAKIP", galat=galat.clear()).to_dict())


def test_quadrant_prints_the_convention(seed_con) -> None:
    keys = [f"{a}|{b}" for a, b in seed_con.execute("select distinct kabupaten, kecamatan from dokumen").fetchall()]
    points = analisis.tambah_efisiensi(queries.run(seed_con, "anggaran_efisiensi", wilayah=keys), rules.EFFICIENCY_RASIO)
    text = _texts(charts.kuadran_efisiensi(points, rules.EFFICIENCY_RASIO).to_dict())
    assert charts.KONVENSI[rules.EFFICIENCY_RASIO] in text
    assert "Penyerapan anggaran (%)" in text and "Capaian kinerja (%)" in text


def test_series_are_told_apart_without_colour(scores: pl.DataFrame) -> None:
    text = _texts(charts.tren_skor(scores, "IKM").to_dict())
    assert '"strokeDash"' in text and '"shape"' in text


def test_long_labels_are_cut_with_an_ellipsis() -> None:
    from dashboard.charts import _pendek

    df = pl.DataFrame({"sasaran": ["Meningkatnya kualitas pelayanan kecamatan Contoh", "Pendek"]})
    out = df.select(_pendek("sasaran", 40))["sasaran"].to_list()
    assert out == ["Meningkatnya kualitas pelayanan kecamat…", "Pendek"]
    assert len(out[0]) == 40
