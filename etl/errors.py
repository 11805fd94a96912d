"""What a failed file or a failed load is called, in words for the staff who run ``etl load``.

The readers raise :class:`~etl.model.DocumentError` for what they recognise; this module names the
rest precisely instead of "kesalahan tak terduga":

* :func:`document_message` — one file could not be read: a broken or password-protected PDF
  (pdfminer's own exceptions, wrapped by pdfplumber as ``PdfminerException``), a damaged Word/Excel
  file (a cut or corrupt ZIP, or a ``.docx``/``.xlsx`` without its main part; the sniffer alone
  would call it "an archive other than Word/Excel such as .odt"), a file that cannot be opened.
* :func:`fatal_message` — the load itself cannot go on: the disk is full (ENOSPC/EDQUOT), the file
  system is read-only, or DuckDB invalidated the database after such an error. Loading the next file
  would only fail again ("cannot rollback - no transaction is active"), so the load stops and the
  original operating-system error is shown.
"""

from __future__ import annotations

import errno
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb

from etl.model import DocumentError
from etl.read import OTHER_ZIP

PDF_BROKEN = "berkas PDF rusak atau terkunci sandi"
PDF_TODO = "buka di pembaca PDF, hapus sandinya atau cetak ulang ke PDF, lalu muat lagi"
OFFICE_BROKEN = "berkas {kind} rusak atau tidak lengkap ({why}): buka di Word/Excel, simpan ulang, lalu muat lagi"
FATAL_ERRNOS = {errno.ENOSPC: "disk penuh", errno.EDQUOT: "kuota disk habis", errno.EROFS: "disk hanya-baca"}
FATAL_TEXTS = {
    "no space left on device": "disk penuh",
    "disk quota exceeded": "kuota disk habis",
    "read-only file system": "disk hanya-baca",
}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it was raised from or while handling (each once)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend((e.__cause__, e.__context__))


def _is_pdfminer(exc: BaseException) -> bool:
    return type(exc).__name__ == "PdfminerException" or type(exc).__module__.startswith("pdfminer")


def _pdf_detail(exc: BaseException) -> str:
    for e in _chain(exc):
        if "password" in type(e).__name__.lower() or "encrypt" in str(e).lower():
            return "terkunci sandi"
    text = next((str(e) for e in _chain(exc) if str(e)), "")
    return text[:120] or type(exc).__name__


def _office_kind(path: Path) -> str:
    return {".xlsx": "Excel (.xlsx)", ".docx": "Word (.docx)"}.get(path.suffix.lower(), "Word/Excel")


def _damaged_office(path: Path) -> str | None:
    """Why a ZIP file the sniffer did not recognise is a damaged Word/Excel file, or None when it
    is a sound archive of another kind (an .odt/.ods, a plain .zip)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mimetype = b""
            if "mimetype" in names:
                with z.open("mimetype") as f:
                    mimetype = f.read(80)  # never the whole part: it may be a bomb
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError):
        return "arsip ZIP-nya terpotong atau rusak"
    except OSError:
        return None
    if b"opendocument" in mimetype:
        return None
    if path.suffix.lower() in (".docx", ".xlsx") or "[Content_Types].xml" in names:
        part = "xl/workbook.xml" if path.suffix.lower() == ".xlsx" else "word/document.xml"
        return f"bagian {part} tidak ada"
    return None


PDF_LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2")
OFFICE_LIBRARIES = ("docx", "openpyxl", "lxml", "et_xmlfile", "zipfile")  # zipfile: a damaged deflate stream (zlib.error)


def _raised_in(exc: BaseException, packages: tuple[str, ...]) -> bool:
    """Whether ``exc`` was raised inside one of ``packages`` (its innermost frame is theirs): a
    parser that trips over a malformed file raises its own TypeError or KeyError, which says
    that the file is damaged (or that the parser cannot read it), not that the ETL is wrong."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    where = Path(tb.tb_frame.f_code.co_filename)
    return any(p in where.parts or where.stem == p for p in packages)


def document_message(path: Path, exc: BaseException) -> str:
    """The ``GAGAL`` line for a file whose reading raised ``exc``."""
    if isinstance(exc, DocumentError):
        if exc.expected == OTHER_ZIP and (why := _damaged_office(path)):
            return f"{path}: {OFFICE_BROKEN.format(kind=_office_kind(path), why=why)}"
        return str(exc)
    if any(_is_pdfminer(e) for e in _chain(exc)):
        return f"{path}: {PDF_BROKEN} ({_pdf_detail(exc)}): {PDF_TODO}"
    if isinstance(exc, zipfile.BadZipFile):
        return f"{path}: {OFFICE_BROKEN.format(kind=_office_kind(path), why='arsip ZIP-nya rusak')}"
    if isinstance(exc, MemoryError):
        return f"{path}: berkas terlalu besar untuk dibaca dengan memori yang ada; pisahkan menjadi beberapa berkas"
    if not isinstance(exc, OSError) and any(_raised_in(e, PDF_LIBRARIES) for e in _chain(exc)):
        return f"{path}: {PDF_BROKEN} ({_pdf_detail(exc)}): {PDF_TODO}"
    if not isinstance(exc, OSError) and any(_raised_in(e, OFFICE_LIBRARIES) for e in _chain(exc)):
        why = f"{type(exc).__name__}: {str(exc)[:100]}"
        return f"{path}: {OFFICE_BROKEN.format(kind=_office_kind(path), why=why)}"
    if isinstance(exc, OSError) and exc.errno == errno.EINVAL and _raised_in(exc, ("zipfile",)):
        why = "arsip ZIP-nya menunjuk ke luar berkas"  # a damaged directory: a seek before the start
        return f"{path}: {OFFICE_BROKEN.format(kind=_office_kind(path), why=why)}"
    if isinstance(exc, OSError):
        return f"{path}: berkas tidak dapat dibaca ({exc.strerror or exc})"
    return (
        f"{path}: kesalahan tak terduga saat membaca ({type(exc).__name__}: {str(exc)[:200]}); "
        "berkas lain tetap dimuat. Laporkan berkas ini ke pengelola ETL"
    )


def fatal_message(exc: BaseException) -> str | None:
    """Why the whole load must stop (the disk is full, …), with the original OS error; None when
    ``exc`` concerns one file only and the next file may still load."""
    for e in _chain(exc):
        if isinstance(e, OSError) and e.errno in FATAL_ERRNOS:
            return f"{FATAL_ERRNOS[e.errno]}: {e}"
    for e in _chain(exc):
        text = str(e).lower()
        for needle, label in FATAL_TEXTS.items():
            if needle in text:
                return f"{label}: {str(e)[:300]}"
    for e in _chain(exc):
        if isinstance(e, duckdb.FatalException) or "database has been invalidated" in str(e):
            return f"basis data tidak dapat ditulis lagi: {str(e)[:300]}"
    return None
