"""What each document is and whose it is, on the forms real files take (issue 10).

Constructed cases, one per way real documents were mis-filed or refused: chapter files, HTML-style
text, "Kec.X", glyph-split names, a name written without its space, years of regulations and URLs
before the report year, a neighbour mentioned more often than the own kecamatan, two own units,
implausible years, and files that share a name.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from etl.__main__ import main
from etl.extract import extract_lines
from etl.model import DocumentError, Dokumen, Line
from tests.conftest import SEEDS


def lines(text: str) -> list[Line]:
    return [Line(no=i, text=t) for i, t in enumerate(text.splitlines(), start=1)]


def read(text: str, name: str = "x.txt") -> Dokumen:
    return extract_lines(lines(text), name, "0" * 64, "txt", name)


PK = """PERJANJIAN KINERJA TAHUN 2024
{unit}
Dalam rangka mewujudkan manajemen pemerintahan yang efektif, kami yang bertanda tangan di bawah ini :
Nama : SITI AMINAH, S.IP
Jabatan : {jabatan}
Nama : SADEWO TRI LASTIONO
Jabatan : Bupati Banyumas
Purwokerto, 3 Januari 2024

NO\tSASARAN\tINDIKATOR KINERJA\tTARGET
1\tMeningkatnya pelayanan publik\tIndeks Kepuasan Masyarakat\t85
{body}
"""


def pk(unit: str = "", jabatan: str = "Camat Kembaran", body: str = "") -> str:
    return PK.format(unit=unit, jabatan=jabatan, body=body)


LKJIP = """LAPORAN KINERJA INSTANSI PEMERINTAH
{before}
KECAMATAN KEMBARAN
KABUPATEN BANYUMAS
TAHUN 2021

KATA PENGANTAR
Laporan ini disusun berdasarkan Peraturan Presiden Nomor 29 Tahun 2014.

Tabel 3.1 Capaian Kinerja
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian
1\tIndeks Kepuasan Masyarakat\t85\t86\t101,18%
"""


@pytest.mark.parametrize(
    ("unit", "jabatan"),
    [
        ("KEC.KEMBARAN", "Camat Kec.Kembaran"),  # no space after the abbreviation
        ("KECAM ATAN KEMBA RAN", "CAM AT KEMBA RAN"),  # glyphs split by a PDF converter
        ("KECAMATAN KEMBARAN", "Camat Kembaran"),
        ("", "Plt. Camat Kec. Kembaran"),
    ],
)
def test_the_kecamatan_is_found_however_it_is_written(unit: str, jabatan: str) -> None:
    doc = read(pk(unit, jabatan))
    assert (doc.kecamatan, doc.kabupaten, doc.provinsi, doc.kode_kecamatan) == ("Kembaran", "Banyumas", "Jawa Tengah", "33.02.20")
    assert doc.perangkat_daerah == "Kecamatan Kembaran"


def test_a_name_written_without_its_space() -> None:
    doc = read(pk(jabatan="Camat Purwokertobarat"))
    assert (doc.kecamatan, doc.kode_kecamatan) == ("Purwokerto Barat", "33.02.25")


def test_a_misspelt_name_is_matched_within_its_kabupaten_and_said() -> None:
    doc = read(pk(jabatan="Camat Kembaram"))
    assert doc.kecamatan == "Kembaran"
    assert any("dicocokkan dengan Kecamatan Kembaran" in c.pesan and c.tingkat == "peringatan" for c in doc.catatan)


def test_a_neighbour_mentioned_more_often_does_not_take_the_document() -> None:
    body = "\n".join(f"Koordinasi dengan Kecamatan Sokaraja tentang kegiatan {k}." for k in range(8))
    doc = read(pk("KECAMATAN KEMBARAN", body=body))
    assert doc.kecamatan == "Kembaran"


def test_two_own_units_are_refused() -> None:
    with pytest.raises(DocumentError, match="dua kecamatan sebagai unitnya sendiri"):
        read(pk("KECAMATAN KEMBARAN", jabatan="Camat Sokaraja"))


@pytest.mark.parametrize("year", [1900, 2999])
def test_an_implausible_year_is_refused(year: int) -> None:
    with pytest.raises(DocumentError, match=f"tahun kinerja {year} di judul tidak masuk akal"):
        read(pk().replace("TAHUN 2024", f"TAHUN {year}"))


def test_regulation_and_url_years_before_the_report_year() -> None:
    before = "Berdasarkan UU Nomor 23 Tahun 2014\nhttps://kembaran.banyumaskab.go.id/2019/lkjip\nPermenPANRB 53/2014"
    doc = read(LKJIP.format(before=before))
    assert (doc.jenis, doc.tahun, doc.kecamatan) == ("LKJIP", 2021, "Kembaran")


def test_a_report_without_blank_lines_is_the_same_report() -> None:
    text = LKJIP.format(before="")
    packed = "\n".join(t for t in text.splitlines() if t.strip())
    a, b = read(text), read(packed)
    assert (a.jenis, a.tahun, a.kecamatan) == (b.jenis, b.tahun, b.kecamatan) == ("LKJIP", 2021, "Kembaran")


def test_a_chapter_file_is_a_report() -> None:
    text = """BAB III
