"""A cache of query results bounded by the memory their frames take, shared by every session.

Streamlit's own caches bound the number of entries, not their size. With all of Indonesia loaded a
handful of results are tens of MB each (`skor_tren` for every kecamatan ~47 MB, `anggaran_program`
~27 MB), so a count limit lets the frames a server keeps grow with the number of distinct
questions asked. Here the least recently used results are dropped once the frames together pass a
byte budget (polars' own estimate), and a result larger than the whole budget is handed out without
being kept. (The server's RSS after every national page is mostly not these frames: bench/README.md.)

The budget is `KINERJA_CACHE_MB` (default :data:`DEFAULT_MB`); one kabupaten's frames are a few MB,
so a budget fits every page of many kabupaten, and a national page's own frames.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import polars as pl

DEFAULT_MB = 160
MAX_ENTRIES = 512  # results of one kabupaten are small: the count bounds the dict, the bytes the memory


def budget_bytes() -> int:
    """The budget from KINERJA_CACHE_MB (whole MB, 0 keeps nothing), else :data:`DEFAULT_MB`."""
    raw = os.environ.get("KINERJA_CACHE_MB", "").strip()
    try:
        mb = int(raw) if raw else DEFAULT_MB
    except ValueError:
        mb = DEFAULT_MB
    return max(0, mb) * 1024 * 1024


def _size(value: pl.DataFrame | None) -> int:
    return int(value.estimated_size()) if value is not None else 0


class FrameCache:
    """``fn``'s results by key, least recently used dropped first past the byte budget.

    Exceptions are not cached (the next call tries again). Two sessions missing the same key at
    once both compute it; the second result replaces the first.
    """

    def __init__(
        self,
        fn: Callable[..., pl.DataFrame | None],
        key: Callable[..., Hashable],
        budget: Callable[[], int] = budget_bytes,
    ) -> None:
        self._fn = fn
        self._key = key
        self._budget = budget
        self._items: OrderedDict[Hashable, tuple[pl.DataFrame | None, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __call__(self, *args: Any) -> pl.DataFrame | None:
        return self.get(self._key(*args), *args)

    def get(self, key: Hashable, *args: Any) -> pl.DataFrame | None:
        """The result for ``key``: kept, or ``fn(*args)``."""
        with self._lock:
            held = self._items.get(key)
            if held is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return held[0]
            self.misses += 1
        value = self._fn(*args)
        size = _size(value)
        limit = self._budget()
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size <= limit:
                self._items[key] = (value, size)
                self._bytes += size
                while self._items and (self._bytes > limit or len(self._items) > MAX_ENTRIES):
                    _, (_, dropped) = self._items.popitem(last=False)
                    self._bytes -= dropped
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    @property
    def nbytes(self) -> int:
        """Bytes the kept frames take, by polars' estimate."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)
