"""Long tables at national scale (issue 16): pages cut in SQL, downloads streamed from DuckDB.

    mulai = halaman.pilih("dokumen_halaman", "hal_dokumen", jumlah)        # the page, kept in the URL
    rows = data.query("dokumen_halaman", **scope, batas=halaman.PER_HALAMAN, mulai=mulai)
    halaman.unduh("dokumen_halaman", scope, "dokumen", judul="…", jumlah=jumlah)

A page never fetches a whole selection: the query returns one page (``$batas`` rows from row
``$mulai``), its size comes from a ``count(*)`` query, and the page number travels in the URL like
every other choice (``hal_…=N``, left out on the first page). A download holds every row of the
selection (all pages): the query runs again with ``$batas`` NULL when the button is clicked, its rows
come from DuckDB in batches and are written to a temporary file (dashboard.data.ekspor), so neither
the rows nor the file ever enter the query cache. Streamlit holds a served file in the server's
memory, so a download has a row limit (MAKS_UNDUH) and an XLSX, built in memory, a lower one
(MAKS_XLSX); above them the page says so in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import polars as pl
import streamlit as st

from dashboard import data, export, filters
from dashboard import format as fmt

PER_HALAMAN = 50  # rows of a table page
MAKS_UNDUH = 250_000  # rows a CSV or Parquet download may hold (the file is served from memory)
MAKS_XLSX = 50_000  # rows an XLSX download may hold (built whole in memory)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def lingkup(p: filters.Pilihan, tahun: Sequence[int] = ()) -> dict[str, Any]:
    """The parameters of the sidebar's scope for the queries that take it (dokumen_halaman,
    view_halaman …): the kecamatan in scope by code and, unless kecamatan are chosen, the other
    perangkat daerah (no kecamatan) of the chosen kabupaten/kota or provinsi; `tahun` (empty: every
    year); the switch "Hanya dokumen terverifikasi"."""
    return {
        "wilayah": list(p.wilayah),
        "lain": not p.kecamatan,
        "kode_kabupaten": p.kode_kabupaten,
        "provinsi": p.provinsi,
        "tahun": [int(t) for t in tahun],
        "terverifikasi": data.terverifikasi(),
    }


def pilih(key: str, param: str, jumlah: int, per_halaman: int = PER_HALAMAN, on_change: Callable[[], None] | None = None) -> int:
    """Draw the page choice of a table of `jumlah` rows (only when there is more than one page),
    keep it in the URL parameter `param` and return the first row of the page (for ``$mulai``). A
    page beyond the last (a shorter selection, a stale link) becomes the last."""
    pages = max(1, math.ceil(jumlah / per_halaman))
    if key not in st.session_state:
        wanted = st.query_params.get(param) or ""
        st.session_state[key] = int(wanted) if wanted.isdigit() else 1
    value = st.session_state.get(key)
    st.session_state[key] = min(max(1, int(value) if isinstance(value, (int, float)) else 1), pages)
    if pages > 1:
        st.number_input(
            f"Halaman (1–{fmt.angka(pages)})",
            min_value=1,
            max_value=pages,
            step=1,
            key=key,
            on_change=on_change,
            help="Ketik nomor halaman atau pakai tombol − dan +.",
        )
    page = int(st.session_state[key])
    if page == 1:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != str(page):
        st.query_params[param] = str(page)
    mulai = (page - 1) * per_halaman
    if jumlah > per_halaman:
        st.caption(
            f"Baris {fmt.angka(mulai + 1)}–{fmt.angka(min(jumlah, mulai + per_halaman))} dari {fmt.angka(jumlah)} "
            f"(halaman {fmt.angka(page)} dari {fmt.angka(pages)})."
        )
    return mulai


def nama_berkas(nama: str, p: filters.Pilihan, tahun: Sequence[int] = ()) -> str:
    """'dokumen_kab-contoh_2024': the file name of a download of the selection."""
    region = export.wilayah_berkas(p.provinsi, p.kabupaten, [p.nama(k) for k in p.kecamatan])
    years = "-".join(str(t) for t in sorted(tahun)) or None
    return export.file_stem(nama, region, years)


def unduh(
    kueri: str,
    params: Mapping[str, Any],
    stem: str,
    *,
    judul: str,
    pilihan: str,
    jumlah: int,
    ubah: Callable[[pl.DataFrame], pl.DataFrame] | None = None,
    jenis: Mapping[str, str] | None = None,
    parquet: bool = False,
    bulatkan: bool = True,
    key: str,
) -> None:
    """Download buttons for every row of query `kueri` with `params` (``$batas`` NULL, ``$mulai``
    0): CSV (Excel Indonesia), CSV, Parquet (raw rows, when `parquet`) and, up to MAKS_XLSX rows,
    XLSX with its title block. `ubah` turns a piece of the result into the table as exported (labels,
    headings; not applied to Parquet). `jumlah`: the selection's row count (the count(*) query)."""
    if jumlah > MAKS_UNDUH:
        st.caption(
            f"Pilihan ini memuat {fmt.angka(jumlah)} baris, lebih dari batas unduhan {fmt.angka(MAKS_UNDUH)} baris: "
            "persempit wilayah (atau tahun) di panel kiri untuk mengunduhnya."
        )
        return
    semua = {**params, "batas": None, "mulai": 0}
    files: list[tuple[str, str, str, Callable[[], bytes], str]] = [
        (
            export.CSV_GAYA[export.CSV_EXCEL_ID],
            f"{stem}.csv",
            "text/csv",
            lambda: data.ekspor(kueri, lambda rows, out: _csv(rows, out, export.CSV_EXCEL_ID, jenis, ubah), **semua),
            "Pemisah titik koma dan desimal koma: terbuka rapi di Excel berbahasa Indonesia.",
        ),
        (
            export.CSV_GAYA[export.CSV_BIASA],
            f"{stem}_titik-desimal.csv",
            "text/csv",
            lambda: data.ekspor(kueri, lambda rows, out: _csv(rows, out, export.CSV_BIASA, jenis, ubah), **semua),
            "Pemisah koma dan titik desimal, semua digit: untuk program lain.",
        ),
    ]
    if parquet:
        files.append(
            (
                "Parquet",
                f"{stem}.parquet",
                "application/octet-stream",
                lambda: data.ekspor_parquet(kueri, **semua),
                "Berkas kolom (Parquet) untuk pengolahan data, nilai apa adanya.",
            )
        )
    if jumlah <= MAKS_XLSX:
        ket = export.Keterangan(judul=judul, pilihan=pilihan)

        def xlsx() -> bytes:
            pieces: list[pl.DataFrame] = []
            data.ekspor(kueri, lambda rows, out: pieces.extend(ubah(r) if ubah else r for r in rows), **semua)
            frame = pl.concat(pieces) if pieces else pl.DataFrame()
            sumber = tuple(sorted({v for v in frame["Berkas"].to_list() if v})) if "Berkas" in frame.columns else ()
            return export.table_xlsx(frame, judul, export.Keterangan(ket.judul, ket.pilihan, sumber), jenis, bulatkan)

        files.append(("XLSX", f"{stem}.xlsx", XLSX_MIME, xlsx, "Excel dengan judul, satuan, sumber dan format angka Indonesia."))
    cols = st.columns(len(files) + 1)
    for col, (label, name, mime, make, help_text) in zip(cols, files, strict=False):
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
    if jumlah > MAKS_XLSX:
        st.caption(
            f"XLSX hanya tersedia sampai {fmt.angka(MAKS_XLSX)} baris; pilihan ini {fmt.angka(jumlah)} baris. "
            "Unduh CSV" + (" atau Parquet" if parquet else "") + ", atau persempit pilihan di panel kiri."
        )
    else:
        st.caption(f"Unduhan memuat seluruh {fmt.angka(jumlah)} baris pilihan ini (semua halaman).")


def _csv(
    rows: Any, out: Any, gaya: str, jenis: Mapping[str, str] | None, ubah: Callable[[pl.DataFrame], pl.DataFrame] | None
) -> None:
    export.tulis_csv(rows, out, gaya=gaya, jenis=jenis, ubah=ubah)
