"""dashboard/frame_cache.py: query results kept up to a byte budget, least recently used dropped
first, a result larger than the budget handed out and not kept (issue 16: the server's memory)."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard import frame_cache
from dashboard.frame_cache import FrameCache


def _frame(rows: int) -> pl.DataFrame:
    return pl.DataFrame({"x": range(rows)}, schema={"x": pl.Int64})  # 8 bytes a row


def _cache(budget: int) -> tuple[FrameCache, list[int]]:
    calls: list[int] = []

    def fn(rows: int) -> pl.DataFrame:
        calls.append(rows)
        return _frame(rows)

    return FrameCache(fn, key=lambda rows: rows, budget=lambda: budget), calls


def test_a_kept_result_is_the_same_frame_and_not_recomputed() -> None:
    cache, calls = _cache(10_000)
    first = cache(100)
    assert cache(100) is first
    assert calls == [100] and cache.hits == 1 and cache.misses == 1


def test_the_least_recently_used_go_first_once_the_bytes_pass_the_budget() -> None:
    cache, calls = _cache(2_500)  # three frames of 100 rows (800 bytes each) fit, four do not
    for rows in (100, 101, 102):
        cache(rows)
    cache(100)  # used again: now the most recent
    cache(103)
    assert cache.nbytes <= 2_500 and len(cache) == 3
    calls.clear()
    cache(100), cache(102), cache(103)
    assert calls == []  # kept
    cache(101)
    assert calls == [101]  # the least recently used was dropped


def test_a_result_larger_than_the_budget_is_returned_but_not_kept() -> None:
    cache, calls = _cache(1_000)
    cache(10)
    big = cache(1_000)  # 8 000 bytes
    assert big.height == 1_000 and len(cache) == 1 and cache.nbytes == _frame(10).estimated_size()
    cache(1_000)
    assert calls == [10, 1_000, 1_000]


def test_an_error_is_not_kept() -> None:
    tries: list[int] = []

    def fn(rows: int) -> pl.DataFrame:
        tries.append(rows)
        if len(tries) == 1:
            raise RuntimeError("locked")
        return _frame(rows)

    cache = FrameCache(fn, key=lambda rows: rows, budget=lambda: 10_000)
    with pytest.raises(RuntimeError):
        cache(5)
    assert cache(5).height == 5 and tries == [5, 5]


def test_none_is_kept_as_an_answer() -> None:
    calls: list[int] = []

    def fn(rows: int) -> None:
        calls.append(rows)

    cache = FrameCache(fn, key=lambda rows: rows, budget=lambda: 10_000)
    assert cache(1) is None and cache(1) is None and calls == [1]


@pytest.mark.parametrize(
    ("raw", "mb"), [("", frame_cache.DEFAULT_MB), ("64", 64), ("0", 0), ("lots", frame_cache.DEFAULT_MB), ("-5", 0)]
)
def test_the_budget_comes_from_the_environment(raw: str, mb: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_CACHE_MB", raw)
    assert frame_cache.budget_bytes() == mb * 1024 * 1024
