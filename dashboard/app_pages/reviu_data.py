"""Reviu Data: the slips the automatic review found in the documents' own arithmetic, with the source
lines around each one, counts per kecamatan and an XLSX list for the Inspektorat.

At national scale (issue 16) the page never fetches every finding: the filters (region, year,
check, level, verified documents) are applied in SQL, the counts and the table per kecamatan are
aggregates, the list comes one page at a time (``hal=N`` in the URL) and its downloads hold every
page, streamed from DuckDB when clicked."""

from __future__ import annotations

import polars as pl
import streamlit as st

import etl.alur as alur
from dashboard import akun, alur_tampil, components, data, filters, halaman, labels
from dashboard import format as fmt
from dashboard.export import teks_md

TINGKAT = labels.TINGKAT_TEMUAN
PEMERIKSAAN = labels.PEMERIKSAAN
KONTEKS = 3  # lines shown before and after each line a finding refers to
PER_HALAMAN = 100  # findings of a page of the list

st.title("Reviu Data")
st.caption(
    "Pemeriksaan otomatis atas angka yang dilaporkan dokumen itu sendiri. **Galat**: salah melebihi "
    "pembulatan angka yang tercetak. **Peringatan**: selisih setingkat pembulatan, atau tidak dapat "
    "diperiksa. **Info**: perlu diketahui, bukan kesalahan (mis. target berubah di PK Perubahan)."
)

p = filters.pilihan()
kode_ada_df = data.query_if_view_exists("temuan", "temuan_kode", wilayah=list(p.wilayah), terverifikasi=data.terverifikasi())
if kode_ada_df is None:
    st.info("Basis data ini belum memuat hasil reviu. Muat ulang dokumen dengan `python -m etl load …`.")
    st.stop()
if kode_ada_df.is_empty():
    filters.tidak_ada_data(p, "temuan reviu")
    st.stop()

# the sidebar's year applies; a switch (kept in the URL) widens the list to every year loaded
semua_tahun = filters.di_url_bool("reviu_semua_tahun", "semua_tahun")
st.toggle(
    f"Semua tahun (bukan hanya {p.tahun})" if p.tahun else "Semua tahun",
    key="reviu_semua_tahun",
    help="Mati: hanya temuan dokumen tahun yang dipilih di panel kiri. Nyala: temuan semua tahun yang dimuat.",
)
tahun_pilih = [] if semua_tahun or p.tahun is None else [p.tahun]
kolom = st.columns(2)
kode_ada = sorted(kode_ada_df["kode"].to_list(), key=lambda k: labels.label(PEMERIKSAAN, k))
filters.di_url_daftar("reviu_kode", "pemeriksaan", kode_ada)
kode_pilih = kolom[0].multiselect(
    "Pemeriksaan",
    kode_ada,
    format_func=lambda k: labels.label(PEMERIKSAAN, k),
    key="reviu_kode",
    placeholder="Semua pemeriksaan",
    select_all=False,
    help=filters.CARI.replace("nama", "pemeriksaan"),
)
filters.di_url_daftar("reviu_tingkat", "tingkat", list(TINGKAT), default=list(TINGKAT))
tingkat_pilih = kolom[1].multiselect(
    "Tingkat",
    list(TINGKAT),
    format_func=TINGKAT.__getitem__,
    key="reviu_tingkat",
    placeholder="Semua tingkat",
    select_all=False,
    filter_mode=None,
)
st.caption(
    f"Menampilkan temuan {teks_md(components.wilayah_teks(p))}, "
    + (f"tahun {p.tahun} (tahun panel kiri)." if tahun_pilih else "semua tahun yang dimuat.")
)

# the selection, applied in SQL: counts, the table per kecamatan and one page of the list are
# what the page fetches, never every finding of the selection (issue 16)
pilihan = {
    "wilayah": list(p.wilayah),
    "tahun": tahun_pilih,
    "kode": list(kode_pilih),
    "tingkat": list(tingkat_pilih),
    "terverifikasi": data.terverifikasi(),
}
hitung = data.query("temuan_hitung", **pilihan)
per_tingkat = dict(zip(hitung["tingkat"].to_list(), hitung["jumlah"].to_list(), strict=True))
jumlah = sum(per_tingkat.values())

kotak_hitung = st.columns(3)
for kotak, (tingkat, label) in zip(kotak_hitung, TINGKAT.items(), strict=True):
    kotak.metric(label, fmt.angka(per_tingkat.get(tingkat, 0)))

if jumlah == 0:
    st.info(
        "Tidak ada temuan untuk pilihan ini. Ubah pemeriksaan atau tingkat di atas, nyalakan "
        "“Semua tahun”, atau pilih tahun lain di panel kiri."
    )
    st.stop()

