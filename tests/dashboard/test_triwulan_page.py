"""Pemantauan Triwulan on the two real quarterly reports (seven kecamatan of one kota), and on a
database without any (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract import extract_documents
from etl.load import connect, load_document
from tests.dashboard.conftest import run_app
from tests.real.score import REAL

FILES = [
    "001_tangsel-ciputat-ciputattimur-pamulang_2023_triwulan",
    "002_tangsel-serpong-serpongutara-pondokaren-setu_2023_triwulan",
]


@pytest.fixture(scope="module")
def quarterly_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real documents not present at {REAL} (third-party files, not in the repo)")
    db = tmp_path_factory.mktemp("tw") / "tw.duckdb"
    con = connect(db)
    for stem in FILES:
        for doc in extract_documents(REAL / f"{stem}.pdf"):
            load_document(con, doc)
    con.close()
    return db


def test_without_quarterly_reports_the_page_says_so(seed_env: Path) -> None:
    at = run_app("triwulan")
    assert any("Belum ada laporan realisasi triwulan" in i.value for i in at.info)


def test_seven_kecamatan_per_quarter_and_who_is_lowest(quarterly_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DB", str(quarterly_db))
    at = run_app("triwulan", tahun="2023")
    table = at.dataframe[0].value
    assert len(table) == 7 and set(table["Kabupaten/Kota"]) == {"Kota Tangerang Selatan"}
    ciputat = table.set_index("Kecamatan").loc["Ciputat"]
    assert ciputat["TW 1 (Rp)"] == 4_504_316_352 and ciputat["TW 2 (Rp)"] == 8_393_024_418
    assert ciputat["Kumulatif s.d. TW 2 (Rp)"] == 4_504_316_352 + 8_393_024_418
    info = " ".join(i.value for i in at.info)
    assert "Pagu 2023 belum dimuat" in info and "Realisasi terendah s.d. TW 2" in info


def test_drill_down_to_sub_kegiatan_kept_in_the_link(quarterly_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DB", str(quarterly_db))
    at = run_app("triwulan", tahun="2023", rinci="36.74.06")  # Pamulang, Kota Tangerang Selatan
    assert at.selectbox(key="triwulan_kecamatan").value == "36.74.06"
    assert run_app("triwulan", tahun="2023", rinci="Tangerang Selatan|Pamulang").query_params["rinci"] == "36.74.06"
    detail = at.dataframe[1].value
    assert {"Program", "Kegiatan", "Sub kegiatan"} <= set(detail["Tingkat"])
    assert detail["Halaman"].notna().all()


def test_a_quarter_not_reported_is_empty_not_zero(quarterly_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DB", str(quarterly_db))
    at = run_app("triwulan", tahun="2023")
    table = at.dataframe[0].value
    assert table["TW 3 (Rp)"].isna().all() and table["TW 4 (Rp)"].isna().all()
