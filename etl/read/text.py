"""Plain text and Markdown converted from PDF/DOCX, as in data/raw/."""

from __future__ import annotations

from pathlib import Path

from etl.model import DocumentError, Line

ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:4096]:
        raise DocumentError(path, None, "berkas biner, bukan teks: simpan sebagai .txt, .docx atau .pdf")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(path, None, "teks dengan pengodean yang tidak dikenal (harap UTF-8)")


def read_text(path: Path) -> list[Line]:
    text = decode(path.read_bytes(), str(path))
    return [Line(no=i, text=t) for i, t in enumerate(text.splitlines(), start=1)]
