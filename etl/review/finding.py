"""One finding of the review (a row of ``core_temuan``) and the Indonesian number text it quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl import format as fmt

GALAT = "galat"  # wrong beyond what rounding of the printed numbers explains
PERINGATAN = "peringatan"  # rounding level, or cannot be checked
INFO = "info"  # worth knowing, not an error (e.g. a target changed in a PK Perubahan)
TINGKAT = (GALAT, PERINGATAN, INFO)


@dataclass
class Temuan:
    kode: str  # which check (see etl/review/__init__.py for the list)
    tingkat: str
    pesan: str  # one sentence in Bahasa Indonesia naming both numbers
    nilai_tertulis: str | None  # what the document printed
    nilai_hitung: str | None  # what it should be
    sumber_baris: int  # the line of the printed value
    baris_terkait: tuple[int, ...] = ()  # every line the check read (sumber_baris included)
    kategori: str = ""  # family of checks: capaian, persentase, komponen, anggaran, ganda, lintas, predikat
    kunci: str | None = None  # IKM, SAKIP, KEMATANGAN where the number is one of those scores
    angka_tertulis: float | None = None
    angka_hitung: float | None = None
    rumus: str | None = None  # capaian formula the check used or the document appears to use
    dokumen_id: str | None = None  # set for findings across documents; else the reviewed document
    dokumen_pembanding: str | None = None  # the other document of a cross-document finding
    baris_pembanding: tuple[int, ...] = field(default=())
    # the wrong cell this finding stems from ("anggaran:884", "serapan:…"): findings of one document
    # with the same key are one slip and are merged into one finding (etl.review.gabung)
    slip: str | None = None
    # a figure derived from the wrong cell (an efficiency built on a wrong serapan): its sentence is
    # kept in the merged finding, not only its line
    turunan: bool = False
    # the places one slip shows up (its own line and, after merging, every other finding's line):
    # the lines a page marks; baris_terkait also holds the context lines a check only read
    baris_slip: tuple[int, ...] = ()

    def row(self, dokumen_id: str, urutan: int, lingkup: str) -> dict[str, object]:
        lines = sorted({self.sumber_baris, *self.baris_terkait})
        return {
            "dokumen_id": self.dokumen_id or dokumen_id,
            "urutan": urutan,
            "lingkup": lingkup,
            "kategori": self.kategori,
            "kode": self.kode,
            "tingkat": self.tingkat,
            "pesan": self.pesan,
            "nilai_tertulis": self.nilai_tertulis,
            "nilai_hitung": self.nilai_hitung,
            "angka_tertulis": self.angka_tertulis,
            "angka_hitung": self.angka_hitung,
            "rumus": self.rumus,
            "kunci": self.kunci,
            "sumber_baris": self.sumber_baris,
            "baris_terkait": ", ".join(str(n) for n in lines),
            "baris_slip": ", ".join(str(n) for n in sorted({self.sumber_baris, *self.baris_slip})),
            "dokumen_pembanding": self.dokumen_pembanding,
            "baris_pembanding": ", ".join(str(n) for n in sorted(set(self.baris_pembanding))) or None,
        }


def angka(value: float | None, digits: int | None = None) -> str:
    """Indonesian number text through the one formatter (etl.format): 1234567 → "1.234.567",
    12.5 → "12,50", 2.675 → "2,68" (two decimals unless whole, half-up on the printed digits)."""
    return fmt.angka(value, digits)


def persen(value: float | None, digits: int = 2) -> str:
    return fmt.persen(value, digits)


def tertulis(value: float, text: str | None, percent: bool = False) -> str:
    """The printed text of a value (with % where it is a percentage), else the value formatted."""
    if text:
        t = " ".join(text.split())
        return t if not percent or t.endswith("%") else f"{t}%"
    return persen(value) if percent else angka(value)
