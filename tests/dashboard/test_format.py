"""Indonesian number formats and the predicate colours."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import format as fmt
from etl import rules


def test_the_formats_the_issue_names() -> None:
    assert fmt.angka(1890600000) == "1.890.600.000"
    assert fmt.skor(63.16) == "63,16"
    assert fmt.rupiah_ringkas(1890600000) == "Rp1,89 M"
    assert fmt.persen(95.69) == "95,69%"
    assert fmt.rupiah(1890600000) == "Rp1.890.600.000"


def test_change_in_words() -> None:
    assert fmt.arah_perubahan(55.51, 63.16) == "naik 7,65 poin"
    assert fmt.arah_perubahan(63.16, 61.06) == "turun 2,10 poin"
    assert fmt.arah_perubahan(33.0, 33.0) == "tetap"
    assert fmt.arah_perubahan(None, 33.0) == "tidak dapat dibandingkan"
    assert fmt.poin(7.65) == "+7,65"
    assert fmt.poin(-2.1) == "−2,10"


@pytest.mark.parametrize("value", [None, float("nan")])
def test_missing_values_show_a_dash(value: float | None) -> None:
    for f in (fmt.angka, fmt.skor, fmt.persen, fmt.rupiah, fmt.rupiah_ringkas, fmt.poin):
        assert f(value) == fmt.KOSONG


@given(st.integers(min_value=0, max_value=10**15))
def test_whole_numbers_round_trip(n: int) -> None:
    text = fmt.angka(n)
    assert "," not in text
    assert int(text.replace(".", "")) == n


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_two_decimals_round_trip(x: float) -> None:
    text = fmt.skor(x)
    assert abs(float(text.replace(".", "").replace(",", ".")) - x) <= 0.005 + 1e-9


def test_every_label_of_every_scale_has_a_colour() -> None:
    for _, label in rules.CAPAIAN_SCALE:
        assert fmt.warna_predikat("CAPAIAN", label)
    assert fmt.warna_predikat("CAPAIAN", rules.CAPAIAN_LOWEST)
    for jenis in ("IKM", "SAKIP", "KEMATANGAN"):
        for value in (10.0, 30.0, 45.0, 55.0, 65.0, 75.0, 85.0, 95.0):
            assert fmt.warna_predikat(jenis, rules.kategori_skor(jenis, value)), (jenis, value)


def test_predicate_colours_get_darker_or_lighter_in_rank_order() -> None:
    # readable in greyscale: each band differs in lightness from its neighbour
    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    colours = [fmt.WARNA_CAPAIAN[label] for label in fmt.PREDIKAT_CAPAIAN]
    lum = [luminance(c) for c in colours]
    assert all(abs(a - b) > 10 for a, b in itertools.pairwise(lum))
