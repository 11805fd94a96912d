"""The spreadsheet template for entering a year's numbers by hand, and loading it.

Where no document exists (an older year, a kecamatan that reports only in a spreadsheet), staff
fill this template. It loads into the same :class:`etl.model.Dokumen` as the document extractors,
so the same views and review checks apply.

* :func:`template_xlsx` → the XLSX template as bytes (sheets ``petunjuk``, ``identitas``,
  ``indikator``, ``skor``, ``anggaran``; drop-down lists where a value comes from a list).
* :func:`template_csv` → the same as one long CSV: a column ``bagian`` names the sheet a row belongs
  to, the other columns are the union of the sheets' columns (empty where a sheet has no such
  column). One file is easier to mail and to fill in a plain editor than four.
* :func:`read_template` → a checked :class:`Dokumen`. Every bad cell gives one message (sheet,
  cell, what was expected) in Bahasa Indonesia; if there is any, the whole file is refused.

Provenance: every data row of the template is one source line (``sumber_baris`` numbers them
over the sheets in order, ``halaman`` is the sheet's position), whose text starts with the sheet
and row (``indikator!5``); ``cara_baca`` is ``template``. Numbers are kept as typed
(``*_teks``) next to their value; capaian is recomputed by :mod:`etl.rules`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from etl import limits, rules
from etl.indicators import UNIT_KECAMATAN, kunci, own_unit
from etl.model import Anggaran, DocumentError, Dokumen, Komponen, Line, Realisasi, Skor, Target
from etl.numbers import parse_decimal
from etl.reference import wilayah
from etl.text import fold

CARA_BACA = "template"
JENIS_DOKUMEN = ("PK", "PK_PERUBAHAN", "LKJIP")
JENIS_SKOR = ("IKM", "SAKIP", "KEMATANGAN")
TINGKAT_ANGGARAN = ("program", "kegiatan", "sub_kegiatan")
BAGIAN = "templat"

SHEETS: dict[str, tuple[str, ...]] = {
    "identitas": ("kecamatan", "kabupaten", "tahun", "jenis"),
    "indikator": ("sasaran", "indikator", "satuan", "target", "realisasi", "capaian"),
    "skor": ("jenis_skor", "komponen", "bobot", "nilai"),
    "anggaran": ("tingkat", "nama", "pagu", "realisasi_anggaran"),
}
CSV_COLUMNS = ("bagian", *dict.fromkeys(c for cols in SHEETS.values() for c in cols))

INSTRUCTIONS = (
    "Templat isian kinerja kecamatan",
    "",
    "Gunakan templat ini bila tidak ada dokumen PK/LKjIP yang dapat dimuat (misalnya tahun lama).",
    "1. Lembar 'identitas': satu baris — nama kecamatan dan kabupaten/kota sesuai daftar Kemendagri,",
    "   tahun kinerja (4 angka) dan jenis dokumen (PK, PK_PERUBAHAN atau LKJIP).",
    "2. Lembar 'indikator': satu baris per indikator. Target, realisasi dan capaian (%) ditulis seperti",
    "   tercetak di dokumen (contoh 72,50 atau 101,25). Realisasi dan capaian boleh kosong untuk PK.",
    "3. Lembar 'skor': IKM, SAKIP atau KEMATANGAN. Baris tanpa komponen = nilai akhir;",
    "   baris dengan komponen = rincian (bobot dan nilai komponen).",
    "4. Lembar 'anggaran': tingkat (program, kegiatan, sub_kegiatan), nama, pagu dan realisasi (Rupiah).",
    "",
    "Muat dengan: python -m etl load berkas.xlsx  — setiap sel yang salah dilaporkan (lembar, sel,",
    "apa yang diharapkan) dan berkas tidak dimuat sama sekali sampai semua sel benar.",
)


def _col_letter(i: int) -> str:
    return chr(ord("A") + i)


def prefill_rows(doc: Dokumen) -> dict[str, list[list[str]]]:
    """What a document already gave, as template rows (values as printed), so that staff complete
    a partly read document instead of typing it again (``python -m etl template --dari``)."""
    own = own_unit(doc)
    rows: dict[str, list[list[str]]] = {name: [] for name in SHEETS}
    rows["identitas"].append([doc.kecamatan or "", doc.kabupaten or "", str(doc.tahun), doc.jenis])
    current = [r for r in doc.realisasi if not r.riwayat and r.unit_kerja == own]
    if current:
        for r in current:
            rows["indikator"].append(
                [r.sasaran or "", r.indikator, r.satuan or "", r.target_teks or "", r.realisasi_teks or "", r.capaian_teks or ""]
            )
    else:
        for t in doc.target:
            if t.unit_kerja == own:
                rows["indikator"].append([t.sasaran or "", t.indikator, t.satuan or "", t.target_teks or "", "", ""])
    for sk in doc.skor:
        if sk.tahun == doc.tahun and sk.sumber in ("realisasi", "kalimat"):
            rows["skor"].append([sk.jenis, "", "", sk.nilai_teks])
    for a in doc.anggaran:
        if a.peran == "baris" and a.unit_kerja == own:
            rows["anggaran"].append([a.tingkat, a.nama, a.pagu_teks or "", a.realisasi_teks or ""])
    return rows


def template_xlsx(prefill: dict[str, list[list[str]]] | None = None) -> bytes:
    """The XLSX template (with instructions and drop-down lists) as bytes, empty or pre-filled
    with :func:`prefill_rows`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = "petunjuk"
    for k, text in enumerate(INSTRUCTIONS, start=1):
        info.cell(row=k, column=1, value=text)
    info["A1"].font = Font(bold=True, size=13)
    info.column_dimensions["A"].width = 100
    lists = {
        "jenis": JENIS_DOKUMEN,
        "jenis_skor": JENIS_SKOR,
        "tingkat": TINGKAT_ANGGARAN,
    }
    for name, columns in SHEETS.items():
        ws = wb.create_sheet(name)
        for i, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=i, value=col)
            cell.font = Font(bold=True)
            ws.column_dimensions[_col_letter(i - 1)].width = 45 if col in ("sasaran", "indikator", "nama") else 16
            letter = _col_letter(i - 1)
            if col in lists:
                dv = DataValidation(type="list", formula1='"' + ",".join(lists[col]) + '"', allow_blank=True)
                dv.error, dv.errorTitle = f"Pilih salah satu: {', '.join(lists[col])}", "Nilai tidak dikenal"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}1000")
            elif col == "tahun":
                dv = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100")
                dv.error, dv.errorTitle = "Tahun ditulis 4 angka, misalnya 2024", "Tahun tidak sah"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}2")
        for r, values in enumerate((prefill or {}).get(name, []), start=2):
            for i, value in enumerate(values, start=1):
                if value:
                    ws.cell(row=r, column=i, value=value)
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_csv() -> bytes:
    """The CSV form of the template: a header and one example-free row per sheet as a guide."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for name in SHEETS:
        w.writerow([name] + [""] * (len(CSV_COLUMNS) - 1))
    return buf.getvalue().encode("utf-8")


# --- reading -----------------------------------------------------------------------------------


@dataclass
class Cell:
    sheet: str
    ref: str  # "B5" (xlsx) or "baris 5, kolom target" (csv)
    raw: str  # as typed, text


@dataclass
class Row:
    sheet: str
    row: int
    cells: dict[str, Cell]

    def text(self, col: str) -> str:
        c = self.cells.get(col)
        return c.raw.strip() if c else ""


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}".replace(".", ",")  # a number typed in Excel, written the Indonesian way
    return str(value)


def _rows_xlsx(path: Path) -> tuple[list[Row], list[str]]:
    """The filled rows of every sheet, read as a stream: a sheet whose dimension declares more
    than :data:`etl.limits.TEMPLATE_MAX_ROWS` rows is refused before any row is read, and reading
    stops at the first row beyond it (a sheet without a dimension); only the template's columns
    of a row are kept."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise DocumentError(str(path), None, f"berkas Excel tidak dapat dibuka ({type(exc).__name__})") from exc
    rows: list[Row] = []
    problems: list[str] = []
    try:
        for name, columns in SHEETS.items():
            if name not in wb.sheetnames:
                problems.append(f"lembar '{name}' tidak ada (unduh templat baru: python -m etl template)")
                continue
            ws = wb[name]
            limits.check_template_rows(path, name, ws.max_row or 0)
            ws.reset_dimensions()  # rows as the sheet holds them, never padded to a declared size
            stream = ws.iter_rows(values_only=True)  # type: ignore[call-arg]
            first = next(stream, ())
            header = [fold(_as_text(v)).replace(" ", "_") for v in first]
            index = {}
            for col in columns:
                if col in header:
                    index[col] = header.index(col)
                else:
                    problems.append(f"lembar '{name}', baris 1: kolom '{col}' tidak ada")
            for r, vals in enumerate(stream, start=2):
                limits.check_template_rows(path, name, r, reading=True)
                cells = {
                    col: Cell(name, f"{_col_letter(i)}{r}", _as_text(vals[i] if i < len(vals) else None))
                    for col, i in index.items()
                }
                if any(c.raw.strip() for c in cells.values()):
                    rows.append(Row(name, r, cells))
    finally:
        wb.close()
    return rows, problems


