"""Budget stage from the budget's own evidence, and budget totals reconciled to the document
(issue 13): a PK Perubahan issued for an IKU change carries the murni budget; a typo in one line
does not move the total the document prints."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import queries
from etl import evidence
from etl.extract import extract_file
from etl.load import connect, load_document
from etl.model import Anggaran, Dokumen
from tests.conftest import SEEDS
from tests.real.score import REAL

AFTER_CHANGE = 1_890_600_000  # Kertanegara 2024: "setelah perubahan sebesar Rp. 1.890.600.000" (line 315), Tabel 2.5
MURNI = 1_691_725_000  # the PK's budget (lines 1017-1022) and Tabel 2.3


def _tables(doc: Dokumen) -> dict[tuple[str, str, str | None], list[Anggaran]]:
    out: dict[tuple[str, str, str | None], list[Anggaran]] = {}
    for a in doc.anggaran:
        out.setdefault((a.bagian[:10], a.unit_kerja, a.jenis_pk), []).append(a)
    return out


def _stage(rows: list[Anggaran]) -> tuple[str, str]:
    assert len({(a.tahap, a.sumber_tahap) for a in rows}) == 1, "one stage per table"
    return rows[0].tahap, rows[0].sumber_tahap or ""


def test_stage_from_the_heading_not_the_agreement_title() -> None:
    assert evidence.stage_from_heading("Tabel 2.5 Anggaran Perubahan Per Sasaran Strategis Tahun 2024") == "perubahan"
    assert evidence.stage_from_heading("Pagu setelah perubahan (Rp)") == "perubahan"
    assert evidence.stage_from_heading("Anggaran > APBD Murni") == "murni"
    assert evidence.stage_from_heading("Anggaran sebelum perubahan") == "murni"
    # the agreement's title is not the budget's
    assert evidence.stage_from_heading("PERJANJIAN KINERJA PERUBAHAN TAHUN 2024 Kecamatan X") is None
    assert evidence.stage_from_heading("Anggaran Per Sasaran Strategis Tahun 2024") is None


def test_pk_perubahan_for_an_iku_change_carries_the_murni_budget(seed_docs: dict[str, Dokumen]) -> None:
    tables = _tables(seed_docs["kertanegara"])
    stage, source = _stage(tables[("perjanjian", "Kecamatan", "PK_PERUBAHAN")])
    assert stage == "murni"
    assert source == (
        "jumlah 1.691.725.000 sama dengan anggaran murni (Tabel 2.3, baris 322), "
        "bukan anggaran setelah perubahan 1.890.600.000 (Tabel 2.5, baris 349)"
    )
    assert sum(a.pagu or 0 for a in tables[("perjanjian", "Kecamatan", "PK_PERUBAHAN")] if a.peran == "baris") == MURNI


def test_other_tables_of_the_seed_report(seed_docs: dict[str, Dokumen]) -> None:
    tables = _tables(seed_docs["kertanegara"])
    assert _stage(tables[("Tabel 2.5 ", "Kecamatan", None)]) == (
        "perubahan",
        "judul tabel: 'Tabel 2.5 Anggaran Perubahan Per Sasaran Strategis Tahun 2024'",
    )
    stage, source = _stage(tables[("Tabel 3.23", "Kecamatan", None)])
    assert stage == "perubahan"
    assert source == "jumlah 1.890.600.000 sama dengan anggaran setelah perubahan (Tabel 2.5, baris 349)"
    assert _stage(tables[("Tabel 2.3 ", "Kecamatan", None)])[0] == "murni"
    assert _stage(tables[("perjanjian", "Kecamatan", "PK")])[0] == "murni"
    # a cascaded unit's agreement has no total to compare: its stage is its agreement's, and said so
    assert _stage(tables[("perjanjian", "Sekretariat", "PK")]) == ("murni", "judul perjanjian (PK), tanpa bukti pada tabel")


def test_a_pk_perubahan_without_other_evidence_keeps_its_title(seed_docs: dict[str, Dokumen]) -> None:
    doc = seed_docs["mangkutana"]
    assert {(a.tahap, a.sumber_tahap) for a in doc.anggaran} == {
        ("perubahan", "judul perjanjian (PK Perubahan), tanpa bukti pada tabel")
    }


def test_stated_after_change_total_is_read_from_the_sentence(seed_docs: dict[str, Dokumen]) -> None:
    stated = evidence.stated_totals(seed_docs["kertanegara"].lines)
    assert [(s.stage, s.amount, s.line) for s in stated] == [("perubahan", AFTER_CHANGE, 315)]


def test_seed_view_stage_and_the_false_galat_gone(seed_con: duckdb.DuckDBPyConnection) -> None:
    rows = seed_con.execute(
        "select distinct tahap, sumber_tahap like 'jumlah 1.691.725.000 sama dengan anggaran murni%' from anggaran"
        " where kecamatan = 'Kertanegara' and jenis_pk = 'PK_PERUBAHAN'"
    ).fetchall()
    assert rows == [("murni", True)]
    galat = seed_con.execute(
        "select distinct sumber_baris from temuan where kecamatan = 'Kertanegara' and tingkat = 'galat'"
        " and kode in ('ganda_pagu', 'anggaran_induk')"
    ).fetchall()
    # the real slip at 847 stays (one finding with every place: issue 13); 1085, 1086, 1088 (the PK
    # Perubahan's murni amounts) are no galat; the 884 and 889 typos are named by the printed total
    assert sorted(galat) == [(847,), (884,), (889,)]


def _excerpt(tmp_path: Path) -> Path:
    """The seed report's signed PK Perubahan (lines 1040-1095) as a document of its own."""
    text = SEEDS["kertanegara"].read_text(encoding="utf-8").splitlines()[1039:1095]
    path = tmp_path / "pk-perubahan.txt"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("pk_first", [True, False])
