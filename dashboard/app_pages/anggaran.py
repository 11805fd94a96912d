"""Anggaran vs Capaian: penyerapan against capaian per sasaran, efficiency under a chosen convention,
budget composition per program."""

from __future__ import annotations

import polars as pl
import streamlit as st

import etl.rules as rules
from dashboard import analisis, charts, components, data, export, filters, kolom, labels, pohon_anggaran
from dashboard import format as fmt
from dashboard.export import teks_md

p = filters.pilihan()
st.title("Anggaran vs Capaian")
st.caption(f"Pilihan: {teks_md(p.uraian())}")
if p.kosong:
    filters.tidak_ada_data(p)
    st.stop()

filters.di_url("anggaran_konvensi", "konvensi", list(charts.KONVENSI))
konvensi = st.radio(
    "Konvensi efisiensi",
    list(charts.KONVENSI),
    format_func=lambda k: charts.KONVENSI[k],
    horizontal=True,
    key="anggaran_konvensi",
    help="Tidak ada rumus efisiensi yang diwajibkan untuk pemda; konvensi yang dipilih tertulis pada grafik.",
)

# a selection wider than a kabupaten/kota (a province, all of Indonesia) is summed up per
# kabupaten/kota, each row a drill-down; the per-kecamatan charts and tables need one kabupaten/kota
lebar = p.lebar
LEBAR_KETERANGAN = (
    f"Pilihan ini memuat {p.cakupan()}: "
    "grafik dan tabel per kecamatan digambar untuk satu kabupaten/kota (pilih satu baris atau pilih di panel kiri); "
    "di sini jumlahnya per kabupaten/kota."
)

st.subheader("Penyerapan anggaran terhadap capaian kinerja")
points = data.query("anggaran_efisiensi", wilayah=p.wilayah, tahun=[p.tahun])
if points.height == 0:
    filters.tidak_ada_data(p, "tabel anggaran per sasaran (biasanya dari LKjIP)")
else:
    points = analisis.tambah_efisiensi(points, konvensi)
    if not lebar:
        components.grafik(
            charts.kuadran_efisiensi(points, konvensi, wilayah=components.wilayah_teks(p), tahun=p.tahun), "anggaran_vs_capaian"
        )
    digits = 4 if konvensi == rules.EFFICIENCY_RASIO else 2
    table = points.select(
        pl.col("kecamatan").alias("Kecamatan"),
        pl.col("sasaran").alias("Sasaran"),
        pl.col("capaian").alias("Capaian kinerja (%)"),
        pl.col("serapan").alias("Penyerapan (%)"),
        pl.col("efisiensi").alias("Efisiensi"),
        pl.col("kategori_efisiensi").alias("Kategori (selisih)"),
        pl.col("efisiensi_dilaporkan").alias("Efisiensi tertulis"),
        pl.col("pagu").alias("Pagu (Rp)"),
        pl.col("realisasi").alias("Realisasi (Rp)"),
        pl.col("nama_file").alias("Dokumen"),
        pl.col("sumber_baris").alias("Baris"),
    )
    judul = f"Penyerapan anggaran terhadap capaian kinerja {p.tahun}"
    jenis = {"Efisiensi": export.desimal(digits), "Efisiensi tertulis": export.SKOR}
    if lebar:
        components.tabel_kabupaten(
            analisis.efisiensi_kabupaten(points),
            "efisiensi_kabupaten",
            f"{judul} per kabupaten/kota",
            LEBAR_KETERANGAN,
            components.Lengkap(
                table,
                f"efisiensi_{konvensi}",
                judul,
                "**Tabel per sasaran** (semua kecamatan, dengan efisiensi menurut konvensi yang dipilih):",
                jenis,
            ),
        )
    else:
        styled = kolom.gaya("efisiensi", table.to_pandas(), {"Efisiensi": lambda v: fmt.angka(v, digits)})
        components.tabel(table, f"efisiensi_{konvensi}", tampil=styled, judul=judul, jenis=jenis, view="efisiensi")
    st.caption(f"Konvensi: {charts.KONVENSI[konvensi]}. Kategori memakai selisih ±{fmt.angka(rules.EFFICIENT_MARGIN_PP)} poin.")

st.subheader("Peta anggaran: program → kegiatan → sub kegiatan")
if len(p.wilayah) > pohon_anggaran.MAKS_KECAMATAN:
    st.info(
        f"Pilihan ini memuat {fmt.angka(len(p.wilayah))} kecamatan; peta anggaran digambar untuk paling banyak "
        f"{pohon_anggaran.MAKS_KECAMATAN} kecamatan. Pilih satu kabupaten/kota di panel kiri untuk melihatnya."
    )
