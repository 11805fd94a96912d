"""Files for reports: chart → PNG/SVG (vl-convert, offline, no browser); table → CSV/XLSX/Parquet.

Pure functions: no Streamlit.

Charts: the PNG is rendered at twice the chart's size and says in its header (pHYs) the resolution
at which a full-width chart (dashboard.charts.LEBAR px) is :data:`LEBAR_CETAK_CM` wide — over
:data:`DPI_CETAK` dpi — so Word and LibreOffice insert it at that size, where the font sizes
dashboard.charts states in points are the sizes on paper.

Tables: numbers follow the one Indonesian formatter (etl.format, through dashboard.format) by their
column (:func:`jenis_kolom`): a "(Rp)" column as Rupiah without decimals, a "(%)" column and a
score column with two decimals, years and counts as plain integers (never "2,024"), other decimals
with two unless whole. The XLSX keeps numbers (a spreadsheet can still add them), rounded as they
are displayed, with that display as the cell's number format, under a title block (title,
selection, units, source documents, date of download in Indonesian) with a frozen header row and an
autofilter. CSV comes in two flavours: plain (``,`` and dot decimals, full precision, for machines)
and "Excel Indonesia" (``;`` and comma decimals, rounded as displayed), which an Excel set to
Indonesian opens into the right columns and numbers.

Text from documents is data, never markup: :func:`teks_md` escapes it for ``st.markdown`` /
``st.caption`` (no image fetch, no live link, no HTML), and both CSV flavours neutralise cells a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR get a leading ``'``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import math
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

import altair as alt
import polars as pl
import vl_convert as vlc
import xlsxwriter
from babel.dates import format_date

import etl.format as _id
from dashboard import analisis, charts
from dashboard import format as fmt

# --- charts ----------------------------------------------------------------------------------

LEBAR_CETAK_CM = charts.LEBAR_CETAK_CM  # the width a chart is printed at in a report
DPI_CETAK = 150  # the least resolution of that print
CM_PER_INCH = 2.54
PNG_SCALE = 2  # PNG pixels per chart px: a full-width chart prints 16 cm at 2 × 101,6 = 203 dpi


def _spec(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()


def lebar_png_minimum() -> int:
    """Pixels a PNG needs to print LEBAR_CETAK_CM wide at DPI_CETAK (945 px)."""
    return math.ceil(LEBAR_CETAK_CM / CM_PER_INCH * DPI_CETAK)


def _png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # IHDR comes first in every PNG
    return width, height


def _with_ppi(png: bytes, ppi: float) -> bytes:
    """`png` with a pHYs chunk saying `ppi` (pixels per metre in PNG terms) in place of any other."""
    per_metre = round(ppi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    out, pos = [png[:8]], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        end = pos + 12 + length
        if kind != b"pHYs":
            out.append(png[pos:end])
        if kind == b"IHDR":
            out.append(chunk)
        pos = end
    return b"".join(out)


def png_ppi(png_width: int, scale: float) -> float:
    """The resolution that prints a chart at its designed size: LEBAR (charts) vega px = 16 cm,
    so the fonts charts states in points are points on paper; a chart wider than LEBAR is fitted
    into 16 cm."""
    designed = scale * charts.LEBAR / (LEBAR_CETAK_CM / CM_PER_INCH)
    return max(designed, png_width / (LEBAR_CETAK_CM / CM_PER_INCH))


def chart_png(chart: alt.TopLevelMixin, scale: float = PNG_SCALE) -> bytes:
    """The chart as a PNG image at `scale` × its size, its header (pHYs) saying the resolution at
    which it prints at its designed size: a full-width chart 16 cm wide at ≥ DPI_CETAK."""
    png = bytes(vlc.vegalite_to_png(_spec(chart), scale=scale))
    width, _ = _png_size(png)
    return _with_ppi(png, png_ppi(width, scale))


def chart_svg(chart: alt.TopLevelMixin) -> bytes:
    """The chart as an SVG document (UTF-8 bytes)."""
    return vlc.vegalite_to_svg(_spec(chart)).encode("utf-8")


# --- text safety -----------------------------------------------------------------------------

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

RUPIAH, PERSEN, SKOR, ANGKA, BULAT = "rupiah", "persen", "skor", "angka", "bulat"
DESIMAL = "desimal"  # desimal(n): exactly n decimals
TEKS_ANGKA: dict[str, Callable[[float | None], str]] = {
    RUPIAH: fmt.rupiah,
    PERSEN: fmt.persen,
    SKOR: fmt.skor,
    ANGKA: fmt.angka,
    BULAT: lambda v: fmt.KOSONG if _id.missing(v) else str(int(v)),  # type: ignore[arg-type]
}
# columns that hold a key score (shown with two decimals, as documents print them)
_SKOR = {*fmt.NAMA_SKOR.values(), *analisis.KOLOM_SKOR.values()}
_SKOR_AWALAN = ("", "Target ", "Rata-rata ", "Nilai ")
# whole-number columns whatever their type: years (a year is never '2.024') and source lines
_BULAT_KATA = {"tahun", "baris", "peringkat", "triwulan", "urutan", "halaman"}


def jenis_kolom(name: str, dtype: pl.DataType, jenis: Mapping[str, str] | None = None) -> str | None:
    """How a column's numbers are displayed: as `jenis` says for it, else by its heading, then by
    its type; None for text."""
    if jenis and name in jenis:
        return jenis[name]
    if not dtype.is_numeric():
        return None
    if name.endswith("(Rp)"):
        return RUPIAH
    if name.endswith("(%)"):
        return PERSEN
    words = set(re.split(r"[^a-z]+", name.lower()))
    if dtype.is_integer() or words & _BULAT_KATA or name == "renstra_akhir":
        return BULAT
    if any(name == a + s for a in _SKOR_AWALAN for s in _SKOR):
        return SKOR
    return ANGKA


def desimal(n: int) -> str:
    """The kind of a column shown with exactly `n` decimals (a ratio with 4: desimal(4))."""
    return f"{DESIMAL}:{n}"


def _fixed(jenis: str) -> int | None:
    return int(jenis.split(":", 1)[1]) if jenis.startswith(DESIMAL + ":") else None


def digits(jenis: str, value: float) -> int:
    """Decimals a value of this kind shows."""
    if (n := _fixed(jenis)) is not None:
        return n
    if jenis in (RUPIAH, BULAT):
        return 0
    if jenis in (PERSEN, SKOR):
        return 2
    return fmt.digits_for(value)


def dibulatkan(jenis: str, value: float) -> float | int:
    """`value` rounded as it is displayed (half-up on its printed digits, etl.format's rule)."""
    n = digits(jenis, value)
    rounded = _id.bulatkan(value, n)
    return int(rounded) if n == 0 else float(rounded)


def format_excel(jenis: str, value: float | None) -> str:
    """The XLSX number format that shows `value` as the page shows it (Excel applies the reader's
    separators; with Indonesian settings the text is the page's)."""
    if jenis == RUPIAH:
        return '"Rp"#,##0'
    if jenis == PERSEN:
        return '#,##0.00"%"'
    if jenis == SKOR:
        return "#,##0.00"
    if jenis == BULAT:
        return "0"
    if (n := _fixed(jenis)) is not None:
        return "#,##0" + ("." + "0" * n if n else "")
    return "#,##0" if value is None or fmt.digits_for(value) == 0 else "#,##0.00"


def _kinds(df: pl.DataFrame, jenis: Mapping[str, str] | None) -> dict[str, str | None]:
    return {name: jenis_kolom(name, dtype, jenis) for name, dtype in df.schema.items()}


def teks_tabel(df: pl.DataFrame, jenis: Mapping[str, str] | None = None) -> pl.DataFrame:
    """Every number column as the text the pages show (the formatter of its jenis_kolom)."""
    out = []
    for name, kind in _kinds(df, jenis).items():
        if kind is None or not df.schema[name].is_numeric():
            out.append(pl.col(name))
        else:
            n = _fixed(kind)
            render = TEKS_ANGKA[kind] if n is None else (lambda v, n=n: fmt.angka(v, n))  # type: ignore[misc]
            out.append(pl.col(name).map_elements(render, return_dtype=pl.String, skip_nulls=False).alias(name))
    return df.select(out)


def _angka_excel_id(kind: str) -> Callable[[float | None], str | None]:
    def render(value: float | None) -> str | None:
        if _id.missing(value):
            return None
        assert value is not None
        n = digits(kind, value)
        return f"{_id.bulatkan(value, n):f}".replace(".", ",")

    return render


# --- CSV ---------------------------------------------------------------------------------------

CSV_BIASA = "biasa"  # ',' between fields, '.' before decimals, every digit: for machines
CSV_EXCEL_ID = "excel_id"  # ';' and ',' decimals, rounded as displayed: Excel with Indonesian settings
CSV_GAYA = {CSV_EXCEL_ID: "CSV (Excel Indonesia)", CSV_BIASA: "CSV"}


def table_csv(df: pl.DataFrame, teks: bool = False, gaya: str = CSV_BIASA, jenis: Mapping[str, str] | None = None) -> bytes:
    """CSV, UTF-8 with a byte-order mark so Excel shows Indonesian names correctly; formula-leading
    text cells neutralised (:func:`csv_safe`).

    ``gaya=CSV_BIASA``: ``,`` separator, plain numbers with a dot (or with ``teks`` the pages'
    text). ``gaya=CSV_EXCEL_ID``: ``;`` separator, numbers rounded as displayed with a decimal
    comma and no thousands separator (Excel reads them as numbers), dates day/month/year."""
    if gaya == CSV_EXCEL_ID:
        safe = csv_safe(df)
        kinds = _kinds(df, jenis)
        frame = safe.with_columns(
            pl.col(name).map_elements(_angka_excel_id(kind), return_dtype=pl.String, skip_nulls=False).alias(name)
            for name, kind in kinds.items()
            if kind is not None and df.schema[name].is_numeric()
        )
        text = frame.write_csv(separator=";", date_format="%d/%m/%Y", datetime_format="%d/%m/%Y %H:%M")
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    frame = teks_tabel(df, jenis) if teks else df
    return b"\xef\xbb\xbf" + csv_safe(frame).write_csv().encode("utf-8")


def tulis_csv(
    potongan: Iterable[pl.DataFrame],
    out: BinaryIO,
    gaya: str = CSV_BIASA,
    jenis: Mapping[str, str] | None = None,
    ubah: Callable[[pl.DataFrame], pl.DataFrame] | None = None,
) -> int:
    """Write a table that arrives in pieces (a download streamed from DuckDB) to `out` as one CSV,
    byte for byte what :func:`table_csv` gives for the whole table: the byte-order mark and the
    header once, then each piece's rows. `ubah` turns each piece into the table as exported
    (labels, headings). Returns the number of rows written."""
    rows, first = 0, True
    for piece in potongan:
        frame = ubah(piece) if ubah is not None else piece
        if frame.height == 0 and not first:
            continue
        text = table_csv(frame, gaya=gaya, jenis=jenis).removeprefix(b"\xef\xbb\xbf")
        if not first:
            text = text.split(b"\n", 1)[1] if b"\n" in text else b""
        out.write((b"\xef\xbb\xbf" if first else b"") + text)
        rows += frame.height
        first = False
    return rows


# --- XLSX --------------------------------------------------------------------------------------

BULAN_TAHUN_ID = "[$-421]d mmmm yyyy"  # Excel's Indonesian (LCID 0421) long date: '2 Desember 2026'
WAKTU_ID = "[$-421]d mmmm yyyy hh:mm"
MAKS_SUMBER = 12  # documents named in the title block; more are counted ('dan 3 dokumen lain')


def tanggal_id(day: dt.date) -> str:
    """An Indonesian date: tanggal_id(date(2026, 12, 2)) -> '2 Desember 2026'."""
    return format_date(day, "d MMMM y", locale=fmt.LOCALE)


@dataclass(frozen=True)
class Keterangan:
    """The title block above a table in an XLSX: what it is, for which selection, in which units,
    from which documents, downloaded when. `satuan` None: said from the column kinds."""

    judul: str
    pilihan: str | None = None
    sumber: Sequence[str] = field(default_factory=tuple)
    satuan: str | None = None
    diunduh: dt.date | None = None

    def baris(self, kinds: Sequence[str | None]) -> list[str]:
        names = sorted({s for s in self.sumber if s})
        if len(names) > MAKS_SUMBER:
            names = [*names[:MAKS_SUMBER], f"dan {len(names) - MAKS_SUMBER} dokumen lain"]
        lines = [self.judul]
        if self.pilihan:
            lines.append(f"Pilihan: {self.pilihan}")
        lines.append(f"Satuan: {self.satuan or satuan_kolom(kinds)}")
        lines.append("Sumber: " + ("; ".join(names) if names else "basis data kinerja kecamatan"))
        lines.append(f"Diunduh: {tanggal_id(self.diunduh or dt.date.today())}")
        return lines


def satuan_kolom(kinds: Sequence[str | None]) -> str:
    """The units line from the kinds of columns a table has."""
    said = {
        RUPIAH: "kolom (Rp) dalam Rupiah, tanpa desimal",
        PERSEN: "kolom (%) dalam persen, dua desimal",
        SKOR: "skor (IKM, SAKIP, kematangan) dalam angka indeks, dua desimal",
        BULAT: "tahun, nomor baris dan hitungan sebagai bilangan bulat",
        ANGKA: "angka lain dengan dua desimal bila tidak bulat",
    }
    parts = [text for kind, text in said.items() if kind in kinds]
    return "; ".join(parts) + "." if parts else "tidak ada kolom angka."


def table_xlsx(
    df: pl.DataFrame,
    sheet: str = "data",
    keterangan: Keterangan | None = None,
    jenis: Mapping[str, str] | None = None,
    bulatkan: bool = True,
) -> bytes:
    """An Excel workbook with one sheet (:func:`workbook_xlsx`)."""
    return workbook_xlsx([(sheet, df, keterangan)], jenis=jenis, bulatkan=bulatkan)


def workbook_xlsx(
    sheets: Sequence[tuple[str, pl.DataFrame, Keterangan | None]],
    jenis: Mapping[str, str] | None = None,
    bulatkan: bool = True,
) -> bytes:
    """An Excel workbook, one sheet per (name, table, title block).

    Each sheet: the title block (if any) and a blank row, then the header row (bold, frozen,
    with an autofilter over the table), then the rows. Numbers stay numbers with the number
    format of their column (:func:`format_excel`), rounded as displayed unless ``bulatkan`` is
    False (raw views); an empty cell stays empty. Sheet names: :func:`nama_sheet`."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "nan_inf_to_errors": True})
    bold = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    title = book.add_format({"bold": True, "font_size": 14})
    formats: dict[str, xlsxwriter.format.Format] = {}

    def number_format(code: str) -> xlsxwriter.format.Format:
        if code not in formats:
            formats[code] = book.add_format({"num_format": code})
        return formats[code]

    used: list[str] = []
    for name, df, ket in sheets:
        sheet_name = nama_sheet(name, used)
        used.append(sheet_name)
        ws = book.add_worksheet(sheet_name)
        kinds = list(_kinds(df, jenis).values())
        top = 0
        if ket is not None:
            for i, line in enumerate(ket.baris(kinds)):
                ws.write_string(i, 0, line, title if i == 0 else None)
            top = len(ket.baris(kinds)) + 1
        for c, column in enumerate(df.columns):
            ws.write_string(top, c, column, bold)
        for r, row in enumerate(df.iter_rows(), start=top + 1):
            for c, (value, kind) in enumerate(zip(row, kinds)):
                _write_cell(ws, r, c, value, kind, bulatkan, number_format)
        ws.freeze_panes(top + 1, 0)
        if df.width:
            ws.autofilter(top, 0, top + max(df.height, 1), df.width - 1)
        ws.autofit()
        if ket is not None:
            ws.set_column(0, 0, max(14, min(60, max((len(str(v)) for v in df[:, 0].to_list()), default=0) + 2)))
    book.close()
    return buf.getvalue()


def _write_cell(
    ws: xlsxwriter.worksheet.Worksheet,
    r: int,
    c: int,
    value: object,
    kind: str | None,
    bulatkan: bool,
    number_format: Callable[[str], xlsxwriter.format.Format],
) -> None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return
    if kind is not None and isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
        number = float(value)
        if bulatkan and not math.isinf(number):
            number = dibulatkan(kind, number)
        ws.write_number(r, c, number, number_format(format_excel(kind, float(value))))
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, number_format(WAKTU_ID))
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, value, number_format(BULAN_TAHUN_ID))
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    else:
        ws.write_string(r, c, value if isinstance(value, str) else str(value))


def table_parquet(df: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.write_parquet(buf)
    return buf.getvalue()


# --- names -------------------------------------------------------------------------------------

MAKS_SHEET = 31  # Excel's limit on a sheet name
_SINGKATAN = {"kecamatan": "Kec.", "kabupaten": "Kab.", "kabupaten/kota": "Kab./Kota", "provinsi": "Prov."}  # the usual ones


def nama_sheet(name: str, used: Sequence[str] = ()) -> str:
    """A sheet name Excel accepts, unique among `used` (case-insensitive, as Excel compares them):
    forbidden characters ``[]:*?/\\`` become spaces; a name over 31 characters is shortened
    sensibly — separators between words, then filler words (dan, per, di …), then the usual abbreviations (Kecamatan → Kec.),
    then whole words dropped from the end — never cut inside a word (a single word longer than
    31 characters is the one exception). A clash gets ' (2)', ' (3)' … within the limit."""
    cleaned = " ".join("".join(" " if c in "[]:*?/\\" or unicodedata.category(c)[0] == "C" else c for c in name).split())
    cleaned = cleaned.strip("'") or "data"
    base = _shorten(cleaned, MAKS_SHEET)
    taken = {u.lower() for u in used}
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = _shorten(cleaned, MAKS_SHEET - len(suffix)) + suffix
    return candidate


_PENGISI = {"dan", "per", "di", "yang", "dari", "untuk", "atas", "terhadap", "serta"}


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    words = [w.rstrip(",;:") for w in re.split(r"[\s_]+", text) if w and w not in {"-", "–", ":", "×", "·"}]
    steps: list[Callable[[list[str]], list[str]]] = [
        lambda ws: [w for i, w in enumerate(ws) if i == 0 or w.lower() not in _PENGISI],
        lambda ws: [_SINGKATAN.get(w.lower(), w) for w in ws],
    ]
    for step in steps:
        if len(" ".join(words)) > limit:
            words = step(words)
    # drop whole words from the end, keeping a closing year (it tells two sheets apart)
    keep_last = len(words) > 1 and re.fullmatch(r"\d{4}", words[-1]) is not None
    while len(words) > 1 + keep_last and len(" ".join(words)) > limit:
        words.pop(-2 if keep_last else -1)
    return " ".join(words)[:limit].rstrip(" '") or "data"  # Excel refuses an apostrophe at either end


def _slug(part: object) -> str:
    folded = unicodedata.normalize("NFKD", str(part)).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def file_stem(*parts: object) -> str:
    """A safe file name from its parts, '_' between parts, '-' inside one: no path separator, no
    control character, no space, ASCII only, at most 120 characters.

    file_stem('Ringkasan', 'Kab Banyuwangi', 2024) -> 'ringkasan_kab-banyuwangi_2024'."""
    slugs = [s for s in (_slug(p) for p in parts if p not in (None, "")) if s]
    return "_".join(slugs)[:120].strip("-_") or "unduhan"


def wilayah_berkas(provinsi: str | None, kabupaten: str | None, kecamatan: Sequence[str]) -> str:
    """The region part of a file name: 'kec-contoh', 'kec-contoh-dan-2-lainnya',
    'kab-banyuwangi' or 'kota-bogor' (a kabupaten or kota by its label, 'Kab. Banyuwangi'),
    'prov-jawa-tengah', or 'semua-wilayah'. `kecamatan` as names (not keys)."""
    if kecamatan:
        first = kecamatan[0]
        rest = f" dan {len(kecamatan) - 1} lainnya" if len(kecamatan) > 1 else ""
        return _slug(f"kec {first}{rest}")
    if kabupaten:
        return _slug(kabupaten)
    if provinsi:
        return _slug(f"prov {provinsi}")
    return "semua-wilayah"
