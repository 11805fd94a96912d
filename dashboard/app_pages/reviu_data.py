"""Reviu Data: the slips the automatic review found in the documents' own arithmetic, with the source
lines around each one, counts per kecamatan and an XLSX list for the Inspektorat."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import components, data, filters
from dashboard import format as fmt
from dashboard.export import teks_md

TINGKAT = {"galat": "Galat", "peringatan": "Peringatan", "info": "Info"}
PEMERIKSAAN = {
    "capaian_hitung": "Capaian vs realisasi/target",
    "capaian_rumus": "Rumus capaian yang dipakai",
    "predikat_capaian": "Kriteria vs skala capaian",
    "serapan_persen": "Persentase penyerapan anggaran",
    "bagian_persen": "Persentase bagian (survei)",
    "bagian_jumlah": "Rincian vs total (survei)",
    "efisiensi_selisih": "Angka efisiensi",
    "efisiensi_kategori": "Keterangan efisiensi",
    "sakip_jumlah": "Komponen SAKIP vs nilai total",
    "sakip_sub": "Sub-komponen SAKIP vs komponen",
    "sakip_kolom": "Jumlah kolom sub-komponen SAKIP",
    "sakip_bobot": "Nilai SAKIP vs bobot",
    "kematangan_rentang": "Level variabel kematangan (1–5)",
    "kematangan_jumlah": "Variabel kematangan vs jumlah",
    "kematangan_kategori": "Kategori kematangan",
    "ikm_rentang": "Rentang nilai unsur IKM",
    "ikm_rerata": "Unsur IKM vs nilai IKM",
    "ikm_mutu": "Mutu IKM",
    "anggaran_induk": "Rincian anggaran vs induknya",
    "anggaran_total": "Rincian anggaran vs jumlah",
    "anggaran_lebih": "Realisasi melebihi pagu",
    "anggaran_kelipatan": "Realisasi kelipatan pagu",
    "ganda_target": "Target tertulis dua kali",
    "ganda_realisasi": "Realisasi tertulis dua kali",
    "ganda_capaian": "Capaian tertulis dua kali",
    "ganda_nama": "Nama pejabat ditulis berbeda",
    "ganda_nip": "NIP pejabat ditulis berbeda",
    "nip_format": "NIP tidak sah",
    "ganda_tanggal": "Tanggal penandatanganan berbeda",
    "lintas_target_perubahan": "Target PK vs PK Perubahan",
    "lintas_target_pk": "Target LKjIP vs PK yang berlaku",
    "lintas_riwayat": "Riwayat vs laporan tahun itu",
}
KONTEKS = 3  # lines shown before and after each line a finding refers to

st.title("Reviu Data")
st.caption(
    "Pemeriksaan otomatis atas angka yang dilaporkan dokumen itu sendiri. **Galat**: salah melebihi "
    "pembulatan angka yang tercetak. **Peringatan**: selisih setingkat pembulatan, atau tidak dapat "
    "diperiksa. **Info**: perlu diketahui, bukan kesalahan (mis. target berubah di PK Perubahan)."
)

p = filters.pilihan()
semua = data.query_if_view_exists("temuan", "temuan_daftar", wilayah=list(p.wilayah))
if semua is None:
    st.info("Basis data ini belum memuat hasil reviu. Muat ulang dokumen dengan `python -m etl load …`.")
    st.stop()
if semua.is_empty():
    filters.tidak_ada_data(p, "temuan reviu")
    st.stop()

kolom = st.columns(3)
tahun_ada = sorted(semua["tahun"].unique().to_list(), reverse=True)
tahun_pilih = kolom[0].multiselect(
    "Tahun",
    tahun_ada,
    default=[p.tahun] if p.tahun in tahun_ada else tahun_ada,
    key="reviu_tahun",
    placeholder="Semua tahun",
)
kode_ada = sorted(semua["kode"].unique().to_list(), key=lambda k: PEMERIKSAAN.get(k, k))
kode_pilih = kolom[1].multiselect(
    "Pemeriksaan",
    kode_ada,
    format_func=lambda k: PEMERIKSAAN.get(k, k),
    key="reviu_kode",
    placeholder="Semua pemeriksaan",
)
tingkat_pilih = kolom[2].multiselect(
    "Tingkat",
    list(TINGKAT),
    default=list(TINGKAT),
    format_func=TINGKAT.__getitem__,
    key="reviu_tingkat",
    placeholder="Semua tingkat",
)

temuan = semua
if tahun_pilih:
    temuan = temuan.filter(pl.col("tahun").is_in(tahun_pilih))
if kode_pilih:
    temuan = temuan.filter(pl.col("kode").is_in(kode_pilih))
if tingkat_pilih:
    temuan = temuan.filter(pl.col("tingkat").is_in(tingkat_pilih))

hitung = st.columns(3)
for kotak, (tingkat, label) in zip(hitung, TINGKAT.items(), strict=True):
    kotak.metric(label, fmt.angka(temuan.filter(pl.col("tingkat") == tingkat).height))

if temuan.is_empty():
    st.info("Tidak ada temuan untuk pilihan ini. Ubah tahun, pemeriksaan atau tingkat di atas.")
    st.stop()

st.subheader("Jumlah temuan per kecamatan")
per_kecamatan = (
    temuan.group_by("kabupaten", "kecamatan")
    .agg(*(pl.col("tingkat").eq(t).sum().alias(label) for t, label in TINGKAT.items()))
    .sort(["Galat", "Peringatan", "kecamatan"], descending=[True, True, False])
    .rename({"kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan"})
)
components.tabel(
    per_kecamatan,
    "reviu_per_kecamatan",
    judul="Jumlah temuan reviu per kecamatan",
    tahun="-".join(map(str, sorted(tahun_pilih))) or None,
)

st.subheader("Daftar temuan")
daftar = temuan.select(
    pl.col("kabupaten").alias("Kabupaten/Kota"),
    pl.col("kecamatan").alias("Kecamatan"),
    pl.col("tahun").alias("Tahun"),
    pl.col("jenis_dokumen").alias("Dokumen"),
    pl.col("nama_file").alias("Berkas"),
    pl.col("sumber_baris").alias("Baris"),
    pl.col("kode").replace_strict(PEMERIKSAAN, default=pl.col("kode")).alias("Pemeriksaan"),
    pl.col("tingkat").replace_strict(TINGKAT, default=pl.col("tingkat")).alias("Tingkat"),
    pl.col("pesan").alias("Temuan"),
    pl.col("nilai_tertulis").alias("Tertulis"),
    pl.col("nilai_hitung").alias("Seharusnya"),
    pl.col("baris_terkait").alias("Baris terkait"),
)
components.tabel(
    daftar,
    "reviu_temuan",
    width="stretch",
    judul="Daftar temuan reviu data",
    tahun="-".join(map(str, sorted(tahun_pilih))) or None,
)
st.caption("Unduhan XLSX memuat seluruh daftar di atas (sesuai pilihan) untuk reviu Inspektorat.")

st.subheader("Baris sumber")
pilihan_baris = list(range(temuan.height))
dipilih = st.selectbox(
    "Temuan",
    pilihan_baris,
    format_func=lambda i: (
        f"{temuan['kecamatan'][i]} {temuan['tahun'][i]} · baris {temuan['sumber_baris'][i]} · "
        f"{TINGKAT.get(temuan['tingkat'][i], '')}: {temuan['pesan'][i][:110]}"
    ),
    key="reviu_temuan_dipilih",
)
baris = temuan.row(dipilih, named=True)
st.markdown(f"**{teks_md(TINGKAT.get(baris['tingkat'], baris['tingkat']))}** — {teks_md(baris['pesan'])}")
st.caption(f"{teks_md(baris['nama_file'])} · baris yang ditandai ▶ adalah baris yang dibaca pemeriksaan ini.")


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
