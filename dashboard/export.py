"""Files for reports: chart → PNG/SVG (vl-convert, offline, no browser); table → CSV/XLSX/Parquet.

Pure functions: no Streamlit. PNG is rendered at twice the chart size so it stays sharp in Word
and PowerPoint.

Numbers in tables follow the one Indonesian formatter (etl.format, through dashboard.format) by
their column: a "(Rp)" column as Rupiah, a "(%)" column as a percentage with two decimals, other
decimals with two decimals unless whole, whole-number columns (years, line numbers) as they are.
The XLSX keeps numbers (a spreadsheet can still add them) with that display as the cell's number
format; CSV holds plain numbers for machines, or the page's text with ``teks=True``.

Text from documents is data, never markup: :func:`teks_md` escapes it for ``st.markdown`` /
``st.caption`` (no image fetch, no live link, no HTML), and :func:`table_csv` neutralises cells a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR get a leading ``'``).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Callable

import altair as alt
import polars as pl
import vl_convert as vlc
import xlsxwriter

from dashboard import format as fmt

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


# GFM links URLs, 'www.' names and e-mail addresses found in the parsed text, after escapes are
# resolved: an invisible word joiner after the scheme, the 'www' or the '@' is what stops it.
_AUTOLINK = re.compile(r"(?i)(https?(?=:)|ftp(?=:)|mailto(?=:)|xmpp(?=:)|www(?=\.)|@)")
WORD_JOINER = "\u2060"


def teks_md(value: object) -> str:
    """``value`` as literal text inside Markdown: every character Markdown or HTML would act on is
    backslash-escaped, a word joiner (U+2060, invisible) keeps URLs and e-mail addresses from
    becoming links, line breaks become spaces."""
    text = _AUTOLINK.sub(lambda m: m.group(1) + WORD_JOINER, " ".join(str(value).splitlines()))
    return _MD_ACTIVE.sub(r"\\\1", text)


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


# --- number display by column ----------------------------------------------------------------

RUPIAH, PERSEN, ANGKA, BULAT = "rupiah", "persen", "angka", "bulat"
TEKS_ANGKA: dict[str, Callable[[float | None], str]] = {
    RUPIAH: fmt.rupiah,
    PERSEN: fmt.persen,
    ANGKA: fmt.angka,
    BULAT: lambda v: fmt.KOSONG if v is None else str(int(v)),
}


def jenis_kolom(name: str, dtype: pl.DataType) -> str | None:
    """How a column's numbers are displayed: by its heading, then by its type; None for text."""
    if not dtype.is_numeric():
        return None
    if name.endswith("(Rp)"):
        return RUPIAH
    if name.endswith("(%)"):
        return PERSEN
    return BULAT if dtype.is_integer() else ANGKA


def format_excel(jenis: str, value: float | None) -> str:
    """The XLSX number format that shows `value` as the page shows it (Excel applies the reader's
    separators; with Indonesian settings the text is the page's)."""
    if jenis == RUPIAH:
        return '"Rp"#,##0'
    if jenis == PERSEN:
        return '#,##0.00"%"'
    if jenis == BULAT:
        return "0"
    return "#,##0" if value is None or fmt.digits_for(value) == 0 else "#,##0.00"


def teks_tabel(df: pl.DataFrame) -> pl.DataFrame:
    """Every number column as the text the pages show (the formatter of its jenis_kolom)."""
    out = []
    for name, dtype in df.schema.items():
        jenis = jenis_kolom(name, dtype)
        if jenis is None:
            out.append(pl.col(name))
        else:
            render = TEKS_ANGKA[jenis]
            out.append(pl.col(name).map_elements(render, return_dtype=pl.String, skip_nulls=False).alias(name))
    return df.select(out)


def table_csv(df: pl.DataFrame, teks: bool = False) -> bytes:
    """CSV, UTF-8 with a byte-order mark so Excel shows Indonesian names correctly; formula-leading
    text cells neutralised (:func:`csv_safe`). Plain numbers, or with ``teks`` the pages' text."""
    frame = teks_tabel(df) if teks else df
    return b"\xef\xbb\xbf" + csv_safe(frame).write_csv().encode("utf-8")


def table_xlsx(df: pl.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook with one sheet (name cut to Excel's 31 characters): numbers stay numbers,
    each with the number format of its column (:func:`format_excel`); an empty cell stays empty."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "nan_inf_to_errors": True})
    ws = book.add_worksheet(_sheet_name(sheet))
    bold = book.add_format({"bold": True})
    formats: dict[str, xlsxwriter.format.Format] = {}

    def number_format(code: str) -> xlsxwriter.format.Format:
        if code not in formats:
            formats[code] = book.add_format({"num_format": code})
        return formats[code]

    kinds = [jenis_kolom(name, dtype) for name, dtype in df.schema.items()]
    for c, name in enumerate(df.columns):
        ws.write_string(0, c, name, bold)
    for r, row in enumerate(df.iter_rows(), start=1):
        for c, (value, jenis) in enumerate(zip(row, kinds)):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            if jenis is not None:
                ws.write_number(r, c, float(value), number_format(format_excel(jenis, value)))
            elif isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, number_format("yyyy-mm-dd hh:mm:ss"))
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, value, number_format("yyyy-mm-dd"))
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            else:
                ws.write_string(r, c, value if isinstance(value, str) else str(value))
    ws.autofit()
    book.close()
    return buf.getvalue()


def table_parquet(df: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.write_parquet(buf)
    return buf.getvalue()


def _sheet_name(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\ or control/format
    characters (a document's name may carry them), no apostrophe at either end."""
    cleaned = "".join("_" if c in "[]:*?/\\" or unicodedata.category(c).startswith("C") else c for c in name)
    return cleaned[:31].strip(" '") or "data"


def file_stem(*parts: object) -> str:
    """A file name from its parts: file_stem('Tren', 'SAKIP', 2024) -> 'tren_sakip_2024'. Only
    letters, digits and '_' remain (no path separator, dot or control character from a document's
    name); 'unduhan' when nothing does."""
    text = "_".join(str(p) for p in parts if p not in (None, ""))
    keep = [c.lower() if c.isalnum() else "_" for c in text]
    return "_".join(filter(None, "".join(keep).split("_"))) or "unduhan"
