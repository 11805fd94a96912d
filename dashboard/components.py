"""Streamlit building blocks shared by the pages: a chart or table with its download buttons.

    grafik(chart, "tren_sakip")                                 # chart + PNG and SVG buttons
    tabel(df, "ringkasan", tampil=styled_df, judul="Ringkasan")  # table + CSV ×2 and XLSX buttons

File names carry the region and the year (``ringkasan_banyuwangi_2024.xlsx``): by default those of
the sidebar's selection (filters.pilihan()); a page about one kecamatan or about every year says so
with ``wilayah=`` / ``tahun=``. The XLSX opens with a title block: `judul`, the selection in
words, units, the source documents (from `sumber`, else the table's Berkas/Dokumen column) and the
date of download.

Files are produced only when a button is clicked (deferred data), and the click does not rerun
the page. Keys are derived from the file name, so give each chart/table on a page its own name.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import altair as alt
import polars as pl
import streamlit as st

from dashboard import analisis, charts, data, export, filters, kolom, labels, laporan, pohon_anggaran
from dashboard import format as fmt
from dashboard.export import teks_md

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DARI_PILIHAN = "pilihan"  # tahun=…: the sidebar's year (the default)
KOLOM_SUMBER = ("Berkas", "Dokumen", "nama_file")  # where a table names its source documents


def _buttons(files: list[tuple[str, str, str, Callable[[], bytes], str | None]], key: str) -> None:
    cols = st.columns(len(files) + 2)
    for col, (label, name, mime, make, help_text) in zip(cols, files):
        with col:
            st.download_button(
                label,
                data=make,
                file_name=name,
                mime=mime,
                key=f"unduh_{key}_{label}",
                on_click="ignore",
                icon=":material/download:",
                help=help_text,
            )


def _pilihan() -> filters.Pilihan | None:
    try:
        return filters.pilihan()
    except (KeyError, AttributeError):  # outside the app (no sidebar has run)
        return None


def wilayah_teks(p: filters.Pilihan | None = None) -> str:
    """The region of the selection in words, without the year ('semua kecamatan di Banyuwangi')."""
    p = p or _pilihan()
    return dataclasses.replace(p, tahun=None).uraian() if p else "semua kecamatan yang dimuat"


def _nama_berkas(nama: str, wilayah: str | None, tahun: int | str | None) -> str:
    p = _pilihan()
    if wilayah is not None:
        region = export.file_stem(wilayah)
    elif p is not None:
        region = export.wilayah_berkas(p.provinsi, p.kabupaten, [p.nama(k) for k in p.kecamatan])
    else:
        region = None
    year = (p.tahun if p else None) if tahun == DARI_PILIHAN else tahun
    if year is not None and str(year) in nama.split("_"):
        year = None  # the name already carries it
    return export.file_stem(*nama.split("_"), region, year)


def unduh_grafik(chart: alt.TopLevelMixin, nama: str, wilayah: str | None = None, tahun: int | str | None = DARI_PILIHAN) -> None:
    """PNG (prints 16 cm wide at ≥ 150 dpi) and SVG buttons for one chart."""
    stem = _nama_berkas(nama, wilayah, tahun)
    _buttons(
        [
            ("PNG", f"{stem}.png", "image/png", lambda: export.chart_png(chart), "Gambar untuk laporan: lebar cetak 16 cm."),
            (
                "SVG",
                f"{stem}.svg",
                "image/svg+xml",
                lambda: export.chart_svg(chart),
                "Gambar vektor, tajam di ukuran berapa pun.",
            ),
        ],
        stem,
    )


def unduh_tabel(
    df: pl.DataFrame,
    nama: str,
    judul: str | None = None,
    wilayah: str | None = None,
    tahun: int | str | None = DARI_PILIHAN,
    sumber: Sequence[str] | None = None,
    jenis: Mapping[str, str] | None = None,
) -> None:
    """CSV (Excel Indonesia), CSV and XLSX buttons for one table."""
    stem = _nama_berkas(nama, wilayah, tahun)
    p = _pilihan()
    year = (p.tahun if p else None) if tahun == DARI_PILIHAN else tahun
    if wilayah is not None:
        selection = f"{wilayah}, tahun {year}" if year else wilayah
    else:
        where = wilayah_teks(p)
        selection = f"{where}, tahun {year}" if year else where
    ket = export.Keterangan(
        judul=judul or nama.replace("_", " ").capitalize(),
        pilihan=selection,
        sumber=tuple(sumber) if sumber is not None else _sumber(df),
    )
    _buttons(
        [
            (
                export.CSV_GAYA[export.CSV_EXCEL_ID],
                f"{stem}.csv",
                "text/csv",
                lambda: export.table_csv(df, gaya=export.CSV_EXCEL_ID, jenis=jenis),
                "Pemisah titik koma dan desimal koma: terbuka rapi di Excel berbahasa Indonesia.",
            ),
            (
                export.CSV_GAYA[export.CSV_BIASA],
                f"{stem}_titik-desimal.csv",
                "text/csv",
                lambda: export.table_csv(df, jenis=jenis),
                "Pemisah koma dan titik desimal, semua digit: untuk program lain.",
            ),
            (
                "XLSX",
                f"{stem}.xlsx",
                XLSX_MIME,
                lambda: export.table_xlsx(df, ket.judul, ket, jenis=jenis),
                "Excel dengan judul, satuan, sumber dan format angka Indonesia.",
            ),
        ],
        stem,
    )


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def unduh_laporan(
    buat: Callable[[], laporan.Laporan], nama: str, wilayah: str | None = None, tahun: int | str | None = DARI_PILIHAN
) -> None:
    """ "Unduh laporan": PDF and DOCX buttons; the report is built (charts rendered) only on a click."""
    stem = _nama_berkas(f"laporan_{nama}", wilayah, tahun)
    _buttons(
        [
            ("Laporan PDF", f"{stem}.pdf", "application/pdf", lambda: laporan.pdf(buat()), "A4, siap dilampirkan pada surat."),
            ("Laporan DOCX", f"{stem}.docx", DOCX_MIME, lambda: laporan.docx(buat()), "Dokumen Word yang masih dapat disunting."),
        ],
        stem,
    )


def catatan_reviu(temuan: pl.DataFrame | None, tahun: int | None = None, maks: int = 40, jumlah: int | None = None) -> list[str]:
    """The review's findings (query temuan_daftar, or the first page of temuan_halaman with the
    selection's count as ``jumlah``) as sentences for a report, in the list's order (per kecamatan,
    the most serious first)."""
    if temuan is None or temuan.height == 0:
        return []
    rows = temuan if tahun is None else temuan.filter(pl.col("tahun") == tahun)
    out = [
        f"{labels.label(labels.TINGKAT_TEMUAN, r['tingkat'])} — {labels.label(labels.PEMERIKSAAN, r['kode'])}: {r['pesan']} "
        f"({r['kecamatan']}, {r['nama_file']}, baris {r['sumber_baris'] if r['sumber_baris'] is not None else '–'})"
        for r in rows.head(maks).iter_rows(named=True)
    ]
    total = rows.height if jumlah is None else jumlah
    if total > maks:
        out.append(f"… dan {fmt.angka(total - maks)} temuan lain (lihat halaman Reviu Data).")
    return out


def _pilih_baris(df: pl.DataFrame, ke_profil: tuple[str, str], key: str) -> dict[str, Any]:
    """st.dataframe arguments: choosing one row asks for that row's kecamatan's Profil."""
    kab_col, kec_col = ke_profil

    def chosen() -> None:
        rows = st.session_state[key].selection.rows
        if rows and rows[0] < df.height:
            _minta_profil(df[kab_col][rows[0]], df[kec_col][rows[0]])

    return {"on_select": chosen, "selection_mode": "single-row", "key": key}


def _pilih_kabupaten(df: pl.DataFrame, kolom_kabupaten: str, key: str) -> dict[str, Any]:
    """st.dataframe arguments: choosing one row narrows the sidebar to that kabupaten/kota (its
    label → its code through the region list, so Kab. X and Kota X never mix)."""

    def chosen() -> None:
        rows = st.session_state[key].selection.rows
        if not rows or rows[0] >= df.height:
            return
        kode, _ = filters.kabupaten_dari_teks(data.query("wilayah"), str(df[kolom_kabupaten][rows[0]]))
        if kode is not None:
            st.session_state[filters.KEY["kabupaten"]] = kode
            st.session_state[filters.KEY["kecamatan"]] = []

    return {"on_select": chosen, "selection_mode": "single-row", "key": key}


def _sumber(df: pl.DataFrame) -> tuple[str, ...]:
    for column in KOLOM_SUMBER:
        if column in df.columns and df.schema[column] == pl.String:
            return tuple(sorted({v for v in df[column].to_list() if v}))
    return ()


# A chart is drawn at its print size (charts.LEBAR px); on a narrower screen it shrinks to its
# container instead of widening the page (a phone at 390 px has no sideways page scroll).
LAYAR_CSS = """<style>
[data-testid="stVegaLiteChart"], [data-testid="stFullScreenFrame"] { max-width: 100%; }
[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg { max-width: 100% !important; height: auto !important; }
[data-testid="stMainBlockContainer"] { overflow-x: hidden; }
[class*="st-key-ringkas_"] { display: none; }
@media (max-width: 640px) {
  [class*="st-key-lebar_"] { display: none; }
  [class*="st-key-ringkas_"] { display: flex; }
}
@media print { [class*="st-key-ringkas_"] { display: none !important; } [class*="st-key-lebar_"] { display: flex !important; } }
</style>"""
TUJUAN_PROFIL = "_buka_profil"  # session key: the kecamatan a click asked Profil to open
PROFIL_PAGE = "app_pages/profil.py"
PILIH = "pilih"  # the name of a chart's click selection (charts.PILIH)


def gaya_layar() -> None:
    """The screen CSS of a page with charts (a constant of ours, never document text)."""
    st.html(LAYAR_CSS)


def _minta_profil(kabupaten: object, kecamatan: object) -> None:
    """A clicked mark or row names its kabupaten as shown (the label) and its kecamatan: the
    region list turns them into the kecamatan's code, so Kab. X and Kota X never mix."""
    if isinstance(kabupaten, str) and isinstance(kecamatan, str):
        kode = filters.kecamatan_dari_teks(data.query("wilayah"), f"{kabupaten}|{kecamatan}")
        if kode is not None:
            st.session_state[TUJUAN_PROFIL] = kode


def buka_profil_bila_diminta() -> None:
    """After a click on a mark or a row that names a kecamatan: open its Profil, keeping the
    sidebar's choices (and the year) in the link."""
    key = st.session_state.pop(TUJUAN_PROFIL, None)
    if not key:
        return
    p = _pilihan()
    params: dict[str, str | list[str]] = dict(p.params()) if p else {}
    if p is not None and key not in p.wilayah:
        params.pop("kecamatan", None)  # a kecamatan outside the sidebar's choice: widen it to its kabupaten
        params["kabupaten"] = filters.kode_kabupaten_dari(key)
        for name in ("kabupaten", "kecamatan"):
            st.session_state.pop(filters.KEY[name], None)
    params["profil"] = key
    st.session_state["profil_kecamatan"] = key
    st.switch_page(PROFIL_PAGE, query_params=params)


# Altair's own limit of rows carried in one chart (alt.data_transformers, default max_rows)
MAKS_BARIS_GRAFIK = 5000


def grafik(
    chart: alt.VConcatChart,
    nama: str,
    wilayah: str | None = None,
    tahun: int | str | None = DARI_PILIHAN,
    *,
    ke_profil: bool = False,
) -> None:
    """Show a chart (from dashboard.charts) with its PNG/SVG download buttons. `ke_profil`: the
    chart has a click selection (charts.PILIH) on kabupaten and kecamatan, and a click opens that
    kecamatan's Profil."""
    gaya_layar()
    # on screen the plot grows with the column (charts.untuk_layar), the footnote below it as text;
    # a facet chart stays at its print size; the downloads are always the print form (16 cm)
    try:
        screen = charts.untuk_layar(chart)
    except alt.MaxRowsError:
        # thousands of marks (a national selection) make no chart a person can read, and Vega-Lite
        # would carry every row to the browser: the page says so and its tables still show them all
        st.info(
            "Grafik ini tidak digambar: pilihan di panel kiri memuat terlalu banyak baris untuk satu grafik "
            f"(lebih dari {fmt.angka(MAKS_BARIS_GRAFIK)}). Pilih satu provinsi atau kabupaten/kota; "
            "tabel di halaman ini tetap memuat semuanya."
        )
        return
    key = f"grafik_{nama}"
    args: dict[str, Any] = {"key": key}
    if ke_profil:

        def chosen() -> None:
            picked = (st.session_state.get(key) or {}).get("selection", {}).get(PILIH) or []
            if picked:
                _minta_profil(picked[0].get("kabupaten"), picked[0].get("kecamatan"))

        args.update(on_select=chosen, selection_mode=[PILIH])
    if screen is None:
        st.altair_chart(chart, width="content", **args)
    else:
        st.vega_lite_chart(screen, width="stretch", **args)
        notes = charts.catatan(chart)
        if notes:
            st.caption(" · ".join(teks_md(n) for n in notes))
    if ke_profil:
        buka_profil_bila_diminta()
    unduh_grafik(chart, nama, wilayah, tahun)


@st.cache_resource(show_spinner=False, max_entries=32)
def _peta_figure(nodes: pl.DataFrame, judul: str, kedalaman: int) -> Any:
    """The treemap figure, built once per tree (its Indonesian labels take about 1 s for a
    kabupaten of 35 kecamatan); shared, never changed after it is made."""
    return pohon_anggaran.treemap(nodes, judul, kedalaman)


def peta_anggaran(
    nodes: pl.DataFrame,
    judul: str,
    nama: str,
    wilayah: str | None = None,
    tahun: int | str | None = DARI_PILIHAN,
    kedalaman: int = 3,
) -> Any:
    """The budget treemap (dashboard.pohon_anggaran) drawn by plotly across the column, with PNG
    and SVG buttons for its printed form (vl-convert, 16 cm). A click on a box descends into it
    (plotly's own navigation); the returned selection (st.plotly_chart's, empty until a box is
    clicked) names the box chosen last, for a page that filters by it."""
    fig = _peta_figure(nodes, judul, kedalaman)
    # no plotly mode bar: its buttons speak English ("Download plot as a png") and the PNG below is the report's
    event = st.plotly_chart(
        fig,
        width="stretch",
        key=f"peta_{nama}",
        config={"displayModeBar": False, "responsive": True},
        on_select="rerun",
        selection_mode="points",
    )
    stem = _nama_berkas(nama, wilayah, tahun)
    _buttons(
        [
            (
                "PNG",
                f"{stem}.png",
                "image/png",
                lambda: pohon_anggaran.png(nodes, judul),
                "Gambar untuk laporan: lebar cetak 16 cm.",
            ),
            ("SVG", f"{stem}.svg", "image/svg+xml", lambda: pohon_anggaran.svg(nodes, judul), "Gambar vektor."),
        ],
        stem,
    )
    return event


def tabel(
    df: pl.DataFrame,
    nama: str,
    tampil: Any = None,
    *,
    judul: str | None = None,
    wilayah: str | None = None,
    tahun: int | str | None = DARI_PILIHAN,
    sumber: Sequence[str] | None = None,
    jenis: Mapping[str, str] | None = None,
    view: str | None = None,
    ke_profil: tuple[str, str] | None = None,
    ke_kabupaten: str | None = None,
    unduh: pl.DataFrame | None = None,
    **kwargs: Any,
) -> None:
    """Show a table with CSV/XLSX buttons. `tampil` is what is shown (e.g. a pandas Styler with
    Indonesian formats and predicate colours); the download holds the numbers and every column of
    `df`, formatted by column (export.jenis_kolom; `jenis` names the kind of a column its heading
    does not tell). `view`: the column spec of dashboard.kolom (the key columns first, pinned and
    sized; the others hidden until chosen in the column menu). `ke_profil`: the (kabupaten,
    kecamatan) columns; choosing a row opens that kecamatan's Profil. `ke_kabupaten`: the kabupaten
    column of a table by kabupaten/kota; choosing a row narrows the sidebar to it. `unduh`: the rows
    of the downloads where they are more than `df` shows (a page of a long table: every page)."""
    kwargs.setdefault("placeholder", fmt.KOSONG)  # an empty cell reads "–", never "None"
    shown = df if tampil is None else tampil
    if _terlalu_besar_untuk_gaya(tampil):
        # pandas refuses to render a Styler over its cell limit (and Streamlit shows that as an
        # English error): a table that large is shown plain, its numbers formatted by the column
        # spec, and the page says what was left out
        shown = df
        st.caption(
            f"Tabel ini memuat {fmt.angka(df.height)} baris: warna predikat tidak ditampilkan agar tetap terbaca; "
            "persempit pilihan di panel kiri untuk melihatnya."
        )
    if view is None:
        st.dataframe(shown, hide_index=True, **kwargs)
    else:
        # the wide table and, for a phone, a compact one; the screen CSS shows the one that fits
        gaya_layar()
        css_key = re.sub(r"[^A-Za-z0-9_-]", "-", nama)
        compact = kolom.ringkas(view, df.columns)
        with _sekali(shown) if compact else contextlib.nullcontext(shown) as once:
            for hp in (False, True) if compact else (False,):
                with st.container(key=f"{'ringkas' if hp else 'lebar'}_{css_key}"):
                    args = {**kolom.atur(view, df.columns, hp=hp), **kwargs}
                    if ke_profil is not None:
                        args.update(_pilih_baris(df, ke_profil, f"tabel_{css_key}{'_hp' if hp else ''}"))
                    elif ke_kabupaten is not None:
                        args.update(_pilih_kabupaten(df, ke_kabupaten, f"tabel_{css_key}{'_hp' if hp else ''}"))
                    st.dataframe(once, hide_index=True, **args)
    if ke_profil is not None:
        st.caption("Pilih satu baris (kotak di kirinya) untuk membuka profil kecamatan itu.")
        buka_profil_bila_diminta()
    elif ke_kabupaten is not None:
        st.caption("Pilih satu baris (kotak di kirinya) untuk melihat kecamatan di kabupaten/kota itu.")
    hidden = kolom.tersembunyi(view, df.columns) if view is not None else []
    if hidden:
        st.caption(
            f"{len(hidden)} kolom lain ({', '.join(hidden[:4])}{', …' if len(hidden) > 4 else ''}) ada di unduhan "
            "dan dapat ditampilkan lewat menu kolom tabel."
        )
    unduh_tabel(df if unduh is None else unduh, nama, judul, wilayah, tahun, sumber, jenis)


@dataclasses.dataclass(frozen=True)
class Lengkap:
    """The per-kecamatan table a kabupaten/kota table sums up: downloaded whole, never drawn."""

    df: pl.DataFrame
    nama: str
    judul: str
    apa: str  # what it holds, in words, above its buttons
    jenis: Mapping[str, str] | None = None


def tabel_kabupaten(
    kab: pl.DataFrame,
    view: str,
    judul: str,
    keterangan: str,
    lengkap: Lengkap,
    *,
    nama: str | None = None,
    tahun: int | str | None = DARI_PILIHAN,
    jenis: Mapping[str, str] | None = None,
) -> None:
    """A selection too wide to read per kecamatan, as one row per kabupaten/kota (the column spec
    `view`; choosing a row narrows the sidebar to it), what it sums up in words, and the table per
    kecamatan whole in the downloads below."""
    tabel(
        kab,
        nama or view,
        tampil=kolom.gaya(view, kab.to_pandas()),
        judul=judul,
        tahun=tahun,
        jenis=jenis,
        view=view,
        ke_kabupaten=analisis.KOLOM_KABUPATEN,
    )
    st.caption(keterangan)
    st.markdown(lengkap.apa)
    unduh_tabel(lengkap.df, lengkap.nama, lengkap.judul, tahun=tahun, jenis=lengkap.jenis)


@contextlib.contextmanager
def _sekali(shown: Any) -> Iterator[Any]:
    """A pandas Styler whose cells are styled and formatted once for both of tabel's tables (the
    wide one and the phone's): Streamlit's marshalling runs the Styler's _compute and _translate on
    every st.dataframe, which for a table of 2 000 rows is most of a page's rerun. Both tables
    already share the Styler's uuid (set by the first), so the second reuses the first's result.

    On leaving, the Styler gets its own methods back and the kept result goes: the wrappers refer
    to the Styler and it to them, a cycle that only the garbage collector's rare full pass would
    free, and with it every cell of the page's largest tables (measured at national scale:
    bench/README.md, the server's memory after every page)."""
    if not hasattr(shown, "_translate") or not hasattr(shown, "_compute"):
        yield shown
        return
    translate, compute = shown._translate, shown._compute
    done: dict[tuple[Any, ...], Any] = {}

    def translate_once(*args: Any, **kwargs: Any) -> Any:
        key = (args, tuple(sorted(kwargs.items())))
        if key not in done:
            done[key] = translate(*args, **kwargs)
        return done[key]

    def compute_once() -> Any:
        return shown if done else compute()

    shown._translate, shown._compute = translate_once, compute_once
    try:
        yield shown
    finally:
        done.clear()
        del shown._translate, shown._compute


def _terlalu_besar_untuk_gaya(tampil: Any) -> bool:
    """A pandas Styler with more cells than pandas renders (option styler.render.max_elements)."""
    data = getattr(tampil, "data", None)
    if data is None or not hasattr(tampil, "to_html"):
        return False
    import pandas as pd

    return int(data.size) > int(pd.get_option("styler.render.max_elements"))


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