st.subheader("Jumlah temuan per kecamatan")
per_kecamatan = data.query("temuan_per_kecamatan", **pilihan).select(
    pl.col("kabupaten").alias("Kabupaten/Kota"),
    pl.col("kecamatan").alias("Kecamatan"),
    *(pl.col(t).alias(label) for t, label in TINGKAT.items()),
)
components.tabel(
    per_kecamatan,
    "reviu_per_kecamatan",
    judul="Jumlah temuan reviu per kecamatan",
    tahun="-".join(map(str, sorted(tahun_pilih))) or None,
)


def _status_kolom(frame: pl.DataFrame) -> list[pl.Expr]:
    """The Inspektorat's status of each finding (issue 15), where the database carries it."""
    if "status_reviu" not in frame.columns:
        return []
    return [
        labels.kolom("status_reviu", alur.LABEL_STATUS_TEMUAN).fill_null("Belum dinilai").alias("Status reviu"),
        pl.col("catatan_reviu").alias("Catatan reviu"),
    ]


def _daftar(temuan: pl.DataFrame) -> pl.DataFrame:
    return temuan.select(
        pl.col("kabupaten").alias("Kabupaten/Kota"),
        pl.col("kecamatan").alias("Kecamatan"),
        pl.col("tahun").alias("Tahun"),
        labels.kolom("jenis_dokumen", labels.JENIS_DOKUMEN).alias("Dokumen"),
        pl.col("nama_file").alias("Berkas"),
        pl.col("sumber_baris").alias("Baris"),
        labels.kolom("kode", PEMERIKSAAN).alias("Pemeriksaan"),
        pl.col("tingkat").replace_strict(TINGKAT, default=pl.col("tingkat")).alias("Tingkat"),
        pl.col("pesan").alias("Temuan"),
        pl.col("nilai_tertulis").alias("Tertulis"),
        pl.col("nilai_hitung").alias("Seharusnya"),
        pl.col("baris_terkait").alias("Baris terkait"),
        *_status_kolom(temuan),
    )


PARAM_TEMUAN, KEY_TEMUAN = "temuan", "reviu_temuan_dipilih"


def _lupa_temuan() -> None:
    """Another page of the list: open its first finding (the one chosen was on the page left)."""
    st.session_state.pop(KEY_TEMUAN, None)
    if PARAM_TEMUAN in st.query_params:
        del st.query_params[PARAM_TEMUAN]


st.subheader("Daftar temuan")
mulai = halaman.pilih("reviu_halaman", "hal", jumlah, PER_HALAMAN, on_change=_lupa_temuan)
temuan = data.query("temuan_halaman", **pilihan, batas=PER_HALAMAN, mulai=mulai)
st.dataframe(_daftar(temuan), width="stretch", hide_index=True, placeholder=fmt.KOSONG)
halaman.unduh(
    "temuan_halaman",
    pilihan,
    halaman.nama_berkas("reviu_temuan", p, tahun_pilih),
    judul="Daftar temuan reviu data",
    pilihan=components.wilayah_teks(p) + (f", tahun {p.tahun}" if tahun_pilih else ", semua tahun"),
    jumlah=jumlah,
    ubah=_daftar,
    key="reviu_temuan",
)
st.caption("Unduhan memuat seluruh daftar (semua halaman, sesuai pilihan) untuk reviu Inspektorat.")

st.subheader("Baris sumber")
# a finding is named in the URL by its document and its number in that document's review
# (``temuan=<dokumen_id>:<urutan>``; a cross-document finding, numbered apart, with '~2'), and the
# box holds that name, never a position in the list: a list that comes back in another order or
# with other rows (a changed filter, a new snapshot) keeps the same finding open — and a status
# form below is always the form of the finding shown. The box offers the findings of the page
# shown, and the finding the link names when it is in the selection on another page. The URL is
# the authority: a choice writes it at once (on_change).
wanted = st.query_params.get(PARAM_TEMUAN)
if wanted and wanted not in temuan["nama_temuan"].to_list():
    lain = data.query("temuan_satu", **pilihan, nama_temuan=wanted)
    if lain.height:
        temuan = pl.concat([lain.head(1), temuan], how="vertical_relaxed")
ids: list[str] = temuan["nama_temuan"].to_list()
posisi = {t: i for i, t in enumerate(ids)}
if wanted in posisi:
    st.session_state[KEY_TEMUAN] = wanted
elif st.session_state.get(KEY_TEMUAN) not in posisi:
    st.session_state[KEY_TEMUAN] = ids[0]


