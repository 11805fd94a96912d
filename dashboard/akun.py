"""Accounts in the dashboard: login and logout in the sidebar, the current user, what each role may do.

    user = akun.render()            # streamlit_app.py, once per run, before the navigation
    akun.boleh("unggah", user)      # may this user use the upload page?
    user = akun.wajib("verifikasi") # in a page: the user, or an Indonesian refusal and st.stop()

Accounts, sessions and every check live in etl.alur (server side: each write function checks the
role again and raises TidakBerwenang). This module only keeps the login of one browser:

- in ``st.session_state`` (the session token), so a rerun or a page switch keeps the login, and
- in a signed cookie (``etl.alur.NAMA_COOKIE``), so a reload or a new tab of the same browser does
  too. The cookie carries nothing but the signed token (itsdangerous, key $KINERJA_RAHASIA);
  ``pengguna_sesi`` checks the token against the store on every run, so a logout, an expiry or a
  deactivated account ends the session at once, whatever the browser still holds.

Why the cookie is written this way: Streamlit 1.67 reads cookies (``st.context.cookies``, those of
the request that opened the session) but has no way to set one from the server. The packages that
do it (extra-streamlit-components' CookieManager, streamlit-cookies-controller) are custom
components in their own iframe whose value arrives one rerun late, and add a dependency for a few
lines of JavaScript. ``st.html(..., unsafe_allow_javascript=True)`` runs a script in the page
itself (not iframed, same origin): it sets ``document.cookie`` with ``Path=/; SameSite=Strict``
(``Secure`` when served over HTTPS) and an expiry equal to the session's. The script is ours, and
its only variable part is the signed token, written as a JSON string literal. A script cannot set
HttpOnly: the token is readable by scripts of the page, which runs no third-party code.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import streamlit as st

import etl.alur as alur
from dashboard import data, labels
from dashboard.export import teks_md
from etl.paths import alur_path

log = logging.getLogger(__name__)

KEY_TOKEN = "akun_token"  # the session token of this browser session
KEY_PENGGUNA = "akun_pengguna"  # the user of this run (set by render)
KEY_COOKIE = "akun_cookie"  # ("tulis", signed value, seconds) or ("hapus",): what the page script does
KEY_PERAN_AWAL = "akun_peran_awal"  # the role the verified-only switch last took its default from
KEY_TERVERIFIKASI = data.HANYA_TERVERIFIKASI  # the sidebar switch, read by dashboard.data

# what each role may do in the dashboard (the store checks the same again on every write)
TINDAKAN: dict[str, frozenset[str]] = {
    "unggah": frozenset({"operator", "verifikator", "admin"}),
    "verifikasi": frozenset({"verifikator", "admin"}),
    "temuan": frozenset({"inspektorat", "admin"}),
    "audit": frozenset({"admin"}),
    "pengguna": frozenset({"admin"}),
}


def toko() -> alur.Alur:
    """The workflow store ($KINERJA_ALUR, else beside the database)."""
    return _toko(str(alur_path()))


@st.cache_resource(show_spinner=False)
def _toko(path: str) -> alur.Alur:
    return alur.buka(Path(path))


def pengguna() -> alur.Pengguna | None:
    """The user of this run (None: reading without an account)."""
    user = st.session_state.get(KEY_PENGGUNA)
    return user if isinstance(user, alur.Pengguna) else None


def boleh(tindakan: str, user: alur.Pengguna | None = None) -> bool:
    """Whether `user` (default: the current one) may do `tindakan` (a key of TINDAKAN)."""
    user = user if user is not None else pengguna()
    return user is not None and user.aktif and user.peran in TINDAKAN[tindakan]


def wajib(tindakan: str) -> alur.Pengguna:
    """The current user if it may do `tindakan`; otherwise an Indonesian refusal and st.stop()."""
    user = pengguna()
    if user is None:
        st.info("Halaman ini untuk petugas. Masuk lebih dulu di panel kiri (bagian “Masuk”).")
        st.stop()
    if not boleh(tindakan, user):
        roles = ", ".join(labels.label(alur.LABEL_PERAN, p) for p in alur.PERAN if p in TINDAKAN[tindakan])
        st.warning(
            f"Akun Anda ({labels.label(alur.LABEL_PERAN, user.peran)}) tidak berwenang membuka halaman ini. "
            f"Halaman ini untuk: {roles}."
        )
        st.stop()
    return user


def wajib_masuk() -> bool:
    """Whether reading needs an account too (the store's configuration)."""
    return alur.wajib_masuk()


def _dari_cookie() -> str | None:
    raw = st.context.cookies.get(alur.NAMA_COOKIE)
    try:
        return alur.baca_cookie(raw) if raw else None
    except alur.RahasiaTidakAda:
        return None


def _user_of_session() -> alur.Pengguna | None:
    token = st.session_state.get(KEY_TOKEN)
    if token is None and st.session_state.get(KEY_COOKIE, ("",))[0] != "hapus":
        token = _dari_cookie()  # a reload or a new tab: the cookie of the request that opened it
    if token is None:
        return None
    user = toko().pengguna_sesi(token)
    if user is None:  # expired, revoked, unknown or deactivated: forget it here and in the browser
        st.session_state.pop(KEY_TOKEN, None)
        if _dari_cookie() is not None:
            st.session_state[KEY_COOKIE] = ("hapus",)
        return None
    st.session_state[KEY_TOKEN] = token
    return user


def _masuk(username: str, sandi: str) -> str | None:
    """Log in; an Indonesian message when it fails."""
    if not username.strip() or not sandi:
        return "Isi nama pengguna dan kata sandi."
    try:
        sesi = toko().masuk(username.strip(), sandi, asal=_asal())
    except alur.SandiSalah:
        return "Nama pengguna atau kata sandi salah."
    except alur.TerlaluBanyakPercobaan as exc:
        return f"Terlalu banyak percobaan masuk. Coba lagi dalam {labels.durasi(exc.tunggu_detik)}."
    try:
        nilai = alur.tanda_cookie(sesi.token)
    except alur.RahasiaTidakAda:
        nilai = None  # the login holds for this browser session only; the server log says why
        log.warning("KINERJA_RAHASIA belum diatur: sesi masuk tidak disimpan di cookie")
    st.session_state[KEY_TOKEN] = sesi.token
    if nilai is None:
        return None
    detik = max(0, int((sesi.kedaluwarsa - dt.datetime.now(sesi.kedaluwarsa.tzinfo)).total_seconds()))
    st.session_state[KEY_COOKIE] = ("tulis", nilai, detik)
    return None


def _asal() -> str:
    """Where the login comes from (the client's address), for the store's rate limit per origin."""
    ip = st.context.ip_address
    return ip if isinstance(ip, str) else ""  # AppTest has no client


def _keluar() -> None:
    token = st.session_state.pop(KEY_TOKEN, None)
    if token is not None:
        toko().keluar(token)
    st.session_state[KEY_COOKIE] = ("hapus",)
    st.session_state.pop(KEY_PENGGUNA, None)


def cookie_script(perintah: tuple) -> str:
    """The page script that writes (``("tulis", value, seconds)``) or removes (``("hapus",)``) the
    session cookie. `value` is the signed token only, embedded as a JSON string."""
    name = _js(alur.NAMA_COOKIE)
    secure = "(location.protocol === 'https:' ? '; Secure' : '')"
    if perintah[0] == "tulis":
        value, seconds = _js(perintah[1]), int(perintah[2])
        body = f"{name} + '=' + {value} + '; Path=/; Max-Age={seconds}; SameSite=Strict' + {secure}"
    else:
        body = f"{name} + '=; Path=/; Max-Age=0; SameSite=Strict' + {secure}"
    return f"<script>document.cookie = {body};</script>"


def _js(text: str) -> str:
    """`text` as a JavaScript string literal that cannot end the script element it stands in."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _cookie() -> None:
    perintah = st.session_state.get(KEY_COOKIE)
    if perintah:
        with st.sidebar:
            st.html(cookie_script(perintah), unsafe_allow_javascript=True, width="content")


def _switch_default(user: alur.Pengguna | None) -> None:
    """The verified-only switch is on by default for pimpinan, off for everyone else; it takes its
    default again whenever the user (and so the role) of this session changes."""
    peran = user.peran if user else None
    if st.session_state.get(KEY_PERAN_AWAL, "") != peran:
        st.session_state[KEY_PERAN_AWAL] = peran
        st.session_state[KEY_TERVERIFIKASI] = peran == "pimpinan"


def render() -> alur.Pengguna | None:
    """The account block of the sidebar; returns the current user (None: no account)."""
    user = _user_of_session()
    st.session_state[KEY_PENGGUNA] = user
    _switch_default(user)
    with st.sidebar:
        if user is None:
            with st.expander("Masuk (petugas)", icon=":material/login:"), st.form("akun_masuk", border=False):
                username = st.text_input("Nama pengguna", key="akun_username", autocomplete="username")
                sandi = st.text_input("Kata sandi", type="password", key="akun_sandi", autocomplete="current-password")
                if st.form_submit_button("Masuk", type="primary"):
                    pesan = _masuk(username, sandi)
                    if pesan is None:
                        st.rerun()
                    st.error(pesan)
        else:
            st.markdown(f"Masuk sebagai **{teks_md(user.nama or user.username)}**")
            st.caption(
                f"{labels.label(alur.LABEL_PERAN, user.peran)} · {teks_md(user.username)}"
                + (f" · unit: {teks_md(', '.join(user.unit))}" if user.unit else "")
            )
            if st.button("Keluar", key="akun_keluar", icon=":material/logout:"):
                _keluar()
                st.rerun()
        st.toggle(
            "Hanya dokumen terverifikasi",
            key=KEY_TERVERIFIKASI,
            help="Nyala: halaman hanya memakai angka dari dokumen yang sudah diverifikasi. "
            "Dokumen yang dimuat langsung di server (tanpa alur verifikasi) belum terverifikasi.",
        )
    _cookie()
    return user