def _rows_csv(path: Path) -> tuple[list[Row], list[str]]:
    from etl.read.text import decode

    text = decode(path.read_bytes(), str(path))
    limits.check_text_lines(path, text)
    try:
        return _csv_rows(path, text)
    except csv.Error as exc:  # a quoted cell that never ends, a cell of more than 128 kB
        raise DocumentError(str(path), None, f"berkas CSV rusak ({exc}): simpan ulang dari aplikasi lembar kerja") from exc


def _csv_rows(path: Path, text: str) -> tuple[list[Row], list[str]]:
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = [fold(h).replace(" ", "_") for h in next(reader, [])]
    problems = [f"baris 1: kolom '{c}' tidak ada" for c in CSV_COLUMNS if c not in header]
    rows: list[Row] = []
    if problems:
        return rows, problems
    for r, vals in enumerate(reader, start=2):
        limits.check_template_rows(path, "CSV", r, reading=True)
        bagian = fold(vals[header.index("bagian")]) if len(vals) > header.index("bagian") else ""
        if not any(v.strip() for k, v in enumerate(vals) if k != header.index("bagian")):
            continue
        if bagian not in SHEETS:
            problems.append(f"baris {r}, kolom bagian: harus salah satu dari {', '.join(SHEETS)}, tertulis '{bagian}'")
            continue
        cells = {}
        for col in SHEETS[bagian]:
            i = header.index(col)
            cells[col] = Cell(bagian, f"baris {r}, kolom {col}", vals[i] if i < len(vals) else "")
        rows.append(Row(bagian, r, cells))
    return rows, problems


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def bad(self, cell: Cell, expected: str) -> None:
        where = f"lembar '{cell.sheet}', sel {cell.ref}" if not cell.ref.startswith("baris") else f"{cell.ref} ({cell.sheet})"
        typed = f", tertulis '{cell.raw.strip()}'" if cell.raw.strip() else ", kosong"
        self.problems.append(f"{where}: {expected}{typed}")

    def number(self, row: Row, col: str, *, required: bool) -> tuple[float | None, str | None]:
        raw = row.text(col)
        if not raw:
            if required:
                self.bad(row.cells[col], "harus diisi angka")
            return None, None
        value = parse_decimal(raw)
        if value is None:
            self.bad(row.cells[col], "harus angka (contoh 72,50 atau 1.250.000)")
        return value, raw

    def choice(self, row: Row, col: str, options: tuple[str, ...]) -> str | None:
        raw = row.text(col)
        hit = next((o for o in options if fold(o) == fold(raw)), None)
        if hit is None:
            self.bad(row.cells[col], f"harus salah satu dari {', '.join(options)}")
        return hit

    def required(self, row: Row, col: str) -> str:
        raw = row.text(col)
        if not raw:
            self.bad(row.cells[col], "harus diisi")
        return raw


