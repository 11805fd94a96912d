"""read → segment → tables → facts: everything the ETL knows about one document."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from etl import evidence
from etl.documents import laporan_kinerja as lk
from etl.documents import pejabat, pernyataan, survei, triwulan
from etl.documents import perjanjian_kinerja as pk
from etl.documents.kalimat import scores_from_sentences
from etl.header import (
    Block,
    agreement_blocks,
    document_date,
    document_kind,
    document_year,
    fill_parties,
    renstra_period,
)
from etl.indicators import UNIT_KECAMATAN, UNIT_PERANGKAT_DAERAH
from etl.layout import interleave
from etl.model import Catatan, DocumentError, Dokumen, Line, Perjanjian, RealisasiTriwulan, Skor
from etl.numbers import implausible_amount
from etl.read import TEMPLATE_FORMATS, ocr_numbers, read_lines, sniff
from etl.read.text import damaged
from etl.reference import wilayah
from etl.review.finding import Temuan, angka
from etl.tables import Table, find_tables
from etl.template import read_template
from etl.text import fold
from etl.unit import resolve_unit, zones
from etl.unread import note_unread

PARSER_VERSION = (
    "8"  # 2: header words split ("Tota l"); 3: unit as evidence, any perangkat daerah; 4: quarterly reports, labelled values;
    # 5: evidence decides capaian formula, predicate, budget stage and totals (etl/evidence.py);
    # 6: officials, statements and survey distributions as facts (core_pejabat, core_pernyataan, core_sebaran_survei)
    # 7: Kabupaten X and Kota X told apart by the document's wording; kode_provinsi stored (issue 16)
    # 8: values outside every table read said (etl/unread.py); 'Tahun Anggaran' no budget column
)
_SKOR_PRIORITY = {"realisasi": 0, "komponen": 1, "riwayat": 2, "kalimat": 3}


def extract_documents(path: Path, kabupaten: str | None = None) -> list[Dokumen]:
    """Every document in a file: one, or one per unit where a file reports on several (a kota's
    quarterly realisation report). ``kabupaten`` narrows an ambiguous set of kecamatan names."""
    fmt = sniff(path)
    if fmt in TEMPLATE_FORMATS:  # a filled spreadsheet template: facts without parsing text
        return [read_template(path, fmt)]
    lines, fmt = read_lines(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    if triwulan.is_quarterly_report(lines):
        return quarterly_documents(lines, path.name, sha, fmt, str(path), kabupaten)
    return [extract_lines(lines, path.name, sha, fmt, str(path))]


def extract_file(path: Path) -> Dokumen:
    """The document of a file that holds one (a PK, PK Perubahan, LKjIP or template)."""
    docs = extract_documents(path)
    if len(docs) != 1:
        raise DocumentError(str(path), None, f"berkas memuat {len(docs)} unit; baca dengan extract_documents")
    return docs[0]


def quarterly_documents(
    lines: list[Line], nama_file: str, sha256: str, fmt: str, where: str, kabupaten: str | None = None
) -> list[Dokumen]:
    """A quarterly realisation report → one document per kecamatan it covers. The kabupaten/kota is
    the only one holding every kecamatan named (the form prints neither kota nor provinsi)."""
    report = triwulan.extract_quarterly(lines)
    if report.tahun is None:
        raise DocumentError(where, 1, "tahun laporan triwulan tidak ditemukan ('Triwulan I - IV Tahun …')")
    if not report.unit_kerja:
        raise DocumentError(where, 1, "laporan triwulan tanpa baris kecamatan ('KECAMATAN X' atau kolom 'Kec. X')")
    places = triwulan.resolve_kabupaten(report.unit_kerja, kabupaten)
    names = ", ".join(report.unit_kerja)
    if not places:
        raise DocumentError(where, None, f"tidak ada kabupaten/kota yang memuat semua kecamatan ini: {names}")
    if len(places) > 1:
        options = "; ".join(f"{p.jenis_daerah} {p.kabupaten} ({p.provinsi})" for p in places[:6])
        raise DocumentError(where, None, f"kecamatan {names} ada di beberapa kabupaten/kota ({options}): beri --kabupaten")
    place = places[0]
    w = wilayah()
    findings = triwulan.check_quarterly(report)
    docs = []
    for unit in report.unit_kerja:
        kec = next(
            k
            for k in w.by_kecamatan[fold(unit)]
            if (k.kabupaten, k.jenis_daerah, k.provinsi) == (place.kabupaten, place.jenis_daerah, place.provinsi)
        )
        doc = Dokumen(
            nama_file=nama_file,
            sha256=sha256,
            jenis="REALISASI_TRIWULAN",
            kode_kecamatan=kec.kode,
            provinsi=kec.provinsi,
            kabupaten=kec.kabupaten,
            kecamatan=kec.nama,
            tahun=report.tahun,
            format=fmt,
            jumlah_baris=len(lines),
            perangkat_daerah=f"Kecamatan {kec.nama}",
            kode_kabupaten=kec.kode_kabupaten,
            kode_provinsi=kec.kode_provinsi,
            lines=lines,
            id_unit=kec.kode,
        )
        doc.realisasi_triwulan = [
            RealisasiTriwulan(**{k: v for k, v in r.items() if k != "sumber_halaman"})  # type: ignore[arg-type]
            for r in triwulan.realisasi_records(report)
            if r["unit_kerja"] == unit
        ]
        doc.temuan_bawaan = [_quarter_finding(t) for t in findings if t.unit_kerja == unit]
        if not doc.realisasi_triwulan:
            doc.catatan.append(Catatan(1, "peringatan", f"tidak ada angka realisasi triwulan untuk Kecamatan {kec.nama}"))
        docs.append(doc)
    for note in report.catatan:
        docs[0].catatan.append(Catatan(1, "info", note))
    _note_implausible(docs[0])
    return docs


def _quarter_finding(t: triwulan.Temuan) -> Temuan:
    """A finding of the quarterly report's own arithmetic as a row of the review."""
    return Temuan(
        kode=f"triwulan_{t.jenis}",
        tingkat=t.tingkat,
        pesan=t.pesan,
        nilai_tertulis=None if t.angka_tertulis is None else angka(t.angka_tertulis, 0),
        nilai_hitung=None if t.angka_hitung is None else angka(t.angka_hitung, 0),
        sumber_baris=t.sumber_baris,
        baris_terkait=tuple(t.baris_terkait),
        kategori="triwulan",
        angka_tertulis=t.angka_tertulis,
        angka_hitung=t.angka_hitung,
    )


