"""What the running text states, as facts the review can compare with the tables (view ``pernyataan``).

* ``tanggal_tanda_tangan`` — a signature date line ("Purwokerto, 29 Januari 2024") inside an agreement;
* ``klaim_target``         — a sentence saying the targets were met ("telah mencapai target",
  "mampu mencapai target kinerja yang telah ditetapkan"), not a conditional ("jika …") or a negation;
* ``perbandingan``         — a score or capaian said to lie below or above a number ("capaian kinerja
  SAKIP … di bawah rata-rata … 70,00"): the subject, its measure (nilai or capaian), the direction and
  the number compared with;
* ``perubahan``            — a change stated with its two values ("meningkat … dari nilai 50,00 menjadi
  60,00"): the direction the words give and both values;
* ``jumlah_disebut``       — a count stated in words ("memiliki 8 (delapan) indikator kinerja") with the
  number of rows each table after it lists (``pembanding``, the table's header in ``baris_pembanding``),
  or with the number word in brackets where the two differ;
* ``bagian_kalimat``       — a part and its share in brackets in a sentence that gives the whole first
  ("penduduk 1.000 jiwa … laki-laki 600 jiwa (60%) dan perempuan 400 jiwa (40%)"): the share as
  ``nilai``, the part as ``pembanding``, the whole as ``keseluruhan`` — only where the parts add up
  to a number printed before them, so it is certain which number the shares are of;
* ``nilai_kalimat``        — a score's target, realisasi or capaian restated in a sentence ("dari target
  indikator kinerja sebesar 88,00 dapat direalisasikan sebesar 90,00 atau tercapai 102,27 %", "ditahun
  2024 di tetapkan target 87,00"): ``ukuran`` says which, ``kunci`` which score;
* ``persen_uraian``        — a survey category's share restated in the paragraph after a table
  ("… yang memilih sangat baik sebesar 72,50"): the category as ``subjek``, the last table row
  above the paragraph in ``baris_pembanding`` (NULL where another table's caption comes first);
* ``program_sasaran``      — a program the narrative lists under a sasaran or tujuan ("Adapun Program …
  yang mendukung sasaran …: 1. Program X"): the heading as subject, the program as ``teks``.

Every row keeps its line; nothing here decides whether a statement is right (etl.review.narasi).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.header import MONTHS, parse_date
from etl.model import Dokumen, Line, Perjanjian
from etl.numbers import parse_amount, parse_decimal
from etl.text import clean_cell, clean_line, fold

TANGGAL = "tanggal_tanda_tangan"
KLAIM_TARGET = "klaim_target"
PERBANDINGAN = "perbandingan"
PERUBAHAN = "perubahan"
JUMLAH_DISEBUT = "jumlah_disebut"
PROGRAM_SASARAN = "program_sasaran"
BAGIAN_KALIMAT = "bagian_kalimat"
NILAI_KALIMAT = "nilai_kalimat"
PERSEN_URAIAN = "persen_uraian"

DI_BAWAH, DI_ATAS, NAIK, TURUN, TERCAPAI = "di_bawah", "di_atas", "naik", "turun", "tercapai"


@dataclass
class Pernyataan:
    urutan: int
    jenis: str
    subjek: str | None  # what the statement is about, as printed ("capaian kinerja SAKIP", "indikator kinerja")
    kunci: str | None  # IKM | SAKIP | KEMATANGAN where the subject is one of those scores
    ukuran: str | None  # nilai | capaian: which measure of the subject
    arah: str | None  # di_bawah | di_atas | naik | turun | tercapai; for a count: tabel | kata (what it is compared with)
    nilai: float | None  # the number stated: compared with, changed to, the count, …
    nilai_teks: str | None
    pembanding: float | None  # the other number: the value changed from; the rows a table lists; the number word
    pembanding_teks: str | None
    tanggal: dt.date | None
    tanggal_teks: str | None
    perjanjian_urutan: int | None
    teks: str  # the statement's sentence, shortened
    sumber_baris: int
    baris_pembanding: int | None = None  # the line of the other number (a table's header line for a count)
    keseluruhan: float | None = None  # the whole a share stated in a sentence is of


SENTENCE_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s*(?=[A-Z])")
_KIND = {"sakip": "SAKIP", "akip": "SAKIP", "ikm": "IKM", "kepuasan": "IKM", "skm": "IKM", "kematangan": "KEMATANGAN"}
_KIND_RE = r"(?P<kind>sakip|akip|ikm|skm|indeks\s+kepuasan\s+masyarakat|indek\s+kepuasan\s+masyarakat|kematangan)"
_NUM = r"\d{1,3}(?:[.,]\d{1,3})?"

_SIGNING = re.compile(r"^[A-Z][A-Za-z .'-]{2,40},\s+(\d{1,2}\s+)?(" + "|".join(MONTHS) + r")\s+\d{4}\s*$", re.IGNORECASE)
_CLAIM = re.compile(
    r"\b(?:telah|sudah|mampu|berhasil|dapat)\s+(?:men(?:capai|gcapai)|memenuhi|melampaui)\s+(?:seluruh\s+|semua\s+)?target\b",
    re.IGNORECASE,
)
_NOT_CLAIM = re.compile(r"\b(?:belum|tidak|jika|apabila|bila|kalau|seandainya|agar|supaya|untuk)\b", re.IGNORECASE)
_COMPARE = re.compile(
    r"\b(?P<ukuran>capaian|nilai|realisasi)\s+(?:kinerja\s+)?" + _KIND_RE + r"\b(?P<gap>[^.;]{0,80}?)"
    r"\b(?P<arah>di\s*bawah|lebih\s+rendah\s+dari(?:pada)?|kurang\s+dari|di\s*atas|lebih\s+tinggi\s+dari(?:pada)?|melebihi)\b"
    r"(?P<gap2>[^.;]{0,120}?)(?<![\d.,])(?P<value>" + _NUM + r")(?![\d]|[.,]\d)",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?P<arah>meningkat|peningkatan|naik|kenaikan|menurun|penurunan|turun)\b(?P<gap>[^.;]{0,120}?)"
    r"\bdari\s+(?:nilai\s+|angka\s+|skor\s+)?(?P<from>" + _NUM + r")\s+menjadi\s+(?P<to>" + _NUM + r")(?![\d]|[.,]\d)",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
    "sepuluh": 10, "sebelas": 11, "dua belas": 12,
}  # fmt: skip
_COUNT = re.compile(
    r"\b(?:memiliki|terdiri\s+(?:dari|atas)|sebanyak)\s+(?P<n>\d{1,2})\s*(?:\(\s*(?P<word>[a-z ]+?)\s*\))?\s+"
    r"(?P<what>indikator(?:\s+kinerja)?|sasaran(?:\s+kegiatan)?)\b",
    re.IGNORECASE,
)
SECTION_LINES = 140  # how far after a stated count its tables are looked for
_SECTION_END = re.compile(r"^\s*(?:penjelasan\s+kinerja|(?:perubahan\s+)?perjanjian\s+kinerja|lampiran)\b", re.IGNORECASE)


def _short(text: str) -> str:
    return text if len(text) <= SENTENCE_CHARS else text[: SENTENCE_CHARS - 1].rstrip() + "…"


def _agreement(perjanjian: Sequence[Perjanjian], line: int) -> int | None:
    return next((p.urutan for p in perjanjian if p.baris_awal <= line <= p.baris_akhir), None)


def _kind(word: str | None) -> str | None:
    if not word:
        return None
    return next((v for k, v in _KIND.items() if k in word.lower()), None)


def _prose(lines: Sequence[Line]) -> list[tuple[Line, str]]:
    """Sentences of running text (table rows are read by the table readers)."""
    out: list[tuple[Line, str]] = []
    for ln in lines:
        if "\t" in ln.text.strip() or ln.text.startswith("\t"):
            continue
        text = clean_line(ln.text)
        for sentence in _SENTENCE_END.split(text):
            if sentence.strip():
                out.append((ln, sentence.strip()))
    return out


def signing_dates(lines: Sequence[Line], perjanjian: Sequence[Perjanjian]) -> list[Pernyataan]:
    by_no = {ln.no: ln for ln in lines}
    out: list[Pernyataan] = []
    for p in perjanjian:
        for no in range(p.baris_awal, p.baris_akhir + 1):
            ln = by_no.get(no)
            text = clean_cell(ln.text) if ln else ""
            if not text or not _SIGNING.match(text) or not (parsed := parse_date(text)):
                continue
            day_date, teks = parsed
            out.append(Pernyataan(0, TANGGAL, None, None, None, None, None, None, None, None, day_date, teks, p.urutan, text, no))
    return out


def target_claims(sentences: Sequence[tuple[Line, str]]) -> list[Pernyataan]:
    out: list[Pernyataan] = []
    for ln, sentence in sentences:
        m = _CLAIM.search(sentence)
        if not m:
            continue
        clause = re.split(r"[,;]", sentence[: m.end()])[-1]
        if _NOT_CLAIM.search(clause):
            continue
        out.append(
            Pernyataan(
                0,
                KLAIM_TARGET,
                "target kinerja",
                None,
                None,
                TERCAPAI,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                _short(sentence),
                ln.no,
            )
        )
    return out


def comparisons(sentences: Sequence[tuple[Line, str]]) -> list[Pernyataan]:
    out: list[Pernyataan] = []
    for ln, sentence in sentences:
        for m in _COMPARE.finditer(sentence):
            value = parse_decimal(m["value"])
            if value is None:
                continue
            arah = DI_BAWAH if re.search(r"bawah|rendah|kurang", m["arah"], re.IGNORECASE) else DI_ATAS
            subject = " ".join(f"{m['ukuran']} {m['kind']}".split())
            out.append(
                Pernyataan(
                    0, PERBANDINGAN, subject, _kind(m["kind"]), m["ukuran"].lower().replace("realisasi", "nilai"), arah,
                    value, m["value"], None, None, None, None, None, _short(sentence), ln.no,
                )
            )  # fmt: skip
        for m in _CHANGE.finditer(sentence):
            to, frm = parse_decimal(m["to"]), parse_decimal(m["from"])
            if to is None or frm is None:
                continue
            arah = NAIK if re.match(r"me?n?ingkat|peningkatan|naik|kenaikan", m["arah"], re.IGNORECASE) else TURUN
            before = sentence[: m.start()]
            kinds = re.findall(_KIND_RE, before, re.IGNORECASE)
            kind = _kind(kinds[-1]) if kinds else None
            out.append(
                Pernyataan(
                    0, PERUBAHAN, m["arah"], kind, "nilai", arah, to, m["to"], frm, m["from"], None, None, None,
                    _short(sentence), ln.no,
                )
            )  # fmt: skip
    return out


def _rows_of_cell_tables(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Tables laid out one cell per line ("\\tNo", "\\tUraian", …, a row per blank-separated group):
    (line of the header, number of rows whose first cell is a number or empty)."""
    tables: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        text = lines[i].text
        if text.startswith("\t") and fold(text.strip()) == "no":
            header_line = lines[i].no
            i += 1
            rows = 0
            group: list[str] = []
            while i < len(lines):
                t = lines[i].text
                if t.startswith("\t"):
                    group.append(t.strip())
                elif not t.strip():
                    if group:
                        rows += int(_is_row(group))
                    group = []
                else:
                    break
                i += 1
            if group:
                rows += int(_is_row(group))
            tables.append((header_line, rows))
            continue
        i += 1
    return tables


