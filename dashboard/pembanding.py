"""The kabupaten's other perangkat daerah as a benchmark for its kecamatan (Ringkasan, Peringkat).

A toggle, kept in the URL (``pembanding=perangkat-daerah``), adds a small table: per kabupaten/kota
in the selection and per key score, the mean realised value of its dinas, badan and other units
that are not kecamatan — the comparison LKjIPs themselves make ("below the average SAKIP of the
kabupaten's perangkat daerah"). Nothing is shown when no such document is loaded; that is said.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import components, data, filters
from dashboard import format as fmt
from dashboard.export import teks_md

PARAM, VALUE = "pembanding", "perangkat-daerah"


def toggle(key: str) -> bool:
    """The toggle, synced with the URL so that a copied link keeps it."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(PARAM) == VALUE
    on = st.toggle("Bandingkan dengan perangkat daerah lain di kabupaten/kota", key=key)
    if on and st.query_params.get(PARAM) != VALUE:
        st.query_params[PARAM] = VALUE
    elif not on and PARAM in st.query_params:
        del st.query_params[PARAM]
    return bool(on)


def tabel(p: filters.Pilihan, jenis: list[str], nama: str) -> None:
    """The benchmark rows for the kabupaten of the selection and the chosen year."""
    kode = p.kabupaten_terpilih()
    kabupaten = sorted({t.kabupaten_label for k, t in p.tempat.items() if k in set(p.wilayah)})
    rows = data.query("pembanding_perangkat_daerah", kabupaten=kode)
    rows = rows.filter((pl.col("tahun") == p.tahun) & pl.col("jenis").is_in(jenis))
    if rows.height == 0:
        st.info(
            f"Belum ada PK/LKjIP perangkat daerah lain (dinas, badan …) dari {teks_md(', '.join(kabupaten))} "
            f"untuk tahun {p.tahun}: muat dokumennya untuk membandingkan."
        )
        return
    shown = rows.select(
        pl.col("kabupaten").alias("Kabupaten/Kota"),
        pl.col("jenis").replace_strict(fmt.NAMA_SKOR, default=pl.col("jenis")).alias("Skor"),
        pl.col("rata_rata").alias("Rata-rata perangkat daerah lain"),
        pl.col("jumlah_perangkat_daerah").alias("Jumlah perangkat daerah"),
        pl.col("perangkat_daerah").alias("Perangkat daerah"),
    )
    styled = shown.to_pandas().style.format(
        {"Rata-rata perangkat daerah lain": fmt.skor, "Jumlah perangkat daerah": fmt.angka}, na_rep=fmt.KOSONG
    )
    components.tabel(shown, nama, tampil=styled)
