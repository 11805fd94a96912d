"""Every limit on what one file may make the loader do, and the checks that refuse a file beyond one.

A load must never take the machine down, whatever it is given: a zip bomb disguised as a Word
file, a PDF whose streams inflate to gigabytes, a sheet of 1,048,576 rows or a page of 200 × 200
inches each reached 2–14 GB before these limits. Each limit below is a named constant with the
reason for its value; each refusal is a :class:`~etl.model.DocumentError` whose message names the
file, the limit and its value (in Indonesian number format), so the CLI prints one ``GAGAL`` line
and goes on with the other files. The values are listed for users in ``docs/limits.md``.

The values leave room for real documents (a 300-page LKjIP with scanned attachments, a DOCX with
a few hundred photos) and keep the peak memory of one load under 1 GB (tests/reliability/test_limits.py
measures it for each hostile input).
"""

from __future__ import annotations

import mmap
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from etl.model import DocumentError

MB = 1024 * 1024

# --- file size, per format (checked from the file system before anything is read) -------------
MAX_BYTES = {
    "pdf": 100 * MB,  # a 300-page LKjIP with scanned attachments stays well below; pdfminer holds the parsed file
    "docx": 50 * MB,  # a report with a few hundred photos; python-docx keeps every part in memory
    "xlsx": 20 * MB,  # a filled template is a few kB; this leaves room for pasted images
    "csv": 20 * MB,  # the template's CSV form: a few kB when filled by hand
    "txt": 20 * MB,  # a converted 1,000-page document is about 3 MB of text
    "md": 20 * MB,  # as txt
}

# --- ZIP containers (DOCX, XLSX), checked from the central directory before python-docx/openpyxl open them
ZIP_MAX_MEMBERS = 10_000  # a DOCX with 500 images has about 520 parts; each part costs memory when opened
ZIP_MAX_UNZIPPED = 256 * MB  # sum of the parts' sizes as declared; python-docx loads every part into memory
ZIP_MAX_XML_PART = 32 * MB  # one XML part (word/document.xml): python-docx parses it whole, ~12 bytes of memory a byte
ZIP_MAX_RATIO = 200  # Office XML compresses 5-50 times; a zip bomb 1,000 times (deflate's maximum)
ZIP_RATIO_FROM = 1 * MB  # the ratio is judged only for parts at least this large (tiny parts compress wildly)

# --- PDF -----------------------------------------------------------------------------------------
PDF_MAX_PAGES = 1_000  # the longest real LKjIP with attachments has about 300 pages; ~1 s a page to read
PDF_MAX_STREAM = 32 * MB  # inflated size of one content, font or other non-image stream (pdfminer holds and parses it)
PDF_MAX_IMAGE_STREAM = 256 * MB  # inflated size of one image (an A3 colour scan at 600 dpi is 210 MB raw)
PDF_MAX_INFLATED = 512 * MB  # all non-image streams together (pdfminer keeps them decoded while the file is open)
PDF_MAX_PAGE_CHARS = 100_000  # characters on one page: a dense A3 table page has ~30.000; pdfplumber holds ~2,5 kB a character
PDF_MAX_NESTING = 3  # FlateDecode applied this many times over is still followed; more is refused as unreadable

# --- OCR -----------------------------------------------------------------------------------------
OCR_MAX_PIXELS = 35_000_000  # pixels of one rendered page: A3 at 400 dpi is 31 million; a page costs ~10 bytes a pixel
OCR_MIN_RESOLUTION = 150  # dpi: a page too large for OCR_MAX_PIXELS is rendered lower, but not below this (text unreadable)
OCR_MAX_IMAGE_PIXELS = 100_000_000  # pixels of one image drawn on a page to be read (A3 at 600 dpi: 70 million)

# --- lines (every format: the parsers see lines) ---------------------------------------------------
MAX_LINES = 200_000  # a 1,000-page document converted to text has about 60,000 lines
MAX_LINE_CHARS = 20_000  # the longest line of a real document (a table row of a DOCX) is a few thousand characters

# --- the spreadsheet template ----------------------------------------------------------------------
TEMPLATE_MAX_ROWS = 10_000  # rows of one sheet (or of the CSV form): a kecamatan has tens of indicators and budget lines


def angka(n: float) -> str:
    """A whole number the Indonesian way: 1.048.576."""
    return f"{round(n):,}".replace(",", ".")


def ukuran(n: float) -> str:
    """A size in bytes for people: 100 MB, 1,5 GB, 800 kB."""
    if n >= 1024 * MB:
        return f"{n / (1024 * MB):.1f}".replace(".", ",").removesuffix(",0") + " GB"
    if n >= MB:
        return f"{n / MB:.1f}".replace(".", ",").removesuffix(",0") + " MB"
    return f"{max(1, round(n / 1024))} kB"


def refuse(path: Path | str, what: str, limit: str, todo: str = "") -> DocumentError:
    """The error for a file beyond a limit: what it holds, the limit, and what to do."""
    tail = f"; {todo}" if todo else ""
    return DocumentError(str(path), None, f"{what} melebihi batas {limit}, berkas tidak dimuat{tail}")