def _is_row(group: list[str]) -> bool:
    first = group[0]
    second = next((c for c in group[1:] if c), "")
    return (first == "" or first.isdigit()) and bool(re.match(r"[A-Za-z]", second))


def stated_counts(lines: Sequence[Line]) -> list[Pernyataan]:
    out: list[Pernyataan] = []
    for i, ln in enumerate(lines):
        if "\t" in ln.text.strip():
            continue
        text = clean_line(ln.text)
        for m in _COUNT.finditer(text):
            n = int(m["n"])
            word = (m["word"] or "").strip().lower() or None
            end = i + 1
            while end < len(lines) and end < i + SECTION_LINES and not _SECTION_END.match(lines[end].text):
                end += 1
            what = " ".join(m["what"].lower().split())
            shown = m["n"] + (f" ({word})" if word else "")
            for header, rows in _rows_of_cell_tables(lines[i + 1 : end]):
                out.append(
                    Pernyataan(
                        0, JUMLAH_DISEBUT, what, None, None, "tabel", float(n), shown, float(rows), str(rows),
                        None, None, None, _short(text), ln.no, header,
                    )
                )  # fmt: skip
            if word and _WORD_NUMBERS.get(word) not in {None, n}:
                out.append(
                    Pernyataan(
                        0, JUMLAH_DISEBUT, what, None, None, "kata", float(n), shown, float(_WORD_NUMBERS[word]), word,
                        None, None, None, _short(text), ln.no,
                    )
                )  # fmt: skip
    return out


