"""Profil Kecamatan: everything about one kecamatan in one year, each number with its source line."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import analisis, charts, components, data, export, filters, kolom, labels, laporan, pohon_anggaran
from dashboard import format as fmt
from dashboard.export import teks_md

p = filters.pilihan()
st.title("Profil Kecamatan")
if not p.wilayah:
    filters.tidak_ada_data(p)
    st.stop()

wilayah = data.query("wilayah")
options = list(p.wilayah)
# open on the first kecamatan that has documents for the year chosen in the sidebar
first = next((k for k in options if p.tahun in filters.years(wilayah, [k])), options[0])
filters.di_url("profil_kecamatan", "profil", options, default=first)
key = st.selectbox(
    "Kecamatan",
    options,
    format_func=p.label,
    key="profil_kecamatan",
    help=filters.CARI,
)
kecamatan, kabupaten = p.nama(key), p.tempat[key].kabupaten_label if key in p.tempat else ""
unit = f"Kecamatan {kecamatan}, {kabupaten}"  # the region in titles and file names of this page

docs = data.query("profil_dokumen", kode_kecamatan=key)
names = dict(zip(docs["dokumen_id"], docs["nama_file"]))
skor_semua = data.query("skor_tren", wilayah=[key])
# every year with data for this kecamatan, those known only from a later document's history table too
years = filters.years(wilayah, [key])
doc_years = set(docs["tahun"].to_list())
riwayat_saja = [y for y in years if y not in doc_years]


def _tahun_teks(y: int) -> str:
    return f"{y} (hanya dari tabel riwayat)" if y in riwayat_saja else str(y)


st.caption(
    "Tahun mengikuti panel kiri. Tahun dengan data untuk kecamatan ini: " + ", ".join(_tahun_teks(y) for y in sorted(years)) + "."
)
tahun = p.tahun
if tahun not in years:
    st.info(f"Belum ada data {teks_md(kecamatan)} untuk tahun {tahun}. Pilih salah satu tahun di atas pada panel kiri.")
    tahun = None

galat = data.query_if_view_exists("temuan", "galat_angka", wilayah=[key])
flagged = set() if galat is None else set(zip(galat["dokumen_id"], galat["sumber_baris"]))


def _dokumen_sumber() -> None:
    st.subheader("Dokumen sumber")
    components.tabel(
        docs.select(
            pl.col("nama_file").alias("Berkas"),
            labels.kolom("jenis", labels.JENIS_DOKUMEN).alias("Jenis"),
            pl.col("tahun").alias("Tahun"),
            pl.col("tanggal_teks").alias("Tanggal"),
            pl.col("pihak_pertama").alias("Pihak pertama"),
            pl.col("pihak_kedua").alias("Pihak kedua"),
            labels.kolom("format", labels.FORMAT_BERKAS).alias("Format"),
            pl.col("jumlah_baris").alias("Jumlah baris"),
            labels.kolom_tanggal("dimuat_pada").alias("Dimuat pada"),
        ),
        "profil_dokumen",
        judul="Dokumen sumber",
        wilayah=unit,
        tahun=None,
    )


if tahun is None:
    _dokumen_sumber()
    st.stop()
where = {"kode_kecamatan": key, "tahun": tahun}
program = data.query("anggaran_program", wilayah=[key], tahun=[tahun])

# --- headline: the year's scores with their predicates, and the budget ---------------------------
st.subheader(f"Sekilas {tahun}")
skor_tahun = skor_semua.filter(pl.col("tahun") == tahun)
tiles = st.columns(3)
for tile, jenis in zip(tiles, analisis.JENIS_SKOR, strict=True):
    row = skor_tahun.filter(pl.col("jenis") == jenis)
    nilai = row["nilai"][0] if row.height else None
    kategori = row["kategori"][0] if row.height else None
    sumber = row["sumber"][0] if row.height else None
    target = row["target"][0] if row.height else None
    koreksi = row["nilai_koreksi"][0] if row.height and "nilai_koreksi" in row.columns else None
    tile.metric(
        labels.label(labels.JENIS_SKOR, jenis) + (" (dikoreksi)" if koreksi is not None else ""),
        fmt.skor(koreksi if koreksi is not None else nilai),
        help=(f"Target {fmt.skor(target)}. " if target is not None else "")
        + (f"Dibaca dari: {labels.label(labels.SUMBER_SKOR, sumber).lower()}." if sumber else "Belum ada realisasi."),
    )
    tile.caption(f"Predikat: {teks_md(kategori)}" if kategori else "Predikat: –")
    if koreksi is not None:  # the printed value stays beside the correction (issue 15)
        tile.caption(
            "✎ Tercetak → koreksi: "
            + teks_md(labels.koreksi_teks(fmt.skor(nilai), fmt.skor(koreksi), row["dikoreksi_oleh"][0], row["alasan_koreksi"][0]))
        )
budget = analisis.anggaran_total(program, tahun)
tiles = st.columns(3)
tiles[0].metric("Pagu", fmt.rupiah_ringkas(budget.pagu), help=fmt.rupiah(budget.pagu))
tiles[1].metric("Realisasi", fmt.rupiah_ringkas(budget.realisasi), help=fmt.rupiah(budget.realisasi))
tiles[2].metric("Penyerapan", fmt.persen(budget.serapan), help="Realisasi ÷ pagu, atas program yang melaporkan realisasi.")
semua_tahun = skor_semua.filter(pl.col("nilai").is_not_null()).sort("tahun", "jenis", descending=[True, False])
if semua_tahun.height:
    with st.expander(f"Skor setiap tahun ({', '.join(str(y) for y in sorted(set(semua_tahun['tahun'])))})"):
        per_tahun = semua_tahun.select(
            pl.col("tahun").alias("Tahun"),
            labels.kolom("jenis", labels.JENIS_SKOR).alias("Skor"),
            pl.col("nilai").alias("Nilai"),
            pl.col("kategori").alias("Predikat"),
            pl.col("target").alias("Target"),
            labels.kolom("sumber", labels.SUMBER_SKOR).alias("Dibaca dari"),
            pl.col("nama_file").alias("Dokumen"),
            pl.col("sumber_baris").alias("Baris"),
        )
        components.tabel(
            per_tahun,
            "profil_skor_semua_tahun",
            tampil=components.gaya_predikat(per_tahun.to_pandas(), {}).format(
                {"Nilai": fmt.skor, "Target": fmt.skor}, na_rep=fmt.KOSONG
            ),
            judul="Skor setiap tahun",
            wilayah=unit,
            tahun=None,
            jenis={"Nilai": export.SKOR, "Target": export.SKOR},
        )
if tahun in riwayat_saja:
    asal = sorted({f for f in skor_tahun["nama_file"].to_list() if f})
    st.info(
        f"Dokumen {teks_md(kecamatan)} tahun {tahun} sendiri belum dimuat: nilai di atas dibaca dari tabel "
        f"riwayat {teks_md(', '.join(asal) or 'dokumen yang lebih baru')}. Indikator, komponen skor dan anggaran "
        f"{tahun} tampil setelah dokumen tahun itu dimuat."
    )
    _dokumen_sumber()
    st.stop()


def _mark(dokumen_id: str | None, baris: int | None) -> str:
    """'⚠ galat' for a number whose source line has an arithmetic error in the review (view temuan)."""
    return "⚠ galat" if (dokumen_id, baris) in flagged else ""


def _reviu() -> pl.Expr:
    """The "Reviu" column of a table whose rows carry their own dokumen_id and sumber_baris."""
    return (
        pl.struct("dokumen_id", "sumber_baris")
        .map_elements(lambda r: _mark(r["dokumen_id"], r["sumber_baris"]), return_dtype=pl.String)
        .alias("Reviu")
    )


def _koreksi(baris: dict, pasangan: list[tuple[str, str, str, str, str]]) -> str:
    """A row's corrections, each as 'Target 12,34 → 12,50 (dikoreksi oleh X: alasan)'; '' without one.
    `pasangan`: (label, printed column, corrected column, who column, reason column)."""
    return "; ".join(
        f"{nama} " + labels.koreksi_teks(fmt.angka(baris[tertulis]), fmt.angka(baris[benar]), baris[oleh], baris[alasan])
        for nama, tertulis, benar, oleh, alasan in pasangan
        if baris.get(benar) is not None
    )


KOREKSI_INDIKATOR = [
    ("Target", "target", "target_koreksi", "target_dikoreksi_oleh", "target_alasan_koreksi"),
    ("Realisasi", "realisasi", "realisasi_koreksi", "realisasi_dikoreksi_oleh", "realisasi_alasan_koreksi"),
]
KOREKSI_ANGGARAN = [
    ("Pagu", "pagu_tertulis", "pagu_koreksi", "dikoreksi_oleh", "alasan_koreksi"),
    ("Realisasi", "realisasi_tertulis", "realisasi_koreksi", "dikoreksi_oleh", "alasan_koreksi"),
]


def _kolom_koreksi(frame: pl.DataFrame, pasangan: list[tuple[str, str, str, str, str]]) -> pl.Expr:
    """The "Koreksi" column: printed → corrected value, by whom and why (the printed value stays in its own column)."""
    if not all(benar in frame.columns for _, _, benar, _, _ in pasangan):
        return pl.lit("").alias("Koreksi")
    cols = sorted({c for p in pasangan for c in p[1:]})
    return pl.struct(cols).map_elements(lambda r: _koreksi(r, pasangan), return_dtype=pl.String).alias("Koreksi")


def _dikoreksi(frame: pl.DataFrame, column: str) -> pl.Expr:
    corrected = f"{column}_koreksi"
    return pl.coalesce(corrected, column) if corrected in frame.columns else pl.col(column)


st.subheader("Indikator kinerja (PK)")
tabel_indikator = None
indikator = data.query("profil_indikator", **where)
if indikator.height == 0:
    st.info(f"Tidak ada indikator PK untuk {teks_md(kecamatan)} tahun {tahun}.")
else:
    table = indikator.with_columns(
        pl.struct("dokumen_id", "sumber_baris")
        .map_elements(lambda r: names.get(r["dokumen_id"], ""), return_dtype=pl.String)
        .alias("Dokumen"),
        pl.struct(a="realisasi_dokumen_id", b="realisasi_baris", c="dokumen_id", d="sumber_baris")
        .map_elements(lambda r: _mark(r["a"], r["b"]) or _mark(r["c"], r["d"]), return_dtype=pl.String)
        .alias("Reviu"),
        _kolom_koreksi(indikator, KOREKSI_INDIKATOR),
    ).select(
        pl.col("unit_kerja").alias("Unit kerja"),
        labels.kolom("jenis_pk", labels.JENIS_DOKUMEN).alias("Versi PK"),
        pl.col("sasaran").alias("Sasaran"),
        pl.col("indikator").alias("Indikator"),
        pl.col("satuan").alias("Satuan"),
        # the corrected value where a verifikator recorded one; the printed one is in "Koreksi"
        _dikoreksi(indikator, "target").alias("Target"),
        _dikoreksi(indikator, "realisasi").alias("Realisasi"),
        _dikoreksi(indikator, "capaian").alias("Capaian (%)"),
        pl.col("predikat").alias("Predikat"),
        pl.col("sumber_predikat").alias("Sumber predikat"),
        "Koreksi",
        "Reviu",
        "Dokumen",
        pl.col("sumber_baris").alias("Baris target"),
        pl.col("realisasi_baris").alias("Baris realisasi"),
    )
    tabel_indikator = table
    styled = kolom.gaya("profil_indikator", components.gaya_predikat(table.to_pandas(), {"Predikat": "CAPAIAN"}))
    components.tabel(
        table,
        "profil_indikator",
        tampil=styled,
        judul=f"Indikator kinerja (PK) {tahun}",
        wilayah=unit,
        tahun=tahun,
        view="profil_indikator",
    )

grafik_laporan: list = []  # the charts of this page, for "Unduh laporan"
st.subheader("Komponen skor")
parts = data.query("profil_komponen", **where)
if parts.height == 0:
    st.info(f"Dokumen {teks_md(kecamatan)} tahun {tahun} tidak memuat rincian IKM, SAKIP atau kematangan.")
else:
    files = [names.get(d, "") for d in parts["dokumen_id"].unique().to_list()]
    for jenis in [j for j in ("SAKIP", "IKM", "KEMATANGAN") if j in parts["jenis"].to_list()]:
        grafik_laporan.append(charts.komponen_skor(parts, jenis, files, unit, tahun))
        components.grafik(grafik_laporan[-1], f"profil_{jenis}", wilayah=unit, tahun=tahun)
        tingkat = analisis.tingkat_kematangan(parts) if jenis == "KEMATANGAN" else None
        if tingkat is not None:
            st.caption(teks_md(analisis.kalimat_kematangan(tingkat)))
    table = parts.with_columns(_reviu()).select(
        labels.kolom("jenis", labels.JENIS_SKOR).alias("Skor"),
        pl.col("komponen").alias("Komponen"),
        pl.col("induk").alias("Bagian dari"),
        pl.col("bobot").alias("Bobot"),
        pl.col("nilai").alias("Nilai"),
        pl.col("komponen_dokumen").alias("Tertulis di dokumen"),
        "Reviu",
        pl.col("sumber_baris").alias("Baris"),
    )
    components.tabel(
        table,
        "profil_komponen",
        judul=f"Komponen skor {tahun}",
        wilayah=unit,
        tahun=tahun,
        tampil=table.to_pandas().style.format({"Bobot": fmt.angka, "Nilai": fmt.angka}, na_rep=fmt.KOSONG),
    )

tabel_program = None
tabel_rincian = None
peta: pl.DataFrame | None = None
st.subheader("Anggaran per program")
if program.height == 0:
    st.info(f"Tidak ada anggaran untuk {teks_md(kecamatan)} tahun {tahun}.")
else:
    grafik_laporan.append(charts.komposisi_anggaran(program, unit, tahun))
    components.grafik(grafik_laporan[-1], "profil_anggaran", wilayah=unit, tahun=tahun)
    table = program.with_columns(_reviu(), _kolom_koreksi(program, KOREKSI_ANGGARAN)).select(
        pl.col("program").alias("Program"),
        pl.col("pagu").alias("Pagu (Rp)"),
        pl.col("realisasi").alias("Realisasi (Rp)"),
        pl.col("pagu_tertulis").alias("Pagu tertulis (Rp)"),
        "Koreksi",
        "Reviu",
        labels.kolom("bagian", labels.BAGIAN).alias("Tabel"),
        pl.col("nama_file").alias("Dokumen"),
        pl.col("sumber_baris").alias("Baris"),
    )
    tabel_program = table
    components.tabel(
        table,
        "profil_anggaran",
        judul=f"Anggaran per program {tahun}",
        wilayah=unit,
        tahun=tahun,
        tampil=kolom.gaya("profil_program", table.to_pandas()),
        view="profil_program",
    )

st.subheader("Rincian anggaran: program → kegiatan → sub kegiatan")
rincian = data.query("anggaran_rincian", **where)
if rincian.height == 0:
    st.info(f"Tidak ada baris anggaran untuk {teks_md(kecamatan)} tahun {tahun}.")
else:
    INDENT = {"program": "", "kegiatan": "    ", "sub_kegiatan": "        "}
    levels = set(rincian["tingkat"].drop_nulls().to_list())
    detail = rincian.with_columns(_reviu()).select(
        pl.col("unit_kerja").alias("Unit kerja"),
        labels.kolom("tingkat", labels.TINGKAT_ANGGARAN).alias("Tingkat"),
        (pl.col("tingkat").replace_strict(INDENT, default="") + pl.col("nama").fill_null("")).alias("Uraian"),
        pl.col("pagu").alias("Pagu (Rp)"),
        pl.col("realisasi").alias("Realisasi (Rp)"),
        pl.col("serapan").alias("Serapan (%)"),
        "Reviu",
        pl.col("nama_file").alias("Dokumen"),
        pl.col("sumber_baris").alias("Baris"),
    )
    tabel_rincian = detail
    pohon = data.query("anggaran_pohon", wilayah=[key], tahun=tahun)
    shown = detail
    if pohon.height:
        peta = pohon_anggaran.simpul(pohon, unit)
        event = components.peta_anggaran(
            peta, charts.judul("Peta anggaran", unit, tahun), "profil_peta_anggaran", wilayah=unit, tahun=tahun
        )
        st.caption(
            "Ukuran petak = pagu, warna = penyerapan (makin gelap makin tinggi; abu-abu berarsir: realisasi belum "
            "dilaporkan). Klik sebuah petak untuk masuk ke rinciannya dan menyaring tabel di bawah ke cabangnya; "
            "klik nama di jalur atas untuk kembali."
        )
        chosen = pohon_anggaran.dipilih(event)
        if chosen is not None and chosen != key:
            in_tree = pohon_anggaran.baris_cabang(rincian.with_columns(pl.lit(key).alias("kode_kecamatan")), peta, chosen)
            keep = set(zip(in_tree["dokumen_id"].to_list(), in_tree["urutan"].to_list()))
            in_branch = [
                own and (d, u) in keep for own, d, u in rincian.select("unit_kecamatan", "dokumen_id", "urutan").iter_rows()
            ]
            shown = detail.filter(pl.Series(in_branch, dtype=pl.Boolean))
            st.markdown(f"**Cabang «{teks_md(pohon_anggaran.nama(peta, chosen) or '')}»** · {fmt.angka(shown.height)} baris")
    components.tabel(
        shown,
        "profil_anggaran_rincian",
        judul=f"Rincian anggaran {tahun}",
        wilayah=unit,
        tahun=tahun,
        tampil=kolom.gaya("profil_rincian", shown.to_pandas()),
        view="profil_rincian",
    )
    if levels <= {"program"}:
        st.caption("Dokumen ini hanya memuat anggaran per program, tanpa rincian kegiatan dan sub kegiatan.")
    else:
        st.caption(
            "Baris tertulis apa adanya, berurutan seperti di dokumen; kegiatan dan sub kegiatan menjorok di bawah "
            "programnya. Unit di bawah kecamatan (sekretariat, seksi) memuat kegiatan dan sub kegiatan di perjanjian "
            "kinerjanya sendiri; angka unit tidak dijumlahkan ke pagu kecamatan di atas."
        )

_dokumen_sumber()

st.subheader("Pejabat penandatangan")
pejabat = data.query_if_view_exists("pejabat", "pejabat", **where)
if pejabat is None or pejabat.height == 0:
    st.info(f"Dokumen {teks_md(kecamatan)} tahun {tahun} tidak memuat nama penandatangan perjanjian kinerja.")
else:
    components.tabel(
        pejabat.select(
            labels.kolom("jenis_pk", labels.JENIS_DOKUMEN).alias("Perjanjian"),
            labels.kolom("peran", labels.PERAN_PEJABAT).alias("Pihak"),
            pl.col("nama").alias("Nama"),
            pl.col("nip").alias("NIP"),
            pl.col("jabatan").alias("Jabatan"),
            pl.col("tanggal_teks").alias("Tanggal"),
            pl.col("dokumen_id").replace_strict(names, default="").alias("Dokumen"),
            pl.col("sumber_baris").alias("Baris"),
        ),
        f"profil_{kecamatan}_{tahun}_pejabat",
    )

st.subheader("Unduh laporan")
st.caption(
    f"Profil {teks_md(unit)} tahun {tahun} sebagai PDF atau DOCX: skor dan predikat, indikator, komponen skor, "
    "anggaran sampai sub kegiatan, penandatangan, dokumen sumber dan catatan reviu data, dengan grafiknya."
)


def _laporan() -> laporan.Laporan:
    sekilas = skor_tahun.select(
        labels.kolom("jenis", labels.JENIS_SKOR).alias("Skor"),
        pl.col("nilai").alias("Nilai"),
        pl.col("predikat").alias("Predikat"),
        pl.col("target").alias("Target"),
        pl.col("nama_file").alias("Dokumen"),
        pl.col("sumber_baris").alias("Baris"),
    )
    skor_jenis = {"Nilai": export.SKOR, "Target": export.SKOR}
    bagian = [
        laporan.Bagian(
            f"Sekilas {tahun}",
            [
                laporan.tabel(sekilas, jenis=skor_jenis),
                f"Pagu {fmt.rupiah(budget.pagu)}; realisasi {fmt.rupiah(budget.realisasi)}; "
                f"penyerapan {fmt.persen(budget.serapan)} (realisasi ÷ pagu, atas program yang melaporkan realisasi).",
            ],
        )
    ]
    if tabel_indikator is not None:
        cols = ["Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Predikat", "Reviu", "Baris target"]
        bagian.append(
            laporan.Bagian(
                "Indikator kinerja (PK)",
                [laporan.tabel(tabel_indikator, kolom=cols), "Sasaran tiap indikator ada di unduhan XLSX tabel indikator."],
            )
        )
    gambar = [laporan.Gambar(export.chart_png(c)) for c in grafik_laporan]
    if gambar[: len(gambar) - (tabel_program is not None)]:
        bagian.append(laporan.Bagian("Komponen skor", gambar[: len(gambar) - (tabel_program is not None)]))
    if tabel_program is not None:
        isi: list[laporan.Isi] = [
            gambar[-1],
            laporan.tabel(tabel_program, kolom=kolom.urutan("profil_program", tabel_program.columns)),
        ]
        if peta is not None:
            isi.append(laporan.Gambar(pohon_anggaran.png(peta, charts.judul("Peta anggaran", unit, tahun))))
        if tabel_rincian is not None:
            isi.append(
                laporan.tabel(
                    tabel_rincian,
                    "Rincian: program → kegiatan → sub kegiatan",
                    ["Tingkat", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Baris"],
                )
            )
        bagian.append(laporan.Bagian("Anggaran", isi))
    if pejabat is not None and pejabat.height:
        bagian.append(
            laporan.Bagian(
                "Pejabat penandatangan",
                [
                    laporan.tabel(
                        pejabat.select(
                            labels.kolom("peran", labels.PERAN_PEJABAT).alias("Pihak"),
                            pl.col("nama").alias("Nama"),
                            pl.col("nip").alias("NIP"),
                            pl.col("jabatan").alias("Jabatan"),
                        )
                    )
                ],
            )
        )
    temuan = data.query_if_view_exists("temuan", "temuan_daftar", wilayah=[key])
    return laporan.Laporan(
        f"Profil Kinerja Kecamatan {kecamatan}",
        f"{unit}, tahun {tahun}",
        bagian,
        sumber=sorted({f for f in docs.filter(pl.col("tahun") == tahun)["nama_file"].to_list() if f}),
        reviu=components.catatan_reviu(temuan, tahun),
    )


components.unduh_laporan(_laporan, "profil", wilayah=unit, tahun=tahun)

with st.expander("Baris sumber setiap angka di atas"):
    wanted: dict[str, set[int]] = {}
    for frame, pairs in (
        (indikator, [("dokumen_id", "sumber_baris"), ("realisasi_dokumen_id", "realisasi_baris")]),
        (parts, [("dokumen_id", "sumber_baris")]),
        (program, [("dokumen_id", "sumber_baris")]),
    ):
        for doc_col, line_col in pairs:
            for doc, line in frame.select(doc_col, line_col).drop_nulls().iter_rows():
                wanted.setdefault(doc, set()).add(int(line))
    for doc, lines in wanted.items():
        source = data.query("baris_sumber", dokumen_id=doc, baris=sorted(lines))
        st.markdown(f"**{teks_md(names.get(doc, doc))}**")
        st.dataframe(
            source.select(pl.col("baris").alias("Baris"), pl.col("halaman").alias("Halaman"), pl.col("teks").alias("Teks")),
            hide_index=True,
            placeholder=fmt.KOSONG,
        )
