"""Tren: IKM, SAKIP and Kematangan per kecamatan across years, realisasi against target."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import analisis, charts, components, data, export, filters, kolom, labels
from dashboard import format as fmt
from dashboard.export import teks_md

MAKS_GARIS = 12  # more lines than this make a trend chart unreadable, in colour and in greyscale

p = filters.pilihan()
st.title("Tren")
st.caption(
    f"Kecamatan: {teks_md(components.wilayah_teks(p))} — semua tahun yang dimuat (halaman ini memperlihatkan "
    "perjalanan antartahun, sehingga tahun di panel kiri tidak membatasinya)."
)
if not p.wilayah:
    filters.tidak_ada_data(p)
    st.stop()

filters.di_url("tren_jenis", "skor", list(analisis.JENIS_SKOR), default="SAKIP")
jenis = (
    st.segmented_control(
        "Skor",
        list(analisis.JENIS_SKOR),
        format_func=lambda j: fmt.NAMA_SKOR[j],
        key="tren_jenis",
        selection_mode="single",
    )
    or "SAKIP"
)
filters.di_url_bool("tren_proyeksi", "proyeksi")
proyeksi = st.toggle("Tampilkan proyeksi ke tahun akhir Renstra", key="tren_proyeksi")

skor = data.query("skor_tren", wilayah=p.wilayah)
galat = data.query_if_view_exists("temuan", "galat_skor", wilayah=p.wilayah)  # the marks need only the score lines
rows = skor.filter(pl.col("jenis") == jenis)
if rows.height == 0:
    filters.tidak_ada_data(p, f"{fmt.NAMA_SKOR[jenis]}")
    st.stop()

# a selection wider than a kabupaten/kota (a province, all of Indonesia): the sentences for the
# kecamatan the chart draws, and the table per kabupaten/kota (the kecamatan table in the download)
lebar = p.lebar
shown_in_chart = analisis.batasi_kecamatan(rows, MAKS_GARIS)
with_values = (shown_in_chart if lebar else rows).filter(pl.col("nilai").is_not_null())
# one paragraph per kecamatan in one element: at national size (7 285 kecamatan) iterating the
# groups and one st.markdown each took ~2,7 s of a rerun, measured
per_kecamatan = with_values.group_by(["kabupaten", "kecamatan"], maintain_order=True).agg("tahun", "nilai")
if lebar and per_kecamatan.height:
    st.caption(
        f"Pilihan ini memuat {p.cakupan()}: kalimat di bawah untuk {fmt.angka(per_kecamatan.height)} kecamatan yang digambar di grafik, "
        "tabel di bawah grafik merangkum per kabupaten/kota."
    )
if per_kecamatan.height:
    st.markdown(
        "\n\n".join(
            f"**{teks_md(kecamatan)}** ({teks_md(kabupaten)}): {analisis.kalimat_perubahan(jenis, tahun, nilai)}"
            for kabupaten, kecamatan, tahun, nilai in per_kecamatan.iter_rows()
        )
    )
only_targets = sorted(set(rows["kecamatan"]) - set(rows.filter(pl.col("nilai").is_not_null())["kecamatan"]))
if lebar and len(only_targets) > MAKS_GARIS:
    st.caption(f"{fmt.angka(len(only_targets))} kecamatan belum punya realisasi {fmt.NAMA_SKOR[jenis]}, hanya target.")
elif only_targets:
    st.caption(f"Belum ada realisasi {fmt.NAMA_SKOR[jenis]}, hanya target: {teks_md(', '.join(only_targets))}.")

if shown_in_chart.height < rows.height:
    st.info(
        f"Grafik memuat {MAKS_GARIS} kecamatan dengan nilai terakhir tertinggi agar garisnya terbaca; "
        + ("unduhan tabel per kecamatan di bawah memuat semuanya. " if lebar else "tabel di bawah memuat semuanya. ")
        + "Pilih kabupaten atau kecamatan di panel kiri untuk grafik yang lain."
    )
kab_codes = sorted({filters.kode_kabupaten_dari(k) for k in shown_in_chart["kode_kecamatan"].drop_nulls()})
rata = data.query("skor_rata_kabupaten", kabupaten=kab_codes).filter(pl.col("jenis") == jenis)
components.grafik(
    charts.tren_skor(shown_in_chart, jenis, proyeksi, galat, wilayah=components.wilayah_teks(p), rata=rata, bisa_dipilih=True),
    f"tren_{jenis}",
    tahun=None,
    ke_profil=True,
)
st.caption("Klik satu titik untuk membuka profil kecamatan itu (klik ganda melepas pilihan).")
if jenis == "SAKIP":
    st.caption(
        'Tahun Nilai SAKIP adalah tahun evaluasi: nilai "Realisasi 2024" di LKjIP berasal dari LHE yang terbit '
        "tahun 2024 dan terutama menilai tahun sebelumnya. Predikat dihitung dengan skala PermenPANRB 88/2021 "
        "untuk evaluasi sejak 2022 dan 12/2015 sebelumnya; predikat yang tertulis di dokumen diutamakan."
    )
kolom_tahun = "Tahun evaluasi" if jenis == "SAKIP" else "Tahun"

table = rows.select(
    pl.col("kabupaten").alias("Kabupaten/Kota"),
    pl.col("kecamatan").alias("Kecamatan"),
    pl.col("tahun").alias(kolom_tahun),
    pl.col("nilai").alias("Realisasi"),
    pl.col("predikat").alias("Predikat"),
    pl.col("sumber_predikat").alias("Sumber predikat"),
    pl.col("target").alias("Target"),
    pl.col("target_akhir").alias("Target akhir Renstra"),
    pl.col("renstra_akhir").alias("Tahun akhir Renstra"),
    labels.kolom("sumber", labels.SUMBER_SKOR).alias("Dibaca dari"),
    pl.col("nama_file").alias("Dokumen"),
    pl.col("sumber_baris").alias("Baris"),
)
if galat is not None:
    flagged = (
        galat.select(pl.col("dokumen_id").cast(pl.String), pl.col("sumber_baris").cast(pl.Int32))
        .unique()
        .with_columns(pl.lit("⚠ galat").alias("Reviu"))
    )
    table = (
        table.with_columns(rows["dokumen_id"].alias("_dok"))
        .join(flagged, left_on=["_dok", "Baris"], right_on=["dokumen_id", "sumber_baris"], how="left")
        .drop("_dok")
    )
judul = f"Tren {fmt.NAMA_SKOR[jenis]}"
jenis_kolom = dict.fromkeys(["Realisasi", "Target", "Target akhir Renstra"], export.SKOR)
if lebar:
    kab = analisis.tren_kabupaten(rows)
    st.markdown(f"**Rata-rata {teks_md(fmt.NAMA_SKOR[jenis])} per kabupaten/kota**")
    components.tabel_kabupaten(
        kab,
        "tren_kabupaten",
        f"{judul} per kabupaten/kota",
        "Rata-rata realisasi kecamatannya tiap tahun (IKM pada skala 25–100).",
        components.Lengkap(
            table,
            f"tren_{jenis}_tabel",
            judul,
            "**Tabel per kecamatan dan tahun**, dengan target, predikat dan sumbernya:",
            jenis_kolom,
        ),
        nama=f"tren_{jenis}_kabupaten",
        tahun=None,
        jenis={c: export.SKOR for c in kab.columns if c.startswith(("Rata-rata", "Perubahan"))},
    )
else:
    styled = kolom.gaya("tren", components.gaya_predikat(table.to_pandas(), {"Predikat": jenis}))
    components.tabel(
        table,
        f"tren_{jenis}_tabel",
        tampil=styled,
        judul=judul,
        tahun=None,
        jenis=jenis_kolom,
        view="tren",
        ke_profil=("Kabupaten/Kota", "Kecamatan"),
    )
