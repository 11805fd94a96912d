"""Hostile inputs (issue 12): each is refused with a message naming the limit and the file, or
loaded with a catatan, by ``python -m etl load`` in its own process, within 60 s and 1 GB.

Every input is made here, in tmp_path, small on disk: a zip bomb as DOCX and as XLSX (deflate
blocks repeated by hand, not compressed at test time), a ZIP of 20.000 parts, a PDF whose content
stream inflates to 2 GB (FlateDecode twice), a template sheet declaring 1.048.576 rows and one
of 20.000 rows without a dimension, a 200 MB text (sparse), a text of one 50 MB line and one of a
2 MB line, an image-only PDF with a 200 × 200 inch page, a PDF of 1.001 pages. Each case prints
``case  seconds  MB`` (wall time and peak resident memory of the loader process, its VmHWM)."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from etl import limits
from etl.template import template_xlsx
from tests.conftest import ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures"

MAX_RSS_MB = 1024
MAX_SECONDS = 60.0
MB = 1024 * 1024


# --- making hostile files cheaply ----------------------------------------------------------------


def _deflate_blocks(total: int, chunk: int = 16 * MB) -> tuple[bytes, int]:
    """A raw deflate stream of ``total`` zero bytes (a multiple of ``chunk``) and its CRC-32: one
    fully flushed block of ``chunk`` zeros, repeated (each block is independent after a full
    flush), so the test never compresses gigabytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(chunk)) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    n = total // chunk
    crc = 0
    zeros = bytes(chunk)
    for _ in range(n):
        crc = zlib.crc32(zeros, crc)
    return block * n + tail, crc


def _zlib_zeros(total: int, chunk: int = 16 * MB) -> bytes:
    """:func:`_deflate_blocks` as a zlib stream (header and Adler-32), as PDF's FlateDecode wants."""
    raw, _ = _deflate_blocks(total, chunk)
    adler = 1
    zeros = bytes(chunk)
    for _ in range(total // chunk):
        adler = zlib.adler32(zeros, adler)
    return b"\x78\xda" + raw + struct.pack(">I", adler)


def _zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> None:
    """A ZIP file written by hand: (name, raw deflate data, crc32, uncompressed size) per member."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size in members:
        offset = out.tell()
        n = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(n), 0) + n)
        out.write(data)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(n), 0, 0, 0, 0, 0, offset)
            + n
        )
    start = out.tell()
    for c in central:
        out.write(c)
    end = out.tell()
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), end - start, start, 0))
    path.write_bytes(out.getvalue())


def _small(name: str, text: str) -> tuple[str, bytes, int, int]:
    data = text.encode()
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name, c.compress(data) + c.flush(), zlib.crc32(data), len(data)


CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx_bomb(path: Path) -> None:
    """word/document.xml declares (truthfully) 1 GB; the file is about 1 MB."""
    data, crc = _deflate_blocks(1024 * MB)
    _zip(path, [_small("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", data, crc, 1024 * MB)])


def xlsx_bomb(path: Path) -> None:
    """A sheet of 192 MB zeros in 0,2 MB: under the total limit, refused by its compression ratio."""
    data, crc = _deflate_blocks(192 * MB)
    _zip(
        path,
        [
            _small("[Content_Types].xml", CONTENT_TYPES),
            _small("xl/workbook.xml", "<workbook/>"),
            ("xl/worksheets/sheet1.xml", data, crc, 192 * MB),
        ],
    )


def big_document_xml(path: Path) -> None:
    """A real DOCX whose body is repeated to a 64 MB document.xml (0,8 MB on disk, 83 times: no bomb)."""
    src = zipfile.ZipFile(FIXTURES / "documents" / "pk_2024_banyumas_somagede.docx")
    doc = src.read("word/document.xml").decode()
    start, end = doc.index("<w:body>") + len("<w:body>"), doc.index("<w:sectPr")
    body = doc[start:end] * (64 * MB // (end - start))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = doc[:start] + body + doc[end:] if info.filename == "word/document.xml" else src.read(info.filename)
            out.writestr(info.filename, data)


def many_parts(path: Path) -> None:
    members = [_small("[Content_Types].xml", CONTENT_TYPES), _small("word/document.xml", "<w:document/>")]
    members += [_small(f"word/media/image{k}.png", "") for k in range(20_000)]
    _zip(path, members)


def _pdf(path: Path, objects: list[bytes]) -> None:
    """A PDF of ``objects`` (object k+1 is objects[k]; object 1 the catalog) with its xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


def pdf_bomb(path: Path) -> None:
    """A page whose content stream is FlateDecode twice over 2 GB of zeros (about 20 kB)."""
    inner = _zlib_zeros(2048 * MB)
    outer = zlib.compress(inner, 9)
    _pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(outer) + outer + b"\nendstream",
        ],
    )