def extract_lines(lines: list[Line], nama_file: str, sha256: str, fmt: str, where: str) -> Dokumen:
    blocks = agreement_blocks(lines)
    zone_of = zones(lines, [b.start for b in blocks])
    title = [i for i, z in enumerate(zone_of) if z == "judul"]
    kind = document_kind(lines, blocks, where, title)
    unit = resolve_unit(lines, zone_of, where)
    own = UNIT_KECAMATAN if unit.is_kecamatan else UNIT_PERANGKAT_DAERAH
    for b in blocks:
        fill_parties(b, lines, unit.kecamatan.nama if unit.kecamatan else None, own)
    tahun = document_year(lines, kind, blocks, where, title)
    tanggal, tanggal_teks = document_date(lines, kind, blocks)
    renstra = renstra_period(lines)
    main = next((b for b in blocks if b.unit_kerja == own), blocks[0] if blocks else None)
    doc = Dokumen(
        nama_file=nama_file,
        sha256=sha256,
        jenis=kind,
        kode_kecamatan=unit.kecamatan.kode if unit.kecamatan else None,
        provinsi=unit.provinsi,
        kabupaten=unit.kabupaten.nama if unit.kabupaten else None,
        kecamatan=unit.kecamatan.nama if unit.kecamatan else None,
        perangkat_daerah=unit.perangkat_daerah,
        kode_kabupaten=unit.kabupaten.kode if unit.kabupaten else None,
        kode_provinsi=unit.kode_provinsi,
        tahun=tahun,
        tanggal=tanggal,
        tanggal_teks=tanggal_teks,
        pihak_pertama=main.pihak_pertama if main else None,
        jabatan_pihak_pertama=main.jabatan_pihak_pertama if main else None,
        pihak_kedua=main.pihak_kedua if main else None,
        jabatan_pihak_kedua=main.jabatan_pihak_kedua if main else None,
        renstra_awal=renstra[0] if renstra else None,
        renstra_akhir=renstra[1] if renstra else None,
        format=fmt,
        jumlah_baris=len(lines),
        lines=lines,
    )
    doc.catatan.extend(Catatan(line, "peringatan", message) for line, message in unit.warnings)
    for k, b in enumerate(blocks, start=1):
        doc.perjanjian.append(
            Perjanjian(
                k,
                b.jenis_pk,
                b.unit_kerja,
                b.pihak_pertama,
                b.jabatan_pihak_pertama,
                b.pihak_kedua,
                b.jabatan_pihak_kedua,
                b.tanggal,
                b.tanggal_teks,
                lines[b.start].no,
                lines[b.end - 1].no,
            )
        )
    front_end = blocks[0].start if blocks else len(lines)
    phrases = interleave.prose_pairs(lines) if blocks else None  # each part's tables see the whole text's phrases
    front_tables = find_tables(lines[:front_end], phrases)
    has_perubahan = any(b.jenis_pk == "PK_PERUBAHAN" for b in blocks) or any("perubahan" in fold(t.caption) for t in front_tables)
    _extract_region(doc, front_tables, None, has_perubahan, own)
    doc.tabel.extend(front_tables)
    for b in blocks:
        tables = find_tables(lines[b.start : b.end], phrases)
        _extract_region(doc, tables, b, has_perubahan, own)
        doc.tabel.extend(tables)
    doc.skor.extend(lk.scores_from_realisasi(doc.realisasi, own))
    if kind == "LKJIP":  # a report states achieved scores in its text; an agreement states targets
        doc.skor.extend(scores_from_sentences(lines, ("kabupaten", "provinsi", "kota") if unit.is_kecamatan else ()))
    doc.skor = _dedupe_scores(doc.skor)
    evidence.settle(doc)  # evidence over guesses: formula, predicate, budget stage and totals
    _check_coverage(doc, title)
    _note_ocr_doubts(doc)
    _note_implausible(doc)
    note_unread(doc)  # values outside every table read: said, never lost without a word
    # facts the review reads
    doc.pejabat, doc.pernyataan, doc.sebaran_survei = pejabat.extract(doc), pernyataan.extract(doc), survei.extract(doc)
    return doc


