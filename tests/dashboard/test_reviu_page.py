"""AppTest of the Reviu Data page on the seed database."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "streamlit_app.py"


@pytest.fixture()
def reviu(seed_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("KINERJA_DB", str(seed_db_path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["kabupaten"] = "Purbalingga"
    at.run()
    at.switch_page("app_pages/reviu_data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_counts_and_list_for_one_kabupaten(reviu: AppTest) -> None:
    assert reviu.title[0].value == "Reviu Data"
    m = _metrics(reviu)
    # one galat per distinct slip (tests/review/test_seed_findings.py lists them); info: a target
    # added in the PK Perubahan, and the PK Perubahan's murni budget
    assert m["Galat"] == "24" and m["Info"] == "2"
    per_kecamatan = reviu.dataframe[0].value
    assert per_kecamatan["Kecamatan"].tolist() == ["Kertanegara"]
    assert int(per_kecamatan["Galat"].iloc[0]) == 24
    daftar = reviu.dataframe[1].value
    assert any(
        t.startswith(
            "Penyerapan anggaran 'Meningkatnya implementasi SAKIP Kecamatan' tertulis 85,00% padahal 1.607.070.802 dari 1.714.490.000 = 93,73%."
        )
        and "905, 916 dan 929" in t
        for t in daftar["Temuan"].tolist()
    )
    assert {"Tertulis", "Seharusnya", "Baris", "Pemeriksaan", "Tingkat"} <= set(daftar.columns)


def test_filter_by_check_and_level(reviu: AppTest) -> None:
    reviu.multiselect(key="reviu_tingkat").set_value(["galat"]).run()
    reviu.multiselect(key="reviu_kode").set_value(["sakip_sub", "sakip_kolom"]).run()
    daftar = reviu.dataframe[1].value
    # the component Perencanaan (20,00 for 21,00) and the row of column totals: two slips
    assert sorted(daftar["Tertulis"].tolist()) == ["14,60", "20,00"]
    assert _metrics(reviu)["Peringatan"] == "0"


def test_a_finding_shows_its_source_lines(reviu: AppTest) -> None:
    reviu.multiselect(key="reviu_kode").set_value(["sakip_sub"]).run()
    code = "\n".join(c.value for c in reviu.code)
    assert "▶   756 │ Nilai Akuntabilitas Kinerja" in code
    assert "▶   752 │ 1\tPerencanaan Kinerja" in code


def test_every_kecamatan_counts_and_xlsx_button(seed_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_DB", str(seed_db_path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("app_pages/reviu_data.py")
    at.run()
    assert not at.exception
    per_kecamatan = at.dataframe[0].value.set_index("Kecamatan")
    assert int(per_kecamatan.loc["Somagede", "Galat"]) == 2
    # consistent budgets and targets; one count its own text states (8 indicators, a table of 9)
    assert int(per_kecamatan.loc["Mangkutana", "Galat"]) == 1
    labels = [getattr(b, "label", None) for b in at.get("download_button")]
    assert "XLSX" in labels
