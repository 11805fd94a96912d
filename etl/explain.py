"""Why the ETL read a document as it did (``python -m etl load --jelaskan``): its identity with
the evidence, and for every table its place, its kind with the reason, each column's role, and
what came out of it. For the staff who check a load and for whoever adds a vocabulary row."""

from __future__ import annotations

from etl.documents.laporan_kinerja import column_metric
from etl.model import Dokumen
from etl.tables import Table, classify_with_reason
from etl.text import fold

# how a line was read (Line.cara_baca), in words
CARA_BACA = {
    "teks": "teks",
    "docx": "tabel dokumen Word",
    "pdf": "lapisan teks PDF",
    "ocr": "OCR halaman pindaian",
    "template": "templat isian",
}

NAME_ROLES = (
    ("indikator", "indikator"),
    ("sasaran", "sasaran"),
    ("tujuan", "sasaran"),
    ("program", "nama program/kegiatan"),
    ("kegiatan", "nama program/kegiatan"),
    ("uraian", "nama"),
    ("satuan", "satuan"),
    ("sumber dana", "sumber dana"),
    ("keterangan", "keterangan"),
    ("komponen", "komponen"),
    ("unsur", "unsur"),
    ("variabel", "variabel"),
    ("bobot", "bobot"),
)


def column_role(label: str, table: Table, tahun: int) -> str:
    """The role a column plays for the extractors, in words, with the rule that gave it."""
    f = fold(label)
    if table.kind == "anggaran" or "anggaran" in f or "pagu" in f:
        if "realisasi" in f:
            return "realisasi anggaran (kata 'realisasi' di kolom anggaran)"
        if "anggaran" in f or "pagu" in f:
            return f"pagu (kata '{'anggaran' if 'anggaran' in f else 'pagu'}')"
    if (m := column_metric(label, tahun)) is not None:
        role = f"{m.kind} {m.year}" if m.year else m.kind
        return f"{role} (judul kolom: ukuran{' dan tahun' if m.year else ''}, laporan_kinerja.column_metric)"
    for word, role in NAME_ROLES:
        if word in f:
            return f"{role} (kata '{word}')"
    return "tidak dipakai (tidak ada kata peran)" if f else "(kosong)"


def explain(doc: Dokumen) -> list[str]:
    out = [
        f"dokumen {doc.nama_file}: {doc.jenis} {doc.perangkat_daerah} "
        f"({', '.join(x for x in (doc.kabupaten, doc.provinsi) if x)}) tahun {doc.tahun}, format {doc.format}"
    ]
    facts = {
        "target": [r.sumber_baris for r in doc.target],
        "realisasi": [r.sumber_baris for r in doc.realisasi],
        "anggaran": [r.sumber_baris for r in doc.anggaran] + [r.sumber_baris for r in doc.anggaran_sasaran],
        "komponen": [r.sumber_baris for r in doc.komponen],
    }
    cara_baca = {ln.no: CARA_BACA.get(ln.cara_baca, ln.cara_baca) for ln in doc.lines if ln.cara_baca}
    for t in doc.tabel:
        lines = {t.header_line} | {n for r in t.rows for n in (*r.lines, *r.cell_lines)}
        got = {k: sum(1 for n in v if n in lines) for k, v in facts.items()}
        kind, why = classify_with_reason(t.columns, t.caption)
        out.append(f"  tabel baris {t.header_line}{f' ({t.caption[:70]})' if t.caption else ''}: jenis {kind or '—'} — {why}")
        if t.dibaca:
            read_from = cara_baca.get(t.header_line)
            out.append(f"      dibaca sebagai {t.dibaca}" + (f"; baris dari {read_from}" if read_from else ""))
        for label in t.columns:
            if label:
                out.append(f"      kolom '{label[:50]}': {column_role(label, t, doc.tahun)}")
        summary = ", ".join(f"{n} {k}" for k, n in got.items() if n) or "tidak ada fakta"
        out.append(f"      {len(t.rows)} baris → {summary}")
    for c in doc.catatan:
        out.append(f"  catatan baris {c.baris} [{c.tingkat}]: {c.pesan}")
    return out
