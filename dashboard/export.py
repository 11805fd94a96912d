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
import unicodedata

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
