"""Kematangan level (the lowest variable, domain.md §2.4) next to the category of the total, on the seed."""

from __future__ import annotations

import polars as pl

import queries
from dashboard import analisis


def test_kertanegara_2024_is_level_one_with_category_sedang(seed_con) -> None:
    parts = queries.run(seed_con, "profil_komponen", kode_kecamatan="33.03.18", tahun=2024)
    t = analisis.tingkat_kematangan(parts)
    assert t is not None
    # LKjIP line 679: "Manajemen Resiko Pelaksanaan Tugas Aparatur 1" — the lowest of the eleven;
    # the total 33 is "Sedang" (28,1–37), yet the unit's level is I
    assert t.level == 1
    assert len(t.terendah) == 1 and "Risiko" in t.terendah[0]
    assert t.kategori == "Sedang"
    assert analisis.kalimat_kematangan(t).startswith("Tingkat kematangan: level I (variabel terendah: Manajemen Risiko")


def test_no_level_when_a_variable_is_out_of_range() -> None:
    parts = pl.DataFrame({"jenis": ["KEMATANGAN"] * 2, "peran": ["komponen"] * 2, "komponen": ["a", "b"], "nilai": [3.0, 7.0]})
    t = analisis.tingkat_kematangan(parts)
    assert t is not None and t.level is None and t.terendah == ()
    assert "tidak dapat ditentukan" in analisis.kalimat_kematangan(t)
    assert analisis.tingkat_kematangan(parts.filter(pl.col("jenis") == "IKM")) is None
