"""Pengguna: the admin creates accounts, changes a role or units, deactivates an account (its
sessions end at once) and resets a password. Every change is in the audit log."""

from __future__ import annotations

import streamlit as st

import etl.alur as alur
from dashboard import akun, alur_tampil, data, filters, labels
from dashboard import format as fmt
from dashboard.export import teks_md

st.title("Pengguna")
user = akun.wajib("pengguna")
st.caption(
    "Operator hanya dapat mengunggah dokumen unitnya: isi unit dengan kode kecamatan (daftar "
    "di bawah memuat kecamatan yang ada di basis data) atau nama perangkat daerah. Kata sandi paling sedikit 10 karakter."
)
toko = akun.toko()
semua = toko.daftar_pengguna(user)
st.dataframe(alur_tampil.tabel_pengguna(semua), hide_index=True, placeholder=fmt.KOSONG)


def _kecamatan_kode() -> dict[str, str]:
    """Known units: each kecamatan code in the database with its name (another unit may be typed)."""
    try:
        wilayah = data.query("wilayah")
    except (data.BasisDataTidakAda, data.BasisDataTidakTerbaca):
        return {}
    pairs = wilayah.select("kode_kecamatan", "kabupaten", "kecamatan").drop_nulls().unique().iter_rows()
    return {kode: f"{kode} ({kecamatan}, {kabupaten})" for kode, kabupaten, kecamatan in pairs}


NAMA_UNIT = _kecamatan_kode()
UNIT_HELP = "Pilih kode kecamatan, atau ketik nama perangkat daerah lalu tekan Enter. " + filters.CARI


def _unit(key: str, default: list[str] | None = None) -> list[str]:
    return st.multiselect(
        "Unit (untuk operator)",
        sorted(set(NAMA_UNIT) | set(default or [])),
        default=default or [],
        format_func=lambda u: NAMA_UNIT.get(u, u),
        accept_new_options=True,
        key=key,
        placeholder="Tanpa unit",
        select_all=False,
        help=UNIT_HELP,
    )


def _lapor(aksi: str, fungsi) -> None:  # type: ignore[no-untyped-def]
    try:
        hasil = fungsi()
    except (alur.TidakBerwenang, alur.IsianSalah) as exc:
        st.error(str(exc))
    else:
        st.session_state["pengguna_pesan"] = f"{aksi}: {hasil.username} ({labels.label(alur.LABEL_PERAN, hasil.peran)})."
        st.rerun()


if pesan := st.session_state.pop("pengguna_pesan", None):
    st.success(teks_md(pesan))

st.subheader("Buat akun")
with st.form("pengguna_buat", clear_on_submit=False):
    kolom = st.columns(2)
    username = kolom[0].text_input("Nama pengguna", key="pengguna_baru_username")
    nama = kolom[1].text_input("Nama lengkap atau kantor", key="pengguna_baru_nama")
    peran = st.selectbox(
        "Peran", list(alur.PERAN), format_func=lambda p: alur.LABEL_PERAN[p], key="pengguna_baru_peran", filter_mode=None
    )
    unit = _unit("pengguna_baru_unit")
    kolom = st.columns(2)
    sandi = kolom[0].text_input("Kata sandi", type="password", key="pengguna_baru_sandi", autocomplete="new-password")
    ulang = kolom[1].text_input("Ulangi kata sandi", type="password", key="pengguna_baru_ulang", autocomplete="new-password")
    if st.form_submit_button("Buat akun", type="primary"):
        if sandi != ulang:
            st.error("Kedua kata sandi tidak sama.")
        else:
            _lapor("Akun dibuat", lambda: toko.buat_pengguna(user, username.strip(), nama.strip(), peran, sandi, unit))

if not semua:
    st.stop()
st.subheader("Ubah akun")
nama_akun = [u.username for u in semua]
dipilih = st.selectbox(
    "Akun",
    nama_akun,
    format_func=lambda n: next(f"{u.username} · {u.nama}" for u in semua if u.username == n),
    key="pengguna_ubah_akun",
    help=filters.CARI,
)
akun_ini = next(u for u in semua if u.username == dipilih)
with st.form(f"pengguna_ubah_{dipilih}"):
    peran_baru = st.selectbox(
        "Peran",
        list(alur.PERAN),
        index=list(alur.PERAN).index(akun_ini.peran),
        format_func=lambda p: alur.LABEL_PERAN[p],
        key=f"pengguna_ubah_peran_{dipilih}",
        filter_mode=None,
    )
    unit_baru = _unit(f"pengguna_ubah_unit_{dipilih}", list(akun_ini.unit))
    aktif = st.toggle(
        "Aktif",
        value=akun_ini.aktif,
        key=f"pengguna_ubah_aktif_{dipilih}",
        help="Mati: akun tidak dapat masuk dan sesinya berakhir.",
    )
    if st.form_submit_button("Simpan perubahan", type="primary"):
        _lapor(
            "Akun diubah",
            lambda: toko.ubah_pengguna(user, dipilih, peran=peran_baru, unit=unit_baru, aktif=aktif),
        )
with st.form(f"pengguna_sandi_{dipilih}", clear_on_submit=True):
    st.markdown(f"**Atur ulang kata sandi {teks_md(dipilih)}**")
    kolom = st.columns(2)
    sandi_baru = kolom[0].text_input(
        "Kata sandi baru", type="password", key=f"pengguna_sandi_baru_{dipilih}", autocomplete="new-password"
    )
    sandi_ulang = kolom[1].text_input(
        "Ulangi kata sandi baru", type="password", key=f"pengguna_sandi_ulang_{dipilih}", autocomplete="new-password"
    )
    if st.form_submit_button("Atur ulang kata sandi"):
        if sandi_baru != sandi_ulang:
            st.error("Kedua kata sandi tidak sama.")
        else:
            _lapor("Kata sandi diatur ulang", lambda: toko.ubah_pengguna(user, dipilih, sandi=sandi_baru))
