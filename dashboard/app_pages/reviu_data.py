"""Reviu Data: placeholder until the review page is delivered."""

from __future__ import annotations

import streamlit as st

st.title("Reviu Data")
st.info("Reviu data sedang disiapkan: halaman ini akan menampilkan temuan pemeriksaan angka pada dokumen yang dimuat.")
