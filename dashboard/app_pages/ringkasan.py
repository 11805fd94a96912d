"""Ringkasan: KPI tiles for the selection and a table of kecamatan × key scores and capaian."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import analisis, charts, components, data, export, filters, kolom, labels, laporan, pembanding
from dashboard import format as fmt
from dashboard.export import teks_md

TERATAS = 5  # rows of each movers list, and notes of a kind written out before "… dan N lain"
CATATAN_REVIU = 40  # findings a report names before "… dan N temuan lain"
MAKS_DAFTAR = 50  # a longer list of scores below target shows the furthest first; the download has all

p = filters.pilihan()
st.title("Ringkasan")
st.caption(f"Pilihan: {teks_md(p.uraian())}")
if p.kosong:
    filters.tidak_ada_data(p)
    st.stop()

# a selection wider than a kabupaten/kota (a province, all of Indonesia) is read per kabupaten/kota
lebar = p.lebar
skor = data.query("skor_tren", wilayah=p.wilayah)
capaian = data.query("capaian_indikator", wilayah=p.wilayah, tahun=[p.tahun])
program = data.query("anggaran_program", wilayah=p.wilayah, tahun=[p.tahun])  # the page is about one year
tabel = analisis.tabel_kecamatan(skor, capaian, program, p.tahun)  # type: ignore[arg-type]
if tabel.height == 0:
    filters.tidak_ada_data(p)
    st.stop()

tiles = st.columns(4)
tiles[0].metric("Kecamatan dengan data", fmt.angka(tabel.height))
ringkas = [("Kecamatan dengan data", fmt.angka(tabel.height))]  # the tiles, for the report
for col, jenis in zip(tiles[1:], analisis.JENIS_SKOR):
    avg = analisis.rata_rata_skor(skor, jenis, p.tahun)  # type: ignore[arg-type]
    ringkas.append((f"Rata-rata {fmt.NAMA_SKOR[jenis]}", fmt.skor(avg.nilai)))
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
beda = year.filter(pl.col("keterangan_jumlah").is_not_null())
n_beda = beda["kode_kecamatan"].n_unique()
tiles[1].metric("Total pagu", fmt.rupiah_ringkas(budget.pagu), help=fmt.rupiah(budget.pagu))
tiles[2].metric(
    "Realisasi anggaran",
    fmt.rupiah_ringkas(budget.realisasi),
    help=fmt.rupiah(budget.realisasi)
    + (" — jumlah tercetak dokumen, bukan jumlah baris rinci (lihat catatan di bawah)." if n_beda else ""),
)
tiles[3].metric(
    "Penyerapan anggaran", fmt.persen(budget.serapan), help="Realisasi ÷ pagu, atas program yang melaporkan realisasi."
)
ringkas += [
    ("Indikator mencapai target", fmt.persen(share)),
    ("Total pagu", fmt.rupiah(budget.pagu)),
    ("Realisasi anggaran", fmt.rupiah(budget.realisasi)),
    ("Penyerapan anggaran", fmt.persen(budget.serapan)),
]
if n_beda:
    st.caption(
        f"Total pagu dan realisasi mengikuti jumlah yang tercetak di dokumen; di {fmt.angka(n_beda)} kecamatan jumlah itu "
        "berbeda dari jumlah baris rinciannya"
        # nationally thousands of such notes: how many, and where to read them
        + (
            "; pilih satu kabupaten/kota di panel kiri untuk membaca keterangannya."
            if lebar
            else ", dengan keterangannya di bawah."
        )
    )
    if not lebar:
        with st.expander(f"Keterangan jumlah tercetak ({fmt.angka(n_beda)} kecamatan)", expanded=n_beda == 1):
            notes = beda.select("kecamatan", "keterangan_jumlah").unique().sort("kecamatan")
            st.markdown("\n".join(f"- **{teks_md(k)}**: {teks_md(t)}" for k, t in notes.rows()))

perubahan = data.query("skor_perubahan", wilayah=p.wilayah, tahun=p.tahun)
tabel = (
    tabel.join(
        perubahan.pivot(on="jenis", index=["kabupaten", "kecamatan"], values="perubahan")
        .rename({j: f"Perubahan {k} (poin)" for j, k in analisis.KOLOM_SKOR.items() if j in perubahan["jenis"]})
        .rename({"kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan"}),
        on=["Kabupaten/Kota", "Kecamatan"],
        how="left",
    )
    if perubahan.height
    else tabel
)
if lebar:
    # thousands of kecamatan rows are no glance (and cost seconds to draw): the kabupaten/kota
    # first, each row a drill-down into its kecamatan; the kecamatan table whole in the download
    st.subheader(f"Kabupaten/kota × skor utama dan capaian, {p.tahun}")
    provinsi = {t.kabupaten_label: t.provinsi for t in p.tempat.values()}
    kab = analisis.tabel_kabupaten(tabel, skor, capaian, program, p.tahun)  # type: ignore[arg-type]
    kab = kab.insert_column(1, kab["Kabupaten/Kota"].replace_strict(provinsi, default=None).alias("Provinsi"))
    components.tabel_kabupaten(
        kab,
        "ringkasan_kabupaten",
        f"Kabupaten/kota × skor utama dan capaian {p.tahun}",
        f"Pilihan ini memuat {fmt.angka(tabel.height)} kecamatan di {fmt.angka(kab.height)} kabupaten/kota: "
        "satu baris per kecamatan terlalu panjang untuk dibaca sekilas, jadi tabel ini merangkum per kabupaten/kota "
        "(rata-rata skor kecamatannya, jumlah pagu dan realisasinya). Pilih satu kabupaten/kota untuk melihat "
        "kecamatannya; tabel per kecamatan lengkap ada di unduhan di bawah.",
        components.Lengkap(
            tabel,
            "ringkasan",
            f"Kecamatan × skor utama dan capaian {p.tahun}",
            "**Tabel per kecamatan** (semua kolom, untuk diolah lebih lanjut):",
        ),
    )
else:
    st.subheader(f"Kecamatan × skor utama dan capaian, {p.tahun}")
    styled = kolom.gaya(
        "ringkasan",
        components.gaya_predikat(
            tabel.to_pandas(),
            {**{f"Kategori {k}": j for j, k in analisis.KOLOM_SKOR.items()}, "Predikat capaian": "CAPAIAN"},
        ),
    )
    components.tabel(
        tabel,
        "ringkasan",
        tampil=styled,
        judul=f"Kecamatan × skor utama dan capaian {p.tahun}",
        view="ringkasan",
        ke_profil=("Kabupaten/Kota", "Kecamatan"),
    )
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

st.subheader(f"Siapa yang bergerak, {p.tahun - 1} → {p.tahun}")  # type: ignore[operator]
# "Tahun lalu" / "Tahun ini" hold scores, not years: said so for the downloads and the report
JENIS_GERAK = {
    "Tahun lalu": export.SKOR,
    "Tahun ini": export.SKOR,
    "Target": export.SKOR,
    "Perubahan (poin)": export.SKOR,
    "Selisih dari target (poin)": export.SKOR,
}
di_bawah = (
    skor.filter((pl.col("tahun") == p.tahun) & pl.col("nilai").is_not_null() & (pl.col("nilai") < pl.col("target")))
    .select(
        pl.col("kecamatan").alias("Kecamatan"),
        pl.col("kabupaten").alias("Kabupaten/Kota"),
        labels.kolom("jenis", labels.JENIS_SKOR).alias("Skor"),
        pl.col("nilai").alias("Tahun ini"),
        pl.col("target").alias("Target"),
        (pl.col("nilai") - pl.col("target")).alias("Perubahan (poin)"),
        pl.col("predikat").alias("Predikat"),
        pl.col("nama_file").alias("Dokumen"),
    )
    .sort("Perubahan (poin)")
)
gerak = perubahan.select(
    pl.col("kecamatan").alias("Kecamatan"),
    pl.col("kabupaten").alias("Kabupaten/Kota"),
    labels.kolom("jenis", labels.JENIS_SKOR).alias("Skor"),
    pl.col("nilai_lalu").alias("Tahun lalu"),
    pl.col("nilai").alias("Tahun ini"),
    pl.col("perubahan").alias("Perubahan (poin)"),
    pl.col("predikat").alias("Predikat"),
    pl.col("nama_file").alias("Dokumen"),
)
daftar = {
    "Paling membaik": gerak.filter(pl.col("Perubahan (poin)") > 0).sort("Perubahan (poin)", descending=True).head(TERATAS),
    "Penurunan terbesar": gerak.filter(pl.col("Perubahan (poin)") < 0).sort("Perubahan (poin)").head(TERATAS),
    "Di bawah target": di_bawah.rename({"Perubahan (poin)": "Selisih dari target (poin)"}),
}
kosong = {
    "Paling membaik": f"Tidak ada skor yang naik dari {p.tahun - 1}.",  # type: ignore[operator]
    "Penurunan terbesar": f"Tidak ada skor yang turun dari {p.tahun - 1}.",  # type: ignore[operator]
    "Di bawah target": f"Tidak ada skor {p.tahun} di bawah target PK-nya.",
}
for tab, (nama, frame) in zip(st.tabs([f"{n} ({fmt.angka(d.height)})" for n, d in daftar.items()]), daftar.items()):
    with tab:
        if frame.height == 0:
            st.info(kosong[nama])
            continue
        if frame.height > MAKS_DAFTAR:
            st.caption(
                f"{fmt.angka(MAKS_DAFTAR)} dari {fmt.angka(frame.height)} ditampilkan, yang terjauh dari target lebih dulu; "
                "daftar lengkap ada di unduhan di bawah tabel."
            )
        components.tabel(
            frame,
            f"ringkasan_{nama.lower().replace(' ', '-')}",
            tampil=kolom.gaya("perubahan", frame.head(MAKS_DAFTAR).to_pandas(), {"Selisih dari target (poin)": fmt.poin}),
            judul=f"{nama} {p.tahun}",
            jenis=JENIS_GERAK,
            view="perubahan",
            ke_profil=("Kabupaten/Kota", "Kecamatan"),
        )
st.caption(
    f"Perubahan dihitung atas kecamatan yang punya nilai {p.tahun - 1} dan {p.tahun} (IKM pada skala 25–100); "  # type: ignore[operator]
    f"{TERATAS} teratas ditampilkan. Di bawah target: realisasi skor lebih rendah dari target PK tahun itu."
)

st.subheader("Unduh laporan")
if not p.kabupaten:
    st.caption("Pilih satu kabupaten/kota di panel kiri untuk mengunduh laporan ringkasannya (PDF atau DOCX).")
else:
    st.caption(
        f"Ringkasan {teks_md(p.kabupaten)} tahun {p.tahun} sebagai PDF atau DOCX: angka utama, tabel kecamatan, "
        "siapa yang bergerak, grafik peringkat Nilai SAKIP, dokumen sumber dan catatan reviu data."
    )

    # a 16 cm page holds eight columns whole: the kabupaten is the report's, the categories are in the scores' table above
    LUAR_LAPORAN = {"Kabupaten/Kota", "Kategori SAKIP", "Perubahan SAKIP (poin)"}

    def _laporan() -> laporan.Laporan:
        angka_utama = pl.DataFrame(ringkas, schema=["Ukuran", "Nilai"], orient="row")
        bagian = [
            laporan.Bagian(f"Angka utama {p.tahun}", [laporan.tabel(angka_utama)]),
            laporan.Bagian(
                "Kecamatan × skor utama dan capaian",
                [laporan.tabel(tabel, kolom=[c for c in kolom.urutan("ringkasan", tabel.columns) if c not in LUAR_LAPORAN])],
            ),
        ]
        sakip = analisis.nilai_metrik("Nilai SAKIP (realisasi)", skor, program)
        pasangan = [(p.tempat[k].kabupaten_label, p.tempat[k].kecamatan) for k in p.wilayah if k in p.tempat]
        urut = analisis.peringkat(sakip, pasangan, p.tahun)  # type: ignore[arg-type]
        urut = urut.filter(pl.col("peringkat").is_not_null())
        if urut.height:
            chart = charts.peringkat(urut, "Nilai SAKIP", "angka", p.tahun, p.kabupaten, rata=float(urut["nilai"].mean()))  # type: ignore[arg-type]
            bagian.append(laporan.Bagian("Peringkat Nilai SAKIP", [laporan.Gambar(export.chart_png(chart))]))
        bagian.append(
            laporan.Bagian(
                f"Siapa yang bergerak, {p.tahun - 1} → {p.tahun}",  # type: ignore[operator]
                [
                    laporan.tabel(d, nama, jenis=JENIS_GERAK) if d.height else f"{nama}: {kosong[nama]}"
                    for nama, d in daftar.items()
                ],
            )
        )
        # the report names the first findings of the year and counts the rest: the first page and
        # the count, never every finding of the selection (2,5 M for all of Indonesia)
        pilihan = {
            "wilayah": list(p.wilayah),
            "tahun": [p.tahun],
            "kode": [],
            "tingkat": [],
            "terverifikasi": data.terverifikasi(),
        }
        temuan = data.query_if_view_exists("temuan", "temuan_halaman", **pilihan, batas=CATATAN_REVIU, mulai=0)
        hitung = data.query_if_view_exists("temuan", "temuan_hitung", **pilihan)
        jumlah_temuan = int(hitung["jumlah"].sum()) if hitung is not None else 0
        return laporan.Laporan(
            f"Ringkasan Kinerja Kecamatan di {p.kabupaten}",
            f"{components.wilayah_teks(p)}, tahun {p.tahun}",
            bagian,
            sumber=sorted({f for f in skor.filter(pl.col("tahun") == p.tahun)["nama_file"].to_list() if f}),
            reviu=components.catatan_reviu(temuan, p.tahun, maks=CATATAN_REVIU, jumlah=jumlah_temuan),
        )

    components.unduh_laporan(_laporan, "ringkasan")

if pembanding.toggle("ringkasan_pembanding"):
    st.subheader(f"Pembanding: perangkat daerah lain, {p.tahun}")
    pembanding.tabel(p, list(analisis.JENIS_SKOR), f"pembanding_{p.tahun}")