SPLIT = "pisahkan menjadi beberapa berkas atau simpan ulang tanpa lampiran besar"

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "csv": "CSV", "txt": "teks", "md": "teks"}


def check_size(path: Path, fmt: str) -> None:
    """The file is no larger than :data:`MAX_BYTES` allows for its format."""
    limit = MAX_BYTES.get(fmt)
    size = path.stat().st_size
    if limit is not None and size > limit:
        name = FORMAT_NAMES.get(fmt, fmt)
        raise refuse(path, f"berkas {name} berukuran {ukuran(size)}", f"{ukuran(limit)} untuk berkas {name}", SPLIT)


# --- ZIP ---------------------------------------------------------------------------------------

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"


def zip_members(path: Path) -> int | None:
    """The number of members a ZIP file declares in its end of central directory record (the
    ZIP64 one where present), read without loading the directory; None when there is no record."""
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        tail_start = max(0, size - (65_535 + 22 + 20))
        f.seek(tail_start)
        tail = f.read()
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) < at + 22:
            return None
        count = int(struct.unpack("<H", tail[at + 10 : at + 12])[0])
        loc = at - 20
        if loc >= 0 and tail[loc : loc + 4] == _EOCD64_LOCATOR:
            (offset,) = struct.unpack("<Q", tail[loc + 8 : loc + 16])
            f.seek(offset)
            record = f.read(56)
            if record[:4] == b"PK\x06\x06" and len(record) >= 56:
                count = max(count, int(struct.unpack("<Q", record[32:40])[0]))
        return count


def check_zip_members(path: Path) -> None:
    """No more than :data:`ZIP_MAX_MEMBERS` members: checked before the directory is read (each
    member costs an object when :mod:`zipfile` opens the file)."""
    count = zip_members(path)
    if count is not None and count > ZIP_MAX_MEMBERS:
        raise refuse(path, f"arsip Word/Excel berisi {angka(count)} bagian", f"{angka(ZIP_MAX_MEMBERS)} bagian")


def check_zip(path: Path) -> None:
    """The declared sizes of a DOCX/XLSX's parts: total, and the compression ratio of each large
    part. :mod:`zipfile` never inflates a part beyond its declared size (a lying header ends in a
    CRC error), so these sizes bound what python-docx and openpyxl can be made to hold."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # the reader reports the damaged file in its own words
    if len(infos) > ZIP_MAX_MEMBERS:
        raise refuse(path, f"arsip Word/Excel berisi {angka(len(infos))} bagian", f"{angka(ZIP_MAX_MEMBERS)} bagian")
    total = sum(i.file_size for i in infos)
    if total > ZIP_MAX_UNZIPPED:
        raise refuse(path, f"isi arsip Word/Excel bila diurai {ukuran(total)}", f"{ukuran(ZIP_MAX_UNZIPPED)}", SPLIT)
    for i in infos:
        if i.file_size >= ZIP_RATIO_FROM and i.file_size > ZIP_MAX_RATIO * max(1, i.compress_size):
            ratio = i.file_size / max(1, i.compress_size)
            raise refuse(
                path,
                f"bagian {i.filename[:80]} mengembang {angka(ratio)} kali ({ukuran(i.compress_size)} → {ukuran(i.file_size)})",
                f"{angka(ZIP_MAX_RATIO)} kali",
                "berkas ini tampak seperti bom zip; simpan ulang dari Word/Excel",
            )
        if i.filename.endswith((".xml", ".rels")) and i.file_size > ZIP_MAX_XML_PART:
            raise refuse(
                path,
                f"bagian {i.filename[:80]} berukuran {ukuran(i.file_size)} bila diurai",
                f"{ukuran(ZIP_MAX_XML_PART)} per bagian XML",
                SPLIT,
            )


# --- PDF ---------------------------------------------------------------------------------------

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_ZLIB_HEADS = (b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda")
_CHUNK = 64 * 1024
_OUT = 4 * MB


def _raw(buf: mmap.mmap | bytes, start: int) -> Iterator[bytes]:
    for k in range(start, len(buf), _CHUNK):
        yield bytes(buf[k : k + _CHUNK])


def _inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The inflated pieces of a zlib stream, never more than :data:`_OUT` bytes at a time; ends
    at the end of the stream. Raises ``zlib.error`` for data that is not zlib."""
    d = zlib.decompressobj()
    for chunk in chunks:
        data = chunk
        while data:
            out = d.decompress(data, _OUT)
            if out:
                yield out
            if d.eof:
                return
            data = d.unconsumed_tail
    out = d.flush()
    if out:
        yield out


def _count(pieces: Iterator[bytes], limit: int) -> int:
    """Bytes in ``pieces`` up to just over ``limit``; a stream damaged midway counts what it gave
    (pdfminer salvages as much of it)."""
    total = 0
    try:
        for p in pieces:
            total += len(p)
            if total > limit:
                break
    except zlib.error:
        pass
    return total


def _pipeline(buf: mmap.mmap | bytes, start: int, levels: int) -> Iterator[bytes]:
    pieces = _raw(buf, start)
    for _ in range(levels):
        pieces = _inflate(pieces)
    return pieces


