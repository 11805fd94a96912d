"""Officials named in a document: every mention of a person with a NIP or after "Nama :", with
the position and the party (pihak pertama / kedua) the document gives them.

Two layouts carry them:

* the agreement's opening: ``Nama : X`` / ``Jabatan : Y`` / "Selanjutnya disebut Pihak Pertama";
* the signature block: "Pihak Pertama," / the position ("CAMAT X") / the name / ``NIP. …``.

Each mention becomes a ``Pejabat`` row (view ``pejabat``) with the name and NIP as printed and in
a normal form (capitals without titles; NIP without spaces), the agreement it belongs to and its
lines. The review compares the mentions of one person (``etl.review.ganda``); nothing here judges.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.model import Dokumen, Line, Perjanjian
from etl.text import clean_cell

PIHAK_PERTAMA = "pihak_pertama"
PIHAK_KEDUA = "pihak_kedua"

_NIP = re.compile(r"^\W*NIP\s*[.:]?\s*(?P<v>[0-9A-Za-z][0-9A-Za-z .]{10,40}?)\s*$", re.IGNORECASE)
_NAMA = re.compile(r"^\W*nama\s*:\s*(?P<v>.+)$", re.IGNORECASE)
_JABATAN = re.compile(r"^\W*jabatan\s*:\s*(?P<v>.+)$", re.IGNORECASE)
_PARTY = re.compile(r"pihak\s+(?P<which>pertama|kedua|i{1,2}\b)", re.IGNORECASE)
_TITLES = {"H", "HJ", "HI", "IR", "DR", "DRS", "DRA", "PROF", "KH", "HM"}
_NOT_A_NAME = re.compile(r"pihak|camat\b|bupati|walikota|wali kota|sekretaris|kepala|pembina|penata|nip\b", re.IGNORECASE)
LOOK_AHEAD = 8  # lines after "Nama :" that may hold its "Jabatan :" and "disebut Pihak …"
LOOK_BACK = 6  # lines above a signature's name that may hold its position and "Pihak …"


@dataclass
class Pejabat:
    urutan: int
    perjanjian_urutan: int | None  # the agreement (core_perjanjian.urutan) whose lines hold the mention
    unit_kerja: str | None
    peran: str | None  # pihak_pertama | pihak_kedua | None
    nama: str  # as printed, emphasis removed
    nama_baku: str  # capitals, titles and degrees removed: the key that links mentions of one person
    nip: str | None  # as printed
    nip_baku: str | None  # spaces and dots removed
    jabatan: str | None  # as printed
    baris_nama: int
    sumber_baris: int  # the NIP's line, or the name's where no NIP follows it


def normalise_name(raw: str) -> str:
    text = clean_cell(raw.replace("*", "")).split(",")[0]
    words = [w for w in re.split(r"[\s.]+", text.upper()) if w]
    while words and words[0] in _TITLES:
        words = words[1:]
    return " ".join(re.sub(r"[^A-Z']", "", w) for w in words if re.sub(r"[^A-Z']", "", w))


def _text(ln: Line) -> str:
    return clean_cell(ln.text.replace("*", ""))


def _party(text: str) -> str | None:
    m = _PARTY.search(text)
    if not m:
        return None
    return PIHAK_PERTAMA if m.group("which").lower() in {"pertama", "i"} else PIHAK_KEDUA


def _name_above(lines: Sequence[Line], index: int) -> int | None:
    for back in range(index - 1, max(index - 4, -1), -1):
        text = _text(lines[back])
        if not text:
            continue
        if _NOT_A_NAME.search(text) or not re.search(r"[A-Za-z]{3}", text) or len(text) > 80:
            return None
        return back
    return None


def _signature_context(lines: Sequence[Line], name_index: int) -> tuple[str | None, str | None]:
    """Above a signature's name: its position (the nearest text line) and its party label."""
    jabatan: str | None = None
    for back in range(name_index - 1, max(name_index - 1 - LOOK_BACK, -1), -1):
        text = _text(lines[back])
        if not text:
            continue
        if party := _party(text):
            return jabatan, party
        if _NIP.match(text) or _NAMA.match(text) or len(text) > 80:
            break
        if jabatan is None and not re.search(r"\d{4}", text):
            jabatan = text.rstrip(",")
    return jabatan, None


def _opening_context(lines: Sequence[Line], index: int) -> tuple[str | None, str | None]:
    """After "Nama : X": its "Jabatan : Y" and the party it is then called."""
    jabatan: str | None = None
    for ahead in range(index + 1, min(index + 1 + LOOK_AHEAD, len(lines))):
        text = _text(lines[ahead])
        if _NAMA.match(text):
            break
        if (m := _JABATAN.match(text)) and jabatan is None:
            jabatan = m.group("v").strip()
        elif "disebut" in text.lower() and (party := _party(text.lower().split("disebut", 1)[1])):
            return jabatan, party
    return jabatan, None


def _agreement(perjanjian: Sequence[Perjanjian], line: int) -> Perjanjian | None:
    return next((p for p in perjanjian if p.baris_awal <= line <= p.baris_akhir), None)


def officials(lines: Sequence[Line], perjanjian: Sequence[Perjanjian] = ()) -> list[Pejabat]:
    """Every mention of an official, in reading order."""
    out: list[Pejabat] = []
    for i, ln in enumerate(lines):
        text = _text(ln)
        if m := _NIP.match(text):
            above = _name_above(lines, i)
            if above is None or not normalise_name(lines[above].text):
                continue
            nip_raw = m.group("v").strip()
            jabatan, peran = _signature_context(lines, above)
            raw, name_line, nip, nip_baku = _text(lines[above]), lines[above].no, nip_raw, re.sub(r"[\s.]", "", nip_raw)
        elif (m := _NAMA.match(text)) and normalise_name(m.group("v")):
            jabatan, peran = _opening_context(lines, i)
            raw, name_line, nip, nip_baku = m.group("v").strip(), ln.no, None, None
        else:
            continue
        p = _agreement(perjanjian, ln.no)
        out.append(
            Pejabat(
                len(out) + 1,
                p.urutan if p else None,
                p.unit_kerja if p else None,
                peran,
                raw,
                normalise_name(raw),
                nip,
                nip_baku,
                jabatan,
                name_line,
                ln.no,
            )
        )
    # a signature gives the name under its party label only: its position is the one the same
    # agreement's opening gives the same person
    for o in out:
        if o.jabatan is None:
            o.jabatan = next(
                (
                    q.jabatan
                    for q in out
                    if q.jabatan
                    and q.perjanjian_urutan == o.perjanjian_urutan
                    and q.nama_baku == o.nama_baku
                    and q.peran == o.peran
                ),
                None,
            )
    return out


def extract(doc: Dokumen) -> list[Pejabat]:
    return officials(doc.lines, doc.perjanjian)
