"""Peringkat: kecamatan ranked by a chosen metric and year, within a kabupaten or across all loaded."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import analisis, charts, components, data, export, filters, halaman, kolom, pembanding
from dashboard import format as fmt
from dashboard.export import teks_md

TEPI = 15  # kecamatan drawn at each end of a ranking wider than a kabupaten/kota
PER_HALAMAN = 100  # rows of a page of the ranking table: a kabupaten/kota (at most 51 kecamatan) is one page

p = filters.pilihan()
st.title("Peringkat")
if p.tahun is None or not p.semua_wilayah:
    filters.tidak_ada_data(p)
    st.stop()

left, right = st.columns(2)
filters.di_url("peringkat_metrik", "ukuran", list(analisis.METRIK))
metrik = left.selectbox("Ukuran", list(analisis.METRIK), key="peringkat_metrik", filter_mode=None)
# the ranking follows the sidebar: within the chosen kabupaten/kota (or the chosen kecamatan);
# the provinsi-wide ranking is an option, said in the caption and kept in the URL (bandingkan=…)
DALAM_PILIHAN, SE_PROVINSI = "pilihan", "provinsi"
lingkup_label = {
    DALAM_PILIHAN: f"Dalam {components.wilayah_teks(p)}",
    SE_PROVINSI: f"Semua kecamatan di {p.provinsi}" if p.provinsi else "Semua kecamatan yang dimuat",
}
filters.di_url("peringkat_lingkup", "bandingkan", list(lingkup_label))
lingkup = right.radio(
    "Bandingkan", list(lingkup_label), format_func=lingkup_label.__getitem__, key="peringkat_lingkup", horizontal=True
)
keys = p.semua_wilayah if lingkup == SE_PROVINSI else p.wilayah
pairs = [(p.tempat[k].kabupaten_label, p.tempat[k].kecamatan) for k in keys if k in p.tempat]
if lingkup == DALAM_PILIHAN and (p.kabupaten or p.kecamatan):
    st.caption(
        f"Peringkat di antara {teks_md(components.wilayah_teks(p))}, sesuai panel kiri. "
        f"Pilih “{teks_md(lingkup_label[SE_PROVINSI])}” untuk peringkat yang lebih luas."
    )
elif lingkup == SE_PROVINSI and (p.kabupaten or p.kecamatan):
    st.caption(
        f"Peringkat di antara {teks_md(lingkup_label[SE_PROVINSI].lower())}: pilihan kabupaten/kecamatan "
        "di panel kiri tidak membatasi daftar ini (tahun tetap dari panel kiri)."
    )

skor = data.query("skor_tren", wilayah=keys)
# the budget only for a budget metric, and only the two years a rank and its change need
program = (
    data.query("anggaran_program", wilayah=keys, tahun=[p.tahun - 1, p.tahun])  # type: ignore[operator]
    if analisis.METRIK[metrik][0] == "ANGGARAN"
    else pl.DataFrame()
)
values = analisis.nilai_metrik(metrik, skor, program)
ranking = analisis.peringkat(values, pairs, p.tahun)  # type: ignore[arg-type]
_, _, satuan = analisis.METRIK[metrik]
ranked = ranking.filter(pl.col("peringkat").is_not_null())
st.caption(f"{metrik}, tahun {p.tahun}: {ranked.height} dari {ranking.height} kecamatan punya nilai.")
if ranked.height == 0:
    filters.tidak_ada_data(p, f"nilai {metrik}")
    st.stop()

lingkup_teks = components.wilayah_teks(p) if lingkup == DALAM_PILIHAN else (p.provinsi or "semua provinsi")
rata = float(ranked["nilai"].mean())  # type: ignore[arg-type]
# a ranking of a province or of Indonesia: the chart draws its two ends (thousands of bars are no
# chart), the average stays that of all; the table below lists every kecamatan
digambar = ranked
lebar = analisis.lebar(len(keys), len({filters.kode_kabupaten_dari(k) for k in keys}), filters.MAKS_KECAMATAN)
if lebar and ranked.height > 2 * TEPI:
    digambar = pl.concat([ranked.head(TEPI), ranked.tail(TEPI)])
    st.info(
        f"Grafik memuat {TEPI} kecamatan teratas dan {TEPI} terbawah dari {fmt.angka(ranked.height)} yang diperingkat; "
        "tabel di bawah memuat semuanya, per halaman (unduhannya sekaligus). Pilih satu kabupaten/kota di panel kiri untuk grafik seluruh kecamatannya."
    )
components.grafik(
    charts.peringkat(digambar, metrik, satuan, p.tahun, lingkup_teks, rata=rata, bisa_dipilih=True),
    f"peringkat_{metrik}",
    wilayah=lingkup_teks,
    ke_profil=True,
)
st.caption(
    f"Rata-rata {ranked.height} kecamatan yang diperingkat: {fmt.skor(rata)} {satuan} (garis titik-titik). "
    "Klik satu batang untuk membuka profil kecamatan itu."
)


def _change(row: dict) -> str:
    if row["peringkat"] is None:
        return "tanpa nilai"
    if row["peringkat_lalu"] is None:
        return f"baru (tidak ada nilai {p.tahun - 1})"  # type: ignore[operator]
    step = row["naik_peringkat"]
    return "tetap" if step == 0 else (f"naik {step}" if step > 0 else f"turun {-step}")


table = ranking.with_columns(
    pl.struct("peringkat", "peringkat_lalu", "naik_peringkat")
    .map_elements(_change, return_dtype=pl.String)
    .alias("Perubahan peringkat"),
    pl.when(pl.col("seri")).then(pl.lit("nilai sama")).otherwise(pl.lit("")).alias("Catatan"),
).select(
    pl.col("peringkat").alias("Peringkat"),
    pl.col("kecamatan").alias("Kecamatan"),
    pl.col("kabupaten").alias("Kabupaten/Kota"),
    pl.col("nilai").alias(f"{metrik} ({satuan})"),
    (pl.col("nilai") - rata).alias("Selisih dari rata-rata"),
    pl.col("peringkat_lalu").alias(f"Peringkat {p.tahun - 1}"),  # type: ignore[operator]
    pl.col("nilai_lalu").alias(f"Nilai {p.tahun - 1}"),  # type: ignore[operator]
    "Perubahan peringkat",
    "Catatan",
    pl.col("nama_file").alias("Dokumen"),
)
# a province's or Indonesia's ranking in pages (styling 7 285 rows cell by cell took seconds and
# hundreds of MB of the server, bench/README.md); the download holds every page
mulai = halaman.pilih("peringkat_halaman", "hal_peringkat", table.height, PER_HALAMAN)
shown = table.slice(mulai, PER_HALAMAN)
styled = kolom.gaya("peringkat", shown.to_pandas())
components.tabel(
    shown,
    f"peringkat_{metrik}",
    tampil=styled,
    unduh=table,
    judul=f"Peringkat kecamatan: {metrik} {p.tahun}",
    wilayah=lingkup_teks,
    jenis={f"{metrik} ({satuan})": export.SKOR, f"Nilai {p.tahun - 1}": export.SKOR, "Selisih dari rata-rata": export.SKOR},  # type: ignore[operator]
    view="peringkat",
    ke_profil=("Kabupaten/Kota", "Kecamatan"),
)
st.caption(
    "Nilai sama mendapat peringkat sama (peringkat berikutnya dilewati). Kecamatan tanpa nilai tercantum di bawah tanpa peringkat."
)

jenis_metrik = analisis.METRIK[metrik][0]
if jenis_metrik in analisis.JENIS_SKOR and pembanding.toggle("peringkat_pembanding"):
    st.subheader(f"Pembanding: perangkat daerah lain, {p.tahun}")
    pembanding.tabel(p, [jenis_metrik], f"pembanding_{jenis_metrik}_{p.tahun}")