def _note_implausible(doc: Dokumen) -> None:
    """Text that cannot be trusted (bytes that were not UTF-8, mojibake) and numbers that cannot
    be right as printed (:func:`etl.numbers.implausible_amount`, never parsed as values): one
    peringatan per line, so nothing is loaded as garbage without a word."""
    by_line: dict[int, list[Catatan]] = {}
    for c in doc.catatan:
        by_line.setdefault(c.baris, []).append(c)
    for ln in doc.lines:
        if why := damaged(ln.text):
            doc.catatan.append(
                Catatan(ln.no, "peringatan", f"{why}: nama dan angka di baris ini perlu diperiksa pada dokumen aslinya")
            )
        for cell in ln.text.split("\t"):
            if not (why := implausible_amount(cell)):
                continue
            quoting = [c for c in by_line.get(ln.no, []) if f"'{cell.strip()}'" in c.pesan]
            for c in quoting:  # a reader already said the value was not read: add why it cannot be one
                c.pesan += f" ({why})"
            if not quoting:
                doc.catatan.append(Catatan(ln.no, "peringatan", f"angka '{cell.strip()}' tidak dimuat sebagai nilai: {why}"))


def _note_ocr_doubts(doc: Dokumen) -> None:
    """A number OCR could not read for certain was kept as text (``⟦10046|100%⟧``, never a value):
    each is a catatan with its readings, so someone checks it against the paper."""
    for ln in doc.lines:
        for readings in ocr_numbers.doubts(ln.text):
            doc.catatan.append(
                Catatan(
                    ln.no,
                    "peringatan",
                    f"angka hasil OCR diragukan ({' / '.join(readings)}): tidak dimuat sebagai angka; periksa dokumen aslinya",
                )
            )


