"""Canonical indicator keys (IKM, SAKIP, KEMATANGAN), component names and unit names.

Keys are recognised from wording, whatever the document calls them: "Indeks Kepuasan Masyarakat
(IKM) Kecamatan", "Indekskepuasan masyarakat", "Nilai Evaluasi SAKIP Hasil Evaluasi Internal
Inspektorat", "Implementasi Nilai SAKIP", "Nilai Kematanganan Perangkat Daerah". An indicator that
*counts or measures something about* a score ("Persentase dokumen SAKIP yang tersusun") is not
the score itself and gets no key.
"""

from __future__ import annotations

import re

from etl import rules
from etl.text import fold, title_name

_NOT_A_SCORE = re.compile(r"^(persentase|prosentase|presentase|jumlah|cakupan|tersusunnya|tingkat ketepatan)\b")


def kunci(indikator: str) -> str | None:
    f = fold(indikator)
    if not f or _NOT_A_SCORE.match(f):
        return None
    if re.search(r"indeks\s*kepuasan|kepuasan masyarakat|\bikm\b|\bskm\b", f.replace("indekskepuasan", "indeks kepuasan")):
        return "IKM"
    if re.search(r"\bsakip\b|\bakip\b|akuntabilitas kinerja", f):
        return "SAKIP"
    if re.search(r"kematangan", f):
        return "KEMATANGAN"
    return None


_IKM_KEYWORDS = (
    ("pengaduan", 7),
    ("masukan", 7),
    ("persyaratan", 0),
    ("prosedur", 1),
    ("mekanisme", 1),
    ("waktu", 2),
    ("biaya", 3),
    ("tarif", 3),
    ("produk", 4),
    ("spesifikasi", 4),
    ("kompetensi", 5),
    ("perilaku", 6),
    ("sarana", 8),
    ("prasarana", 8),
)


def ikm_unsur(name: str) -> int | None:
    """Index into rules.IKM_UNSUR for a printed unsur name (§2.3: map by name, not position)."""
    f = fold(name)
    for word, idx in _IKM_KEYWORDS:
        if word in f:
            return idx
    if f == "pelaksana":  # "Kompetensi Pelaksana" printed as just "Pelaksana"
        return 5
    return None


_KEMATANGAN_KEYWORDS = (
    ("perencanaan", 0),
    ("monitoring", 1),
    ("pengendalian", 1),
    ("mutu", 2),
    ("operasional prosedur", 3),
    ("sop", 3),
    ("pendidikan", 4),
    ("pelatihan", 4),
    ("diklat", 4),
    ("analisis kebijakan", 5),
    ("pemecahan masalah", 5),
    ("peralatan", 6),
    ("perlengkapan", 6),
    ("resiko", 7),
    ("risiko", 7),
    ("pengukuran kinerja", 8),
    ("inovasi", 9),
    ("budaya", 10),
)


def kematangan_variabel(name: str) -> int | None:
    f = fold(name)
    for word, idx in _KEMATANGAN_KEYWORDS:
        if re.search(rf"\b{word}\b", f):
            return idx
    return None


def sakip_komponen(name: str) -> rules.SakipComponent | None:
    f = fold(name)
    for comp in rules.SAKIP_COMPONENTS:
        if fold(comp.nama).split()[0] in f:
            return comp
    return None


def sakip_sub(label: str) -> int | None:
    f = fold(label)
    for i, word in enumerate(("keberadaan", "kualitas", "pemanfaatan")):
        if word in f:
            return i
    return None


UNIT_KECAMATAN = "Kecamatan"  # the document's own unit, when it is a kecamatan
UNIT_PERANGKAT_DAERAH = "Perangkat Daerah"  # the document's own unit, when it is a dinas, badan, biro …
OWN_UNITS = (UNIT_KECAMATAN, UNIT_PERANGKAT_DAERAH)


def own_unit(doc: object) -> str:
    """The unit_kerja label of a document's own rows: a kecamatan's, or another perangkat daerah's."""
    return UNIT_KECAMATAN if getattr(doc, "kode_kecamatan", None) or getattr(doc, "kecamatan", None) else UNIT_PERANGKAT_DAERAH


def unit_kerja(text: str | None, kecamatan: str | None = None, own: str = UNIT_KECAMATAN) -> str:
    """'KEPALA SUB BAGIAN PERENCANAAN DAN KEPEGAWAIAN' → 'Subbagian Perencanaan dan Kepegawaian';
    the head of the document's own unit (a camat, a kepala dinas) → ``own``."""
    if not text:
        return own
    f = fold(text)
    if kecamatan:
        f = re.sub(rf"\b(kecamatan\s+|kec\s+)?{re.escape(fold(kecamatan))}\b", " ", f).strip()
    f = re.sub(r"\s+", " ", f)
    if re.search(r"\bsek(retaris)?\s*(camat|kecamatan)\b|\bsekcam\b|\bsekretariat\b|\bsekretaris\b", f):
        return "Sekretariat"
    m = re.search(r"\b(?:kasubb?ag|kepala sub ?bb?agian|kasub bagian|sub ?bb?agian|kasubag)\b\s*(.*)", f)
    if m:
        return ("Subbagian " + title_name(m.group(1))).strip()
    m = re.search(r"\b(?:kasi|kepala s[ce]ksi|seksi)\b\s*(.*)", f)
    if m:
        return ("Seksi " + title_name(m.group(1))).strip()
    return own
