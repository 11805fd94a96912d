"""Precise messages (issue 12): a broken or encrypted PDF, a damaged DOCX/XLSX, a full disk."""

from __future__ import annotations

import errno
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from etl import __main__ as cli
from etl import load as load_module
from etl import publish
from etl.__main__ import main
from etl.template import template_xlsx
from tests.conftest import ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures"


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and "tak terduga" not in err
    return err


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """Broken inputs: an encrypted PDF, a cut PDF, a PDF header over junk, a cut DOCX, a cut XLSX,
    a DOCX without its document part, and a sound OpenDocument file for contrast."""
    folder = tmp_path / "rusak"
    folder.mkdir()
    pdf = canvas.Canvas(str(folder / "sandi.pdf"), encrypt=pdfencrypt.StandardEncryption("rahasia", canPrint=0))
    pdf.drawString(100, 700, "PERJANJIAN KINERJA TAHUN 2024")
    pdf.save()
    office = (FIXTURES / "forms" / "pk_2024_banyumas_somagede.office.pdf").read_bytes()
    (folder / "terpotong.pdf").write_bytes(office[: len(office) // 3])
    (folder / "sampah.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00bukan pdf" * 100)
    docx = (FIXTURES / "documents" / "pk_2024_banyumas_somagede.docx").read_bytes()
    (folder / "terpotong.docx").write_bytes(docx[: len(docx) // 2])
    xlsx = template_xlsx(None)
    (folder / "terpotong.xlsx").write_bytes(xlsx[: len(xlsx) // 2])
    import zipfile

    with zipfile.ZipFile(folder / "tanpa_isi.docx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with zipfile.ZipFile(folder / "laporan.odt", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return folder


def test_broken_and_encrypted_pdf_and_damaged_office_files(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = ["sandi.pdf", "terpotong.pdf", "sampah.pdf", "terpotong.docx", "terpotong.xlsx", "tanpa_isi.docx", "laporan.odt"]
    assert main(["load", "--db", str(tmp_path / "k.duckdb"), *(str(broken / f) for f in files)]) == 1
    lines = {line.split(": ", 1)[0].removeprefix("GAGAL  "): line for line in _err(capsys).splitlines()}
    for name in ("sandi.pdf", "terpotong.pdf", "sampah.pdf"):
        assert "berkas PDF rusak atau terkunci sandi" in lines[str(broken / name)]
    assert "(terkunci sandi)" in lines[str(broken / "sandi.pdf")]
    assert "berkas Word (.docx) rusak atau tidak lengkap" in lines[str(broken / "terpotong.docx")]
    assert "berkas Excel (.xlsx) rusak atau tidak lengkap" in lines[str(broken / "terpotong.xlsx")]
    assert "word/document.xml tidak ada" in lines[str(broken / "tanpa_isi.docx")]
    for name in ("terpotong.docx", "terpotong.xlsx", "tanpa_isi.docx"):
        assert ".odt" not in lines[str(broken / name)]
    assert ".odt" in lines[str(broken / "laporan.odt")]  # a sound OpenDocument file keeps its message


def _loaded(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("select count(*) from core_dokumen").fetchone()
        assert row is not None
        return int(row[0])
    finally:
        con.close()


def test_disk_full_stops_the_load_with_the_os_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(SEEDS["ajibarang"])]) == 0
    before = db.read_bytes()
    capsys.readouterr()
    real = cli.load_document
    calls = []

    def full_after_one(con: duckdb.DuckDBPyConnection, doc: object, found: object = None, deferred: object = None) -> object:
        calls.append(doc)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(con, doc, found, deferred)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "load_document", full_after_one)
    assert main(["load", "--db", str(db), "--terbit-setiap", "100", *(str(p) for p in SEEDS.values())]) == 2
    err = _err(capsys)
    assert "pemuatan dihentikan: disk penuh: [Errno 28] No space left on device" in err
    assert err.count("GAGAL") == 1 and len(calls) == 2  # stopped: the remaining files were not tried
    assert db.read_bytes() == before  # FILE is the last published snapshot
    assert not publish.staging_path(db).exists()


def test_disk_full_inside_duckdb_is_not_hidden_by_the_rollback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """DuckDB ends the transaction itself after a write error; "cannot rollback - no transaction
    is active" used to replace the real error, file after file."""
    db = tmp_path / "k.duckdb"

    def full(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, object]]) -> None:
        con.execute("ROLLBACK")  # as DuckDB does after the failed write
        raise duckdb.IOException(f'Could not write file "{db}.staging.wal": No space left on device')

    monkeypatch.setattr(load_module, "_insert", full)
    assert main(["load", "--db", str(db), *(str(p) for p in SEEDS.values())]) == 2
    err = _err(capsys)
    assert "pemuatan dihentikan: disk penuh" in err and "No space left on device" in err
    assert "cannot rollback" not in err and err.count("GAGAL") == 1
    assert not db.exists() and not publish.staging_path(db).exists()


def test_a_real_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 1.2 MB tmpfs: room for an empty database, not for the seeds (root only)."""
    mnt = tmp_path / "kecil"
    mnt.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("mount tidak ada")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode:
        pytest.skip(f"tmpfs tidak dapat dipasang (perlu root): {done.stderr.decode(errors='replace').strip()}")
    try:
        db = mnt / "k.duckdb"
        assert main(["load", "--db", str(db), *(str(p) for p in SEEDS.values())]) == 2
        err = _err(capsys)
        assert "pemuatan dihentikan: disk penuh" in err and "No space left on device" in err, err
        assert "cannot rollback" not in err
        assert not db.exists() and not publish.staging_path(db).exists()
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_ctrl_c_discards_the_staging_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(SEEDS["ajibarang"])]) == 0
    before = db.read_bytes()

    def interrupted(con: duckdb.DuckDBPyConnection, doc: object, found: object = None, deferred: object = None) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_document", interrupted)
    assert main(["load", "--db", str(db), str(SEEDS["somagede"])]) == 130
    assert "pemuatan dibatalkan (Ctrl-C)" in _err(capsys)
    assert db.read_bytes() == before and not publish.staging_path(db).exists()
