"""Scores stated only in a sentence are read as facts of their own kind (issue 9, point 6)."""

from __future__ import annotations

import pytest

from etl.documents.kalimat import scores_from_sentences
from etl.model import Line


def scores(text: str, region: tuple[str, ...] = ("kabupaten", "provinsi", "kota")) -> list[tuple[str, int, float, str]]:
    return [(s.jenis, s.tahun, s.nilai, s.sumber) for s in scores_from_sentences([Line(1, text)], region)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nilai SAKIP Tahun 2023 yaitu 74,15 dengan predikat BB.", [("SAKIP", 2023, 74.15, "kalimat")]),
        ("Nilai SAKIP Kecamatan Kembaran pada Tahun 2024 yaitu 63,16 dari target 66,00.", [("SAKIP", 2024, 63.16, "kalimat")]),
        ("Nilai IKM Tahun 2022 adalah 86,62 (Baik).", [("IKM", 2022, 86.62, "kalimat")]),
        ("Indeks Kepuasan Masyarakat tahun 2021 sebesar 85,49.", [("IKM", 2021, 85.49, "kalimat")]),
    ],
)
def test_a_score_stated_in_a_sentence(text: str, expected: list[tuple[str, int, float, str]]) -> None:
    assert scores(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nilai SAKIP Kecamatan tahun 2024 mengalami peningkatan sebesar 2,1 dibanding tahun lalu.",  # a change
        "Target Nilai SAKIP Tahun 2024 yaitu 66,00.",  # a target
        "Rata-rata Nilai SAKIP Perangkat Daerah se Kabupaten tahun 2024 yaitu 73,17.",  # another unit
        "Nilai SAKIP Kabupaten Purbalingga tahun 2024 yaitu 70,10.",  # the kabupaten's, not the kecamatan's
        "Nilai SAKIP Tahun 2023 yaitu 174,15.",  # off the scale
        "1\tNilai SAKIP Tahun 2023 yaitu\t74,15",  # a table row: the table readers read it
    ],
)
def test_what_is_said_beside_a_score_is_not_the_score(text: str) -> None:
    assert scores(text) == []


def test_a_provincial_unit_may_name_its_province() -> None:
    text = "Nilai SAKIP Dinas Kominfo Provinsi Kalimantan Barat Tahun 2022 yaitu 76,35."
    assert scores(text, region=()) == [("SAKIP", 2022, 76.35, "kalimat")]
