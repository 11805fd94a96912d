"""Dasbor Kinerja Kecamatan: page config, shared filters and navigation."""

from __future__ import annotations

import streamlit as st

from dashboard import data, filters

st.set_page_config(page_title="Kinerja Kecamatan", page_icon="📊", layout="wide")

PAGES = [
    st.Page("app_pages/ringkasan.py", title="Ringkasan", url_path="ringkasan", icon=":material/dashboard:", default=True),
    st.Page("app_pages/tren.py", title="Tren", url_path="tren", icon=":material/show_chart:"),
    st.Page("app_pages/anggaran.py", title="Anggaran vs Capaian", url_path="anggaran", icon=":material/payments:"),
    st.Page("app_pages/peringkat.py", title="Peringkat", url_path="peringkat", icon=":material/leaderboard:"),
    st.Page("app_pages/profil.py", title="Profil Kecamatan", url_path="profil", icon=":material/location_city:"),
    st.Page("app_pages/data_sumber.py", title="Data & Sumber", url_path="data-sumber", icon=":material/database:"),
    st.Page("app_pages/reviu_data.py", title="Reviu Data", url_path="reviu-data", icon=":material/fact_check:"),
]

page = st.navigation(PAGES)
try:
    filters.render()
except data.BasisDataTidakAda as missing:
    st.title("Kinerja Kecamatan")
    st.info(
        f"Basis data belum ada ({missing}). Muat dokumen lebih dulu: "
        "`python -m etl load data/raw` (atau atur KINERJA_DB ke berkas basis data yang ada)."
    )
    st.stop()
except data.BasisDataTidakTerbaca as unreadable:
    st.title("Kinerja Kecamatan")
    st.warning(
        f"Basis data tidak dapat dibaca ({unreadable}). Jika dokumen sedang dimuat, muat ulang halaman ini "
        "sebentar lagi; jika tidak, bangun ulang basis data dengan `python -m etl load data/raw`."
    )
    st.stop()
page.run()
