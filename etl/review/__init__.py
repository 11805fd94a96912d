"""Reviu otomatis: check the arithmetic each document reports, and what documents say about each other.

One module per family of checks, each rule in one place:

* ``capaian``     — capaian vs realisasi/target (polarity formulas of domain.md §1) and the
                    predicate printed next to it (§2.1);
* ``persentase``  — every printed percentage against its numbers (penyerapan, shares, efisiensi);
* ``komponen``    — SAKIP components/sub-components vs totals and weights, kematangan variables,
                    IKM unsur vs the IKM;
* ``anggaran``    — budget children vs parents vs totals, realisasi vs pagu, exact multiples;
* ``ganda``       — the same quantity stated twice in one document (targets, capaian, officials'
                    names and NIP, signing dates);
* ``kalimat``     — numbers in running text: shares stated in a sentence, a table's share restated
                    in the paragraph after it;
* ``narasi``      — what sentences claim (targets met, below/above, naik/turun, counts, the programs
                    of a sasaran) against the tables, read from the facts of etl.documents.pernyataan;
* ``gabung``      — findings that stem from one wrong cell become one finding listing every place;
* ``lintas``      — across documents: PK vs PK Perubahan, LKjIP target vs the PK in force, a later
                    report's history vs the year's own report.

``review_document`` is pure (a ``Dokumen`` in, findings out); ``etl.review.store`` writes them inside
the load transaction and re-runs the cross-document checks for the kecamatan that changed.
"""

from __future__ import annotations

from dataclasses import replace

from etl.model import Dokumen
from etl.review import anggaran, capaian, gabung, ganda, kalimat, komponen, narasi, persentase
from etl.review.finding import GALAT, PERINGATAN, Temuan

OCR = "ocr"
OCR_NOTE = " Angka ini dibaca dengan OCR dari halaman pindaian: periksa ke dokumen asli sebelum menganggapnya salah tulis."


def review_document(doc: Dokumen) -> list[Temuan]:
    found: list[Temuan] = []
    for family in (capaian, persentase, komponen, anggaran, ganda, kalimat, narasi):
        found.extend(family.review(doc))
    found.extend(doc.temuan_bawaan)  # the extractor's own checks (a quarterly report's arithmetic)
    found = gabung.merge(sorted(found, key=lambda t: (t.sumber_baris, t.kode)))  # one finding per slip
    ocr_lines = {ln.no for ln in doc.lines if ln.cara_baca == OCR}
    return sorted((_read_by_ocr(t) if _touches(t, ocr_lines) else t for t in found), key=lambda t: (t.sumber_baris, t.kode))


def _touches(t: Temuan, lines: set[int]) -> bool:
    return bool(lines) and bool(lines.intersection({t.sumber_baris, *t.baris_terkait}))


def _read_by_ocr(t: Temuan) -> Temuan:
    """A slip in numbers read by OCR may be a misreading, not the document's: peringatan, saying so."""
    return replace(t, tingkat=PERINGATAN if t.tingkat == GALAT else t.tingkat, pesan=t.pesan + OCR_NOTE)
