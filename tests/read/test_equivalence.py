"""The same seed as .txt, .docx and .pdf yields the same facts in the views.

Compared views: perjanjian, target_kinerja, realisasi_kinerja, skor, komponen_skor, anggaran;
every column except those that legitimately differ between formats because they say *where* a
value stands or *how* it was read (``tests/read/compare.PROVENANCE``): dokumen_id (sha256 of
other bytes), sumber_baris / sumber_halaman / baris_awal / baris_akhir (line numbers of another text), cara_baca
(teks / docx / pdf), and urutan / induk_urutan (order numbers, which follow the line order).
The view ``dokumen`` differs in nama_file, sha256, format and jumlah_baris only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.read.compare import VIEWS, load_facts
from tests.read.conftest import DOCUMENTS, SEED_STEMS, SEEDS


@pytest.fixture(scope="module")
def text_facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    d = tmp_path_factory.mktemp("txt")
    return {stem: load_facts(SEEDS / f"{stem}.txt", d / f"{stem}.duckdb") for stem in SEED_STEMS}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_in_another_format_gives_the_same_facts(stem: str, fmt: str, text_facts: dict, tmp_path: Path) -> None:
    facts = load_facts(DOCUMENTS / f"{stem}.{fmt}", tmp_path / "x.duckdb")
    expected = text_facts[stem]
    assert sum(len(expected[v]) for v in VIEWS) > 5  # the comparison compares something
    for view in VIEWS:
        assert facts[view] == expected[view], f"{stem}.{fmt}: {view} differs from the text version"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_values_are_marked_with_the_format_they_were_read_from(fmt: str, tmp_path: Path) -> None:
    import duckdb

    from etl.extract import extract_file
    from etl.load import connect, load_document

    doc = extract_file(DOCUMENTS / f"pk_2024_banyumas_somagede.{fmt}")
    con = connect(tmp_path / "x.duckdb")
    load_document(con, doc)
    assert doc.format == fmt
    for view in ("target_kinerja", "anggaran"):
        assert con.execute(f"SELECT DISTINCT cara_baca FROM {view}").fetchall() == [(fmt,)]
    if fmt == "pdf":
        pages = con.execute("SELECT min(halaman), max(halaman) FROM sumber_baris").fetchone()
        assert pages is not None and pages[0] == 1 and pages[1] >= 2
    con.close()
    assert isinstance(con, duckdb.DuckDBPyConnection)


def test_a_pdf_value_names_its_page(tmp_path: Path) -> None:
    """Provenance of a PDF value is page and line: sumber_halaman is the page of its source line."""
    import duckdb

    from etl.extract import extract_file
    from etl.load import connect, load_document

    con = connect(tmp_path / "x.duckdb")
    load_document(con, extract_file(DOCUMENTS / "lkjip_2024_purbalingga_kertanegara.pdf"))
    for view in ("target_kinerja", "realisasi_kinerja", "komponen_skor", "anggaran", "temuan"):
        missing = con.execute(f"SELECT count(*) FROM {view} WHERE sumber_halaman IS NULL").fetchone()
        assert missing == (0,), f"{view}: values without a page"
    mismatched = con.execute(
        "SELECT count(*) FROM anggaran a JOIN sumber_baris s"
        " ON s.dokumen_id = a.dokumen_id AND s.baris = a.sumber_baris WHERE s.halaman <> a.sumber_halaman"
    ).fetchone()
    assert mismatched == (0,)
    pages = con.execute("SELECT count(DISTINCT sumber_halaman) FROM anggaran").fetchone()
    assert pages is not None and pages[0] > 1  # budget tables stand on several pages of the report
    con.close()
    assert isinstance(con, duckdb.DuckDBPyConnection)
