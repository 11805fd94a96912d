"""Data & Sumber: the documents loaded."""

from __future__ import annotations

import streamlit as st

from queries import connect_read_only, run

st.title("Data & Sumber")
try:
    con = connect_read_only()
except Exception:  # noqa: BLE001 - no database yet is a user situation, not a crash
    st.info("Basis data belum ada. Jalankan `python -m etl load data/raw` terlebih dahulu.")
    st.stop()
st.dataframe(run(con, "dokumen_dimuat"), hide_index=True)
