"""Bytes of a file → numbered lines. One reader per format; the parsers see only lines.

Every reader returns ``list[Line]`` where a table row is written as its cells joined by tabs, so
the table layouts downstream are the same whatever the source format.
"""

from __future__ import annotations

from pathlib import Path

from etl.model import DocumentError, Line
from etl.read.text import read_text

READERS = {".txt": read_text, ".md": read_text}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_lines(path: Path) -> tuple[list[Line], str]:
    """The lines of a document and the name of its format."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(
            str(path), None, f"format file '{path.suffix}' tidak didukung (didukung: {', '.join(sorted(READERS))})"
        )
    return reader(path), path.suffix.lower().lstrip(".")