def test_stage_across_documents_in_either_load_order(tmp_path: Path, pk_first: bool) -> None:
    pk = _excerpt(tmp_path)
    alone = extract_file(pk)
    assert alone.jenis == "PK_PERUBAHAN" and {a.tahap for a in alone.anggaran} == {"perubahan"}  # nothing else to go by
    con = connect(tmp_path / "k.duckdb")
    files = [pk, SEEDS["kertanegara"]] if pk_first else [SEEDS["kertanegara"], pk]
    for f in files:
        load_document(con, extract_file(f))
    rows = con.execute(
        "select distinct a.tahap, a.sumber_tahap from anggaran a join dokumen d using (dokumen_id)"
        " where d.nama_file = 'pk-perubahan.txt'"
    ).fetchall()
    assert len(rows) == 1 and rows[0][0] == "murni"
    assert "bukan anggaran setelah perubahan 1.890.600.000" in rows[0][1]
    assert "dokumen lkjip_2024_purbalingga_kertanegara.txt" in rows[0][1]
    assert con.execute(
        "select tahap from anggaran_jumlah j join dokumen d using (dokumen_id) where d.nama_file = 'pk-perubahan.txt'"
    ).fetchall() == [("murni",)]
    con.close()


# --- reconciliation to the printed total -------------------------------------------------------


def test_reconciled_total_is_the_printed_one(seed_docs: dict[str, Dokumen]) -> None:
    doc = seed_docs["kertanegara"]
    j = next(j for j in doc.anggaran_jumlah if j.bagian.startswith("Tabel 3.23") and j.ukuran == "realisasi")
    assert (j.jumlah_tertulis, j.jumlah_rinci, j.jumlah_dipakai, j.cocok) == (1_767_109_802, 1_767_169_802, 1_767_109_802, True)
    assert j.sumber_baris == 847 and j.baris_beda == "884, 888"
    # the printed total shows which cell is the slip: the kegiatan's 25.000.000 and the sub-kegiatan's 24.760.000
    assert j.baris_salah == "884, 889"
    assert j.keterangan is not None and "Rp1.767.109.802" in j.keterangan and "Rp1.767.169.802" in j.keterangan
    by_line = {a.sumber_baris: a for a in doc.anggaran if a.bagian.startswith("Tabel 3.23")}
    # Koordinasi Ketentraman: kegiatan 25.000.000 (884) vs its sub-kegiatan 22.200.000 + 3.500.000: the sub-kegiatan count
    assert (by_line[884].masuk_jumlah_realisasi, by_line[885].masuk_jumlah_realisasi, by_line[886].masuk_jumlah_realisasi) == (
        False,
        True,
        True,
    )
    # Urusan Pemerintahan Umum: kegiatan 24.700.000 (888) vs its sub-kegiatan 24.760.000 (889): the kegiatan counts
    assert (by_line[888].masuk_jumlah_realisasi, by_line[889].masuk_jumlah_realisasi) == (True, False)
    # pagu agrees at every level: the most detailed lines count
    assert by_line[889].masuk_jumlah_pagu is True and by_line[888].masuk_jumlah_pagu is False
    pagu = next(j for j in doc.anggaran_jumlah if j.bagian.startswith("Tabel 3.23") and j.ukuran == "pagu")
    assert (pagu.jumlah_tertulis, pagu.jumlah_rinci, pagu.jumlah_dipakai, pagu.jumlah_beda) == (
        AFTER_CHANGE,
        AFTER_CHANGE,
        AFTER_CHANGE,
        0,
    )


