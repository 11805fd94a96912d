"""An address the dashboard does not have: said in Indonesian, with the way back.

Streamlit answers an unknown path with its own English dialog ("Page not found … Running the app's
main page"); the entry script registers this page, hidden, under the path asked for
(streamlit_app.jalur_tak_dikenal), so the reader sees this page instead.
"""

from __future__ import annotations

import streamlit as st

from dashboard.export import teks_md

asked = st.session_state.get("_jalur_tak_dikenal") or ""
st.title("Halaman tidak ditemukan")
st.info(
    f"Alamat “/{teks_md(asked)}” tidak ada di dasbor ini. Pilih halaman di panel kiri, atau buka Ringkasan di bawah; "
    "pilihan wilayah dan tahun di tautan tetap berlaku."
)
st.page_link("app_pages/ringkasan.py", label="Buka Ringkasan", icon=":material/dashboard:", query_params=dict(st.query_params))
