"""read → segment → tables → facts: everything the ETL knows about one document."""

from __future__ import annotations

import hashlib
from pathlib import Path

from etl.documents import laporan_kinerja as lk
from etl.documents import perjanjian_kinerja as pk
from etl.header import (
    Block,
    agreement_blocks,
    document_date,
    document_kind,
    document_year,
    fill_parties,
    renstra_period,
    resolve_place,
)
from etl.indicators import UNIT_KECAMATAN
from etl.model import Dokumen, Line, Perjanjian, Skor
from etl.read import TEMPLATE_FORMATS, read_lines, sniff
from etl.tables import Table, find_tables
from etl.template import read_template
from etl.text import fold

PARSER_VERSION = "2"  # 2: header words split by a converter ("Tota l")
_SKOR_PRIORITY = {"realisasi": 0, "komponen": 1, "riwayat": 2}


def extract_file(path: Path) -> Dokumen:
    fmt = sniff(path)
    if fmt in TEMPLATE_FORMATS:  # a filled spreadsheet template: facts without parsing text
        return read_template(path, fmt)
    lines, fmt = read_lines(path)
    return extract_lines(lines, path.name, hashlib.sha256(path.read_bytes()).hexdigest(), fmt, str(path))


def extract_lines(lines: list[Line], nama_file: str, sha256: str, fmt: str, where: str) -> Dokumen:
    blocks = agreement_blocks(lines)
    kind = document_kind(lines, blocks, where)
    place = resolve_place(lines, where)
    for b in blocks:
        fill_parties(b, lines, place.nama)
    tahun = document_year(lines, kind, blocks, where)
    tanggal, tanggal_teks = document_date(lines, kind, blocks)
    renstra = renstra_period(lines)
    main = next((b for b in blocks if b.unit_kerja == UNIT_KECAMATAN), blocks[0] if blocks else None)
    doc = Dokumen(
        nama_file=nama_file,
        sha256=sha256,
        jenis=kind,
        kode_kecamatan=place.kode,
        provinsi=place.provinsi,
        kabupaten=place.kabupaten,
        kecamatan=place.nama,
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
    front_tables = find_tables(lines[:front_end])
    has_perubahan = any(b.jenis_pk == "PK_PERUBAHAN" for b in blocks) or any("perubahan" in fold(t.caption) for t in front_tables)
    _extract_region(doc, front_tables, None, has_perubahan)
    doc.tabel.extend(front_tables)
    for b in blocks:
        tables = find_tables(lines[b.start : b.end])
        _extract_region(doc, tables, b, has_perubahan)
        doc.tabel.extend(tables)
    doc.skor.extend(lk.scores_from_realisasi(doc.realisasi, UNIT_KECAMATAN))
    doc.skor = _dedupe_scores(doc.skor)
    return doc


def _context(table: Table, block: Block | None, has_perubahan: bool) -> pk.Context:
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
    return pk.Context(jenis, UNIT_KECAMATAN, tahap, table.caption[:200] or "laporan")


def _extract_region(doc: Dokumen, tables: list[Table], block: Block | None, has_perubahan: bool) -> None:
    for t in tables:
        ctx = _context(t, block, has_perubahan)
        if t.kind == "target":
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