def _line(urutan: int, tingkat: str, parent: int | None, pagu: float | None, peran: str = "baris") -> Anggaran:
    return Anggaran(
        urutan,
        None,
        "t",
        "Kecamatan",
        "murni",
        tingkat,
        peran,
        f"baris {urutan}",
        parent,
        pagu,
        None,
        None,
        None,
        None,
        None,
        None,
        urutan,
    )


def test_reconcile_edges() -> None:
    # a Jumlah row decides between a program (100) and its kegiatan (60 + 30)
    rows = [
        _line(1, "program", None, 100),
        _line(2, "kegiatan", 1, 60),
        _line(3, "kegiatan", 1, 30),
        _line(4, "program", None, 50),
    ]
    rec = evidence.reconcile([*rows, _line(5, "total", None, 150, "jumlah")], "pagu")
    assert rec is not None and (rec.detail, rec.used, rec.reconciled, rec.counted) == (140, 150, True, frozenset({1, 4}))
    # without a printed total the most detailed lines count
    rec = evidence.reconcile(rows, "pagu")
    assert rec is not None and (rec.printed, rec.used, rec.reconciled, rec.counted) == (None, 140, None, frozenset({2, 3, 4}))
    # a printed total no choice reaches: most detailed lines, and said so
    rec = evidence.reconcile([*rows, _line(5, "total", None, 999, "jumlah")], "pagu")
    assert rec is not None and (rec.used, rec.reconciled) == (140, False)
    # children printed without amounts are no evidence against their parent
    rec = evidence.reconcile([_line(1, "program", None, 80), _line(2, "kegiatan", 1, None)], "pagu")
    assert rec is not None and (rec.used, rec.disagreements) == (80, [])
    # nothing to sum
    assert evidence.reconcile([_line(1, "program", None, None)], "pagu") is None


def test_anggaran_program_sums_the_reconciled_lines(seed_con: duckdb.DuckDBPyConnection) -> None:
    program = queries.run(seed_con, "anggaran_program", wilayah=["33.03.18"], tahun=[])
    assert program["pagu"].sum() == AFTER_CHANGE
    assert program["realisasi"].sum() == 1_767_109_802
    assert program["realisasi_rinci"].sum() == 1_767_169_802
    notes = program["keterangan_jumlah"].drop_nulls().unique().to_list()
    assert len(notes) == 1 and "baris 888" in notes[0]


def test_ringkasan_tile_shows_the_printed_total_and_why(seed_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DB", str(seed_db_path))
    app = Path(__file__).resolve().parents[2] / "dashboard" / "streamlit_app.py"
    at = AppTest.from_file(str(app), default_timeout=60)
    at.query_params["kabupaten"] = "Purbalingga"
    at.run()
    assert not at.exception
    tile = next(m for m in at.metric if m.label == "Realisasi anggaran")
    assert tile.help.startswith("Rp1.767.109.802")
    captions = " ".join(str(c.value) for c in at.caption).replace("\\", "")  # Markdown escapes
    assert "tercetak" in captions and "di 1 kecamatan" in captions
    # the note itself, open beside the caption (one kecamatan): the printed total and the lines' sum
    notes = next(e for e in at.expander if e.label.startswith("Keterangan jumlah tercetak"))
    text = " ".join(str(m.value) for m in notes.markdown).replace("\\", "")
    assert "Kertanegara" in text and "Rp1.767.109.802" in text and "Rp1.767.169.802" in text


@pytest.mark.skipif(not REAL.is_dir(), reason=f"real documents not present at {REAL}")
def test_real_documents_totals_and_stage() -> None:
    boyolali = extract_file(REAL / "003_bpbd-boyolali_2026_pk.docx")
    j = boyolali.anggaran_jumlah[0]
    # a program printed without amounts on its kegiatan lines still counts: the document's total holds
    assert (j.jumlah_tertulis, j.jumlah_rinci, j.cocok) == (6_122_579_000, 6_122_579_000, True)
    bpkad = extract_file(REAL / "008_bpkad-jabar_2017_pk.docx")
    total = [a for a in bpkad.anggaran if a.peran == "jumlah"]
    assert [(a.nama, a.pagu) for a in total] == [("J U M L A H", 81_298_026_321)]  # a total spelt letter by letter
    assert bpkad.anggaran_jumlah[0].cocok is True
