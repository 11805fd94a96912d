"""Dasbor Kinerja Kecamatan: page config, shared filters and navigation."""

from __future__ import annotations

import logging
import re
import urllib.parse

import duckdb
import streamlit as st

from dashboard import akun, data, filters
from dashboard.export import teks_md

log = logging.getLogger("dashboard")

st.set_page_config(page_title="Kinerja Kecamatan", page_icon="📊", layout="wide")

# Printing a page (Ctrl+P) gives the page itself: no sidebar, toolbar, buttons or widgets, and the
# content at full width. A constant of ours, never document text (that is always escaped text).
PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stDownloadButton"],
  [data-testid="stButton"], [data-testid="stElementToolbar"], [data-testid="stExpanderToggleIcon"] { display: none !important; }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] { margin: 0 !important; padding: 0 !important; max-width: 100% !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stDataFrame"], [data-testid="stTable"] { break-inside: avoid; }
}
</style>"""
st.html(PRINT_CSS)

PAGES = [
    # the default page is served at "/"; its url_path only names it, so "/ringkasan" needs the hidden twin below
    st.Page("app_pages/ringkasan.py", title="Ringkasan", url_path="beranda", icon=":material/dashboard:", default=True),
    st.Page("app_pages/tren.py", title="Tren", url_path="tren", icon=":material/show_chart:"),
    st.Page("app_pages/anggaran.py", title="Anggaran vs Capaian", url_path="anggaran", icon=":material/payments:"),
    st.Page("app_pages/peringkat.py", title="Peringkat", url_path="peringkat", icon=":material/leaderboard:"),
    st.Page("app_pages/triwulan.py", title="Pemantauan Triwulan", url_path="triwulan", icon=":material/timeline:"),
    st.Page("app_pages/profil.py", title="Profil Kecamatan", url_path="profil", icon=":material/location_city:"),
    st.Page("app_pages/data_sumber.py", title="Data & Sumber", url_path="data-sumber", icon=":material/database:"),
    st.Page("app_pages/reviu_data.py", title="Reviu Data", url_path="reviu-data", icon=":material/fact_check:"),
]

# "/ringkasan" (the name users see and share) opens Ringkasan too, instead of Streamlit's English "Page not found"
RINGKASAN_URL = st.Page("app_pages/ringkasan.py", title="Ringkasan", url_path="ringkasan", visibility="hidden")

# The document workflow: (file, title, url, icon, action of dashboard.akun.TINDAKAN). A page shows
# in the navigation only for the roles that may use it; for everyone else it stays registered but
# hidden, so a typed link opens the page's own Indonesian refusal, never Streamlit's "Page not found".
ALUR = [
    ("app_pages/unggah.py", "Unggah Dokumen", "unggah", ":material/upload_file:", "unggah"),
    ("app_pages/verifikasi.py", "Verifikasi", "verifikasi", ":material/task_alt:", "verifikasi"),
    ("app_pages/audit.py", "Log Audit", "audit", ":material/history:", "audit"),
    ("app_pages/pengguna.py", "Pengguna", "pengguna", ":material/manage_accounts:", "pengguna"),
]


def jalur_tak_dikenal(known: set[str]) -> str | None:
    """The path the browser asked for when it names no page of the app (one segment: a page's
    url_path never holds "/"), else None. st.context.url is the browser's address without the
    query; Streamlit 1.67 answers a path no st.Page has with an English "Page not found" dialog
    and runs the default page (commands/navigation.py: send_page_not_found), so such a path gets a
    hidden page of its own (app_pages/tidak_ditemukan.py)."""
    url = st.context.url or ""
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    base = "/" + str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base != "/" and (path + "/").startswith(base + "/"):
        path = path[len(base) :]
    asked = urllib.parse.unquote(path.strip("/"))
    if not asked or asked in known or "/" in asked or not JALUR_AMAN.fullmatch(asked):
        return None
    return asked


JALUR_AMAN = re.compile(r"[\w.~-]{1,100}")
# registered only for an unknown path, so not among the pages a test or benchmark visits in turn
TIDAK_DITEMUKAN = "app_pages/tidak_ditemukan.py"

user = akun.render()
if user is None and akun.wajib_masuk():
    st.title("Kinerja Kecamatan")
    st.info("Dasbor ini hanya untuk pengguna terdaftar. Masuk lebih dulu di panel kiri (bagian “Masuk”).")
    st.stop()
ALUR_PAGES = [
    st.Page(file, title=title, url_path=url, icon=icon, visibility="visible" if akun.boleh(action, user) else "hidden")
    for file, title, url, icon, action in ALUR
]
HIDDEN = [RINGKASAN_URL]
asked = jalur_tak_dikenal({p.url_path for p in [*PAGES, *ALUR_PAGES, *HIDDEN]} | {"beranda"})
if asked is not None:
    st.session_state["_jalur_tak_dikenal"] = asked
    HIDDEN.append(st.Page(TIDAK_DITEMUKAN, title="Halaman tidak ditemukan", url_path=asked, visibility="hidden"))
if any(akun.boleh(action, user) for *_, action in ALUR):
    page = st.navigation({"Dasbor": PAGES, "Alur dokumen": [*ALUR_PAGES, *HIDDEN]})
else:
    page = st.navigation([*PAGES, *HIDDEN, *ALUR_PAGES])
try:
    filters.render()
    page.run()
except data.BasisDataTidakAda as missing:
    st.title("Kinerja Kecamatan")
    st.info(
        f"Basis data belum ada ({teks_md(missing)}). Muat dokumen lebih dulu: "
        "`python -m etl load data/raw` (atau atur KINERJA_DB ke berkas basis data yang ada)."
    )
    st.stop()
except (data.BasisDataTidakTerbaca, duckdb.Error, OSError) as unreadable:
    # details to the server log, a short message with what to do on the page: never a traceback
    log.warning("halaman %s: basis data tidak dapat dibaca", page.title, exc_info=unreadable)
    # the exception's class name is English and means nothing to a reader: it stays in the log
    reason = unreadable if isinstance(unreadable, data.BasisDataTidakTerbaca) else "berkasnya rusak atau sedang diganti"
    st.title("Kinerja Kecamatan")
    st.warning(
        f"Basis data tidak dapat dibaca ({teks_md(reason)}). Muat ulang halaman ini sebentar lagi; jika "
        "tetap begitu, bangun ulang basis data dengan `python -m etl load data/raw` (rincian ada di log server)."
    )
    st.stop()