_SUPPORTS = re.compile(r"\bprogram\b.{0,40}\byang\s+mendukung\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s*(?:(?:tujuan|sasaran)\s+\d+\b|\d+\.\s+capaian\s+kinerja\b)", re.IGNORECASE)
_PROGRAM_ITEM = re.compile(r"^\s*-?\s*\d{1,2}[.)]\s+(?P<name>program\b.+)$", re.IGNORECASE)
_SUB_ITEM = re.compile(r"^\s*-?\s*(?:[a-z]|\d{1,2})[.)]\s+|^\s*-\s+", re.IGNORECASE)
HEADING_LINES = 300  # how far above a program list its sasaran's heading is looked for


def _heading_above(lines: Sequence[Line], index: int) -> tuple[str, int, str | None] | None:
    """The sasaran or tujuan a program list belongs to: the nearest heading above ("Tujuan 1 : …",
    "Sasaran 1" with its name on the next line, "3. Capaian Kinerja Implementasi Nilai SAKIP")."""
    for back in range(index - 1, max(index - HEADING_LINES, -1), -1):
        text = clean_line(lines[back].text)
        if not _HEADING.match(text):
            continue
        subject = text
        if len(text) < 20:  # "Sasaran 1": its name follows
            nxt = next((clean_line(ln.text) for ln in lines[back + 1 : back + 4] if ln.text.strip()), "")
            subject = f"{text} {nxt}".strip()
        kind = re.search(_KIND_RE, subject, re.IGNORECASE)
        return subject, lines[back].no, _kind(kind.group(0) if kind else None)
    return None


