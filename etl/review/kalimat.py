"""Numbers stated in running text, checked against the numbers beside them or in the table above.

* ``kalimat_persen`` — a sentence that gives the whole and then its parts, each with its share in
  brackets ("penduduk 1.000 jiwa … laki-laki 600 jiwa (60%) dan perempuan 400 jiwa (40%)"): each
  share against part ÷ whole (the facts ``bagian_kalimat`` of etl.documents.pernyataan);
* ``ganda_persen`` — the paragraph after a share table restating a category's percentage
  ("… yang memilih sangat baik sebesar 72,76") with another value than the table prints (the facts
  ``persen_uraian`` of etl.documents.pernyataan and the table's ``sebaran_survei``).
"""

from __future__ import annotations

from collections.abc import Iterable

from etl.documents.pernyataan import BAGIAN_KALIMAT, PERSEN_URAIAN, Pernyataan
from etl.documents.survei import SebaranSurvei
from etl.model import Dokumen
from etl.review.finding import GALAT, Temuan, angka, persen
from etl.review.tolerance import judge
from etl.text import fold

KATEGORI = "ganda"


def review(doc: Dokumen) -> list[Temuan]:
    return [*check_sentence_shares(doc.pernyataan), *check_restated_shares(doc)]


# --- shares in one sentence (facts of etl.documents.pernyataan) ----------------------------------------


def check_sentence_shares(facts: Iterable[Pernyataan]) -> list[Temuan]:
    found = []
    for s in facts:
        if s.jenis != BAGIAN_KALIMAT or s.nilai is None or s.pembanding is None or not s.keseluruhan:
            continue
        count, whole = s.pembanding, s.keseluruhan
        expected = count / whole * 100
        verdict = judge(s.nilai, s.nilai_teks, expected)
        if verdict.tingkat != GALAT:
            continue  # rounding-level differences in prose are not worth a reader's time
        found.append(
            Temuan(
                "kalimat_persen",
                GALAT,
                f"Kalimat menulis {angka(count)} ({s.nilai_teks}%) padahal {angka(count)} dari {angka(whole)} = {persen(expected)}.",
                f"{s.nilai_teks}%",
                persen(expected),
                s.sumber_baris,
                kategori="persentase",
                angka_tertulis=s.nilai,
                angka_hitung=expected,
                slip=f"kalimat:{s.sumber_baris}:{whole}",  # the shares of one sentence are one slip
            )
        )
    return found


# --- a table's share restated in the paragraph after it (facts of etl.documents.survei / pernyataan) ---


def check_restated_shares(doc: Dokumen) -> list[Temuan]:
    groups: dict[int, list[SebaranSurvei]] = {}
    line_group: dict[int, int] = {}
    for f in doc.sebaran_survei:
        groups.setdefault(f.kelompok, []).append(f)
        for n in (f.baris_persen, f.baris_jumlah, f.baris_total):
            if n is not None:
                line_group[n] = f.kelompok
    found: list[Temuan] = []
    for s in doc.pernyataan:
        if s.jenis != PERSEN_URAIAN or s.nilai is None or s.baris_pembanding not in line_group:
            continue
        shares = {
            fold(f.kategori.split(">")[-1]): f
            for f in groups[line_group[s.baris_pembanding]]
            if f.persen is not None and f.persen_teks
        }
        label = " ".join((s.subjek or "").lower().split())
        table = shares.get(fold(label))
        if table is None or table.persen is None:
            continue
        if judge(s.nilai, s.nilai_teks, table.persen).tingkat != GALAT:
            continue
        found.append(
            Temuan(
                "ganda_persen",
                GALAT,
                f"Persentase '{s.subjek}' ditulis {s.nilai_teks}% dalam uraian, sedangkan tabel di atasnya mencetak {table.persen_teks}.",
                f"{s.nilai_teks}%",
                table.persen_teks,
                s.sumber_baris,
                baris_terkait=(table.baris_persen or s.baris_pembanding,),
                kategori=KATEGORI,
                angka_tertulis=s.nilai,
                angka_hitung=table.persen,
            )
        )
    return found
