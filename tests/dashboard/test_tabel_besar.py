"""A table too large for pandas' Styler (issue 16: Tren and Anggaran vs Capaian at national scale
showed "The dataframe has 786672 cells, but the maximum … Pandas Styler … 262144") is shown plain,
with an Indonesian caption, instead of an English error."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(rows: int) -> None:
    import polars as pl

    from dashboard import components

    df = pl.DataFrame({"Kecamatan": [f"K{i}" for i in range(rows)], "Nilai": [float(i) for i in range(rows)]})
    components.tabel(df, "uji", tampil=components.gaya_predikat(df.to_pandas(), {}), tahun=None)


def _run(rows: int) -> AppTest:
    at = AppTest.from_function(_page, args=(rows,), default_timeout=60)
    return at.run()


def test_a_table_over_the_styler_limit_is_shown_plain_with_a_caption() -> None:
    at = _run(140_000)  # 280.000 cells > pandas' 262.144
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert any("warna predikat tidak ditampilkan" in c.value for c in at.caption)
    assert at.dataframe[0].value.shape == (140_000, 2)


def test_a_table_under_the_limit_keeps_its_styler() -> None:
    at = _run(100)
    assert not at.exception
    assert not any("warna predikat tidak ditampilkan" in c.value for c in at.caption)