def program_lists(lines: Sequence[Line]) -> list[Pernyataan]:
    """Programs the narrative lists under a sasaran ("Adapun Program … yang mendukung sasaran …:
    1. Program X - a. Kegiatan …"): one row per program, the heading as its subject."""
    out: list[Pernyataan] = []
    for i, ln in enumerate(lines):
        text = clean_line(ln.text)
        if "\t" in ln.text.strip() or not _SUPPORTS.search(text):
            continue
        heading = _heading_above(lines, i)
        if heading is None:
            continue
        subject, heading_line, kunci = heading
        for nxt in lines[i + 1 : i + 60]:
            t = clean_line(nxt.text)
            if not t:
                continue
            if m := _PROGRAM_ITEM.match(t):
                out.append(
                    Pernyataan(
                        0, PROGRAM_SASARAN, _short(subject), kunci, None, None, None, None, None, None,
                        None, None, None, _short(m["name"].strip().rstrip(".")), nxt.no, heading_line,
                    )
                )  # fmt: skip
            elif not _SUB_ITEM.match(t):
                break
    return out


_NUMBER = r"\d{1,3}(?:[.,]\d{3})+|\d+"
# "19.640 jiwa (51,12%)": a count, up to two words of unit, its share in brackets
_PART = re.compile(rf"(?P<count>{_NUMBER})\s*(?:[^\W\d_]+\s*){{0,2}}\(\s*(?P<pct>\d+(?:[.,]\d+)?)\s*%\s*\)")
_ANY_NUMBER = re.compile(rf"(?<![\d.,])(?:{_NUMBER})(?![\d]|[.,]\d)")
_SHARE_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentence_shares(lines: Sequence[Line]) -> list[Pernyataan]:
    out: list[Pernyataan] = []
    for ln in lines:
        text = clean_line(ln.text)
        if "%" not in text or "\t" in text:
            continue  # table rows are read as tables
        for sentence in _SHARE_SENTENCE_END.split(text):
            parts = []
            for m in _PART.finditer(sentence):
                count, pct = parse_amount(m["count"]), parse_decimal(m["pct"])
                if count is not None and pct is not None:
                    parts.append((m, count, pct))
            if len(parts) < 2:
                continue
            whole = sum(c for _, c, _ in parts)
            before = {parse_amount(m.group()) for m in _ANY_NUMBER.finditer(sentence[: parts[0][0].start()])}
            if whole not in before:
                continue  # a year or an unrelated count is never taken for the whole
            for m, count, pct in parts:
                out.append(
                    Pernyataan(
                        0, BAGIAN_KALIMAT, None, None, None, None, pct, m["pct"], count, m["count"], None, None, None,
                        _short(sentence), ln.no, None, whole,
                    )
                )  # fmt: skip
    return out


