"""Charts are pure functions: the spec says what a reader sees (titles, units, locale, footnote)."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterator

import polars as pl
import pytest
import vl_convert as vlc

import queries
from dashboard import analisis, charts
from dashboard import format as fmt
from etl import rules

RAW_FIELD_NAMES = {"tahun", "nilai", "label", "x", "y", "t", "v", "kecamatan", "teks", "juta", "rupiah", "tw"}


@pytest.fixture()
def scores(seed_con) -> pl.DataFrame:
    keys = [k for (k,) in seed_con.execute("select distinct kode_kecamatan from dokumen").fetchall()]
    return queries.run(seed_con, "skor_tren", wilayah=keys)


def _texts(spec: object) -> str:
    return json.dumps(spec, ensure_ascii=False)


def _title(spec: dict) -> str:
    text = spec["title"]["text"]
    return " ".join(text) if isinstance(text, list) else text


def _units(node: object) -> Iterator[dict]:
    """Every single view (a dict with a mark) anywhere in a spec."""
    if isinstance(node, dict):
        if "mark" in node:
            yield node
        for value in node.values():
            yield from _units(value)
    elif isinstance(node, list):
        for value in node:
            yield from _units(value)


def _all_charts(seed_con, scores: pl.DataFrame) -> dict[str, dict]:
    keys = [k for (k,) in seed_con.execute("select distinct kode_kecamatan from dokumen").fetchall()]
    program = queries.run(seed_con, "anggaran_program", wilayah=keys, tahun=[]).filter(pl.col("tahun") == 2024)
    points = analisis.tambah_efisiensi(
        queries.run(seed_con, "anggaran_efisiensi", wilayah=keys, tahun=[]), rules.EFFICIENCY_SELISIH
    )
    metrik = next(iter(analisis.METRIK))
    ranked = analisis.peringkat(
        analisis.nilai_metrik(metrik, scores, program),
        seed_con.execute("select distinct kabupaten, kecamatan from dokumen").fetchall(),
        2024,
    )
    parts = queries.run(seed_con, "profil_komponen", kode_kecamatan="33.03.18", tahun=2024)
    made = {
        "tren": charts.tren_skor(scores, "SAKIP", True, wilayah="semua kecamatan"),
        "tren_ikm": charts.tren_skor(scores, "IKM"),
        "kuadran": charts.kuadran_efisiensi(points, rules.EFFICIENCY_SELISIH, "semua kecamatan", 2024),
        "komposisi": charts.komposisi_anggaran(program, "semua kecamatan", 2024),
        "peringkat": charts.peringkat(ranked.drop_nulls("peringkat"), metrik, "angka", 2024, "semua kecamatan"),
        **{
            f"komponen_{j}": charts.komponen_skor(parts, j, ["a.txt"], "Kecamatan Kertanegara", 2024)
            for j in ("SAKIP", "IKM", "KEMATANGAN")
            if j in parts["jenis"].to_list()
        },
    }
    quarters = pl.DataFrame({"kecamatan": ["A", "A", "B"], "triwulan": [1, 2, 1], "kumulatif_rp": [1.5e8, 4.0e8, 2.0e8]})
    made["triwulan"] = charts.realisasi_kumulatif(quarters, "semua kecamatan di Kota Contoh", 2025)
    return {name: chart.to_dict() for name, chart in made.items()}


def test_trend_has_title_units_locale_and_source(scores: pl.DataFrame) -> None:
    spec = charts.tren_skor(scores, "SAKIP", wilayah="Purbalingga").to_dict()
    text = _texts(spec)
    assert _title(spec) == "Tren Nilai SAKIP — Purbalingga, 2022–2024"
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
    keys = [k for (k,) in seed_con.execute("select distinct kode_kecamatan from dokumen").fetchall()]
    points = analisis.tambah_efisiensi(
        queries.run(seed_con, "anggaran_efisiensi", wilayah=keys, tahun=[]), rules.EFFICIENCY_RASIO
    )
    text = _texts(charts.kuadran_efisiensi(points, rules.EFFICIENCY_RASIO).to_dict())
    assert charts.KONVENSI[rules.EFFICIENCY_RASIO] in text
    assert "Penyerapan anggaran (%)" in text and "Capaian kinerja (%)" in text


def test_series_are_told_apart_without_colour(seed_con, scores: pl.DataFrame) -> None:
    spec = charts.tren_skor(scores, "IKM").to_dict()
    kecamatan = sorted(set(scores.filter(pl.col("jenis") == "IKM")["kecamatan"].to_list()))
    assert len(kecamatan) >= 3
    for channel in ("shape", "strokeDash"):
        scales = [u["encoding"][channel]["scale"] for u in _units(spec) if channel in u.get("encoding", {})]
        assert scales, channel
        for scale in scales:  # every kecamatan its own shape and dash, the same in every layer
            assert scale["domain"] == kecamatan
            assert len({json.dumps(r) for r in scale["range"]}) == len(kecamatan), channel
    # the weakest component is named in its label, not only coloured
    parts = queries.run(seed_con, "profil_komponen", kode_kecamatan="33.03.18", tahun=2024)
    rows = [r for ds in charts.komponen_skor(parts, "SAKIP").to_dict()["datasets"].values() for r in ds]
    assert sum(str(r.get("label_nilai", "")).endswith("(terlemah)") for r in rows) >= 1


def test_long_labels_are_cut_with_an_ellipsis() -> None:
    from dashboard.charts import _pendek

    df = pl.DataFrame({"sasaran": ["Meningkatnya kualitas pelayanan kecamatan Contoh", "Pendek"]})
    out = df.select(_pendek("sasaran", 40))["sasaran"].to_list()
    assert out == ["Meningkatnya kualitas pelayanan kecamat…", "Pendek"]
    assert len(out[0]) == 40


def test_sakip_years_are_evaluation_years(scores: pl.DataFrame) -> None:
    assert "Tahun evaluasi" in _texts(charts.tren_skor(scores, "SAKIP").to_dict())
    assert "Tahun evaluasi" not in _texts(charts.tren_skor(scores, "IKM").to_dict())


def test_titles_name_region_and_year(seed_con, scores: pl.DataFrame) -> None:
    specs = _all_charts(seed_con, scores)
    assert len(specs) >= 7
    for name, spec in specs.items():
        title = _title(spec)
        assert re.search(r"20\d\d", title), (name, title)
        assert "kecamatan" in title.lower() or "Kertanegara" in title or "Mangkutana" in title, (name, title)


def test_targets_are_labelled_marks_not_dashed_lines(scores: pl.DataFrame) -> None:
    spec = charts.tren_skor(scores, "SAKIP").to_dict()
    rows = [r for ds in spec["datasets"].values() for r in ds]
    labels = {r["teks"] for r in rows if str(r.get("teks", "")).startswith("target ")}
    assert "target 66,00" in labels and "target 71,55" in labels  # Kertanegara's and Mangkutana's PK 2024
    target_marks = [u for u in _units(spec) if isinstance(u["mark"], dict) and u["mark"].get("shape") == charts.TARGET_SHAPE]
    assert target_marks and all("strokeDash" not in u.get("encoding", {}) for u in target_marks)


def test_every_mark_has_indonesian_tooltips_or_none(seed_con, scores: pl.DataFrame) -> None:
    for name, spec in _all_charts(seed_con, scores).items():
        for unit in _units(spec):
            tooltip = unit.get("encoding", {}).get("tooltip")
            assert tooltip is not None, (name, unit["mark"])  # else Vega would show raw field names
            if isinstance(tooltip, dict):
                assert tooltip == {"value": None}, (name, tooltip)
                continue
            for entry in tooltip:
                assert entry.get("title") and entry["title"] not in RAW_FIELD_NAMES, (name, entry)
                if entry.get("type") == "quantitative":
                    assert entry.get("format") in {charts.FMT_SKOR, charts.FMT_RUPIAH, charts.FMT_TAHUN, charts.FMT_SUMBU, ",.4f"}


def test_axis_ticks_drop_needless_decimals(seed_con, scores: pl.DataFrame) -> None:
    for name, spec in _all_charts(seed_con, scores).items():
        for unit in _units(spec):
            for channel in ("x", "y"):
                axis = unit.get("encoding", {}).get(channel, {}).get("axis")
                if isinstance(axis, dict) and "format" in axis:
                    assert axis["format"] in {charts.FMT_SUMBU, charts.FMT_TAHUN, ",~f"}, (name, channel, axis)


def test_one_legend_per_encoding_with_symbols(seed_con, scores: pl.DataFrame) -> None:
    spec = charts.tren_skor(scores, "SAKIP").to_dict()
    svg = vlc.vegalite_to_svg(spec)
    assert svg.count(">Kecamatan</text>") == 1  # colour, shape and dash of kecamatan: one legend
    assert ">Seri</text>" not in svg
    assert svg.count('class="mark-group role-legend"') == 1
    assert svg.count("role-legend-symbol") >= 1
    for name in ("kuadran", "komposisi"):
        legends = vlc.vegalite_to_svg(_all_charts(seed_con, scores)[name]).count('class="mark-group role-legend"')
        assert legends == 1, name


def test_fonts_are_stated_in_points_and_charts_fit_16_cm(seed_con, scores: pl.DataFrame) -> None:
    assert pytest.approx(charts.LEBAR / (16 / 2.54 * 72)) == charts.PT
    assert min(charts.FONT_PT_CATATAN, charts.FONT_PT_LABEL, charts.FONT_PT_SUMBU) >= 7.5
    for name, spec in _all_charts(seed_con, scores).items():
        assert spec["config"]["axis"]["labelFontSize"] == charts.px(charts.FONT_PT_SUMBU)
        assert spec["padding"] == charts.PADDING  # labels keep away from the frame
        png = vlc.vegalite_to_png(spec, scale=1)
        width, _ = struct.unpack(">II", png[16:24])
        # never wider than 16 cm at the stated sizes (the budget chart once printed its labels at ~5 pt)
        assert width <= charts.LEBAR, (name, width)
        if name in ("tren", "komposisi", "kuadran"):
            assert width >= 0.9 * charts.LEBAR, (name, width)


def test_kabupaten_average_is_a_labelled_reference_line(seed_con, scores: pl.DataFrame) -> None:
    rata = queries.run(seed_con, "skor_rata_kabupaten", kabupaten=["33.03"]).filter(pl.col("jenis") == "SAKIP")
    assert rata.sort("tahun")["rata"].to_list() == [55.51, 61.06, 63.16]  # one kecamatan: its own values
    spec = charts.tren_skor(scores.filter(pl.col("kabupaten") == "Purbalingga"), "SAKIP", rata=rata).to_dict()
    assert "rata-rata Purbalingga" in _texts(spec) and "Rata-rata Nilai SAKIP" in _texts(spec)
    png = vlc.vegalite_to_png(spec)  # it still renders offline
    assert png.startswith(b"\x89PNG")
    without = charts.tren_skor(scores.filter(pl.col("kabupaten") == "Purbalingga"), "SAKIP").to_dict()
    assert "rata-rata Purbalingga" not in _texts(without)


def test_ranking_average_rule_and_click_selection(scores: pl.DataFrame) -> None:
    d = pl.DataFrame({"kecamatan": ["A", "B"], "kabupaten": ["K", "K"], "nilai": [60.0, 70.0], "peringkat": [2, 1]})
    spec = charts.peringkat(d, "Nilai SAKIP", "angka", 2024, "Kab. K", rata=65.0, bisa_dipilih=True).to_dict()
    assert "rata-rata 65,00" in _texts(spec)
    params = [p for p in spec.get("params", []) if p.get("name") == charts.PILIH]
    assert params and params[0]["select"]["fields"] == ["kabupaten", "kecamatan"]  # Streamlit reads it by name
    plain = charts.peringkat(d, "Nilai SAKIP", "angka", 2024, "Kab. K").to_dict()
    assert charts.PILIH not in _texts(plain)
    trend = charts.tren_skor(scores, "SAKIP", bisa_dipilih=True).to_dict()
    assert any(p.get("name") == charts.PILIH for p in trend.get("params", []))
    assert vlc.vegalite_to_png(trend).startswith(b"\x89PNG")  # a PNG export ignores the selection


def test_a_footnote_names_a_few_sources_and_counts_the_rest() -> None:
    """A chart of 12 kecamatan over 9 years has ~100 source files: a 16 cm footnote names the first
    few and counts the others (the table beside it names each row's document)."""
    files = [f"lkjip_{y}_kec{k:02d}.txt" for y in range(2017, 2026) for k in range(12)] + [None, "lkjip_2017_kec00.txt"]
    [line] = charts.sumber_catatan(files)
    assert line.startswith(
        "Sumber: lkjip_2017_kec00.txt; lkjip_2017_kec01.txt; lkjip_2017_kec02.txt; lkjip_2017_kec03.txt; dan 104 dokumen lain"
    )
    assert charts.sumber_catatan(["b.pdf", "a.txt", "a.txt"]) == ["Sumber: a.txt; b.pdf"]
    assert charts.sumber_catatan([None]) == ["Sumber: basis data kinerja kecamatan"]
