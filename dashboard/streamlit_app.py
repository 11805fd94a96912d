"""Dasbor Kinerja Kecamatan: entry point (page config and navigation)."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Kinerja Kecamatan", page_icon="📊", layout="wide")

pages = [st.Page("app_pages/data_sumber.py", title="Data & Sumber", url_path="data-sumber")]
st.navigation(pages).run()
