"""A chart over Altair's row limit (issue 16: Peringkat with 7 285 kecamatan, Anggaran's budget
composition with 14 570 rows failed at national scale with Altair's English MaxRowsError) is not
drawn: the page says why in Indonesian and goes on; a chart under the limit is drawn as before."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(rows: int) -> None:
    import polars as pl

    from dashboard import charts, components

    df = pl.DataFrame(
        {
            "kabupaten": ["Kab. Uji"] * rows,
            "kecamatan": [f"K{i}" for i in range(rows)],
            "nilai": [float(i % 90) for i in range(rows)],
            "kategori": ["B"] * rows,
        }
    )
    chart = charts.peringkat(df.with_columns(peringkat=pl.int_range(1, rows + 1)), "Nilai SAKIP", "angka", 2024, "Uji", rata=45.0)
    components.grafik(chart, "uji")
    import streamlit as st

    st.markdown("sesudah grafik")


def _run(rows: int) -> AppTest:
    return AppTest.from_function(_page, args=(rows,), default_timeout=120).run()


def test_a_chart_over_the_row_limit_is_not_drawn_and_says_why() -> None:
    at = _run(6_000)
    assert not at.exception, [e.value for e in at.exception]
    assert any("tidak digambar" in i.value and "5.000" in i.value for i in at.info)
    assert any("sesudah grafik" in m.value for m in at.markdown)  # the page goes on


def test_a_chart_under_the_limit_is_drawn() -> None:
    at = _run(30)
    assert not at.exception, [e.value for e in at.exception]
    assert not any("tidak digambar" in i.value for i in at.info)
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
