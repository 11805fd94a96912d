"""Small text helpers shared by the parsers: cleaning markup and comparing names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TAGS = re.compile(r"</?(?:b|strong|i|em|u|span|br|sup|sub)\b[^>]*>", re.IGNORECASE)
_P_TAGS = re.compile(r"</?p\b[^>]*>", re.IGNORECASE)
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]", re.IGNORECASE)
_MD = re.compile(r"(\*\*|__|^#+\s+|^\s*[-*]\s+(?=\S))")
_SPACES = re.compile(r"[ \t\u00a0]+")


PARA = "\u2029"  # paragraph break kept inside a cell written as <p>…</p> <p>…</p>
_P_BREAK = re.compile(r"</p>\s*<p\b[^>]*>", re.IGNORECASE)


@lru_cache(maxsize=65536)
def clean_cell(text: str) -> str:
    """A cell's visible text: markup removed, whitespace folded, <p> breaks kept as PARA."""
    s = _BOOKMARK.sub("", text)
    s = _TAGS.sub(" ", s)
    s = _P_BREAK.sub(f" {PARA} ", s)
    s = _P_TAGS.sub(" ", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"^#+\s+", "", s.strip())
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def clean_line(text: str) -> str:
    s = _BOOKMARK.sub("", text)
    s = s.replace("**", "")
    s = re.sub(r"^\s*-?\s*#+\s+", "", s)
    return s


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII letters and digits with single spaces: for matching names and labels."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", " ", s.lower())
    return s.strip()


def title_name(text: str) -> str:
    """'SEKSI  PEMERINTAHAN UMUM' → 'Seksi Pemerintahan Umum' (only for unit names, not people)."""
    small = {"dan", "di", "pada", "yang", "atau"}
    words = _SPACES.sub(" ", text.strip()).split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        out.append(lw if i and lw in small else lw[:1].upper() + lw[1:])
    return " ".join(out)


def split_paragraphs(cell: str) -> list[str]:
    """A cleaned cell that held '<p>a</p> <p>b</p>' → ['a', 'b']; other cells → [cell]."""
    return [p.strip() for p in cell.split(PARA) if p.strip()] if PARA in cell else [cell]


def plain(cell: str | None) -> str | None:
    """A cell as stored: paragraph breaks become spaces."""
    if cell is None:
        return None
    return " ".join(cell.replace(PARA, " ").split())


MONTHS = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "nopember": 11,
    "november": 11,
    "desember": 12,
}
