"""Upload through the CLI loader: own unit loaded, another unit refused before anything is
written, limits before saving, content-addressed files, a runaway load stopped."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import limits
from etl.alur import Alur, Pengguna, TidakBerwenang, terbitkan
from tests.alur.conftest import UNIT_OPERATOR

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SOMAGEDE = RAW / "pk_2024_banyumas_somagede.txt"  # Kecamatan Somagede, 33.02.09: the operator's unit
AJIBARANG = RAW / "pk_2019_banyumas_ajibarang.txt"  # another kecamatan of the same kabupaten


def _docs(db: Path) -> list[tuple[str, str | None, str | None]]:
    if not db.exists():
        return []
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT dokumen_id, perangkat_daerah, status_verifikasi FROM dokumen ORDER BY dokumen_id").fetchall()
    finally:
        con.close()


def _stored(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "unggahan").rglob("*") if p.is_file())


def test_operator_uploads_its_own_kecamatan_and_the_views_show_it_uploaded(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path
) -> None:
    db = tmp_path / "kinerja.duckdb"
    isi = SOMAGEDE.read_bytes()
    hasil = alur.unggah(akun["operator"], "C:\\Dokumen\\PK Somagede 2024.txt", isi, db)
    assert hasil.status == "dimuat", hasil.pesan
    assert hasil.pesan.startswith("DIMUAT PK Somagede 2024.txt: PK Kecamatan Somagede")
    assert hasil.unit == "Kecamatan Somagede"
    assert hasil.dokumen_id is not None and hasil.dokumen_id == hasil.sha256[:16]
    assert _docs(db) == [(hasil.dokumen_id, "Kecamatan Somagede", "diunggah")]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT nama_file FROM dokumen").fetchone() == ("PK Somagede 2024.txt",)
    (n,) = con.execute("SELECT count(*) FROM catatan_muat WHERE dokumen_id = ?", [hasil.dokumen_id]).fetchone()
    con.close()
    assert hasil.jumlah_catatan == n
    # kept content-addressed: data/unggahan/<sha[:2]>/<sha>.txt, the same bytes
    kept = tmp_path / "unggahan" / hasil.sha256[:2] / f"{hasil.sha256}.txt"
    assert _stored(tmp_path) == [kept] and kept.read_bytes() == isi
    # the same bytes again: one file, status 'sama'
    again = alur.unggah(akun["operator"], "salinan.txt", isi, db)
    assert again.status == "sama" and again.dokumen_id == hasil.dokumen_id
    assert _stored(tmp_path) == [kept]
    rows = alur.status_dokumen(akun["operator"])
    assert [(r["nama_file"], r["status"], r["status_verifikasi"]) for r in rows] == [
        ("salinan.txt", "sama", "diunggah"),
        ("PK Somagede 2024.txt", "dimuat", "diunggah"),
    ]


def test_operator_is_refused_another_kecamatans_document_and_nothing_is_loaded(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path
) -> None:
    db = tmp_path / "kinerja.duckdb"
    hasil = alur.unggah(akun["operator"], AJIBARANG.name, AJIBARANG.read_bytes(), db)
    assert hasil.status == "ditolak"
    assert hasil.unit == "Kecamatan Ajibarang"
    assert "milik Kecamatan Ajibarang (kode 33.02.14)" in hasil.pesan and UNIT_OPERATOR in hasil.pesan
    assert hasil.dokumen_id is None
    assert _docs(db) == []
    audit = alur.audit(akun["admin"])[0]
    assert (audit["aksi"], audit["username"], audit["berhasil"]) == ("unggah", "op.somagede", False)
    # the operator sees its refused upload and why
    (row,) = alur.status_dokumen(akun["operator"])
    assert row["status"] == "ditolak" and "Ajibarang" in row["pesan"] and row["status_verifikasi"] is None


def test_verifikator_may_upload_any_unit(alur: Alur, akun: dict[str, Pengguna], tmp_path: Path) -> None:
    db = tmp_path / "kinerja.duckdb"
    hasil = alur.unggah(akun["verifikator"], AJIBARANG.name, AJIBARANG.read_bytes(), db)
    assert hasil.status == "dimuat", hasil.pesan
    assert [d[1] for d in _docs(db)] == ["Kecamatan Ajibarang"]


@pytest.mark.parametrize("role", ["pimpinan", "inspektorat"])
def test_upload_is_refused_to_roles_without_it_and_nothing_is_saved(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path, role: str
) -> None:
    db = tmp_path / "kinerja.duckdb"
    with pytest.raises(TidakBerwenang):
        alur.unggah(akun[role], SOMAGEDE.name, SOMAGEDE.read_bytes(), db)
    assert _stored(tmp_path) == [] and not db.exists()
    assert alur.status_dokumen(akun["admin"]) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_saved(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(limits.MAX_BYTES, "txt", 1024)
    db = tmp_path / "kinerja.duckdb"
    hasil = alur.unggah(akun["operator"], "besar.txt", b"x" * 2048, db)
    assert hasil.status == "ditolak"
    assert "melebihi batas 1 kB untuk berkas teks" in hasil.pesan
    assert _stored(tmp_path) == [] and not db.exists()


def test_an_unsupported_file_is_refused_and_not_saved(alur: Alur, akun: dict[str, Pengguna], tmp_path: Path) -> None:
    hasil = alur.unggah(akun["operator"], "foto.exe", b"MZ\x90\x00", tmp_path / "kinerja.duckdb")
    assert hasil.status == "ditolak" and "jenis berkas tidak didukung" in hasil.pesan
    assert _stored(tmp_path) == []


def test_a_file_the_reader_cannot_use_fails_with_the_loaders_message(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path
) -> None:
    db = tmp_path / "kinerja.duckdb"
    hasil = alur.unggah(akun["operator"], "catatan.txt", b"Hanya catatan rapat, bukan dokumen kinerja.\n", db)
    assert hasil.status == "gagal"
    assert hasil.pesan.startswith("GAGAL  catatan.txt")
    assert str(tmp_path) not in hasil.pesan  # the temporary path is not shown
    assert _docs(db) == []


def test_a_load_past_its_time_limit_is_stopped_and_changes_nothing(alur: Alur, akun: dict[str, Pengguna], tmp_path: Path) -> None:
    db = tmp_path / "kinerja.duckdb"
    hasil = alur.unggah(akun["operator"], SOMAGEDE.name, SOMAGEDE.read_bytes(), db, batas_detik=0.2)
    assert hasil.status == "gagal" and "dihentikan setelah 0,2 detik" in hasil.pesan
    assert _docs(db) == []
    assert len(_stored(tmp_path)) == 1  # the upload itself is kept


def test_operator_sees_its_units_documents_uploaded_by_others_and_no_other_unit(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path
) -> None:
    db = tmp_path / "kinerja.duckdb"
    mine = alur.unggah(akun["verifikator"], SOMAGEDE.name, SOMAGEDE.read_bytes(), db, terbit=False)
    other = alur.unggah(akun["verifikator"], AJIBARANG.name, AJIBARANG.read_bytes(), db, terbit=False)
    assert (mine.kode_kecamatan, other.kode_kecamatan) == ("33.02.09", "33.02.14")
    assert [r["nama_file"] for r in alur.status_dokumen(akun["operator"])] == [SOMAGEDE.name]  # its unit by code
    assert len(alur.status_dokumen(akun["pimpinan"])) == 2
    assert [r["nama_file"] for r in alur.status_dokumen(akun["pimpinan"], units=["Kecamatan Ajibarang"])] == [AJIBARANG.name]
    # terbit=False: the last upload shows in the views after one terbitkan (the earlier one
    # already came with the later load's publication)
    assert dict((r[1], r[2]) for r in _docs(db)) == {"Kecamatan Somagede": "diunggah", "Kecamatan Ajibarang": None}
    terbitkan(db, alur)
    assert {r[2] for r in _docs(db)} == {"diunggah"}


def test_a_decompression_bomb_fails_its_own_load_within_the_loaders_limits(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path
) -> None:
    from tests.reliability.test_limits import docx_bomb

    bomb = tmp_path / "bom.docx"
    docx_bomb(bomb)
    db = tmp_path / "kinerja.duckdb"
    hasil = alur.unggah(akun["operator"], "laporan.docx", bomb.read_bytes(), db)
    assert hasil.status == "gagal"
    assert "melebihi batas" in hasil.pesan and hasil.pesan.startswith("GAGAL  laporan.docx")
    assert _docs(db) == []
