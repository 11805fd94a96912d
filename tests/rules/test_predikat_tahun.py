"""A stored score predicate uses the bands of its year's regulation and names it (docs/domain.md
§2.2 SAKIP by evaluation year, §2.3 IKM by its number of unsur, else its year); a printed one wins."""

from __future__ import annotations

from types import SimpleNamespace

from etl import evidence
from etl.model import Skor


def _skor(tahun: int, jenis: str, nilai: float, printed: str | None = None) -> Skor:
    return Skor(tahun, jenis, nilai, str(nilai), None, printed, "realisasi", 1)


def test_sakip_before_2022_uses_permenpanrb_12_2015() -> None:
    assert evidence.predikat_skor(_skor(2021, "SAKIP", 55.0)) == ("CC (Cukup (Memadai))", "dihitung (PermenPANRB 12/2015)")
    assert evidence.predikat_skor(_skor(2022, "SAKIP", 55.0)) == ("CC (Cukup)", "dihitung (PermenPANRB 88/2021)")
    # the band edge is the same under both: 80.00 is BB, 80.01 is A
    assert evidence.predikat_skor(_skor(2021, "SAKIP", 80.0))[0] == "BB (Sangat Baik)"
    assert evidence.predikat_skor(_skor(2021, "SAKIP", 80.01))[0] == "A (Memuaskan)"


def test_ikm_regulation_from_its_unsur_else_its_year() -> None:
    # 80 on 25–100: B under Kepmenpan 25/2004 (≥ 62,51, < 81,26), B under 14/2017 (≥ 76,61)
    assert evidence.predikat_skor(_skor(2016, "IKM", 80.0), jumlah_unsur=14) == ("B (Baik)", "dihitung (Kepmenpan 25/2004)")
    assert evidence.predikat_skor(_skor(2016, "IKM", 82.0), jumlah_unsur=14) == (
        "A (Sangat Baik)",
        "dihitung (Kepmenpan 25/2004)",
    )
    assert evidence.predikat_skor(_skor(2016, "IKM", 82.0), jumlah_unsur=9) == ("B (Baik)", "dihitung (PermenPANRB 14/2017)")
    # a survey of 2017 or before with nothing telling its regulation gets no computed predicate
    assert evidence.predikat_skor(_skor(2016, "IKM", 82.0)) == (None, None)
    assert evidence.predikat_skor(_skor(2024, "IKM", 82.0)) == ("B (Baik)", "dihitung (PermenPANRB 14/2017)")


def test_a_printed_predicate_wins_whatever_the_year() -> None:
    assert evidence.predikat_skor(_skor(2016, "IKM", 3.1, "B")) == ("B", "tercetak")
    assert evidence.predikat_skor(_skor(2021, "SAKIP", 55.0, "CC")) == ("CC", "tercetak")


def test_settle_stores_the_category_of_the_years_bands_beside_the_printed_predicate() -> None:
    doc = SimpleNamespace(komponen=[], skor=[_skor(2021, "SAKIP", 55.0, "CC"), _skor(2024, "SAKIP", 55.0)])
    evidence.settle_scores(doc)  # type: ignore[arg-type]
    old, new = doc.skor
    assert (old.kategori, old.predikat, old.sumber_predikat) == ("CC (Cukup (Memadai))", "CC", "tercetak")
    assert (new.kategori, new.predikat, new.sumber_predikat) == ("CC (Cukup)", "CC (Cukup)", "dihitung (PermenPANRB 88/2021)")