_RESTATED = {
    "target": re.compile(
        r"\btarget(?:\s+indi\w*\s+kinerja)?\s+(?:sebesar\s+|yaitu\s+|adalah\s+)?(?<![\d.,])(?P<v>" + _NUM + r")(?![\d]|[.,]\d)",
        re.IGNORECASE,
    ),
    "realisasi": re.compile(
        r"\b(?:direalisasikan\s+(?:sebesar\s+)?|(?:yaitu|adalah|sebesar)\s+(?=" + _NUM + r"\s+dari\s+target))"
        r"(?<![\d.,])(?P<v>" + _NUM + r")(?![\d]|[.,]\d)",
        re.IGNORECASE,
    ),
    # "atau tercapai 95,69 %"; never "diharapkan dapat tercapai 100%" (a hope, not a result)
    "capaian": re.compile(r"\b(?:atau|dengan)\s+(?:capaian|tercapai)\s+(?:sebesar\s+)?(?P<v>" + _NUM + r")\s*%", re.IGNORECASE),
}


def restated_values(lines: Sequence[Line]) -> list[Pernyataan]:
    """A score's target, realisasi or capaian restated in a sentence (a penjelasan cell included)."""
    out: list[Pernyataan] = []
    for ln in lines:
        if "\t" in ln.text.strip():
            continue  # a table row: read by the table readers
        text = clean_line(ln.text)
        for sentence in _SENTENCE_END.split(text):
            kind = re.search(_KIND_RE, sentence, re.IGNORECASE)
            if not kind:
                continue
            for ukuran, pattern in _RESTATED.items():
                m = pattern.search(sentence)
                value = parse_decimal(m["v"]) if m else None
                if m is None or value is None:
                    continue
                out.append(
                    Pernyataan(
                        0, NILAI_KALIMAT, " ".join(kind.group(0).split()), _kind(kind.group(0)), ukuran, None, value, m["v"],
                        None, None, None, None, None, _short(sentence.strip()), ln.no,
                    )
                )  # fmt: skip
    return out


_CATEGORY_SHARE = re.compile(
    r"\b(?P<label>(?:(?:sangat|tidak|kurang|cukup)\s+)?(?:baik|puas|memuaskan|setuju))\s+sebesar\s+"
    r"(?P<value>\d+(?:[.,]\d+)?)\s*(?:%|persen)?",
    re.IGNORECASE,
)
PARAGRAPH_LINES = 8  # lines of prose after a table that may restate its shares


def _table_above(lines: Sequence[Line], index: int) -> int | None:
    """The last table row above a paragraph line, if no caption ("Tabel …") and at most
    ``PARAGRAPH_LINES`` lines of prose stand between them."""
    prose = 0
    for back in range(index - 1, -1, -1):
        text = lines[back].text
        if "\t" in text.strip():
            return lines[back].no
        stripped = text.strip()
        if fold(stripped).startswith("tabel"):
            return None
        if stripped:
            prose += 1
            if prose >= PARAGRAPH_LINES:
                return None
    return None


def restated_shares(lines: Sequence[Line]) -> list[Pernyataan]:
    out: list[Pernyataan] = []
    for i, ln in enumerate(lines):
        if "\t" in ln.text.strip():
            continue
        for m in _CATEGORY_SHARE.finditer(clean_line(ln.text)):
            value = parse_decimal(m["value"])
            if value is None:
                continue
            out.append(
                Pernyataan(
                    0, PERSEN_URAIAN, m["label"], None, None, None, value, m["value"], None, None, None, None, None,
                    _short(clean_line(ln.text)), ln.no, _table_above(lines, i),
                )
            )  # fmt: skip
    return out


def statements(lines: Sequence[Line], perjanjian: Sequence[Perjanjian] = ()) -> list[Pernyataan]:
    sentences = _prose(lines)
    found = [
        *signing_dates(lines, perjanjian),
        *target_claims(sentences),
        *comparisons(sentences),
        *stated_counts(lines),
        *program_lists(lines),
        *sentence_shares(lines),
        *restated_values(lines),
        *restated_shares(lines),
    ]
    found.sort(key=lambda s: (s.sumber_baris, s.jenis))
    for k, s in enumerate(found, start=1):
        s.urutan = k
        if s.perjanjian_urutan is None:
            s.perjanjian_urutan = _agreement(perjanjian, s.sumber_baris)
    return found


def extract(doc: Dokumen) -> list[Pernyataan]:
    return statements(doc.lines, doc.perjanjian)
