"""The screen form of a chart (issue 14): it grows with its column, its title wraps for a phone,
its footnote goes below it as text; the print form (PNG/SVG) stays 16 cm."""

from __future__ import annotations

import json

import polars as pl
import pytest
import vl_convert as vlc

import queries
from dashboard import charts, export


@pytest.fixture()
def keys(seed_con) -> list[str]:
    return [k for (k,) in seed_con.execute("select distinct kode_kecamatan from dokumen").fetchall()]


def test_a_trend_on_screen_fits_its_container_and_keeps_its_footnote_as_text(seed_con, keys) -> None:
    chart = charts.tren_skor(queries.run(seed_con, "skor_tren", wilayah=keys), "SAKIP", wilayah="Kab. Contoh")
    screen = charts.untuk_layar(chart)
    assert screen is not None
    assert screen["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert "width" not in screen and "vconcat" not in screen and "layer" in screen
    assert screen["height"] == chart.to_dict()["vconcat"][0]["height"]
    notes = charts.catatan(chart)
    assert notes and notes[0].startswith("Sumber: ")
    assert "Sumber: " not in json.dumps(screen["layer"])  # the footnote is not drawn in the plot
    # the title's lines are chosen by the container's width: short lines on a phone
    text = screen["title"]["text"]["expr"]
    narrow, wide = json.loads(text.split(" ? ", 1)[1].split(" : ", 1)[0]), json.loads(text.rsplit(" : ", 1)[1])
    assert text.startswith(charts.LAYAR_SEMPIT)
    assert " ".join(narrow) == " ".join(wide) and len(narrow) > len(wide)
    assert max(len(line) for line in narrow) < max(len(line) for line in wide)


def test_the_screen_spec_draws() -> None:
    """vl-convert compiles and renders it (at its default size: no container outside a browser)."""
    chart = charts.peringkat(
        pl.DataFrame({"kecamatan": ["A", "B"], "kabupaten": ["K", "K"], "nilai": [80.0, 70.0], "peringkat": [1, 2]}),
        "IKM",
        "angka",
        2024,
        "Kab. Contoh",
        rata=75.0,
    )
    screen = charts.untuk_layar(chart)
    assert screen is not None
    axis = json.dumps(screen)
    assert f'"labelLimit": {{"expr": "{charts.LAYAR_SEMPIT} ? {charts.LABEL_KATEGORI_HP} : {charts.LABEL_KATEGORI}"}}' in axis
    svg = vlc.vegalite_to_svg(screen)
    assert "rata-rata 75,00" in svg


def test_a_chart_of_several_panels_keeps_its_print_size(seed_con, keys) -> None:
    program = queries.run(seed_con, "anggaran_program", wilayah=keys, tahun=[]).filter(pl.col("tahun") == 2024)
    assert program["kecamatan"].n_unique() > 1
    assert charts.untuk_layar(charts.komposisi_anggaran(program, "semua", 2024)) is None  # a facet cannot fit
    one = program.filter(pl.col("kecamatan") == program["kecamatan"][0])
    assert charts.untuk_layar(charts.komposisi_anggaran(one, "satu", 2024)) is not None  # one panel widens


def test_the_print_form_is_unchanged(seed_con, keys) -> None:
    chart = charts.tren_skor(queries.run(seed_con, "skor_tren", wilayah=keys), "SAKIP", wilayah="Kab. Contoh")
    png = export.chart_png(chart)
    width, _ = export._png_size(png)
    assert width == pytest.approx(charts.LEBAR * export.PNG_SCALE, rel=0.05)
    assert "Sumber: " in export.chart_svg(chart).decode()  # the report keeps the footnote in the image
