"""Checks: anggaran."""

from __future__ import annotations

from etl.model import Dokumen
from etl.review.finding import Temuan


def review(doc: Dokumen) -> list[Temuan]:
    return []
