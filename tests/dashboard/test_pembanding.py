"""Ringkasan and Peringkat with the kabupaten's other perangkat daerah as a benchmark (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract import extract_lines
from etl.load import connect, load_document
from etl.model import Line
from tests.conftest import SEEDS
from tests.dashboard.conftest import run_app

DINAS_LKJIP = """LAPORAN KINERJA INSTANSI PEMERINTAH
DINAS KOMUNIKASI DAN INFORMATIKA
KABUPATEN PURBALINGGA
TAHUN 2024

KATA PENGANTAR
Tabel 3.1 Capaian Kinerja
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian
1\tNilai SAKIP Dinas\t70\t71,25\t101,79%
"""


@pytest.fixture()
def db_with_a_dinas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "k.duckdb"
    con = connect(db)
    from etl.extract import extract_file

    load_document(con, extract_file(SEEDS["kertanegara"]))
    lines = [Line(i, t) for i, t in enumerate(DINAS_LKJIP.splitlines(), start=1)]
    dinas = extract_lines(lines, "lkjip_dinas.txt", "d" * 64, "txt", "lkjip_dinas.txt")
    assert (dinas.perangkat_daerah, dinas.kecamatan, dinas.kabupaten) == ("Dinas Komunikasi dan Informatika", None, "Purbalingga")
    load_document(con, dinas)
    con.close()
    monkeypatch.setenv("KINERJA_DB", str(db))
    return db


def test_the_dinas_is_not_a_kecamatan_in_the_filters(db_with_a_dinas: Path) -> None:
    at = run_app()
    assert {m.label: m.value for m in at.metric}["Kecamatan dengan data"] == "1"


def test_ringkasan_shows_the_benchmark_when_asked(db_with_a_dinas: Path) -> None:
    at = run_app()
    column = "Rata-rata perangkat daerah lain"
    assert not [d for d in at.dataframe if column in d.value.columns]  # only when asked
    at.toggle(key="ringkasan_pembanding").set_value(True).run()
    assert at.query_params["pembanding"] == "perangkat-daerah"
    benches = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(benches) == 1
    bench = benches[0]
    assert bench["Rata-rata perangkat daerah lain"].tolist() == [71.25]
    assert bench["Perangkat daerah"].tolist() == ["Dinas Komunikasi dan Informatika"]


def test_peringkat_benchmark_from_a_link(db_with_a_dinas: Path) -> None:
    at = run_app("peringkat", pembanding="perangkat-daerah", ukuran="Nilai SAKIP (realisasi)")
    assert at.toggle(key="peringkat_pembanding").value is True
    assert 71.25 in at.dataframe[-1].value["Rata-rata perangkat daerah lain"].tolist()


def test_data_sumber_says_which_documents_have_no_numbers_yet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "k.duckdb"
    con = connect(db)
    opening = DINAS_LKJIP.split("KATA PENGANTAR")[0]  # identity only: no table
    doc = extract_lines(
        [Line(i, t) for i, t in enumerate(opening.splitlines(), start=1)], "kosong.txt", "e" * 64, "txt", "kosong.txt"
    )
    load_document(con, doc)
    con.close()
    monkeypatch.setenv("KINERJA_DB", str(db))
    at = run_app("data_sumber")
    docs = at.dataframe[0].value
    assert docs["Angka"].tolist() == ["dokumen ada, angka belum ada"]
    assert any("angkanya belum terbaca" in w.value for w in at.warning)
