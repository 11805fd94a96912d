"""What a document is and whose it is: kind, year, kecamatan, kabupaten, agreements and parties.

Nothing here knows a particular kecamatan: places are resolved against the national reference
list, years and kinds against the wording every PK and LKjIP uses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from etl.indicators import UNIT_KECAMATAN, unit_kerja
from etl.model import DocumentError, Line
from etl.reference import Kecamatan, longest_name, wilayah
from etl.text import MONTHS, clean_cell, clean_line, fold

_PK_TITLE = re.compile(r"perjanjian\s+kinerja", re.IGNORECASE)
_AGREEMENT_OPENING = re.compile(r"^\s*(?:dalam\s+rangka\s+mewujudkan|nama\s*:)", re.IGNORECASE)
_LKJIP_TITLE = re.compile(r"laporan\s+(?:akuntabilitas\s+)?kinerja|\blkjip\b|\blakip\b", re.IGNORECASE)
_DATE = re.compile(
    r"(?P<place>[A-Z][A-Za-z .'-]{2,40}),\s+(?P<day>\d{1,2}\s+)?(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
_REGULATION_YEAR = re.compile(r"(?:nomor|no\.?)\s*[\w./-]+\s+tahun\s+\d{4}", re.IGNORECASE)
_RENSTRA = re.compile(r"(?:renstra|rencana\s+strategis|rpjmd)[^\n]{0,120}?\b(20\d{2})\s*[-–]\s*(20\d{2})\b", re.IGNORECASE)
_NAMA = re.compile(r"^\s*nama\s*:\s*(?P<v>.+)$", re.IGNORECASE)
_JABATAN = re.compile(r"^\s*jabatan\s*:\s*(?P<v>.+)$", re.IGNORECASE)
_UNIT = re.compile(r"^\s*unit\s+kerja\s*:\s*(?P<v>.+)$", re.IGNORECASE)


@dataclass
class Block:
    """A signed agreement inside a document, from its title to the next agreement."""

    jenis_pk: str
    start: int  # index into lines
    end: int  # exclusive
    title_line: int
    pihak_pertama: str | None = None
    jabatan_pihak_pertama: str | None = None
    pihak_kedua: str | None = None
    jabatan_pihak_kedua: str | None = None
    unit_kerja: str = UNIT_KECAMATAN
    unit_teks: str | None = None
    tanggal: dt.date | None = None
    tanggal_teks: str | None = None


def _text(line: Line) -> str:
    return " ".join(clean_line(line.text).replace("\t", " ").split())


def agreement_blocks(lines: Sequence[Line]) -> list[Block]:
    """Each agreement starts at a 'Perjanjian Kinerja' title followed by its opening words."""
    starts: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        t = _text(ln)
        if not _PK_TITLE.search(t) or len(t) > 90 or re.match(r"^\s*tabel\b", t, re.IGNORECASE):
            continue
        following = [_text(x) for x in lines[i + 1 : i + 14] if _text(x)][:4]
        if any(_AGREEMENT_OPENING.search(f) for f in following):
            jenis = "PK_PERUBAHAN" if re.search(r"perubahan", t, re.IGNORECASE) else "PK"
            starts.append((i, jenis))
    blocks = []
    for k, (i, jenis) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        blocks.append(Block(jenis_pk=jenis, start=i, end=end, title_line=lines[i].no))
    return blocks


def parse_date(text: str) -> tuple[dt.date | None, str] | None:
    m = _DATE.search(text)
    if not m:
        return None
    month = MONTHS[m.group("month").lower()]
    year = int(m.group("year"))
    teks = f"{(m.group('day') or '').strip()} {m.group('month').title()} {year}".strip()
    if m.group("day"):
        try:
            return dt.date(year, month, int(m.group("day"))), teks
        except ValueError:
            return None, teks
    return None, teks


def fill_parties(block: Block, lines: Sequence[Line], kecamatan: str | None) -> None:
    names: list[str] = []
    roles: list[str] = []
    for ln in lines[block.start : block.end]:
        t = clean_cell(ln.text.replace("\t", " "))
        if m := _NAMA.match(t):
            names.append(m.group("v").strip())
        elif m := _JABATAN.match(t):
            roles.append(m.group("v").strip())
        elif (m := _UNIT.match(t)) and block.unit_teks is None:
            block.unit_teks = m.group("v").strip()
        if block.tanggal_teks is None and (d := parse_date(t)):
            block.tanggal, block.tanggal_teks = d
    if names:
        block.pihak_pertama = names[0]
        block.pihak_kedua = names[1] if len(names) > 1 else None
    if roles:
        block.jabatan_pihak_pertama = roles[0]
        block.jabatan_pihak_kedua = roles[1] if len(roles) > 1 else None
    block.unit_kerja = unit_kerja(block.unit_teks or block.jabatan_pihak_pertama, kecamatan)


def document_kind(lines: Sequence[Line], blocks: Sequence[Block], path: str) -> str:
    first = [_text(ln) for ln in lines[:60] if _text(ln)][:12]
    first_block = blocks[0].start if blocks else len(lines)
    if any(_LKJIP_TITLE.search(t) for t in first) and first_block > 20:
        return "LKJIP"
    if blocks:
        return blocks[0].jenis_pk
    raise DocumentError(
        path,
        1,
        "bukan Perjanjian Kinerja atau Laporan Kinerja: tidak ditemukan judul 'PERJANJIAN KINERJA' "
        "yang diikuti pernyataan para pihak, atau judul 'LAPORAN KINERJA' di halaman depan",
    )


def document_year(lines: Sequence[Line], kind: str, blocks: Sequence[Block], path: str) -> int:
    """The performance year: from the title, never from the signing date."""
    if kind == "LKJIP":
        texts = [(ln.no, _text(ln)) for ln in lines[:80]]
        for k, (_, t) in enumerate(texts):
            if _LKJIP_TITLE.search(t):
                for _, later in texts[k : k + 10]:
                    if m := _YEAR.search(_REGULATION_YEAR.sub("", later)):
                        return int(m.group(1))
                break
        counts = Counter(
            int(m.group(1))
            for ln in lines
            for m in re.finditer(r"kinerja[^\n]{0,80}?tahun\s+(20\d{2})", _REGULATION_YEAR.sub("", _text(ln)), re.IGNORECASE)
        )
        if counts:
            return counts.most_common(1)[0][0]
    for b in blocks:
        for ln in lines[b.start : min(b.end, b.start + 3)]:
            if m := re.search(r"tahun\s+(?:anggaran\s*:?\s*)?(\d{4})", _text(ln), re.IGNORECASE):
                return int(m.group(1))
    for ln in lines:
        if m := re.search(r"tahun\s+anggaran\s*:?\s*(\d{4})", _text(ln), re.IGNORECASE):
            return int(m.group(1))
    raise DocumentError(
        path, blocks[0].title_line if blocks else 1, "tahun kinerja tidak ditemukan pada judul dokumen ('... TAHUN 2024')"
    )


def renstra_period(lines: Sequence[Line]) -> tuple[int, int] | None:
    for ln in lines:
        if m := _RENSTRA.search(_text(ln)):
            a, b = int(m.group(1)), int(m.group(2))
            if 0 < b - a <= 10:
                return a, b
    return None


_KAB_WORDS = re.compile(r"\b(?:kabupaten|kab\.?|bupati|pemerintah\s+kabupaten)\s+(.{3,60})", re.IGNORECASE)
_KOTA_WORDS = re.compile(r"\b(?:kota|wali\s*kota|walikota)\s+(.{3,60})", re.IGNORECASE)
_KEC_WORDS = re.compile(r"\b(?:kecamatan|camat|kec\.)\s+(.{3,60})", re.IGNORECASE)


def _votes(
    lines: Sequence[Line], pattern: re.Pattern[str], names: dict[str, tuple[Kecamatan, ...]], max_words: int
) -> Counter[str]:
    votes: Counter[str] = Counter()
    for ln in lines:
        for m in pattern.finditer(_text(ln)):
            words = fold(m.group(1)).split()
            if name := longest_name(words, names, max_words):
                votes[name] += 1
    return votes


def resolve_place(lines: Sequence[Line], path: str) -> Kecamatan:
    """The kecamatan whose document this is, resolved against the national reference list."""
    w = wilayah()
    kab_votes = _votes(lines, _KAB_WORDS, w.by_kabupaten, w.max_words) + _votes(lines, _KOTA_WORDS, w.by_kabupaten, w.max_words)
    kec_votes = _votes(lines, _KEC_WORDS, w.by_kecamatan, w.max_words)
    for kab, _ in kab_votes.most_common():
        in_kab = {fold(k.nama): k for k in w.by_kabupaten[kab]}
        for kec, _ in kec_votes.most_common():
            if kec in in_kab:
                return in_kab[kec]
    for kec, _ in kec_votes.most_common():
        if len(w.by_kecamatan[kec]) == 1:
            return w.by_kecamatan[kec][0]
    if kec_votes:
        kec = kec_votes.most_common(1)[0][0]
        options = ", ".join(f"{k.nama} ({k.kabupaten})" for k in w.by_kecamatan[kec][:6])
        raise DocumentError(
            path, None, f"kecamatan '{kec}' ada di beberapa kabupaten ({options}) dan dokumen tidak menyebut kabupatennya"
        )
    raise DocumentError(
        path, None, "nama kecamatan tidak ditemukan ('Kecamatan X' atau 'Camat X') atau tidak ada dalam daftar Kemendagri"
    )


def document_date(lines: Sequence[Line], kind: str, blocks: Sequence[Block]) -> tuple[dt.date | None, str | None]:
    if kind != "LKJIP" and blocks:
        return blocks[0].tanggal, blocks[0].tanggal_teks
    end = blocks[0].start if blocks else len(lines)
    for ln in lines[:end]:
        if d := parse_date(_text(ln)):
            return d
    return None, None
