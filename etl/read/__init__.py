"""Bytes of a file → numbered lines. One reader per format; the parsers see only lines.

Every reader returns ``list[Line]`` where a table row is written as its cells joined by tabs, so
the table layouts downstream are the same whatever the source format.

The format is chosen from the content (:func:`sniff`), not from the file name: a PDF saved as
``.doc`` or a Word file without a suffix still loads, and a file that is none of the supported
formats is refused with a message, before anything of it is read. The spreadsheet template
(XLSX, or its CSV form) is not read as lines: :mod:`etl.template` builds its facts directly.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from etl import limits
from etl.model import DocumentError, Line
from etl.read.docx import read_docx
from etl.read.pdf import read_pdf
from etl.read.text import decode, read_text

READERS: dict[str, Callable[[Path], list[Line]]] = {"txt": read_text, "md": read_text, "docx": read_docx, "pdf": read_pdf}
TEMPLATE_FORMATS = ("xlsx", "csv")
SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xlsx", ".csv")
SNIFF_BYTES = 8192
TEMPLATE_CSV_MARK = "bagian"  # first header cell of the template's CSV form (etl.template.CSV_COLUMNS)

UNKNOWN = (
    "berkas biner yang isinya tidak dikenali: yang dapat dimuat adalah PDF, Word (.docx), teks (.txt/.md) "
    "dan templat isian (.xlsx/.csv)"
)
OLD_OFFICE = "berkas Word/Excel format lama (.doc/.xls): buka lalu simpan ulang sebagai .docx atau .xlsx"
OTHER_ZIP = "arsip ZIP atau dokumen kantor selain Word/Excel (misalnya .odt/.ods): simpan ulang sebagai .docx atau .xlsx"


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def sniff_bytes(head: bytes, suffix: str = "") -> str | None:
    """The format of a file from its first bytes, or None when unknown. ZIP containers are
    reported as 'zip' (their parts decide: see :func:`sniff`)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if not head.strip():
        return None
    try:
        text = decode(head, "", partial=True)
    except DocumentError:
        return None
    if not _is_text(text):
        return None
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip().strip('"').lower()
    if first.startswith(TEMPLATE_CSV_MARK + ",") or first.startswith(TEMPLATE_CSV_MARK + ";"):
        return "csv"
    return "md" if suffix.lower() == ".md" else "txt"


def _is_text(text: str) -> bool:
    """Mostly printable characters: a decoded binary (an image, a database) is not text."""
    sample = text[:4096]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return control <= len(sample) // 100


def sniff(path: Path) -> str:
    """The format of ``path`` from its content: pdf, docx, xlsx, csv, txt or md.

    Raises :class:`DocumentError` with an Indonesian message for anything else, and for a file
    beyond the limits of its format (size; parts, inflated size and compression ratio of a ZIP
    container: :mod:`etl.limits`) before any reader opens it."""
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as exc:
        raise DocumentError(str(path), None, f"berkas tidak dapat dibuka ({exc.strerror})") from exc
    if not head:
        raise DocumentError(str(path), None, "berkas kosong")
    kind = sniff_bytes(head, path.suffix)
    if kind == "zip":
        limits.check_zip_members(path)  # before zipfile reads the directory
        kind = _zip_kind(path)
        if kind is None:
            raise DocumentError(str(path), None, OTHER_ZIP)
    if kind == "ole":
        raise DocumentError(str(path), None, OLD_OFFICE)
    if kind is None:
        raise DocumentError(str(path), None, UNKNOWN)
    limits.check_size(path, kind)
    if kind in ("docx", "xlsx"):
        limits.check_zip(path)  # before python-docx or openpyxl inflate anything
    return kind


def supported(path: Path) -> bool:
    """Whether a file found in a folder is taken: a known suffix, or a PDF/Word/Excel by content
    (files without a suffix or with a wrong one, as mail programs and scanners leave them)."""
    if path.suffix.lower() in SUFFIXES:
        return True
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError:
        return False
    return sniff_bytes(head) in ("pdf", "zip")


def read_lines(path: Path) -> tuple[list[Line], str]:
    """The lines of a document and the name of its format (chosen by content)."""
    fmt = sniff(path)
    reader = READERS.get(fmt)
    if reader is None:
        raise DocumentError(str(path), None, f"templat isian ({fmt}) tidak dibaca sebagai baris: muat lewat etl.template")
    lines = reader(path)
    limits.check_lines(path, [ln.text for ln in lines])
    return lines, fmt
