"""Files for reports: chart → PNG/SVG (vl-convert, offline, no browser); table → CSV/XLSX/Parquet.

Pure functions: no Streamlit. PNG is rendered at twice the chart size so it stays sharp in Word
and PowerPoint.

Text from documents is data, never markup: :func:`teks_md` escapes it for ``st.markdown`` /
``st.caption`` (no image fetch, no live link, no HTML), and :func:`table_csv` neutralises cells a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR get a leading ``'``).
"""

from __future__ import annotations

import io
import re

import altair as alt
import polars as pl
import vl_convert as vlc

PNG_SCALE = 2


def _spec(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()


def chart_png(chart: alt.TopLevelMixin, scale: float = PNG_SCALE) -> bytes:
    """The chart as a PNG image (bytes start with b'\\x89PNG')."""
    return bytes(vlc.vegalite_to_png(_spec(chart), scale=scale))


def chart_svg(chart: alt.TopLevelMixin) -> bytes:
    """The chart as an SVG document (UTF-8 bytes)."""
    return vlc.vegalite_to_svg(_spec(chart)).encode("utf-8")


FORMULA_START = r"^[=+\-@\t\r]"
PLAIN_NUMBER = r"^[+-]?[0-9]+([.,][0-9]+)*%?$"  # '-5', '+1,5', '-12.000': a number, left as it is
_MD_ACTIVE = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def teks_md(value: object) -> str:
    """``value`` as literal text inside Markdown: every character Markdown, GFM autolinks or HTML
    would act on is backslash-escaped, line breaks become spaces."""
    return _MD_ACTIVE.sub(r"\\\1", " ".join(str(value).splitlines()))


def csv_safe(df: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV
    injection); numbers, and text that is just a number, stay as they are."""
    texts = [name for name, dtype in df.schema.items() if dtype == pl.String]
    if not texts:
        return df
    return df.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START) & ~pl.col(c).str.contains(PLAIN_NUMBER))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in texts
    )


def table_csv(df: pl.DataFrame) -> bytes:
    """CSV, UTF-8 with a byte-order mark so Excel shows Indonesian names correctly; formula-leading
    text cells neutralised (:func:`csv_safe`)."""
    return b"\xef\xbb\xbf" + csv_safe(df).write_csv().encode("utf-8")


def table_xlsx(df: pl.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook with one sheet (name cut to Excel's 31 characters)."""
    buf = io.BytesIO()
    df.write_excel(buf, worksheet=_sheet_name(sheet), autofit=True)
    return buf.getvalue()


def table_parquet(df: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.write_parquet(buf)
    return buf.getvalue()


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name).strip() or "data"
    return cleaned[:31]


def file_stem(*parts: object) -> str:
    """A file name from its parts: file_stem('Tren', 'SAKIP', 2024) -> 'tren_sakip_2024'."""
    text = "_".join(str(p) for p in parts if p not in (None, ""))
    keep = [c.lower() if c.isalnum() else "_" for c in text]
    return "_".join(filter(None, "".join(keep).split("_")))