else:
    pohon = data.query("anggaran_pohon", wilayah=list(p.wilayah), tahun=p.tahun)
    if pohon.height == 0:
        filters.tidak_ada_data(p, "anggaran")
    else:
        region = components.wilayah_teks(p)
        nodes = pohon_anggaran.simpul(pohon, region)
        several = pohon["kode_kecamatan"].n_unique() > 1
        event = components.peta_anggaran(
            nodes, charts.judul("Peta anggaran", region, p.tahun), "peta_anggaran", kedalaman=2 if several else 3
        )
        st.caption(
            "Ukuran petak = pagu, warna = penyerapan (makin gelap makin tinggi; abu-abu berarsir: realisasi belum "
            "dilaporkan). Klik sebuah petak untuk masuk ke rinciannya"
            + (" (kecamatan → program → kegiatan → sub kegiatan)" if several else "")
            + "; klik nama di jalur atas untuk kembali. Pagu tiap petak = jumlah baris paling rinci di dalamnya."
        )
        chosen = pohon_anggaran.dipilih(event)
        if chosen is None:
            st.caption("Klik sebuah petak untuk melihat baris anggaran di dalamnya di sini, dengan dokumen dan barisnya.")
        else:
            lines = pohon_anggaran.baris_cabang(pohon, nodes, chosen)
            INDENT = {"program": "", "kegiatan": "    ", "sub_kegiatan": "        "}
            branch = lines.select(
                pl.col("kecamatan").alias("Kecamatan"),
                labels.kolom("tingkat", labels.TINGKAT_ANGGARAN).alias("Tingkat"),
                (pl.col("tingkat").replace_strict(INDENT, default="") + pl.col("nama").fill_null("")).alias("Uraian"),
                pl.col("pagu").alias("Pagu (Rp)"),
                pl.col("realisasi").alias("Realisasi (Rp)"),
                pl.col("serapan").alias("Serapan (%)"),
                pl.col("nama_file").alias("Dokumen"),
                pl.col("sumber_baris").alias("Baris"),
            )
            heading = f"Baris anggaran di bawah «{pohon_anggaran.nama(nodes, chosen)}»"
            st.markdown(f"**{teks_md(heading)}** · {fmt.angka(branch.height)} baris")
            components.tabel(
                branch,
                "anggaran_cabang",
                tampil=kolom.gaya("anggaran_cabang", branch.to_pandas()),
                judul=f"{heading} {p.tahun}",
                view="anggaran_cabang",
            )
            st.caption("Pagu dan realisasi tiap baris seperti tertulis di dokumen; klik petak lain di peta untuk cabang lain.")

st.subheader("Komposisi anggaran per program")
program = data.query("anggaran_program", wilayah=p.wilayah, tahun=[p.tahun])
if program.height == 0:
    filters.tidak_ada_data(p, "anggaran")
    st.stop()
if not lebar:
    components.grafik(charts.komposisi_anggaran(program, components.wilayah_teks(p), p.tahun), "komposisi_anggaran")
table = program.select(
    pl.col("kecamatan").alias("Kecamatan"),
    pl.col("program").alias("Program"),
    pl.col("pagu").alias("Pagu (Rp)"),
    pl.col("realisasi").alias("Realisasi (Rp)"),
    pl.col("serapan").alias("Serapan (%)"),
    pl.col("pagu_tertulis").alias("Pagu tertulis di baris program (Rp)"),
    labels.kolom("tahap", labels.TAHAP_ANGGARAN).alias("Tahap"),
    labels.kolom("bagian", labels.BAGIAN).alias("Tabel"),
    pl.col("nama_file").alias("Dokumen"),
    pl.col("sumber_baris").alias("Baris"),
)
judul = f"Komposisi anggaran per program {p.tahun}"
if lebar:
    components.tabel_kabupaten(
        analisis.program_kabupaten(program, p.tahun),  # type: ignore[arg-type]
        "program_kabupaten",
        f"{judul} per kabupaten/kota",
        LEBAR_KETERANGAN,
        components.Lengkap(table, "anggaran_program", judul, "**Tabel per program** (semua kecamatan):"),
    )
else:
    components.tabel(
        table, "anggaran_program", tampil=kolom.gaya("anggaran_program", table.to_pandas()), judul=judul, view="anggaran_program"
    )
st.caption(
    "Pagu dan realisasi program = jumlah baris paling rinci di bawahnya, supaya baris induk tidak terhitung dua kali; "
    "angka yang tertulis di baris program ditampilkan di sebelahnya."
)