AKUNTABILITAS KINERJA
A. Capaian Kinerja Kecamatan Kembaran Kabupaten Banyumas Tahun 2023
Tabel 3.1 Capaian Kinerja
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian
1\tIndeks Kepuasan Masyarakat\t85\t86\t101,18%
B. Realisasi Anggaran
BAB IV
PENUTUP
"""
    doc = read(text)
    assert (doc.jenis, doc.tahun, doc.kecamatan, doc.kabupaten) == ("LKJIP", 2023, "Kembaran", "Banyumas")
    assert [r.realisasi for r in doc.realisasi] == [86]


def test_an_html_style_report() -> None:
    text = "\n".join(
        [
            "<html><body>",
            "<h1>LAPORAN KINERJA INSTANSI PEMERINTAH</h1>",
            "<h2>KECAMATAN KEMBARAN</h2>",
            "<h2>KABUPATEN BANYUMAS TAHUN 2022</h2>",
            "<p>Kata pengantar ...</p>",
            "</body></html>",
        ]
    )
    doc = read(text, "x.html")
    assert (doc.jenis, doc.tahun, doc.kecamatan) == ("LKJIP", 2022, "Kembaran")
    # no tables: the identity loads, and the gap is said with what to do
    assert any("tidak ditemukan" in c.pesan and "templat isian" in c.pesan for c in doc.catatan)


def test_a_perangkat_daerah_that_is_not_a_kecamatan() -> None:
    text = pk("DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN BANYUMAS", jabatan="Kepala Dinas Komunikasi dan Informatika")
    doc = read(text)
    assert (doc.perangkat_daerah, doc.kecamatan, doc.kabupaten, doc.provinsi, doc.kode_kabupaten) == (
        "Dinas Komunikasi dan Informatika",
        None,
        "Banyumas",
        "Jawa Tengah",
        "33.02",
    )
    assert {t.unit_kerja for t in doc.target} == {"Perangkat Daerah"}


def test_a_dinas_report_that_lists_kecamatan_stays_the_dinas() -> None:
    body = "\n".join(f"Pendampingan di Kecamatan Kembaran, desa ke-{k}." for k in range(6))
    doc = read(pk("DINAS SOSIAL KABUPATEN BANYUMAS", jabatan="Kepala Dinas Sosial Kabupaten Banyumas", body=body))
    assert (doc.perangkat_daerah, doc.kecamatan) == ("Dinas Sosial", None)


def _db_docs(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT kecamatan, nama_file FROM dokumen").fetchall())
    finally:
        con.close()


def test_two_files_of_the_same_name_in_one_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("somagede", "ajibarang"):
        (tmp_path / "in" / name).mkdir(parents=True)
        shutil.copy(SEEDS[name], tmp_path / "in" / name / "PK.txt")
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(tmp_path / "in")]) == 0
    assert _db_docs(db) == [("Ajibarang", "PK.txt"), ("Somagede", "PK.txt")]
    assert "DIGANTI" not in capsys.readouterr().out


def test_two_files_of_the_same_name_in_two_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "k.duckdb"
    for name in ("somagede", "ajibarang"):
        (tmp_path / name).mkdir()
        shutil.copy(SEEDS[name], tmp_path / name / "PK.txt")
        assert main(["load", "--db", str(db), str(tmp_path / name / "PK.txt")]) == 0
    assert _db_docs(db) == [("Ajibarang", "PK.txt"), ("Somagede", "PK.txt")]
    assert "DIGANTI" not in capsys.readouterr().out


def test_a_new_version_of_the_same_document_replaces_it_and_says_which(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.duckdb"
    text = SEEDS["somagede"].read_text(encoding="utf-8")
    (tmp_path / "pk_lama.txt").write_text(text, encoding="utf-8")
    (tmp_path / "pk_baru.txt").write_text(text.replace("Rp 5.305.000", "Rp 5.400.000"), encoding="utf-8")
    assert main(["load", "--db", str(db), str(tmp_path / "pk_lama.txt")]) == 0
    assert main(["load", "--db", str(db), str(tmp_path / "pk_baru.txt")]) == 0
    assert _db_docs(db) == [("Somagede", "pk_baru.txt")]
    assert "DIGANTI pk_baru.txt" in (out := capsys.readouterr().out) and "menggantikan pk_lama.txt" in out


def test_every_file_of_a_folder_not_read_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    (folder / "terkunci").mkdir(parents=True)
    shutil.copy(SEEDS["ajibarang"], folder / "pk.txt")
    (folder / "lama.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (folder / "data.bin").write_bytes(bytes(range(256)) * 4)
    locked = folder / "terkunci"
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # as root chmod cannot lock a folder: refuse it here
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(folder)]) == 1  # an unreadable folder fails the load
    out = capsys.readouterr()
    for name in ("lama.doc", "scan.png", "data.bin", "terkunci"):
        assert f"{name}: " in out.err, name
    assert "format lama (.doc/.xls)" in out.err and "gambar" in out.err and "folder tidak dapat dibaca" in out.err
    assert "1 dokumen dari 1 berkas dimuat" in out.out and "4 dilewati" in out.out
    assert _db_docs(db) == [("Ajibarang", "pk.txt")]


def test_strict_load_refuses_an_incomplete_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "pk.txt"
    f.write_text(pk().split("NO\tSASARAN")[0], encoding="utf-8")  # identity without tables
    db = tmp_path / "k.duckdb"
    assert main(["load", "--ketat", "--db", str(db), str(f)]) == 1
    assert "--ketat: dokumen tidak lengkap" in capsys.readouterr().err
    assert main(["load", "--db", str(db), str(f)]) == 0
    assert "dengan catatan" in capsys.readouterr().out
    assert _db_docs(db) == [("Kembaran", "pk.txt")]