def read_template(path: Path, fmt: str) -> Dokumen:
    """A filled template → a checked Dokumen; any bad cell refuses the whole file."""
    rows, problems = _rows_xlsx(path) if fmt == "xlsx" else _rows_csv(path)
    check = _Checker()
    check.problems.extend(problems)
    by_sheet: dict[str, list[Row]] = {name: [r for r in rows if r.sheet == name] for name in SHEETS}
    lines: list[Line] = []
    line_of: dict[tuple[str, int], int] = {}
    for page, name in enumerate(SHEETS, start=1):
        for r in by_sheet[name]:
            text = f"{name}!{r.row}: " + " | ".join(r.text(c) for c in SHEETS[name])
            lines.append(Line(no=len(lines) + 1, text=text, halaman=page, cara_baca=CARA_BACA))
            line_of[(name, r.row)] = len(lines)

    ident = by_sheet["identitas"]
    place = None
    tahun = 0
    jenis = "LKJIP"
    if len(ident) != 1:
        check.problems.append(f"lembar 'identitas': harus tepat satu baris isian, ada {len(ident)}")
    else:
        r = ident[0]
        kec, kab = check.required(r, "kecamatan"), check.required(r, "kabupaten")
        year, _ = check.number(r, "tahun", required=True)
        if year is not None and (year != int(year) or not 2000 <= year <= 2100):
            check.bad(r.cells["tahun"], "harus tahun 4 angka antara 2000 dan 2100")
        tahun = int(year) if year is not None and year == int(year) else 0
        jenis = check.choice(r, "jenis", JENIS_DOKUMEN) or jenis
        if kec and kab:
            w = wilayah()
            kab_key = fold(kab).removeprefix("kabupaten ").removeprefix("kab ").removeprefix("kota ")
            # "Kota Bogor" and "Kabupaten Bogor" are two places: a prefix written decides between them
            jenis_kab = "Kota" if fold(kab).startswith("kota ") else "Kabupaten" if kab_key != fold(kab) else None
            place = next(
                (
                    k
                    for k in w.by_kecamatan.get(fold(kec), ())
                    if fold(k.kabupaten) == kab_key and jenis_kab in (None, k.jenis_daerah)
                ),
                None,
            )
            if place is None:
                check.bad(r.cells["kecamatan"], f"kecamatan '{kec}' di '{kab}' tidak ada dalam daftar Kemendagri")

    doc = Dokumen(
        nama_file=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        jenis=jenis,
        kode_kecamatan=place.kode if place else None,
        provinsi=place.provinsi if place else None,
        kabupaten=place.kabupaten if place else None,
        kecamatan=place.nama if place else None,
        perangkat_daerah=f"Kecamatan {place.nama}" if place else None,
        kode_kabupaten=place.kode_kabupaten if place else None,
        kode_provinsi=place.kode_provinsi if place else None,
        tahun=tahun,
        format=fmt,
        jumlah_baris=len(lines),
        lines=lines,
    )
    jenis_pk = jenis if jenis in ("PK", "PK_PERUBAHAN") else None
    for r in by_sheet["indikator"]:
        no = line_of[(r.sheet, r.row)]
        indikator = check.required(r, "indikator")
        target, target_teks = check.number(r, "target", required=True)
        realisasi, realisasi_teks = check.number(r, "realisasi", required=False)
        reported, capaian_teks = check.number(r, "capaian", required=False)
        sasaran, satuan = r.text("sasaran") or None, r.text("satuan") or None
        polar = rules.polarity_hint(indikator)
        key = kunci(indikator)
        doc.target.append(
            Target(
                urutan=len(doc.target) + 1,
                jenis_pk=jenis_pk or "PK",
                bagian="perjanjian" if jenis_pk else BAGIAN,
                unit_kerja=UNIT_KECAMATAN,
                tingkat="sasaran_strategis",
                sasaran=sasaran,
                indikator=indikator,
                kunci=key,
                satuan=satuan,
                target=target,
                target_teks=target_teks,
                predikat_target=None,
                tipe_perhitungan=None,
                formulasi=None,
                sumber_data=None,
                polaritas=polar,
                sumber_baris=no,
            )
        )
        if realisasi is None and reported is None:
            continue
        formula = rules.formula_polaritas(polar)
        computed = rules.capaian(target, realisasi, formula)
        doc.realisasi.append(
            Realisasi(
                urutan=len(doc.realisasi) + 1,
                bagian=BAGIAN,
                unit_kerja=UNIT_KECAMATAN,
                tahun=tahun,
                sasaran=sasaran,
                indikator=indikator,
                kunci=key,
                satuan=satuan,
                target=target,
                target_teks=target_teks,
                realisasi=realisasi,
                realisasi_teks=realisasi_teks,
                capaian_dilaporkan=reported,
                capaian_teks=capaian_teks,
                capaian=computed,
                rumus_capaian=formula,
                rumus_terdeteksi=rules.detect_formula(target, realisasi, reported),
                predikat=rules.predikat_capaian(computed),
                kategori_dilaporkan=None,
                target_akhir=None,
                riwayat=False,
                sumber_baris=no,
            )
        )
    urutan: dict[str, int] = {}
    for r in by_sheet["skor"]:
        no = line_of[(r.sheet, r.row)]
        jenis_skor = check.choice(r, "jenis_skor", JENIS_SKOR)
        nilai, nilai_teks = check.number(r, "nilai", required=True)
        komponen = r.text("komponen")
        if jenis_skor is None or nilai is None:
            continue
        if not komponen:
            doc.skor.append(
                Skor(tahun, jenis_skor, nilai, nilai_teks or "", rules.kategori_skor(jenis_skor, nilai), None, "realisasi", no)
            )
            continue
        bobot, _ = check.number(r, "bobot", required=False)
        urutan[jenis_skor] = urutan.get(jenis_skor, 0) + 1
        doc.komponen.append(
            Komponen(
                tahun, jenis_skor, urutan[jenis_skor], komponen, komponen, None, "komponen", bobot, nilai, nilai_teks, None, no
            )
        )
    for r in by_sheet["anggaran"]:
        no = line_of[(r.sheet, r.row)]
        tingkat = check.choice(r, "tingkat", TINGKAT_ANGGARAN)
        nama = check.required(r, "nama")
        pagu, pagu_teks = check.number(r, "pagu", required=True)
        real, real_teks = check.number(r, "realisasi_anggaran", required=False)
        doc.anggaran.append(
            Anggaran(
                urutan=len(doc.anggaran) + 1,
                jenis_pk=jenis_pk,
                bagian=BAGIAN,
                unit_kerja=UNIT_KECAMATAN,
                tahap="perubahan" if jenis == "PK_PERUBAHAN" else "murni",
                tingkat=tingkat or "program",
                peran="baris",
                nama=nama,
                induk_urutan=None,
                pagu=pagu,
                pagu_teks=pagu_teks,
                realisasi=real,
                realisasi_teks=real_teks,
                persen_dilaporkan=None,
                persen_teks=None,
                sumber_dana=None,
                sumber_baris=no,
            )
        )
    if check.problems:
        listing = "\n".join(f"  - {p}" for p in check.problems)
        raise DocumentError(
            str(path), None, f"templat ditolak, tidak ada yang dimuat ({len(check.problems)} sel perlu diperbaiki):\n{listing}"
        )
    return doc