def inflated_size(buf: mmap.mmap | bytes, start: int, limit: int, depth: int = PDF_MAX_NESTING) -> int:
    """How many bytes the zlib stream at ``buf[start:]`` inflates to, counted (never kept) up to
    just over ``limit``; a stream compressed again inside (FlateDecode twice) is followed to
    ``depth`` levels. 0 when the data there is not zlib."""
    levels = 0
    while levels < depth:
        try:
            first = next(_pipeline(buf, start, levels + 1), b"")
        except zlib.error:
            break
        levels += 1
        if first[:2] not in _ZLIB_HEADS:
            break
    return _count(_pipeline(buf, start, levels), limit) if levels else 0


def check_pdf_streams(path: Path) -> None:
    """No stream of the PDF inflates beyond its limit (:data:`PDF_MAX_STREAM`, images
    :data:`PDF_MAX_IMAGE_STREAM`) and the non-image streams together stay under
    :data:`PDF_MAX_INFLATED`. pdfminer inflates a stream in one piece, without a bound, as soon
    as a page is read; this looks at every ``stream`` keyword of the raw file first, counting
    what zlib gives without keeping it. (Streams inside object streams do not exist: PDF keeps
    streams out of them. An encrypted file's streams are not zlib until decrypted and are passed.)"""
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
        total = 0
        for m in _STREAM.finditer(buf):  # type: ignore[call-overload]
            head_from = max(0, m.start() - 4096)
            obj = buf.rfind(b"obj", head_from, m.start())
            head = buf[obj if obj >= 0 else head_from : m.start()]
            image = bool(_IMAGE.search(head))
            limit = PDF_MAX_IMAGE_STREAM if image else PDF_MAX_STREAM
            n = inflated_size(buf, m.end(), limit)
            if n > limit:
                kind = "gambar" if image else "aliran data (isi halaman/huruf)"
                raise refuse(
                    path,
                    f"satu {kind} dalam PDF bila diurai",
                    f"{ukuran(limit)} per {'gambar' if image else 'aliran data'}",
                    "berkas ini tampak seperti bom dekompresi; cetak ulang ke PDF dari aplikasi aslinya",
                )
            if not image:
                total += n
                if total > PDF_MAX_INFLATED:
                    raise refuse(
                        path,
                        "isi PDF (tanpa gambar) bila diurai",
                        ukuran(PDF_MAX_INFLATED),
                        SPLIT,
                    )


def check_pdf_pages(path: Path, pages: int) -> None:
    if pages > PDF_MAX_PAGES:
        raise refuse(path, f"PDF berisi {angka(pages)} halaman", f"{angka(PDF_MAX_PAGES)} halaman", SPLIT)


# --- lines ---------------------------------------------------------------------------------------


def check_line_count(path: Path | str, count: int) -> None:
    if count > MAX_LINES:
        raise refuse(path, f"dokumen berisi {angka(count)} baris", f"{angka(MAX_LINES)} baris", SPLIT)


def check_line_length(path: Path | str, no: int, length: int) -> None:
    if length > MAX_LINE_CHARS:
        raise refuse(
            path,
            f"baris {angka(no)} panjangnya {angka(length)} karakter",
            f"{angka(MAX_LINE_CHARS)} karakter per baris",
            "periksa apakah ini benar berkas dokumen (bukan data mentah atau berkas biner)",
        )


def check_lines(path: Path | str, texts: list[str]) -> None:
    """Line count and the length of every line (:data:`MAX_LINES`, :data:`MAX_LINE_CHARS`)."""
    check_line_count(path, len(texts))
    for no, t in enumerate(texts, start=1):
        check_line_length(path, no, len(t))


_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # where str.splitlines breaks


def check_text_lines(path: Path | str, text: str) -> None:
    """:func:`check_lines` on a decoded text before it is split (a 20 MB line must not be copied
    into a list to be measured), breaking lines where :meth:`str.splitlines` does; stops at the
    first line beyond a limit."""
    start, no = 0, 1
    for m in _LINE_BREAK.finditer(text):
        check_line_length(path, no, m.start() - start)
        start, no = m.end(), no + 1
        if no > MAX_LINES:
            breaks = sum(text.count(c) for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") - text.count("\r\n")
            check_line_count(path, breaks + 1)
    check_line_length(path, no, len(text) - start)


def check_template_rows(path: Path | str, sheet: str, rows: int, *, reading: bool = False) -> None:
    """At most :data:`TEMPLATE_MAX_ROWS` rows in a sheet: ``rows`` as its dimension declares, or
    (``reading``) the row being read, so that reading stops at the first row beyond the limit."""
    if rows > TEMPLATE_MAX_ROWS:
        held = f"lebih dari {angka(TEMPLATE_MAX_ROWS)}" if reading else angka(rows)
        raise refuse(
            path,
            f"lembar '{sheet}' berisi {held} baris",
            f"{angka(TEMPLATE_MAX_ROWS)} baris per lembar templat",
            "hapus baris kosong di bawah isian (atau salin isian ke templat baru)",
        )
