"""Scores stated only in running text: "Nilai SAKIP Kecamatan X Tahun 2023 yaitu 74,15".

Reports often state a score in a sentence and nowhere in a table (an earlier year's SAKIP, the
IKM of the survey). Such a sentence becomes a score observation of its own kind
(``sumber='kalimat'``) with the sentence's line as its source. It is never confused with what is
said beside it:

* the value must follow the year through a word of statement ("yaitu", "adalah", "sebesar",
  "mencapai", "memperoleh", ":") with no word of comparison or target between them, so
  "meningkat sebesar 2,1" and "dari target 66,00" are not read as the score;
* a score of another unit ("rata-rata Nilai SAKIP perangkat daerah se-kabupaten", "Nilai SAKIP
  Pemerintah Kabupaten") is left out;
* the value must lie on the score's scale.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl import rules
from etl.model import Line, Skor
from etl.numbers import parse_decimal
from etl.text import clean_cell

_KIND = (
    r"(?P<kind>sakip|akip|akuntabilitas\s+kinerja|ikm|indeks\s+kepuasan\s+masyarakat|skm|kematangan(?:\s+perangkat\s+daerah)?)"
)
_SENTENCE = re.compile(
    r"\b(?:(?:nilai|indeks|skor|hasil\s+evaluasi|predikat)\s+(?:evaluasi\s+)?)?" + _KIND + r"\b(?P<gap1>[^.;:]{0,80}?)"
    r"\btahun\s+(?P<year>20\d{2})\b(?P<gap2>[^;]{0,40}?)"
    r"\b(?:yaitu|adalah|sebesar|mencapai|memperoleh|diperoleh|senilai|dengan\s+nilai|=|:)\s*(?:sebesar\s+)?"
    r"(?P<value>\d{1,3}(?:[.,]\d{1,3})?)(?![\d.,]*\d)",
    re.IGNORECASE,
)
# words between the score and its value that make it another statement: a change, a target, a
# comparison, or another unit's score
_NOT_OWN = re.compile(
    r"\b(?:target|rata|peningkatan|penurunan|kenaikan|naik|turun|meningkat|menurun|selisih|dibanding|"
    r"se-?\s*(?:kabupaten|provinsi|kota)|seluruh|pemerintah\s+(?:kabupaten|provinsi|kota|daerah)|pemda|pemkab|pemprov|nasional)\b",
    re.IGNORECASE,
)
LOOK_BEHIND = 25  # characters before "Nilai SAKIP" that may turn it into a target ("Target Nilai SAKIP …")
_KINDS = {
    "sakip": "SAKIP",
    "akip": "SAKIP",
    "akuntabilitas": "SAKIP",
    "ikm": "IKM",
    "indeks": "IKM",
    "skm": "IKM",
    "kematangan": "KEMATANGAN",
}
_SCALE = {"SAKIP": (0.0, 100.0), "IKM": (1.0, 100.0), "KEMATANGAN": (0.0, 100.0)}


def scores_from_sentences(lines: Sequence[Line], region_words: Sequence[str] = ()) -> list[Skor]:
    """Score observations stated in running text. ``region_words`` are words that, between a
    score and its year, name another unit (for a kecamatan: 'kabupaten', 'provinsi')."""
    other_unit = re.compile(r"\b(?:" + "|".join(map(re.escape, region_words)) + r")\b", re.IGNORECASE) if region_words else None
    out: list[Skor] = []
    for ln in lines:
        if "\t" in ln.text.strip():  # a table row: read by the table readers
            continue
        text = clean_cell(ln.text)
        for m in _SENTENCE.finditer(text):
            gap = f"{text[max(0, m.start() - LOOK_BEHIND) : m.start()]} {m.group('gap1')} {m.group('gap2')}"
            if _NOT_OWN.search(gap) or (other_unit and other_unit.search(gap)):
                continue
            jenis = _KINDS[m.group("kind").split()[0].lower()]
            value = parse_decimal(m.group("value"))
            low, high = _SCALE[jenis]
            if value is None or not low <= value <= high:
                continue
            out.append(
                Skor(
                    tahun=int(m.group("year")),
                    jenis=jenis,
                    nilai=value,
                    nilai_teks=m.group("value"),
                    kategori=rules.kategori_skor(jenis, value),
                    kategori_dilaporkan=None,
                    sumber="kalimat",
                    sumber_baris=ln.no,
                )
            )
    return out
