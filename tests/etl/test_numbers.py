"""Indonesian number parsing: pinned ambiguous cases and properties over generated numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.numbers import looks_like_amount, parse_amount, parse_decimal, parse_quantity


@pytest.mark.parametrize(
    ("text", "amount", "decimal"),
    [
        ("1.500", 1500.0, 1500.0),  # PUEBI: '.' groups thousands
        ("1,500", 1500.0, 1.5),  # an amount is whole; a score uses ',' as decimal mark
        ("87,40", 87.4, 87.4),
        ("2,877,638,950", 2_877_638_950.0, 2_877_638_950.0),
        ("1.890.600.000,00", 1_890_600_000.0, 1_890_600_000.0),
        ("Rp -", 0.0, None),
        ("Rp.   2.877.638.950,-", 2_877_638_950.0, 2_877_638_950.0),
        ("Rp.       112.041.250.-", 112_041_250.0, 112_041_250.0),
        ("95,69%", None, 95.69),
        ("51.19", 51.19, 51.19),  # two digits after "." cannot be a thousands group
        ("0,00", 0.0, 0.0),
        ("NA", None, None),
        ("", None, None),
        ("1.2.3", None, None),
        ("12,34,56", None, None),
    ],
)
def test_pinned_cases(text: str, amount: float | None, decimal: float | None) -> None:
    if not text.endswith("%"):
        assert parse_amount(text) == amount
    assert parse_decimal(text) == decimal


def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while s:
        parts.insert(0, s[-3:])
        s = s[:-3]
    return sep.join(parts)


@given(
    st.integers(min_value=0, max_value=10**13),
    st.sampled_from([".", ","]),
    st.sampled_from(["", "Rp ", "Rp.", "Rp.   "]),
    st.sampled_from(["", ",-", ".-", ",00"]),
)
def test_amounts_roundtrip_in_either_convention(n: int, sep: str, prefix: str, suffix: str) -> None:
    if suffix == ",00" and sep == ",":
        suffix = ".00"
    if suffix == ".-" and sep == ",":
        suffix = ",-"
    text = f"{prefix}{_group(n, sep)}{suffix}"
    assert parse_amount(text) == n


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=99))
def test_indonesian_decimals_roundtrip(whole: int, cents: int) -> None:
    text = f"{_group(whole, '.')},{cents:02d}"
    assert parse_decimal(text) == pytest.approx(whole + cents / 100)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["Dok", "Laporan", "Org/Bulan", "Unit", "paket", "%"]))
def test_targets_with_units(n: int, unit: str) -> None:
    q = parse_quantity(f"{n} {unit}")
    assert q is not None and q.nilai == n and q.satuan == unit


@given(st.text(alphabet="abcdefghij XYZ", min_size=1, max_size=12))
def test_words_are_never_numbers(text: str) -> None:
    assert parse_decimal(text) is None
    assert parse_amount(text) is None or text.strip() == ""


def test_predicate_targets() -> None:
    q = parse_quantity("84,00 (Baik)")
    assert q is not None and (q.nilai, q.predikat) == (84.0, "Baik")
    bb = parse_quantity("BB")
    assert bb is not None and (bb.nilai, bb.predikat) == (None, "BB")


def test_amount_cells() -> None:
    assert looks_like_amount("1.458.979.000") and looks_like_amount("Rp -") and looks_like_amount("2,026,999,126")
    assert not looks_like_amount("88,00") and not looks_like_amount("2024") and not looks_like_amount("DAU")