def huge_page(path: Path) -> None:
    """One page of 200 × 200 inches holding only a small grey image (a scan without text)."""
    side = 200 * 72
    pixels = zlib.compress(bytes([200]) * (64 * 64))
    content = b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (side, side)
    _pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>"
            % (side, side),
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
        ],
    )


def many_pages(path: Path) -> None:
    """1.001 pages sharing one content stream."""
    n = limits.PDF_MAX_PAGES + 1
    content = b"BT /F1 12 Tf 72 720 Td (PERJANJIAN KINERJA) Tj ET"
    kids = b" ".join(b"%d 0 R" % (k + 5) for k in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    ] * n
    _pdf(path, objects)


def crowded_page(path: Path) -> None:
    """One page showing 300.000 characters in one string (0,3 MB): pdfplumber took 800 MB for it."""
    content = b"BT /F1 1 Tf 10 10 Td (" + b"A" * 300_000 + b") Tj ET"
    _pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
    )


def _sheet_xml(rows: str, dimension: str | None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows}</sheetData></worksheet>"
    )


def _template_with(path: Path, sheet_xml: str) -> None:
    """The real template with its 'indikator' sheet replaced by ``sheet_xml``."""
    src = zipfile.ZipFile(io.BytesIO(template_xlsx(None)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":  # petunjuk, identitas, indikator, …
                data = sheet_xml.encode()
            out.writestr(info.filename, data)


HEADER = (
    '<row r="1">'
    + "".join(
        f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>'
        for c, t in zip("ABCDEF", ("sasaran", "indikator", "satuan", "target", "realisasi", "capaian"), strict=True)
    )
    + "</row>"
)


def template_declared(path: Path) -> None:
    """The 'indikator' sheet declares A1:F1048576 and has a cell in its last row."""
    last = '<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    _template_with(path, _sheet_xml(HEADER + last, "A1:F1048576"))


def template_streamed(path: Path) -> None:
    """20.000 filled rows and no dimension: refused while reading, at the first row beyond the limit."""
    rows = "".join(
        f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>i{r}</t></is></c><c r="D{r}"><v>1</v></c></row>' for r in range(2, 20_002)
    )
    _template_with(path, _sheet_xml(HEADER + rows, None))


def text_200mb(path: Path) -> None:
    """A real text at the start, then zeros to 200 MB, sparse (no disk used for them)."""
    with path.open("wb") as f:
        f.write(SEEDS["somagede"].read_bytes())
        f.truncate(200 * MB)


def _one_line(path: Path, size: int) -> None:
    piece = b"Rp 1.234.567 " * 80_000  # about 1 MB, no line break
    with path.open("wb") as f:
        f.write(SEEDS["somagede"].read_bytes())
        written = 0
        while written < size:
            f.write(piece)
            written += len(piece)


def line_50mb(path: Path) -> None:
    _one_line(path, 50 * MB)


def line_2mb(path: Path) -> None:
    _one_line(path, 2 * MB)


# --- running the loader and measuring it -----------------------------------------------------


# ``python -m etl load --db DB FILE``, then the loader's own peak memory written to a file: VmHWM
# belongs to the address space made by exec, so it is not inflated by the test process that forked
# it (ru_maxrss of wait4 is: Linux keeps the forked copy's size across exec). No case reaches
# Tesseract, so the loader process is the whole load.
LOADER = """
import runpy, sys
out, sys.argv = sys.argv[1], ["etl", *sys.argv[2:]]
try:
    runpy.run_module("etl", run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    open(out, "w").write(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:")))
"""


def _run(db: Path, file: Path, out: Path) -> tuple[int, str, float, float]:
    """``python -m etl load --db DB FILE`` in its own process: exit code, stderr, wall seconds, and
    peak resident memory in MB (the loader's high-water mark)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stdout, stderr, peak = out.with_suffix(".out"), out.with_suffix(".err"), out.with_suffix(".hwm")
    args = [sys.executable, "-c", LOADER, str(peak), "load", "--db", str(db), str(file)]
    with stdout.open("wb") as o, stderr.open("wb") as e:
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=o, stderr=e)
        try:
            proc.wait(timeout=MAX_SECONDS * 2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        took = time.perf_counter() - started
    own = int(peak.read_text()) / 1024 if peak.exists() else float("inf")
    return proc.returncode, stderr.read_text(encoding="utf-8", errors="replace"), took, own


CASES: list[tuple[str, str, Callable[[Path], None], str]] = [
    # (case, file name, maker, what the refusal must name: the limit's value as printed)
    ("zip bomb DOCX 1 GB", "bom.docx", docx_bomb, f"melebihi batas {limits.ukuran(limits.ZIP_MAX_UNZIPPED)}"),
    ("zip bomb XLSX 192 MB", "bom.xlsx", xlsx_bomb, f"melebihi batas {limits.angka(limits.ZIP_MAX_RATIO)} kali"),
    (
        "DOCX document.xml 64 MB",
        "tebal.docx",
        big_document_xml,
        f"melebihi batas {limits.ukuran(limits.ZIP_MAX_XML_PART)} per bagian XML",
    ),
    ("ZIP 20.000 bagian", "bagian.docx", many_parts, f"melebihi batas {limits.angka(limits.ZIP_MAX_MEMBERS)} bagian"),
    ("bom dekompresi PDF 2 GB", "bom.pdf", pdf_bomb, f"melebihi batas {limits.ukuran(limits.PDF_MAX_STREAM)} per aliran data"),
    ("halaman 200x200 inci", "poster.pdf", huge_page, f"melebihi batas {limits.angka(limits.OCR_MAX_PIXELS)} piksel per halaman"),
    (
        "PDF 300.000 karakter/halaman",
        "sesak.pdf",
        crowded_page,
        f"melebihi batas {limits.angka(limits.PDF_MAX_PAGE_CHARS)} karakter per halaman",
    ),
    ("PDF 1.001 halaman", "tebal.pdf", many_pages, f"melebihi batas {limits.angka(limits.PDF_MAX_PAGES)} halaman"),
    ("templat 1.048.576 baris", "templat_besar.xlsx", template_declared, "berisi 1.048.576 baris melebihi batas 10.000 baris"),
    ("templat 20.000 baris", "templat_panjang.xlsx", template_streamed, "berisi lebih dari 10.000 baris melebihi batas"),
    ("teks 200 MB", "besar.txt", text_200mb, f"melebihi batas {limits.ukuran(limits.MAX_BYTES['txt'])} untuk berkas teks"),
    ("satu baris 50 MB", "baris50.txt", line_50mb, f"melebihi batas {limits.ukuran(limits.MAX_BYTES['txt'])}"),
    ("satu baris 2 MB", "baris2.txt", line_2mb, f"melebihi batas {limits.angka(limits.MAX_LINE_CHARS)} karakter per baris"),
]


@pytest.mark.parametrize(("case", "name", "make", "named"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_refused_within_limits(
    case: str, name: str, make: Callable[[Path], None], named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / name
    make(file)
    on_disk = os.stat(file).st_blocks * 512
    try:
        rc, err, took, rss = _run(tmp_path / "k.duckdb", file, tmp_path / "run")
    finally:
        file.unlink()
    with capsys.disabled():
        print(f"\n{case:<28} {took:6.1f} s {rss:7.0f} MB   (di disk {on_disk / MB:.1f} MB)")
    assert "Traceback" not in err and "tak terduga" not in err, err
    gagal = [line for line in err.splitlines() if line.startswith("GAGAL")]
    assert len(gagal) == 1 and str(file) in gagal[0], err
    assert named in gagal[0], gagal[0]
    assert rc == 1  # a file that failed: the CLI's exit code 1
    assert rss < MAX_RSS_MB, f"{case}: {rss:.0f} MB"
    assert took < MAX_SECONDS, f"{case}: {took:.1f} s"


def test_limits_are_stated_in_the_docs() -> None:
    """docs/limits.md names every limit with the value etl/limits.py enforces."""
    doc = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    names = [n for n in vars(limits) if re.fullmatch(r"[A-Z][A-Z0-9_]+", n) and isinstance(getattr(limits, n), int)]
    names = [n for n in names if n != "MB"] + ["MAX_BYTES"]
    assert len(names) > 15
    for n in names:
        assert f"`{n}`" in doc, n
    for fmt, size in limits.MAX_BYTES.items():
        assert f"| {fmt} | {limits.ukuran(size)} |" in doc, fmt


def dense_pdf(path: Path, pages: int) -> None:
    """``pages`` pages of 70 lines of small text each (reportlab), about 6.500 characters a page."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    line = "Indikator kinerja pelayanan administrasi kecamatan 95,69% target 100 realisasi 98,5 Rp 1.250.000"
    for p in range(pages):
        c.setFont("Helvetica", 8)
        for k in range(70):
            c.drawString(30, 800 - k * 11, f"{p}.{k} {line}")
        c.showPage()
    c.save()


def test_a_long_dense_pdf_keeps_memory_per_page_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Within every limit, a long PDF must not cost memory page after page: pdfplumber keeps the
    objects of every page read (200 such pages took 3,1 GB) unless the reader lets them go."""
    file = tmp_path / "padat.pdf"
    dense_pdf(file, 30)
    rc, err, took, rss = _run(tmp_path / "k.duckdb", file, tmp_path / "run")
    with capsys.disabled():
        print(f"\n{'PDF padat 30 halaman':<28} {took:6.1f} s {rss:7.0f} MB")
    assert "Traceback" not in err and "tak terduga" not in err, err
    assert rc == 1 and "bukan Perjanjian Kinerja atau Laporan Kinerja" in err  # read whole, then judged
    assert rss < 400, f"{rss:.0f} MB"  # 200 pages: 3,1 GB before, 231 MB after (measured); 30 pages would be ~580 MB
