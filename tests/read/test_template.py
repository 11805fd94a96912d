"""The spreadsheet template: written by `python -m etl template`, filled, loaded into the views;
a template with bad cells is refused cell by cell and nothing of it is loaded."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from etl.__main__ import main
from etl.model import DocumentError
from etl.read import sniff
from etl.template import CSV_COLUMNS, SHEETS, read_template, template_csv, template_xlsx

# Figures from the Kertanegara LKjIP 2024 seed (Tabel 3.2), entered by hand as staff would.
IDENTITAS = ["Kertanegara", "Purbalingga", 2024, "LKJIP"]
INDIKATOR = [
    ["Meningkatnya iplementas SAKIP Kecamatan", "Nilai SAKIP Kecamatan", "Angka", "66,00", "63,16", "95,69"],
    ["Meningkatnya kualitas pelayanan", "Indeks Kepuasan Masyarakat", "Angka", 85, 90.49, "106,46"],
]
SKOR = [["SAKIP", "", "", "63,16"], ["SAKIP", "Perencanaan Kinerja", 30, "19,5"]]
ANGGARAN = [["program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "1.458.979.000", "1.400.000.000"]]


def filled_xlsx(path: Path, **override: list[list[object]]) -> Path:
    wb = load_workbook(io.BytesIO(template_xlsx()))
    data = {"identitas": [IDENTITAS], "indikator": INDIKATOR, "skor": SKOR, "anggaran": ANGGARAN, **override}
    for sheet, rows in data.items():
        for row in rows:
            wb[sheet].append(row)
    wb.save(path)
    return path


def test_the_template_has_its_sheets_instructions_and_lists() -> None:
    wb = load_workbook(io.BytesIO(template_xlsx()))
    assert wb.sheetnames == ["petunjuk", *SHEETS]
    assert "Templat isian" in str(wb["petunjuk"]["A1"].value)
    for name, cols in SHEETS.items():
        assert [c.value for c in wb[name][1]] == list(cols)
    assert wb["identitas"].data_validations.dataValidation  # jenis and tahun are checked in Excel
    assert next(iter(csv.reader(io.StringIO(template_csv().decode())))) == list(CSV_COLUMNS)


def test_cli_writes_the_template(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    assert sniff(out) == "xlsx"
    assert main(["template", "--format", "csv", "--out", str(tmp_path / "t.csv")]) == 0
    assert sniff(tmp_path / "t.csv") == "csv"


def test_a_filled_template_loads_into_the_views(tmp_path: Path) -> None:
    f = filled_xlsx(tmp_path / "isian.xlsx")
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(f)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT kecamatan, kabupaten, tahun, indikator, target, realisasi, capaian_dilaporkan, round(capaian, 2), cara_baca "
        "FROM realisasi_kinerja ORDER BY indikator"
    ).fetchall()
    assert rows == [
        ("Kertanegara", "Purbalingga", 2024, "Indeks Kepuasan Masyarakat", 85.0, 90.49, 106.46, 106.46, "template"),
        ("Kertanegara", "Purbalingga", 2024, "Nilai SAKIP Kecamatan", 66.0, 63.16, 95.69, 95.7, "template"),
    ]
    assert con.execute("SELECT jenis, nilai, cara_baca FROM skor").fetchall() == [("SAKIP", 63.16, "template")]
    assert con.execute("SELECT komponen, bobot, nilai FROM komponen_skor").fetchall() == [("Perencanaan Kinerja", 30.0, 19.5)]
    assert con.execute("SELECT tingkat, pagu, realisasi FROM anggaran").fetchall() == [("program", 1458979000.0, 1400000000.0)]
    src = con.execute(
        "SELECT s.halaman, s.teks FROM realisasi_kinerja r JOIN sumber_baris s USING (dokumen_id) "
        "WHERE s.baris = r.sumber_baris AND r.indikator = 'Nilai SAKIP Kecamatan'"
    ).fetchone()
    assert src is not None and src[1].startswith("indikator!2:")
    con.close()


def test_the_csv_form_loads_the_same_facts(tmp_path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    blank = dict.fromkeys(CSV_COLUMNS, "")
    rows = [("identitas", dict(zip(SHEETS["identitas"], IDENTITAS)))]
    rows += [("indikator", dict(zip(SHEETS["indikator"], r))) for r in INDIKATOR]
    rows += [("skor", dict(zip(SHEETS["skor"], r))) for r in SKOR]
    rows += [("anggaran", dict(zip(SHEETS["anggaran"], r))) for r in ANGGARAN]
    for bagian, values in rows:
        values = {k: str(v).replace(".", ",") if isinstance(v, float) else v for k, v in values.items()}  # typed by hand
        w.writerow([{**blank, **values, "bagian": bagian}[c] for c in CSV_COLUMNS])
    f = tmp_path / "isian.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    a = read_template(f, "csv")
    b = read_template(filled_xlsx(tmp_path / "isian.xlsx"), "xlsx")
    strip = lambda items: [{k: v for k, v in vars(x).items() if k != "sumber_baris"} for x in items]  # noqa: E731
    for part in ("target", "realisasi", "skor", "komponen", "anggaran"):
        assert strip(getattr(a, part)) == strip(getattr(b, part)), part
    assert (a.kecamatan, a.tahun, a.jenis) == ("Kertanegara", 2024, "LKJIP")


def test_bad_cells_are_named_one_by_one_and_nothing_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = filled_xlsx(
        tmp_path / "salah.xlsx",
        identitas=[["Kertanegara", "Purbalingga", 2024, "LAKIP"]],
        indikator=[["S", "Nilai SAKIP Kecamatan", "Angka", "enam puluh", "63,16", ""], ["S", "", "Angka", "1", "", ""]],
        skor=[["SKM", "", "", "63,16"]],
    )
    with pytest.raises(DocumentError) as exc:
        read_template(f, "xlsx")
    msg = str(exc.value)
    assert "lembar 'identitas', sel D2: harus salah satu dari PK, PK_PERUBAHAN, LKJIP, tertulis 'LAKIP'" in msg
    assert "lembar 'indikator', sel D2: harus angka" in msg and "tertulis 'enam puluh'" in msg
    assert "lembar 'indikator', sel B3: harus diisi, kosong" in msg
    assert "lembar 'skor', sel A2: harus salah satu dari IKM, SAKIP, KEMATANGAN, tertulis 'SKM'" in msg
    assert "4 sel perlu diperbaiki" in msg
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), str(f)]) == 1
    err = capsys.readouterr().err
    assert "templat ditolak, tidak ada yang dimuat" in err and "Traceback" not in err
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM core_dokumen").fetchone() == (0,)
    con.close()


def test_an_unknown_kecamatan_is_refused(tmp_path: Path) -> None:
    f = filled_xlsx(tmp_path / "x.xlsx", identitas=[["Tidakada", "Purbalingga", 2024, "PK"]])
    with pytest.raises(DocumentError, match="sel A2: kecamatan 'Tidakada' di 'Purbalingga' tidak ada dalam daftar Kemendagri"):
        read_template(f, "xlsx")


def test_a_template_prefilled_from_a_document_loads_to_the_same_numbers(tmp_path: Path) -> None:
    """`etl template --dari DOKUMEN`: identity and what was read, as printed; loading it gives the
    same targets and budget lines as the document itself (issue 10)."""
    from etl.__main__ import main as cli
    from etl.extract import extract_file
    from tests.conftest import SEEDS

    out = tmp_path / "isian.xlsx"
    assert cli(["template", "--dari", str(SEEDS["somagede"]), "--out", str(out)]) == 0
    original, filled = extract_file(SEEDS["somagede"]), extract_file(out)
    assert (filled.kecamatan, filled.kabupaten, filled.tahun, filled.jenis) == ("Somagede", "Banyumas", 2024, "PK")
    own = [t for t in original.target if t.unit_kerja == "Kecamatan"]
    assert [(t.indikator, t.target) for t in filled.target] == [(t.indikator, t.target) for t in own]
    programs = sorted(a.pagu for a in original.anggaran if a.peran == "baris" and a.unit_kerja == "Kecamatan")
    assert sorted(a.pagu for a in filled.anggaran) == programs