FILL_IN = "lengkapi dengan templat isian (python -m etl template)"


def _check_coverage(doc: Dokumen, title: list[int]) -> None:
    """What a document of its kind should hold, against what was read: a gap is a catatan, so a
    document never loads with its numbers silently missing."""
    line = doc.lines[title[0]].no if title else 1
    gaps: list[tuple[str, str]] = []
    if doc.jenis in ("PK", "PK_PERUBAHAN"):
        if not doc.target:
            gaps.append(("peringatan", "tabel target perjanjian tidak ditemukan"))
        if not doc.anggaran:
            gaps.append(("peringatan", "tabel anggaran program tidak ditemukan"))
    elif doc.jenis == "LKJIP":
        current = [r for r in doc.realisasi if not r.riwayat]
        if not current:
            gaps.append(("peringatan", "tabel target/realisasi/capaian tahun laporan tidak ditemukan"))
        elif all(r.capaian_dilaporkan is None for r in current):
            gaps.append(("info", "tabel realisasi tanpa kolom capaian: capaian dihitung, tidak ada yang tertulis"))
        if not doc.anggaran and not doc.anggaran_sasaran:
            gaps.append(("peringatan", "tabel anggaran (pagu dan realisasi) tidak ditemukan"))
        if not doc.skor:
            gaps.append(("info", "tidak ada nilai IKM, SAKIP atau Kematangan yang terbaca"))
    for tingkat, what in gaps:
        tail = f" — {FILL_IN}" if tingkat == "peringatan" else ""
        doc.catatan.append(Catatan(line, tingkat, f"{what}{tail}"))


def _context(table: Table, block: Block | None, has_perubahan: bool, own: str) -> pk.Context:
    cap = fold(table.caption)
    if block is not None:
        return pk.Context(
            block.jenis_pk, block.unit_kerja, "perubahan" if block.jenis_pk == "PK_PERUBAHAN" else "murni", "perjanjian"
        )
    jenis = (
        "PK_PERUBAHAN"
        if "perjanjian kinerja perubahan" in cap or ("perjanjian kinerja" in cap and "perubahan" in cap)
        else ("PK" if "perjanjian kinerja" in cap else None)
    )
    realisasi = table.col("realisasi") is not None
    tahap = "perubahan" if "perubahan" in cap or "perubhn" in cap or (realisasi and has_perubahan) else "murni"
    return pk.Context(jenis, own, tahap, table.caption[:200] or "laporan")


def _facts(doc: Dokumen) -> int:
    return (
        len(doc.target) + len(doc.anggaran) + len(doc.anggaran_sasaran) + len(doc.realisasi) + len(doc.komponen) + len(doc.skor)
    )


def _extract_region(doc: Dokumen, tables: list[Table], block: Block | None, has_perubahan: bool, own: str) -> None:
    for t in tables:
        doc.catatan.extend(Catatan(line, "peringatan", why) for line, why in t.notes)
        before, notes_before = _facts(doc), len(doc.catatan)
        _extract_table(doc, t, _context(t, block, has_perubahan, own))
        if (
            t.kind not in (None, "skala", "ikm_sebaran", *UNUSED_KINDS)
            and _facts(doc) == before
            and len(doc.catatan) == notes_before
        ):
            _note_unused(
                doc, t, f"tabel dikenali sebagai {KIND_NAMES.get(t.kind or '', t.kind)} tetapi tidak ada angka yang terbaca"
            )


