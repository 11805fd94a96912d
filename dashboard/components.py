"""Streamlit building blocks shared by the pages: a chart or table with its download buttons.

    grafik(chart, "tren_sakip")               # chart + PNG and SVG buttons
    tabel(df, "ringkasan", tampil=styled_df)   # table + CSV and XLSX buttons

Files are produced only when a button is clicked (deferred data), and the click does not rerun
the page. Keys are derived from the file name, so give each chart/table on a page its own name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import polars as pl
import streamlit as st

from dashboard import export
from dashboard import format as fmt


def _buttons(files: list[tuple[str, str, str, Callable[[], bytes]]], key: str) -> None:
    cols = st.columns(len(files) + 3)
    for col, (label, name, mime, make) in zip(cols, files):
        with col:
            st.download_button(
                label,
                data=make,
                file_name=name,
                mime=mime,
                key=f"unduh_{key}_{label}",
                on_click="ignore",
                icon=":material/download:",
            )


def unduh_grafik(chart: alt.TopLevelMixin, nama: str) -> None:
    """PNG (report-ready, 2× resolution) and SVG buttons for one chart."""
    stem = export.file_stem(nama)
    _buttons(
        [
            ("PNG", f"{stem}.png", "image/png", lambda: export.chart_png(chart)),
            ("SVG", f"{stem}.svg", "image/svg+xml", lambda: export.chart_svg(chart)),
        ],
        stem,
    )


def unduh_tabel(df: pl.DataFrame, nama: str) -> None:
    """CSV and XLSX buttons for one table."""
    stem = export.file_stem(nama)
    _buttons(
        [
            ("CSV", f"{stem}.csv", "text/csv", lambda: export.table_csv(df)),
            (
                "XLSX",
                f"{stem}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                lambda: export.table_xlsx(df, nama),
            ),
        ],
        stem,
    )


def grafik(chart: alt.VConcatChart, nama: str) -> None:
    """Show a chart (from dashboard.charts) with its PNG/SVG download buttons."""
    st.altair_chart(chart, width="content")
    unduh_grafik(chart, nama)


def tabel(df: pl.DataFrame, nama: str, tampil: Any = None, **kwargs: Any) -> None:
    """Show a table with CSV/XLSX buttons. `tampil` is what is shown (e.g. a pandas Styler with
    Indonesian formats and predicate colours); the download holds the plain numbers of `df`."""
    kwargs.setdefault("placeholder", fmt.KOSONG)  # an empty cell reads "–", never "None"
    st.dataframe(df if tampil is None else tampil, hide_index=True, **kwargs)
    unduh_tabel(df, nama)


def gaya_predikat(pdf: Any, kolom_jenis: dict[str, str]) -> Any:
    """A pandas Styler colouring category columns with the predicate colours (text stays, so the
    category is readable in greyscale). `kolom_jenis` maps column → scale ('CAPAIAN', 'IKM', …)."""

    def colour(value: object, jenis: str) -> str:
        c = fmt.warna_predikat(jenis, value if isinstance(value, str) else None)
        return f"background-color: {c}; color: {fmt.warna_teks(c)}; font-weight: 600" if c else ""

    styler = pdf.style
    for col, jenis in kolom_jenis.items():
        if col in pdf.columns:
            styler = styler.map(colour, subset=[col], jenis=jenis)
    return styler
