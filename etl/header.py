"""What a document is and whose it is: kind, year, kecamatan, kabupaten, agreements and parties.

Nothing here knows a particular kecamatan: places are resolved against the national reference
list, years and kinds against the wording every PK and LKjIP uses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from etl.indicators import UNIT_KECAMATAN, unit_kerja
from etl.model import DocumentError, Line
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


def fill_parties(block: Block, lines: Sequence[Line], kecamatan: str | None, own: str = UNIT_KECAMATAN) -> None:
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
    block.unit_kerja = unit_kerja(block.unit_teks or block.jabatan_pihak_pertama, kecamatan, own)


LKJIP_CHAPTERS = re.compile(
    r"^(?:bab\s+(?:[ivx]+|\d)\s+)?(?:pendahuluan|perencanaan kinerja|akuntabilitas kinerja|capaian kinerja(?: organisasi)?"
    r"|realisasi anggaran|penutup)$"
)
MIN_CHAPTERS = 2  # two LKjIP chapter headings ("BAB III AKUNTABILITAS KINERJA", "PENUTUP") make a report
FIRST_YEAR = 2000  # SAKIP reports exist since Inpres 7/1999; an earlier year is a misreading
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:go\.id|com|net|org|id)(?:/\S*)?", re.IGNORECASE)
_LAW = re.compile(
    r"\b(?:undang[\s-]*undang|uu|pp|perpres|permen\w*|peraturan|keputusan|kepmen\w*|inpres|instruksi|perda|perbup|"
    r"pergub|perwal|surat\s+edaran|se)\b[^.;:]{0,90}?(?:tahun\s+|/\s*)\d{4}",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(r"[A-Za-z .'-]{2,40},\s+(?:\d{1,2}\s+)?(?:" + "|".join(MONTHS) + r")\s+\d{4}", re.IGNORECASE)


def report_text(text: str) -> str:
    """A title line without the years that are not the report's: regulations cited, URLs, a
    signing date ("Purwokerto, 29 Januari 2024")."""
    return _PLACE_DATE.sub(" ", _LAW.sub(" ", _REGULATION_YEAR.sub(" ", _URL.sub(" ", text))))


def plausible_year(year: int, today: dt.date | None = None) -> bool:
    """A performance year the ETL accepts: from FIRST_YEAR to next year (a PK is signed for the
    coming year in December)."""
    return FIRST_YEAR <= year <= (today or dt.date.today()).year + 1


def document_kind(lines: Sequence[Line], blocks: Sequence[Block], path: str, title: Sequence[int] = ()) -> str:
    """The kind from content: an LKjIP title on the cover, or LKjIP chapters; else the agreement."""
    titles = [_text(lines[i]) for i in title] or [_text(ln) for ln in lines[:60] if _text(ln)][:12]
    if any(_LKJIP_TITLE.search(t) for t in titles):
        return "LKJIP"
    chapters = {fold(_text(ln)) for ln in lines if LKJIP_CHAPTERS.match(fold(_text(ln)))}
    if blocks and len(chapters) < MIN_CHAPTERS:
        return blocks[0].jenis_pk
    if len(chapters) >= MIN_CHAPTERS or any(_LKJIP_TITLE.search(_text(ln)) for ln in lines[:80]):
        return "LKJIP"
    if blocks:
        return blocks[0].jenis_pk
    raise DocumentError(
        path,
        1,
        "bukan Perjanjian Kinerja atau Laporan Kinerja: tidak ditemukan judul 'PERJANJIAN KINERJA' "
        "yang diikuti pernyataan para pihak, judul 'LAPORAN KINERJA', maupun bab laporan "
        "('BAB III AKUNTABILITAS KINERJA')",
    )


def _years(text: str) -> list[int]:
    """Years in a line, the report's own first: 'TAHUN 2021' before a bare 2021."""
    t = report_text(text)
    tahun = [int(m.group(1)) for m in re.finditer(r"tahun\s+(?:anggaran\s*:?\s*)?(\d{4})\b", t, re.IGNORECASE)]
    return tahun + [int(m.group(1)) for m in _YEAR.finditer(t) if int(m.group(1)) not in tahun]


def document_year(lines: Sequence[Line], kind: str, blocks: Sequence[Block], path: str, title: Sequence[int] = ()) -> int:
    """The performance year: from the title, never from a signing date, a cited regulation or a URL."""
    seen: list[tuple[int, int]] = []  # (year, line) of every candidate, for the message

    def first_plausible(texts: Iterable[tuple[int, str]]) -> int | None:
        for no, t in texts:
            for y in _years(t):
                seen.append((y, no))
                if plausible_year(y):
                    return y
        return None

    if kind == "LKJIP":
        texts = [(ln.no, _text(ln)) for ln in lines[:80]]
        title_texts = [(lines[i].no, _text(lines[i])) for i in title]
        for k, (_, t) in enumerate(texts):
            if _LKJIP_TITLE.search(t):
                if (y := first_plausible(texts[k : k + 10])) is not None:
                    return y
                break
        if (y := first_plausible(title_texts)) is not None:
            return y
        counts = Counter(
            int(m.group(1))
            for ln in lines
            for m in re.finditer(r"kinerja[^\n]{0,80}?tahun\s+(20\d{2})", report_text(_text(ln)), re.IGNORECASE)
            if plausible_year(int(m.group(1)))
        )
        if counts:
            return counts.most_common(1)[0][0]
    for b in blocks:
        texts = [(ln.no, _text(ln)) for ln in lines[b.start : min(b.end, b.start + 3)]]
        for no, t in texts:
            if m := re.search(r"tahun\s+(?:anggaran\s*:?\s*)?(\d{4})", report_text(t), re.IGNORECASE):
                seen.append((int(m.group(1)), no))
                if plausible_year(int(m.group(1))):
                    return int(m.group(1))
    for ln in lines:
        if m := re.search(r"tahun\s+anggaran\s*:?\s*(\d{4})", report_text(_text(ln)), re.IGNORECASE):
            seen.append((int(m.group(1)), ln.no))
            if plausible_year(int(m.group(1))):
                return int(m.group(1))
    if seen:
        y, no = seen[0]
        raise DocumentError(
            path,
            no,
            f"tahun kinerja {y} di judul tidak masuk akal (diterima {FIRST_YEAR} sampai {dt.date.today().year + 1}): "
            "periksa judul dokumen ('... TAHUN 2024')",
        )
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


def document_date(lines: Sequence[Line], kind: str, blocks: Sequence[Block]) -> tuple[dt.date | None, str | None]:
    if kind != "LKJIP" and blocks:
        return blocks[0].tanggal, blocks[0].tanggal_teks
    end = blocks[0].start if blocks else len(lines)
    for ln in lines[:end]:
        if d := parse_date(_text(ln)):
            return d
    return None, None
