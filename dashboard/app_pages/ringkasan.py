"""Ringkasan: KPI tiles for the selection and a table of kecamatan × key scores and capaian."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import analisis, components, data, filters, pembanding
from dashboard import format as fmt
from dashboard.export import teks_md

p = filters.pilihan()
st.title("Ringkasan")
st.caption(f"Pilihan: {teks_md(p.uraian())}")
if p.kosong:
    filters.tidak_ada_data(p)
    st.stop()

skor = data.query("skor_tren", wilayah=p.wilayah)
capaian = data.query("capaian_indikator", wilayah=p.wilayah)
program = data.query("anggaran_program", wilayah=p.wilayah)
tabel = analisis.tabel_kecamatan(skor, capaian, program, p.tahun)  # type: ignore[arg-type]
if tabel.height == 0:
    filters.tidak_ada_data(p)
    st.stop()

tiles = st.columns(4)
tiles[0].metric("Kecamatan dengan data", fmt.angka(tabel.height))
for col, jenis in zip(tiles[1:], analisis.JENIS_SKOR):
    avg = analisis.rata_rata_skor(skor, jenis, p.tahun)  # type: ignore[arg-type]
    col.metric(
        f"Rata-rata {fmt.NAMA_SKOR[jenis]}",
        fmt.skor(avg.nilai),
        delta=None if avg.perubahan is None else f"{fmt.poin(avg.perubahan)} poin dari {p.tahun - 1}",  # type: ignore[operator]
        help=f"Rata-rata dari {avg.jumlah} kecamatan yang melaporkan realisasi pada {p.tahun}; "
        "perubahan dihitung atas kecamatan yang juga punya nilai tahun sebelumnya.",
    )

share, ok, total = analisis.bagian_tercapai(capaian, p.tahun)  # type: ignore[arg-type]
budget = analisis.anggaran_total(program, p.tahun)  # type: ignore[arg-type]
tiles = st.columns(4)
tiles[0].metric(
    "Indikator mencapai target",
    fmt.persen(share),
    help=f"{ok} dari {total} indikator kecamatan dengan capaian ≥ 100%." if total else "Belum ada realisasi indikator.",
)
# the ETL sums the level that reconciles with the document's printed total (anggaran_jumlah); where
# that differs from the sum of the most detailed lines, the tile says so and why
year = program.filter(pl.col("tahun") == p.tahun)
beda = year.filter(pl.col("keterangan_jumlah").is_not_null()).select("kecamatan", "keterangan_jumlah").unique()
catatan_jumlah = [f"{k}: {t}" for k, t in beda.sort("kecamatan").rows()]
tiles[1].metric("Total pagu", fmt.rupiah_ringkas(budget.pagu), help=fmt.rupiah(budget.pagu))
tiles[2].metric(
    "Realisasi anggaran",
    fmt.rupiah_ringkas(budget.realisasi),
    help=fmt.rupiah(budget.realisasi)
    + (" — jumlah tercetak dokumen, bukan jumlah baris rinci (lihat catatan di bawah)." if catatan_jumlah else ""),
)
tiles[3].metric(
    "Penyerapan anggaran", fmt.persen(budget.serapan), help="Realisasi ÷ pagu, atas program yang melaporkan realisasi."
)
if catatan_jumlah:
    st.caption(
        "Total pagu dan realisasi mengikuti jumlah yang tercetak di dokumen, yang berbeda dari jumlah "
        "baris rinciannya: " + teks_md(" ".join(catatan_jumlah))
    )

st.subheader(f"Kecamatan × skor utama dan capaian, {p.tahun}")
shown = tabel.to_pandas()
styled = components.gaya_predikat(
    shown,
    {**{f"Kategori {k}": j for j, k in analisis.KOLOM_SKOR.items()}, "Predikat capaian": "CAPAIAN"},
).format(
    {
        **{c: fmt.skor for k in analisis.KOLOM_SKOR.values() for c in (k, f"Target {k}")},
        analisis.KOLOM_RATA_CAPAIAN: fmt.persen,
        analisis.KOLOM_RATA_CAPAIAN_MENTAH: fmt.persen,
        "Indikator di luar 0–100%": fmt.angka,
        "Serapan (%)": fmt.persen,
        "Pagu (Rp)": fmt.rupiah,
        "Realisasi (Rp)": fmt.rupiah,
        "Jumlah indikator": fmt.angka,
    },
    na_rep=fmt.KOSONG,
)
components.tabel(tabel, "ringkasan", tampil=styled, judul=f"Kecamatan × skor utama dan capaian {p.tahun}")
st.caption(
    "Warna kategori mengikuti skala domain: IKM (PermenPANRB 14/2017; Kepmenpan 25/2004 untuk survei 14 unsur), "
    "SAKIP (PermenPANRB 88/2021 untuk tahun evaluasi sejak 2022, 12/2015 sebelumnya; predikat yang tertulis "
    "di dokumen diutamakan; kolom Sumber predikat menyebut tercetak atau dihitung beserta regulasinya), kematangan (Permendagri 99/2018), capaian (Permendagri 86/2017). Kategori juga tertulis, "
    "sehingga terbaca saat dicetak hitam-putih. Tanda – berarti dokumen tidak memuat angka itu. "
    "Rata-rata capaian membatasi tiap capaian pada 0–100% (skala Permendagri 86/2017); "
    "rata-rata tanpa batas tertulis di sebelahnya."
)
rata_capaian = analisis.rata_rata_capaian(capaian, p.tahun)  # type: ignore[arg-type]
if rata_capaian.catatan:
    st.caption(rata_capaian.catatan)

if pembanding.toggle("ringkasan_pembanding"):
    st.subheader(f"Pembanding: perangkat daerah lain, {p.tahun}")
    pembanding.tabel(p, list(analisis.JENIS_SKOR), f"pembanding_{p.tahun}")
