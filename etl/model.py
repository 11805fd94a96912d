"""What the ETL extracts from one document, before it is loaded.

One dataclass per core table in ``etl/schema.sql``; field names are the column names. Every row
carries ``sumber_baris`` (1-based line of the source text) so that each number traces back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Line:
    no: int  # 1-based line number in the text the reader produced
    text: str
    halaman: int | None = None  # page, where the source format has pages
    cara_baca: str = "teks"  # teks | docx | pdf | ocr | template


@dataclass
class Perjanjian:
    """One signed agreement (the kecamatan's own PK, a PK Perubahan, or a cascaded unit PK)."""

    urutan: int
    jenis_pk: str  # PK | PK_PERUBAHAN
    unit_kerja: str
    pihak_pertama: str | None
    jabatan_pihak_pertama: str | None
    pihak_kedua: str | None
    jabatan_pihak_kedua: str | None
    tanggal: dt.date | None
    tanggal_teks: str | None
    baris_awal: int
    baris_akhir: int


@dataclass
class Target:
    urutan: int
    jenis_pk: str
    bagian: str  # where in the document: "perjanjian" or a table caption
    unit_kerja: str
    tingkat: str  # tujuan | sasaran_strategis | sasaran_program | sasaran_kegiatan | sub_kegiatan
    sasaran: str | None
    indikator: str
    kunci: str | None
    satuan: str | None
    target: float | None
    target_teks: str | None
    predikat_target: str | None
    tipe_perhitungan: str | None
    formulasi: str | None
    sumber_data: str | None
    polaritas: str
    sumber_baris: int


@dataclass
class Realisasi:
    urutan: int
    bagian: str
    unit_kerja: str
    tahun: int
    sasaran: str | None
    indikator: str
    kunci: str | None
    satuan: str | None
    target: float | None
    target_teks: str | None
    realisasi: float | None
    realisasi_teks: str | None
    capaian_dilaporkan: float | None
    capaian_teks: str | None
    capaian: float | None
    rumus_capaian: str
    rumus_terdeteksi: str | None
    predikat: str | None  # the printed capaian criterion where it is one, else predikat_hitung
    kategori_dilaporkan: str | None
    target_akhir: float | None
    riwayat: bool  # True when the row is a history value of an earlier year
    sumber_baris: int
    # etl/evidence.py: why rumus_capaian ('capaian tercetak', "petunjuk kata: 'penurunan'", …)
    sumber_rumus: str | None = None
    predikat_hitung: str | None = None  # predicate of the computed capaian (predikat: the printed one wins)
    sumber_predikat: str | None = None  # 'tercetak' or 'dihitung (Permendagri 86/2017)'


@dataclass
class Skor:
    """An achieved key score observed in the document (targets are in Target)."""

    tahun: int
    jenis: str  # IKM | SAKIP | KEMATANGAN
    nilai: float
    nilai_teks: str
    kategori: str | None
    kategori_dilaporkan: str | None
    sumber: str  # realisasi | riwayat | komponen
    sumber_baris: int
    predikat: str | None = None  # kategori_dilaporkan where printed, else kategori (etl/evidence.py)
    sumber_predikat: str | None = None  # 'tercetak' or 'dihitung (<regulation>)'


@dataclass
class Komponen:
    tahun: int
    jenis: str
    urutan: int
    komponen: str  # canonical name (rules.py), or the printed one where no canonical name fits
    komponen_dokumen: str
    induk: str | None  # parent component for SAKIP sub-components
    peran: str  # komponen | sub | jumlah
    bobot: float | None
    nilai: float | None
    nilai_teks: str | None
    mutu_dilaporkan: str | None
    sumber_baris: int


@dataclass
class Anggaran:
    urutan: int
    jenis_pk: str | None  # PK | PK_PERUBAHAN for budgets in an agreement, None in the report body
    bagian: str
    unit_kerja: str
    tahap: str  # murni | perubahan
    tingkat: str  # program | kegiatan | sub_kegiatan | total
    peran: str  # baris | jumlah
    nama: str
    induk_urutan: int | None
    pagu: float | None
    pagu_teks: str | None
    realisasi: float | None
    realisasi_teks: str | None
    persen_dilaporkan: float | None
    persen_teks: str | None
    sumber_dana: str | None
    sumber_baris: int
    sumber_tahap: str | None = None  # the evidence for tahap: the table's heading, a total it equals, …
    masuk_jumlah_pagu: bool | None = None  # this line's pagu is summed in the table's total
    masuk_jumlah_realisasi: bool | None = None  # this line's realisasi is summed in the table's total


@dataclass
class AnggaranJumlah:
    """One budget table's total for one measure (pagu or realisasi), reconciled to the document."""

    urutan: int
    bagian: str
    unit_kerja: str
    jenis_pk: str | None
    tahap: str
    ukuran: str  # pagu | realisasi
    jumlah_tertulis: float | None  # the printed grand total, where the table has one
    jumlah_tertulis_teks: str | None
    asal_jumlah: str | None  # where that total is printed ("baris jumlah", a top line holding it)
    jumlah_rinci: float  # the sum of the most detailed lines
    jumlah_dipakai: float  # the sum of the lines counted (masuk_jumlah_*)
    cocok: bool | None  # jumlah_dipakai equals jumlah_tertulis; None when nothing is printed
    jumlah_beda: int  # parent lines whose amount differs from their children's sum
    baris_beda: str | None  # their lines, comma-separated
    baris_salah: str | None  # where the printed total reconciles: the lines it shows to be the slip
    keterangan: str | None  # one Indonesian sentence: which level is used and why
    baris_awal: int  # first line of the table
    sumber_baris: int  # line of the printed total (else the table's first line)


@dataclass
class AnggaranSasaran:
    """Budget and performance side by side per sasaran (the LKjIP efficiency tables)."""

    urutan: int
    bagian: str
    sasaran: str
    indikator: str | None
    kunci: str | None
    target: float | None
    realisasi_kinerja: float | None
    capaian_dilaporkan: float | None
    pagu: float | None
    realisasi: float | None
    serapan_dilaporkan: float | None
    serapan_teks: str | None
    efisiensi_dilaporkan: float | None
    keterangan: str | None
    sumber_baris: int
    rumus_capaian: str | None = None  # etl/evidence.py: the formula the printed capaian proves, else the hint's
    sumber_rumus: str | None = None


@dataclass
class RealisasiTriwulan:
    """One quarter of one row of a quarterly realisation report (Permendagri 86/2017 form)."""

    urutan: int
    unit_kerja: str
    tahun: int
    triwulan: int
    tingkat: str  # total | program | kegiatan | sub_kegiatan
    tingkat_pasti: bool
    nama: str
    indikator: str | None
    kinerja: float | None
    kinerja_teks: str | None
    realisasi_rp: float | None
    realisasi_rp_teks: str | None
    induk_urutan: int | None
    sumber_baris: int


@dataclass
class Catatan:
    """A parse note: something seen but not loaded, or loaded with a doubt. Never silent."""

    baris: int
    tingkat: str  # info | peringatan
    pesan: str


@dataclass
class Dokumen:
    nama_file: str
    sha256: str
    jenis: str  # PK | PK_PERUBAHAN | LKJIP | REALISASI_TRIWULAN
    kode_kecamatan: str | None  # None for a perangkat daerah that is not a kecamatan
    provinsi: str | None
    kabupaten: str | None
    kecamatan: str | None
    tahun: int
    format: str
    jumlah_baris: int
    # what a signed agreement or report states about itself; None where the document has no such part
    tanggal: dt.date | None = None
    tanggal_teks: str | None = None
    pihak_pertama: str | None = None
    jabatan_pihak_pertama: str | None = None
    pihak_kedua: str | None = None
    jabatan_pihak_kedua: str | None = None
    renstra_awal: int | None = None
    renstra_akhir: int | None = None
    perangkat_daerah: str | None = None  # "Kecamatan X", or a dinas/badan/biro … named as printed
    kode_kabupaten: str | None = None  # Kemendagri code of the kabupaten/kota; None for a provincial unit
    kode_provinsi: str | None = None  # Kemendagri code PP of the provinsi
    lines: list[Line] = field(default_factory=list, repr=False)
    perjanjian: list[Perjanjian] = field(default_factory=list)
    target: list[Target] = field(default_factory=list)
    realisasi: list[Realisasi] = field(default_factory=list)
    skor: list[Skor] = field(default_factory=list)
    komponen: list[Komponen] = field(default_factory=list)
    anggaran: list[Anggaran] = field(default_factory=list)
    anggaran_sasaran: list[AnggaranSasaran] = field(default_factory=list)
    anggaran_jumlah: list[AnggaranJumlah] = field(default_factory=list)
    catatan: list[Catatan] = field(default_factory=list)
    realisasi_triwulan: list[RealisasiTriwulan] = field(default_factory=list)
    id_unit: str | None = None  # a file with several units (a kota's quarterly report): which one
    # findings the extractor made itself (the quarterly report's own arithmetic), added to the review
    temuan_bawaan: list[Any] = field(default_factory=list, repr=False)
    # the tables the extractors read (etl.tables.Table), kept for the review; never stored
    tabel: list[Any] = field(default_factory=list, repr=False)
    # facts the review reads: officials (etl.documents.pejabat) and statements (etl.documents.pernyataan)
    pejabat: list[Any] = field(default_factory=list)
    pernyataan: list[Any] = field(default_factory=list)
    sebaran_survei: list[Any] = field(default_factory=list)  # etl.documents.survei

    @property
    def dokumen_id(self) -> str:
        """The file's sha256, and for one unit of a file with several the unit's code with it."""
        if self.id_unit is None:
            return self.sha256[:16]
        return hashlib.sha256(f"{self.sha256}:{self.id_unit}".encode()).hexdigest()[:16]


def as_row(obj: Any) -> dict[str, Any]:
    """A dataclass instance as a flat dict of its own fields (lists excluded)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj) if not isinstance(getattr(obj, f.name), list)}


class DocumentError(Exception):
    """A user's document that cannot be read or understood: reported, never a traceback."""

    def __init__(self, path: str, line: int | None, expected: str) -> None:
        self.path, self.line, self.expected = path, line, expected
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {expected}")