KIND_NAMES = {
    "target": "tabel target",
    "anggaran": "tabel anggaran",
    "realisasi": "tabel realisasi/capaian",
    "efisiensi": "tabel efisiensi anggaran",
    "sakip_komponen": "tabel komponen SAKIP",
    "ikm_unsur": "tabel unsur IKM",
    "kematangan": "tabel kematangan",
}


def _extract_table(doc: Dokumen, t: Table, ctx: pk.Context) -> None:
    if t.kind is None or t.kind in UNUSED_KINDS:
        _note_unused(doc, t)
    elif t.kind == "target":
        doc.target.extend(pk.extract_targets(t, ctx, len(doc.target) + 1, doc.catatan))
    elif t.kind == "anggaran":
        if lk.is_sasaran_budget(t):
            doc.anggaran_sasaran.extend(lk.extract_anggaran_sasaran(t, len(doc.anggaran_sasaran) + 1))
        else:
            doc.anggaran.extend(pk.extract_budget(t, ctx, len(doc.anggaran) + 1, doc.catatan))
    elif t.kind == "realisasi":
        doc.realisasi.extend(lk.extract_realisasi(t, doc.tahun, ctx.unit_kerja, len(doc.realisasi) + 1, doc.catatan))
    elif t.kind == "efisiensi":
        doc.anggaran_sasaran.extend(lk.extract_anggaran_sasaran(t, len(doc.anggaran_sasaran) + 1))
    elif t.kind in ("sakip_komponen", "ikm_unsur", "kematangan"):
        reader = {"sakip_komponen": lk.extract_sakip, "ikm_unsur": lk.extract_ikm_unsur, "kematangan": lk.extract_kematangan}[
            t.kind
        ]
        komponen, skor = reader(t, doc.tahun, doc.catatan)
        doc.komponen.extend(komponen)
        doc.skor.extend(skor)


UNUSED_KINDS = {
    "rencana_aksi": "tabel rencana aksi (target per bulan/triwulan) tidak dimuat sebagai target perjanjian",
}


def _note_unused(doc: Dokumen, table: Table, what: str | None = None) -> None:
    """A table the extractors do not read, or read without a single fact, is said when it holds
    numbers: nothing is lost silently."""
    printed = [
        c
        for r in table.rows
        for c in (r.cells if r.cells else r.fragments)
        if c and _PRINTED_VALUE.match(c.strip()) and not _ROW_MARK.match(c.strip())
    ]
    if not printed:
        return
    what = what or UNUSED_KINDS.get(table.kind or "", "tabel berisi angka dengan kolom yang tidak dikenali tidak dimuat")
    caption = f" '{table.caption[:80]}'" if table.caption else ""
    columns = ", ".join(c for c in table.columns if c)[:120]
    shown = ", ".join(repr(c[:40]) for c in printed[:UNUSED_SHOWN]) + (" …" if len(printed) > UNUSED_SHOWN else "")
    doc.catatan.append(
        Catatan(
            table.header_line,
            "peringatan",
            f"{what}: tabel{caption} (kolom: {columns}; {len(printed)} angka: {shown})",
        )
    )


UNUSED_SHOWN = 8  # values a catatan on an unread table names
# a cell holding one value, with its unit or currency: '82', '95,5 %', '2 Dok', 'Rp 283.000.000,00'
_ROW_MARK = re.compile(r"^\d{1,3}[.)]$")  # '1.': a row's number, no value
_PRINTED_VALUE = re.compile(r"^(?:rp\.?\s*)?[-+]?\d[\d.,]*(?:,-|\.-)?\s*(?:%|[A-Za-z][A-Za-z/.]{0,14})?$", re.IGNORECASE)


def _dedupe_scores(scores: list[Skor]) -> list[Skor]:
    """One observation per (year, kind, value) within a document; differing values all stay."""
    seen: set[tuple[int, str, float]] = set()
    out = []
    for s in sorted(scores, key=lambda s: (_SKOR_PRIORITY.get(s.sumber, 9), s.sumber_baris)):
        key = (s.tahun, s.jenis, round(s.nilai, 4))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return sorted(out, key=lambda s: (s.jenis, s.tahun, s.sumber_baris))
