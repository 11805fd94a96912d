"""The reader is chosen by content, not by the file name; unknown content is refused clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.__main__ import main
from etl.model import DocumentError
from etl.read import sniff, sniff_bytes, supported
from tests.read.conftest import DOCUMENTS, SEEDS


@pytest.mark.parametrize(
    ("source", "name", "fmt"),
    [
        (DOCUMENTS / "pk_2024_banyumas_somagede.pdf", "laporan.doc", "pdf"),
        (DOCUMENTS / "pk_2024_banyumas_somagede.docx", "pk", "docx"),
        (DOCUMENTS / "pk_2024_banyumas_somagede.docx", "pk.pdf", "docx"),
        (SEEDS / "pk_2024_banyumas_somagede.txt", "pk.dat", "txt"),
    ],
)
def test_a_mislabelled_file_is_read_by_its_content(source: Path, name: str, fmt: str, tmp_path: Path) -> None:
    target = tmp_path / name
    shutil.copy(source, target)
    assert sniff(target) == fmt
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(target)]) == 0


def test_a_folder_takes_pdf_and_word_files_without_a_suffix(tmp_path: Path) -> None:
    shutil.copy(DOCUMENTS / "pk_2024_banyumas_somagede.pdf", tmp_path / "scan_0001")
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    assert supported(tmp_path / "scan_0001")
    assert not supported(tmp_path / "foto.jpg")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "tidak dikenali"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "format lama"),
        (b"PK\x03\x04" + bytes(100), "simpan ulang"),  # a cut ZIP: the sniffer and the loader (etl.errors) both say so
        (b"", "berkas kosong"),
    ],
)
def test_unknown_content_is_refused_with_a_message_and_nothing_loads(
    data: bytes, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "dokumen.pdf"
    f.write_bytes(data)
    with pytest.raises(DocumentError, match=expected):
        sniff(f)
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(f)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    import duckdb

    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM core_dokumen").fetchone() == (0,)
    con.close()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_sniffing_any_bytes_gives_a_known_answer_and_never_crashes(data: bytes) -> None:
    assert sniff_bytes(data) in {None, "pdf", "zip", "ole", "txt", "csv"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300).filter(str.strip))
def test_any_printable_text_is_text(text: str) -> None:
    assert sniff_bytes(text.encode("utf-8")) in {"txt", "csv"}


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_a_pdf_signature_wins_whatever_follows(tail: bytes) -> None:
    assert sniff_bytes(b"%PDF-1.7\n" + tail) == "pdf"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_wide_unicode_text_is_text_not_a_binary(encoding: str, tmp_path: Path) -> None:
    """Notepad's 'Unicode' (UTF-16 LE with BOM) and its relatives have NUL bytes in every other
    character: the NUL pattern says text, and the file loads like its UTF-8 original."""
    f = tmp_path / "pk.txt"
    f.write_bytes((SEEDS / "pk_2024_banyumas_somagede.txt").read_text(encoding="utf-8").encode(encoding))
    assert sniff_bytes(f.read_bytes()[:8192]) == "txt"
    assert main(["load", "--db", str(tmp_path / "k.duckdb"), str(f)]) == 0
