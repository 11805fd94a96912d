"""Nothing is lost silently (issue 10, point 5): every table with numbers either gave facts or is
named in a catatan, and a document whose kind should hold numbers it lacks says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract import extract_file
from etl.model import Dokumen
from etl.numbers import parse_decimal
from tests.conftest import SEEDS
from tests.real.score import REAL

REAL_FILES = sorted(p for p in REAL.glob("00[3-9]_*") if p.suffix in (".pdf", ".docx")) if REAL.is_dir() else []


def _fact_lines(doc: Dokumen) -> set[int]:
    rows = [*doc.target, *doc.realisasi, *doc.anggaran, *doc.anggaran_sasaran, *doc.komponen, *doc.skor]
    return {r.sumber_baris for r in rows}


def unaccounted_tables(doc: Dokumen) -> list[str]:
    """Tables holding numbers that gave no fact and have no catatan on their lines."""
    facts = _fact_lines(doc)
    notes = {c.baris for c in doc.catatan}
    out = []
    for t in doc.tabel:
        if t.kind == "skala":  # a regulation's scale restated, not the unit's data
            continue
        if t.kind == "ikm_sebaran":  # survey answer shares: read by the review (etl/review/persentase.py)
            continue
        numbers = [c for r in t.rows for c in r.cells if c and parse_decimal(c) is not None]
        if not numbers:
            continue
        lines = {t.header_line} | {n for r in t.rows for n in (r.lines or [r.line])} | {n for r in t.rows for n in r.cell_lines}
        if not (lines & facts) and not (lines & notes):
            out.append(f"line {t.header_line}: {t.caption[:60]!r} {t.columns[:4]} ({t.kind})")
    return out


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_numeric_table_of_a_seed_is_used_or_noted(name: str, seed_docs: dict[str, Dokumen]) -> None:
    assert unaccounted_tables(seed_docs[name]) == []


@pytest.mark.skipif(not REAL_FILES, reason=f"real documents not present at {REAL}")
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name[:3])
def test_every_numeric_table_of_a_real_document_is_used_or_noted(path: Path) -> None:
    assert unaccounted_tables(extract_file(path)) == []


def test_a_known_table_that_gives_nothing_is_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table recognised as a capaian table from which the extractor reads no row is named."""
    from etl.documents import laporan_kinerja
    from etl.extract import extract_lines
    from etl.model import Line

    text = """LAPORAN KINERJA INSTANSI PEMERINTAH
KECAMATAN KEMBARAN
TAHUN 2023
KATA PENGANTAR
Tabel 3.1 Capaian Kinerja
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian
1\tIndeks Kepuasan Masyarakat\t85\t86\t101,18%
"""
    monkeypatch.setattr(laporan_kinerja, "extract_realisasi", lambda *a, **k: [])
    doc = extract_lines([Line(i, t) for i, t in enumerate(text.splitlines(), start=1)], "x.txt", "0" * 64, "txt", "x.txt")
    assert doc.realisasi == []
    assert unaccounted_tables(doc) == []
    notes = [c.pesan for c in doc.catatan if c.baris == 6]
    assert notes and "dikenali sebagai tabel realisasi/capaian tetapi tidak ada angka yang terbaca" in notes[0]


def test_the_explanation_names_each_table_its_kind_and_roles(seed_docs: dict[str, Dokumen]) -> None:
    from etl.explain import explain

    text = "\n".join(explain(seed_docs["somagede"]))
    assert "PK Kecamatan Somagede (Banyumas, Jawa Tengah) tahun 2024" in text
    assert "jenis target — indikator dengan target" in text
    assert "jenis anggaran — anggaran/pagu tanpa indikator" in text
    assert "kolom 'INDIKATOR KINERJA': indikator" in text or "kolom 'Indikator Kinerja': indikator" in text
    assert ": pagu" in text and "→" in text


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ("pk_2024_banyumas_somagede.copypaste.txt", "dibaca sebagai sel bersisipan: salinan penampil PDF"),
        ("pk_2024_banyumas_somagede.copypaste.txt", "dibaca sebagai baris bertipe: teks datar"),
        ("pk_2019_banyumas_ajibarang.office.pdf", "dibaca sebagai baris bertab"),
        ("pk_2019_banyumas_ajibarang.office.pdf", "baris dari lapisan teks PDF"),
    ],
)
def test_the_explanation_says_how_each_table_was_read(form: str, said: str) -> None:
    """--jelaskan names the reader that rebuilt each table (issue 9, item 7) and where its lines came from."""
    from etl.explain import explain
    from etl.extract import extract_file

    text = "\n".join(explain(extract_file(Path(__file__).resolve().parents[1] / "fixtures" / "forms" / form)))
    assert said in text
    assert "kolom 'INDIKATOR KINERJA': indikator (kata 'indikator')" in text


def test_load_explains_itself_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from etl.__main__ import main

    assert main(["load", "--jelaskan", "--db", str(tmp_path / "k.duckdb"), str(SEEDS["ajibarang"])]) == 0
    out = capsys.readouterr().out
    assert "jenis target — indikator dengan target" in out and "baris →" in out


def test_a_doubtful_ocr_number_is_a_catatan_not_a_value() -> None:
    from etl.extract import extract_lines
    from etl.model import Line
    from etl.read.ocr_numbers import mark

    text = f"""PERJANJIAN KINERJA TAHUN 2024
KECAMATAN KEMBARAN
Dalam rangka mewujudkan manajemen pemerintahan yang efektif, kami yang bertanda tangan di bawah ini :
Nama : A
Jabatan : Camat Kembaran
Nama : B
Jabatan : Bupati Banyumas

NO\\tSASARAN\\tINDIKATOR KINERJA\\tTARGET
1\\tMeningkatnya pelayanan\\tIndeks Kepuasan Masyarakat\\t{mark(["10046", "100%"])}
"""
    lines = [Line(i, t, cara_baca="ocr") for i, t in enumerate(text.splitlines(), start=1)]
    doc = extract_lines(lines, "x.pdf", "0" * 64, "pdf", "x.pdf")
    assert all(t.target is None for t in doc.target)  # never 10046
    assert any(c.baris == 10 and "10046 / 100%" in c.pesan for c in doc.catatan)
