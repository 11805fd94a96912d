"""Profil Kecamatan: everything about one kecamatan in one year, each number with its source line."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import analisis, charts, components, data, filters
from dashboard import format as fmt
from dashboard.export import teks_md

p = filters.pilihan()
st.title("Profil Kecamatan")
if not p.wilayah:
    filters.tidak_ada_data(p)
    st.stop()

wilayah = data.query("wilayah")
left, right = st.columns(2)
options = list(p.wilayah)
# open on the first kecamatan that has documents for the year chosen in the sidebar
first = next((k for k in options if p.tahun in filters.years(wilayah, [k])), options[0])
filters.di_url("profil_kecamatan", "profil", options, default=first)
key = left.selectbox(
    "Kecamatan",
    options,
    format_func=lambda k: "{1} ({0})".format(*filters.split_key(k)),
    key="profil_kecamatan",
)
kabupaten, kecamatan = filters.split_key(key)
years = filters.years(wilayah, [key])
tahun = right.selectbox("Tahun", years, index=years.index(p.tahun) if p.tahun in years else 0, key=f"profil_tahun_{key}")
where = {"kabupaten": kabupaten, "kecamatan": kecamatan, "tahun": tahun}
unit = f"Kecamatan {kecamatan}, {kabupaten}"  # the region in titles and file names of this page

docs = data.query("profil_dokumen", kabupaten=kabupaten, kecamatan=kecamatan)
names = dict(zip(docs["dokumen_id"], docs["nama_file"]))
galat = data.query_if_view_exists("temuan", "galat_angka", wilayah=[key])
flagged = set() if galat is None else set(zip(galat["dokumen_id"], galat["sumber_baris"]))


VERSI_PK = {"PK": "PK", "PK_PERUBAHAN": "PK Perubahan"}
PERAN = {"pihak_pertama": "Pihak pertama", "pihak_kedua": "Pihak kedua"}


def _mark(dokumen_id: str | None, baris: int | None) -> str:
    """'⚠ galat' for a number whose source line has an arithmetic error in the review (view temuan)."""
    return "⚠ galat" if (dokumen_id, baris) in flagged else ""


st.subheader("Indikator kinerja (PK)")
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
    ).select(
        pl.col("unit_kerja").alias("Unit kerja"),
        pl.col("jenis_pk").alias("Versi PK"),
        pl.col("sasaran").alias("Sasaran"),
        pl.col("indikator").alias("Indikator"),
        pl.col("satuan").alias("Satuan"),
        pl.col("target").alias("Target"),
        pl.col("realisasi").alias("Realisasi"),
        pl.col("capaian").alias("Capaian (%)"),
        pl.col("predikat").alias("Predikat"),
        pl.col("sumber_predikat").alias("Sumber predikat"),
        "Reviu",
        "Dokumen",
        pl.col("sumber_baris").alias("Baris target"),
        pl.col("realisasi_baris").alias("Baris realisasi"),
    )
    styled = components.gaya_predikat(table.to_pandas(), {"Predikat": "CAPAIAN"}).format(
        {"Target": fmt.angka, "Realisasi": fmt.angka, "Capaian (%)": fmt.persen}, na_rep=fmt.KOSONG
    )
    components.tabel(table, "profil_indikator", tampil=styled, judul=f"Indikator kinerja (PK) {tahun}", wilayah=unit, tahun=tahun)

st.subheader("Komponen skor")
parts = data.query("profil_komponen", **where)
if parts.height == 0:
    st.info(f"Dokumen {teks_md(kecamatan)} tahun {tahun} tidak memuat rincian IKM, SAKIP atau kematangan.")
else:
    files = [names.get(d, "") for d in parts["dokumen_id"].unique().to_list()]
    for jenis in [j for j in ("SAKIP", "IKM", "KEMATANGAN") if j in parts["jenis"].to_list()]:
        components.grafik(charts.komponen_skor(parts, jenis, files, unit, tahun), f"profil_{jenis}", wilayah=unit, tahun=tahun)
        tingkat = analisis.tingkat_kematangan(parts) if jenis == "KEMATANGAN" else None
        if tingkat is not None:
            st.caption(teks_md(analisis.kalimat_kematangan(tingkat)))
    table = parts.with_columns(
        pl.struct("dokumen_id", "sumber_baris")
        .map_elements(lambda r: _mark(r["dokumen_id"], r["sumber_baris"]), return_dtype=pl.String)
        .alias("Reviu")
    ).select(
        pl.col("jenis").alias("Skor"),
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

st.subheader("Anggaran per program")
program = data.query("anggaran_program", wilayah=[key]).filter(pl.col("tahun") == tahun)
if program.height == 0:
    st.info(f"Tidak ada anggaran untuk {teks_md(kecamatan)} tahun {tahun}.")
else:
    components.grafik(charts.komposisi_anggaran(program, unit, tahun), "profil_anggaran", wilayah=unit, tahun=tahun)
    table = program.with_columns(
        pl.struct("dokumen_id", "sumber_baris")
        .map_elements(lambda r: _mark(r["dokumen_id"], r["sumber_baris"]), return_dtype=pl.String)
        .alias("Reviu")
    ).select(
        pl.col("program").alias("Program"),
        pl.col("pagu").alias("Pagu (Rp)"),
        pl.col("realisasi").alias("Realisasi (Rp)"),
        pl.col("pagu_tertulis").alias("Pagu tertulis (Rp)"),
        "Reviu",
        pl.col("bagian").alias("Tabel"),
        pl.col("nama_file").alias("Dokumen"),
        pl.col("sumber_baris").alias("Baris"),
    )
    components.tabel(
        table,
        "profil_anggaran",
        judul=f"Anggaran per program {tahun}",
        wilayah=unit,
        tahun=tahun,
        tampil=table.to_pandas().style.format(
            {"Pagu (Rp)": fmt.rupiah, "Realisasi (Rp)": fmt.rupiah, "Pagu tertulis (Rp)": fmt.rupiah}, na_rep=fmt.KOSONG
        ),
    )

st.subheader("Dokumen sumber")
components.tabel(
    docs.select(
        pl.col("nama_file").alias("Berkas"),
        pl.col("jenis").alias("Jenis"),
        pl.col("tahun").alias("Tahun"),
        pl.col("tanggal_teks").alias("Tanggal"),
        pl.col("pihak_pertama").alias("Pihak pertama"),
        pl.col("pihak_kedua").alias("Pihak kedua"),
        pl.col("format").alias("Format"),
        pl.col("jumlah_baris").alias("Jumlah baris"),
        pl.col("dimuat_pada").alias("Dimuat pada"),
    ),
    "profil_dokumen",
    judul="Dokumen sumber",
    wilayah=unit,
    tahun=None,
)

st.subheader("Pejabat penandatangan")
pejabat = data.query_if_view_exists("pejabat", "pejabat", **where)
if pejabat is None or pejabat.height == 0:
    st.info(f"Dokumen {teks_md(kecamatan)} tahun {tahun} tidak memuat nama penandatangan perjanjian kinerja.")
else:
    components.tabel(
        pejabat.select(
            pl.col("jenis_pk").replace_strict(VERSI_PK, default=pl.col("jenis_pk")).alias("Perjanjian"),
            pl.col("peran").replace_strict(PERAN, default=pl.col("peran")).alias("Pihak"),
            pl.col("nama").alias("Nama"),
            pl.col("nip").alias("NIP"),
            pl.col("jabatan").alias("Jabatan"),
            pl.col("tanggal_teks").alias("Tanggal"),
            pl.col("dokumen_id").replace_strict(names, default="").alias("Dokumen"),
            pl.col("sumber_baris").alias("Baris"),
        ),
        f"profil_{kecamatan}_{tahun}_pejabat",
    )

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
