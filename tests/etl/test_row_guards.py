"""Rows the reader put together from text read out of the table's order are said, not loaded.

A table written one cell per line or in pdftotext's raw order is read by the type of each line
(:func:`etl.documents.perjanjian_kinerja._typed_target_row`), not by the document's own cell
boundaries. Where the text is not in the table's order (a header repeated between the cells,
columns written one after another) that reading runs cells of several rows together, and the
'target' is then any number nearby. What no sasaran, indikator or program name holds tells such a
row from a real one; the seeds' raw form showed each of these (tests/fixtures/forms/*.raw.txt).
"""

from __future__ import annotations

import pytest

from etl.documents import perjanjian_kinerja as pk
from etl.tables import Row, Table

CTX = pk.Context(jenis_pk="PK", unit_kerja="Kecamatan", tahap="murni", bagian="perjanjian")
HEAD = ["NO", "SASARAN", "PROGRAM", "INDIKATOR", "KINERJA", "PENJELASAN", "TARGET"]


def _targets(fragments: list[str]) -> tuple[list[pk.Target], list[str]]:
    table = Table(columns=HEAD, header_line=1, caption="", layout="cells")
    table.rows = [Row(cells=fragments, line=10, lines=[10], fragments=fragments, cell_lines=[10] * len(fragments))]
    notes: list[pk.Catatan] = []
    out = pk.extract_targets(table, CTX, 0, notes)
    return out, [n.pesan for n in notes]


def test_a_plain_typed_row_is_read() -> None:
    out, notes = _targets(["Meningkatnya kualitas pelayanan", "Persentase layanan selesai tepat waktu", "95%"])
    assert [(t.sasaran, t.indikator, t.target_teks) for t in out] == [
        ("Meningkatnya kualitas pelayanan", "Persentase layanan selesai tepat waktu", "95%")
    ]
    assert not notes


@pytest.mark.parametrize(
    ("fragments", "why"),
    [
        # the second indicator's number and first word, read as '2' with the unit 'Persentase'
        (["1 Persentase", "permohonan administrasi yang terlayani", "2 Persentase"], "bukan target"),
        # a Penjelasan cell run into the indicator
        (["Meningkatnya peran kecamatan", "Musrenbang Formulasi = jumlah permohonan dibagi X", "100 %"], "penjelasan"),
        # the repeated header between two pages' cells
        (["95% Persentase pembayaran PBB NO 1 SASARAN PROGRAM", "INDIKATOR KINERJA", "6"], "kepala tabel"),
        # the values of several rows in one name
        (["- 25.700.000 DAU 24.760.000", "Jumlah laporan kegiatan", "12"], "nilai beberapa baris"),
        # a number where the indicator's name should be
        (["Terlaksananya koordinasi", "8", "4"], "tanpa kata"),
    ],
)
def test_a_row_run_together_from_out_of_order_text_is_said_not_loaded(fragments: list[str], why: str) -> None:
    out, notes = _targets(fragments)
    assert out == []
    assert len(notes) == 1 and why in notes[0] and "tidak dimuat" in notes[0]


def test_tab_rows_keep_the_document_s_own_cells() -> None:
    # the cells of a Word table are the document's: a name holding a formula there is printed so
    table = Table(columns=["Sasaran", "Indikator", "Target"], header_line=1, caption="", layout="tab")
    table.rows = [Row(cells=["Meningkatnya mutu", "Nilai Formulasi : A dibagi B", "2 Persentase"], line=5, lines=[5])]
    notes: list[pk.Catatan] = []
    out = pk.extract_targets(table, CTX, 0, notes)
    assert [t.target_teks for t in out] == ["2 Persentase"]


def _budget(name: str, amounts: list[str]) -> tuple[list[pk.Anggaran], list[str]]:
    table = Table(columns=["Program", "Anggaran"], header_line=1, caption="", layout="tab")
    table.rows = [Row(cells=[name, *amounts], line=20, lines=[20])]
    notes: list[pk.Catatan] = []
    out = pk.extract_budget(table, CTX, 0, notes)
    return out, [n.pesan for n in notes]


def test_a_long_real_program_name_is_a_name() -> None:
    # 34 words: the longest name of the real documents (real-documents/001, 002)
    name = " ".join(["Pembinaan Wawasan Kebangsaan dan Ketahanan Nasional dalam rangka Memantapkan"] * 3)
    out, _ = _budget(name, ["Rp 5.000.000"])
    assert [r.pagu_teks for r in out] == ["Rp 5.000.000"]


def test_a_budget_name_of_many_rows_run_together_is_said_with_its_amounts() -> None:
    name = " ".join(["Pemeliharaan Peralatan dan Mesin Lainnya Rehabilitasi Gedung Kantor"] * 7)  # 56 words
    out, notes = _budget(name, ["4.020.000"])
    assert out == []
    assert any("tidak dimuat" in n and "'4.020.000'" in n for n in notes)


def test_a_paragraph_without_amounts_is_no_budget_line() -> None:
    out, notes = _budget("Implementasi SAKIP Kecamatan secara umum efektif. Berikut Tabel analisis penggunaan Anggaran", [])
    assert out == [] and notes
    kept, _ = _budget("Program Penunjang Urusan Pemerintahan Kab. Purbalingga", ["Rp 1.000.000"])
    assert len(kept) == 1


def test_a_value_the_reader_could_not_read_is_said_with_its_row() -> None:
    # the Kertanegara seed's 200 dpi scan: OCR reads a printed '0' as 'lo)'; the row is kept
    # without a value and the catatan names the row and the cell
    out, notes = _budget("Program Pembinaan dan Pengawasan Pemerintahan Desa", ["lo)"])
    assert [(r.nama, r.pagu) for r in out] == [("Program Pembinaan dan Pengawasan Pemerintahan Desa", None)]
    assert any("'lo)'" in n and "'Program Pembinaan dan Pengawasan" in n and "bukan angka" in n for n in notes)
    # a source of funds after the amount is a word, not an unread value
    kept, said = _budget("Program Penunjang Urusan Pemerintahan", ["Rp 1.000.000", "DAU"])
    assert [r.sumber_dana for r in kept] == ["DAU"] and not any("bukan angka" in n for n in said)