def _ke_url() -> None:
    st.query_params[PARAM_TEMUAN] = st.session_state[KEY_TEMUAN]


def _uraian(t: str) -> str:
    i = posisi[t]
    return (
        f"{temuan['kecamatan'][i]} {temuan['tahun'][i]} · baris {temuan['sumber_baris'][i]} · "
        f"{TINGKAT.get(temuan['tingkat'][i], '')}: {temuan['pesan'][i][:110]}"
    )


terpilih = st.selectbox(
    "Temuan",
    ids,
    format_func=_uraian,
    key=KEY_TEMUAN,
    on_change=_ke_url,
    help=filters.CARI.replace("nama", "temuan"),
)
if st.query_params.get(PARAM_TEMUAN) != terpilih:
    st.query_params[PARAM_TEMUAN] = terpilih
dipilih = posisi[terpilih]
baris = temuan.row(dipilih, named=True)
st.markdown(f"**{teks_md(TINGKAT.get(baris['tingkat'], baris['tingkat']))}** — {teks_md(baris['pesan'])}")
st.caption(f"{teks_md(baris['nama_file'])} · baris yang ditandai ▶ adalah baris yang dibaca pemeriksaan ini.")
if baris.get("status_reviu"):
    st.markdown(
        f"Status reviu: **{labels.label(alur.LABEL_STATUS_TEMUAN, baris['status_reviu'])}**"
        + (f" — {teks_md(baris['catatan_reviu'])}" if baris.get("catatan_reviu") else "")
        + f" ({teks_md(baris['status_oleh'] or '')}, {alur_tampil.waktu_lokal(baris['status_pada'])})"
    )
elif "status_reviu" in baris:
    st.caption("Status reviu: belum dinilai Inspektorat.")
if "temuan_id" in baris and akun.boleh("temuan"):
    with st.form(f"reviu_status_{baris['temuan_id']}"):
        status = st.radio(
            "Status temuan",
            list(alur.LABEL_STATUS_TEMUAN),
            format_func=alur.LABEL_STATUS_TEMUAN.__getitem__,
            index=list(alur.LABEL_STATUS_TEMUAN).index(baris["status_reviu"])
            if baris.get("status_reviu") in alur.LABEL_STATUS_TEMUAN
            else 0,
            horizontal=True,
            key=f"reviu_status_pilih_{baris['temuan_id']}",
        )
        catatan = st.text_area(
            "Catatan", value=baris.get("catatan_reviu") or "", key=f"reviu_status_catatan_{baris['temuan_id']}"
        )
        if st.form_submit_button("Simpan status", type="primary"):
            try:
                akun.toko().atur_status_temuan(akun.pengguna(), baris["temuan_id"], status, catatan.strip(), db=data.db_file())
                alur.terbitkan(data.db_file(), akun.toko())
            except (alur.TidakBerwenang, alur.IsianSalah) as exc:
                st.error(str(exc))
            else:
                st.session_state["reviu_status_pesan"] = f"Status temuan tersimpan: {alur.LABEL_STATUS_TEMUAN[status]}."
                st.rerun()
if pesan := st.session_state.pop("reviu_status_pesan", None):
    st.success(pesan)


def _angka_baris(teks: str | None) -> list[int]:
    return [int(x) for x in (teks or "").split(",") if x.strip().isdigit()]


def _jendela(tanda: list[int]) -> list[tuple[int, int]]:
    """Windows of context around the marked lines; close lines share one window."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(tanda)):
        dari, sampai = max(1, n - KONTEKS), n + KONTEKS
        if out and dari <= out[-1][1] + 1:
            out[-1] = (out[-1][0], sampai)
        else:
            out.append((dari, sampai))
    return out


def _tampilkan(dokumen_id: str, tanda: list[int]) -> None:
    for dari, sampai in _jendela(tanda):
        lines = data.query("temuan_konteks", dokumen_id=dokumen_id, dari=dari, sampai=sampai)
        st.code(
            "\n".join(
                f"{'▶' if n in tanda else ' '} {n:>5} │ {teks or ''}"
                for n, teks in zip(lines["baris"].to_list(), lines["teks"].to_list(), strict=True)
            ),
            language=None,
            wrap_lines=True,
        )


_tampilkan(baris["dokumen_id"], _angka_baris(baris["baris_terkait"]) or [baris["sumber_baris"]])
if baris["dokumen_pembanding"] and baris["baris_pembanding"]:
    st.caption("Dokumen pembanding:")
    _tampilkan(baris["dokumen_pembanding"], _angka_baris(baris["baris_pembanding"]))
