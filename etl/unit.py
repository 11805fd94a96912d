"""Whose document this is — a kecamatan or another perangkat daerah — resolved as scored evidence.

A document names many places: its own kecamatan on the cover and in the first party's position
("Camat X"), the kabupaten in the second party ("Bupati Y"), and neighbouring kecamatan, villages
and regulations in its body. So a mention counts by *where* it stands, not how often:

* the title block (cover, agreement title) weighs most, then the first party's position and the
  ``Unit kerja`` line, then table captions and lampiran titles; body mentions weigh little and are
  capped, so five mentions of a neighbour never outweigh the title;
* a unit is a kecamatan when the title block or the first party names one; it is another
  perangkat daerah (dinas, badan, biro …, the words in ``etl/vocab/perangkat_daerah.csv``) when
  they name that instead — a dinas report that lists kecamatan in its body stays the dinas';
* two kecamatan both named as the document's own unit is a refusal, never a guess;
* a kabupaten and a kota of the same name (Kabupaten Bogor 32.01, Kota Bogor 32.71) are two places,
  told apart by the document's own wording ("Pemerintah Kota …", "Wali Kota", "Bupati", "Kabupaten
  …") in its title, captions and both parties' positions; a kecamatan belongs to the one the
  reference list puts it in, and wording naming the other is a warning; wording that names both
  equally is a refusal (``_decide_region``).

Names are matched as printed and also without spaces, so "Kec.Kembaran", glyph-split words of a
PDF converter ("KECAM ATAN KEMBA RAN") and the Kemendagri spelling written as one word
("Purwokertobarat") are found; a name that matches only approximately (rapidfuzz, within the
kabupaten found) is accepted with a warning that says which spelling was matched.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from etl.model import DocumentError, Line
from etl.reference import Kecamatan, label_kabupaten, wilayah
from etl.text import clean_line, fold, title_name

VOCAB = Path(__file__).resolve().parent / "vocab"

WEIGHT_TITLE = 10.0  # the cover or agreement title names the unit the document is about
WEIGHT_PARTY = 6.0  # the first party's position ("Camat X", "Kepala Dinas Y") or "Unit kerja: …"
WEIGHT_CAPTION = 3.0  # a lampiran title or table caption ("PERJANJIAN KINERJA KECAMATAN X TAHUN …")
WEIGHT_BODY = 1.0  # any other mention
BODY_CAP = 4.0  # body mentions of one name add up to at most this: never more than a title
TITLE_LINES = 16  # non-empty lines at the start that form the cover/title block
BLOCK_TITLE_LINES = 4  # lines after an agreement title that still belong to it
FUZZY_MIN = 80  # rapidfuzz ratio (0-100): one wrong letter in a six-letter name, within one kabupaten only
FUZZY_MARGIN = 5  # the best match must beat the second by this much, or the name stays unresolved
OWN_ZONES = ("judul", "pihak")

_TITLE_END = re.compile(r"^(dalam rangka|nama\b|kata pengantar|daftar isi|ringkasan eksekutif|bab\s+[ivx1-9]+\b)")
_CAPTION = re.compile(r"^(lampiran|perjanjian kinerja|perubahan perjanjian|rencana aksi|tabel|laporan kinerja)\b")
_PARTY = re.compile(r"^\s*(jabatan|unit\s+kerja)\s*:?\s*", re.IGNORECASE)

# marker words before a name (folded, no spaces) → the kind of name they introduce. Long markers
# may run into the name without a space ("KecamatanKembaran"); short ones must end at a word end.
_MARKERS: tuple[tuple[str, str, bool], ...] = (
    ("pemerintahkabupaten", "kabupaten", False),
    ("pemerintahkota", "kota", False),
    ("pemerintahprovinsi", "provinsi", False),
    ("pemkab", "kabupaten", True),
    ("pemkot", "kota", True),
    ("kecamatan", "kecamatan", False),
    ("kabupaten", "kabupaten", False),
    ("provinsi", "provinsi", False),
    ("walikota", "kota", True),
    ("gubernur", "provinsi", True),
    ("bupati", "kabupaten", True),
    ("camat", "kecamatan", True),
    ("pemprov", "provinsi", True),
    ("kota", "kota", True),
    ("prov", "provinsi", True),
    ("kab", "kabupaten", True),
    ("kec", "kecamatan", True),
)

# The markers by their first letter, in the order above: most word starts begin no marker at all.
_MARKERS_BY_INITIAL: dict[str, tuple[tuple[str, str, bool], ...]] = {
    c: tuple(m for m in _MARKERS if m[0][0] == c) for c in {m[0][0] for m in _MARKERS}
}


@dataclass(frozen=True)
class Region:
    kode: str
    nama: str  # without "Kabupaten"/"Kota"
    jenis: str  # Kabupaten | Kota
    provinsi: str

    @property
    def label(self) -> str:
        """'Kab. Bogor' / 'Kota Bogor' (etl.reference.label_kabupaten)."""
        return label_kabupaten(self.kode, self.nama) or self.nama

    @property
    def kode_provinsi(self) -> str:
        return self.kode.split(".")[0]


@dataclass
class Unit:
    """The document's own unit, and where it lies."""

    perangkat_daerah: str
    kecamatan: Kecamatan | None = None
    kabupaten: Region | None = None
    provinsi: str | None = None
    kode_provinsi: str | None = None
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    @property
    def is_kecamatan(self) -> bool:
        return self.kecamatan is not None


@dataclass(frozen=True)
class Mention:
    kind: str  # kecamatan | kabupaten | kota | provinsi
    key: str  # folded name without spaces
    line: int
    zone: str  # judul | pihak | keterangan | isi
    spelled: str


@dataclass(frozen=True)
class _Index:
    kecamatan: dict[str, tuple[Kecamatan, ...]]
    regions: dict[str, tuple[Region, ...]]
    provinsi: dict[str, str]
    kode_provinsi: dict[str, str]  # provinsi name → code PP
    lengths: dict[str, tuple[int, ...]]  # kind → name lengths, longest first
    pd_words: tuple[str, ...]


def _despace(text: str) -> str:
    return text.replace(" ", "")


@lru_cache(maxsize=1)
def _index() -> _Index:
    w = wilayah()
    kec: dict[str, list[Kecamatan]] = defaultdict(list)
    regions: dict[str, dict[str, Region]] = defaultdict(dict)
    provinsi: dict[str, str] = {}
    kode_provinsi: dict[str, str] = {}
    for k in w.kecamatan:
        kode_provinsi[k.provinsi] = k.kode_provinsi
        kec[_despace(fold(k.nama))].append(k)
        regions[_despace(fold(k.kabupaten))][k.kode_kabupaten] = Region(k.kode_kabupaten, k.kabupaten, k.jenis_daerah, k.provinsi)
        provinsi[_despace(fold(k.provinsi))] = k.provinsi
    with (VOCAB / "provinsi_alias.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            provinsi.setdefault(_despace(fold(row["alias"])), row["provinsi"])
    with (VOCAB / "perangkat_daerah.csv").open(encoding="utf-8") as fh:
        pd_words = tuple(sorted((fold(r["kata"]) for r in csv.DictReader(fh)), key=len, reverse=True))
    lengths = {
        "kecamatan": tuple(sorted({len(n) for n in kec}, reverse=True)),
        "kabupaten": tuple(sorted({len(n) for n in regions}, reverse=True)),
        "provinsi": tuple(sorted({len(n) for n in provinsi}, reverse=True)),
    }
    return _Index(
        {k: tuple(v) for k, v in kec.items()},
        {k: tuple(v.values()) for k, v in regions.items()},
        provinsi,
        kode_provinsi,
        lengths,
        pd_words,
    )


def _text(line: Line) -> str:
    return " ".join(clean_line(line.text).replace("\t", " ").replace("\u2029", " ").split())


@dataclass
class _Folded:
    """A line folded, and the same without spaces with a map back: boundaries survive despacing."""

    folded: str
    chars: str
    ends: set[int]  # positions in ``chars`` where a folded word ends (exclusive)
    starts: set[int]

    @classmethod
    def of(cls, text: str) -> _Folded:
        f = fold(text)
        chars: list[str] = []
        ends: set[int] = set()
        starts: set[int] = set()
        for word in f.split():
            starts.add(len(chars))
            chars.extend(word)
            ends.add(len(chars))
        return cls(f, "".join(chars), ends, starts)


def zones(lines: Sequence[Line], agreement_starts: Iterable[int]) -> list[str]:
    """The zone of every line: judul (cover and agreement titles), pihak (the first party's
    position, the unit line), keterangan (captions and lampiran titles) or isi."""
    out = ["isi"] * len(lines)
    _mark_title(lines, out, 0, len(lines), TITLE_LINES)
    for start in agreement_starts:
        out[start] = "judul"
        _mark_title(lines, out, start + 1, min(len(lines), start + 8), BLOCK_TITLE_LINES)
    for start in [*agreement_starts, 0]:
        for j in range(start, min(len(lines), start + 40)):
            t = clean_line(lines[j].text).strip()
            if _PARTY.match(t) and out[j] == "isi":
                out[j] = "pihak"
                if fold(t).startswith("jabatan"):
                    # a position wrapped over the next line ("KEPALA DINAS …" / "PROVINSI …")
                    if j + 1 < len(lines) and _continues_position(lines[j + 1]):
                        out[j + 1] = "pihak"
                    break
    for i, ln in enumerate(lines):
        if out[i] == "isi":
            t = fold(_text(ln))
            if t and len(t) < 160 and _CAPTION.match(t):
                out[i] = "keterangan"
    return out


def _mark_title(lines: Sequence[Line], out: list[str], start: int, stop: int, limit: int) -> None:
    """Mark as 'judul' the non-empty lines from ``start``, at most ``limit`` of them, until the
    opening of the agreement, a table of contents or a chapter begins."""
    taken = 0
    for j in range(start, stop):
        t = _text(lines[j])
        if not t:
            continue
        if _TITLE_END.match(fold(t)) or taken >= limit:
            break
        out[j] = "judul"
        taken += 1


def _continues_position(line: Line) -> bool:
    f = fold(_text(line))
    return bool(f) and len(f) < 60 and bool(re.match(r"^(provinsi|kabupaten|kota|kecamatan|daerah)\b", f))


def mentions(lines: Sequence[Line], zone_of: Sequence[str]) -> list[Mention]:
    """Every name of a place introduced by a marker word, exactly as in the reference list
    (spaces aside)."""
    idx = _index()
    out: list[Mention] = []
    for i, ln in enumerate(lines):
        t = _text(ln)
        if not t:
            continue
        f = _Folded.of(t)
        if not f.chars:
            continue
        for _start, kind, end in _marker_hits(f):
            table = {"kecamatan": "kecamatan", "kabupaten": "kabupaten", "kota": "kabupaten", "provinsi": "provinsi"}[kind]
            names: Mapping[str, object] = (
                idx.kecamatan if table == "kecamatan" else idx.regions if table == "kabupaten" else idx.provinsi
            )
            rest = f.chars[end:]
            for n in idx.lengths[table]:
                if n <= len(rest) and end + n in f.ends and rest[:n] in names:
                    out.append(Mention(kind, rest[:n], ln.no, zone_of[i], rest[:n]))
                    break
    return out


def _marker_hits(f: _Folded) -> list[tuple[int, str, int]]:
    """(start, kind, end) of every marker word in a despaced line; a marker must start a word."""
    hits: list[tuple[int, str, int]] = []
    taken: set[int] = set()
    covered = 0  # a marker never starts inside the previous one ("WALI KOTA": one mention, not two)
    chars = f.chars
    for start in sorted(f.starts):
        if start < covered:
            continue
        for marker, kind, whole in _MARKERS_BY_INITIAL.get(chars[start], ()):
            if chars.startswith(marker, start) and start not in taken:
                end = start + len(marker)
                if whole and end not in f.ends:
                    continue
                hits.append((start, kind, end))
                taken.add(start)
                covered = end
                break
    return hits


def _weigh(ms: Iterable[Mention]) -> dict[str, float]:
    body: dict[str, float] = defaultdict(float)
    own: dict[str, float] = defaultdict(float)
    for m in ms:
        w = {"judul": WEIGHT_TITLE, "pihak": WEIGHT_PARTY, "keterangan": WEIGHT_CAPTION}.get(m.zone)
        if w is None:
            body[m.key] += WEIGHT_BODY
        else:
            own[m.key] += w
    return {k: own.get(k, 0.0) + min(body.get(k, 0.0), BODY_CAP) for k in set(body) | set(own)}


def _regions(ms: list[Mention]) -> dict[str, float]:
    """Kabupaten/kota scores by Kemendagri code: 'Kota X' and 'Kabupaten X' are different places."""
    idx = _index()
    scores: dict[str, float] = defaultdict(float)
    for kind in ("kabupaten", "kota"):
        wanted = "Kota" if kind == "kota" else "Kabupaten"
        for key, score in _weigh(m for m in ms if m.kind == kind).items():
            options = idx.regions[key]
            matching = [r for r in options if r.jenis == wanted] or list(options)
            for r in matching:
                scores[r.kode] += score / len(matching)
    return scores


def _region_by_code(kode: str) -> Region:
    for options in _index().regions.values():
        for r in options:
            if r.kode == kode:
                return r
    raise KeyError(kode)


def _twins(region: Region) -> tuple[Region, ...]:
    """The other kabupaten/kota of the same name: Kota Bogor for Kabupaten Bogor."""
    return tuple(r for r in _index().regions[_despace(fold(region.nama))] if r.kode != region.kode)


def _identity(ms: Sequence[Mention], lines: Sequence[Line]) -> list[Mention]:
    """Mentions in the wording a document uses about itself: its title, captions, the first party's
    position and every 'Jabatan :' line (the second party, "Bupati X" or "Wali Kota X", too)."""
    party = {ln.no for ln in lines if _PARTY.match(clean_line(ln.text).strip())}
    return [m for m in ms if m.zone in (*OWN_ZONES, "keterangan") or m.line in party]


def _lines_of(ms: Iterable[Mention], region: Region) -> list[int]:
    """Lines where the wording names `region` (a 'Kota' mention of a name names the kota, etc.)."""
    kind = "kota" if region.jenis == "Kota" else "kabupaten"
    key = _despace(fold(region.nama))
    return sorted({m.line for m in ms if m.key == key and m.kind == kind})


def _baris(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers[:5])


def _decide_region(scores: dict[str, float], evidence: Sequence[Mention], path: str) -> tuple[Region, list[tuple[int, str]]]:
    """The kabupaten/kota with the highest score; a same-name twin named as strongly is a refusal,
    one named more weakly a warning (the document's wording disagrees with itself)."""
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    region = _region_by_code(ranked[0])
    twins = [t for t in _twins(region) if scores.get(t.kode, 0.0) > 0]
    if not twins:
        return region, []
    twin = max(twins, key=lambda t: scores[t.kode])
    mine, other = _lines_of(evidence, region), _lines_of(evidence, twin)
    if scores[twin.kode] >= scores[region.kode]:
        raise DocumentError(
            path,
            next(iter(mine or other), None),
            f"dokumen menyebut {region.jenis} {region.nama} (baris {_baris(mine) or '–'}) dan {twin.jenis} {twin.nama} "
            f"(baris {_baris(other) or '–'}) sama kuatnya sebagai daerahnya sendiri: keduanya tempat yang berbeda "
            f"({region.kode} dan {twin.kode}); perbaiki judul atau jabatan para pihak ('Pemerintah Kota …', 'Bupati …')",
        )
    line = other[0] if other else 1
    return region, [
        (
            line,
            f"dokumen juga menyebut {twin.jenis} {twin.nama} (baris {_baris(other)}), daerah lain yang bernama sama; "
            f"dimuat sebagai {region.jenis} {region.nama} ({region.kode}), yang disebut lebih kuat di judul dan jabatan "
            f"(baris {_baris(mine)})",
        )
    ]


def _check_kecamatan_region(kec: Kecamatan, identity: Sequence[Mention]) -> list[tuple[int, str]]:
    """A kecamatan lies where the reference list puts it; a document whose own wording names the
    same-name twin instead ("Bupati Bogor" for a kecamatan of Kota Bogor) is loaded with a warning."""
    region = Region(kec.kode_kabupaten, kec.kabupaten, kec.jenis_daerah, kec.provinsi)
    out = []
    for twin in _twins(region):
        other = _lines_of(identity, twin)
        if other:
            out.append(
                (
                    other[0],
                    f"dokumen menyebut {twin.jenis} {twin.nama} (baris {_baris(other)}), tetapi Kecamatan {kec.nama} "
                    f"ada di {region.jenis} {region.nama} ({region.kode}) menurut daftar Kemendagri: dimuat sebagai "
                    f"{region.jenis} {region.nama}; periksa judul dan jabatan para pihak",
                )
            )
    return out


def perangkat_daerah_name(lines: Sequence[Line], zone_of: Sequence[str]) -> tuple[str, int] | None:
    """The name of a non-kecamatan perangkat daerah in the title block or the first party's
    position: 'KEPALA DINAS PEMUDA DAN OLAHRAGA' → 'Dinas Pemuda dan Olahraga'."""
    idx = _index()
    for zone in ("judul", "pihak"):
        for i, ln in enumerate(lines):
            if zone_of[i] != zone:
                continue
            t = _text(ln)
            if zone == "pihak":
                t = _PARTY.sub("", t)
                t = re.sub(r"^(?:plt|plh|pj|pjs)\.?\s+", "", t, flags=re.IGNORECASE)
                t = re.sub(r"^kepala(?:\s+pelaksana(?:\s+harian)?)?\s+", "", t, flags=re.IGNORECASE)
            elif _CAPTION.match(fold(t)):
                t = re.sub(r"^(?:pernyataan\s+)?(?:perubahan\s+)?perjanjian\s+kinerja(?:\s+perubahan)?\s*", "", t, flags=re.I)
                t = re.sub(r"^(?:tahun|ta\.?)\s+\d{4}\s*", "", t, flags=re.IGNORECASE)
                t = re.sub(r"^kepala(?:\s+pelaksana)?\s+", "", t, flags=re.IGNORECASE)
            f = fold(t)
            word = next((w for w in idx.pd_words if f == w or f.startswith(w + " ")), None)
            if word is None:
                continue
            name = re.split(
                r"\s+(?:pemerintah|pemkab|pemkot|provinsi|prov\.|kabupaten|kab\.|kota|tahun|ta\.)\s+|\s+tahun\s+\d{4}",
                t,
                flags=re.I,
            )[0]
            name = re.sub(r"[\s,.:;]+$", "", name)
            if len(fold(name).split()) >= 2:
                return title_name(name), ln.no
    return None


def resolve_unit(lines: Sequence[Line], zone_of: Sequence[str], path: str) -> Unit:
    """The document's own unit, from the lines and their :func:`zones`. Raises
    :class:`DocumentError` when it cannot be attributed."""
    ms = mentions(lines, zone_of)
    idx = _index()
    region_scores = _regions(ms)
    identity = _identity(ms, lines)
    own_regions = _regions(identity)
    prov_scores = _weigh(m for m in ms if m.kind == "provinsi")
    own_prov = _weigh(m for m in ms if m.kind == "provinsi" and m.zone in (*OWN_ZONES, "keterangan"))
    kec_ms = [m for m in ms if m.kind == "kecamatan"]
    own_kec = [m for m in kec_ms if m.zone in OWN_ZONES]
    warnings: list[tuple[int, str]] = []
    if not own_kec:
        fuzzy = _fuzzy_kecamatan(lines, zone_of, region_scores)
        if fuzzy:
            own_kec = [fuzzy[0]]
            kec_ms.append(fuzzy[0])
            warnings.append((fuzzy[0].line, fuzzy[1]))
    pd = perangkat_daerah_name(lines, zone_of)
    if own_kec or (pd is None and kec_ms):
        kec = _choose_kecamatan(kec_ms, own_kec, region_scores, path)
        reg = Region(kec.kode_kabupaten, kec.kabupaten, kec.jenis_daerah, kec.provinsi)
        warnings.extend(_check_kecamatan_region(kec, identity))
        return Unit(f"Kecamatan {kec.nama}", kec, reg, kec.provinsi, kec.kode_provinsi, warnings)
    if pd is None:
        raise DocumentError(
            path,
            None,
            "unit pemilik dokumen tidak ditemukan: judul atau jabatan pihak pertama tidak menyebut kecamatan "
            "('Kecamatan X', 'Camat X') atau perangkat daerah ('Dinas …', 'Badan …') yang ada dalam daftar Kemendagri",
        )
    name, _line = pd
    region = None
    if own_regions:
        region, found = _decide_region(own_regions, identity, path)
        warnings.extend(found)
    provinsi = region.provinsi if region else None
    if provinsi is None and (own_prov or prov_scores):
        scores = own_prov or prov_scores
        provinsi = idx.provinsi[max(scores, key=lambda k: (scores[k], k))]
    if region is None and provinsi is None and region_scores:
        region, found = _decide_region(region_scores, ms, path)
        warnings.extend(found)
        provinsi = region.provinsi
    kode_provinsi = region.kode_provinsi if region else idx.kode_provinsi.get(provinsi or "")
    return Unit(name, None, region, provinsi, kode_provinsi, warnings)


def _choose_kecamatan(kec_ms: list[Mention], own: list[Mention], region_scores: dict[str, float], path: str) -> Kecamatan:
    idx = _index()
    scores = _weigh(kec_ms)
    own_keys = {m.key for m in own}
    if len(own_keys) > 1:
        own_scores = _weigh(own)
        ranked = sorted(own_scores, key=lambda k: -own_scores[k])
        # two kecamatan named as the document's own unit (title and first party disagree)
        if own_scores[ranked[1]] >= WEIGHT_PARTY:
            a, b = (idx.kecamatan[k][0].nama for k in ranked[:2])
            raise DocumentError(
                path,
                None,
                f"dokumen menyebut dua kecamatan sebagai unitnya sendiri (Kecamatan {a} dan Kecamatan {b}) "
                "di judul atau jabatan pihak pertama: pisahkan dokumennya atau perbaiki judulnya",
            )
    candidates = own_keys or set(scores)
    best: tuple[float, float, str] | None = None
    chosen: Kecamatan | None = None
    ambiguous: tuple[Kecamatan, ...] = ()
    for key in candidates:
        options = idx.kecamatan[key]
        placed = sorted(
            (k for k in options if region_scores.get(k.kode_kabupaten, 0.0) > 0), key=lambda k: -region_scores[k.kode_kabupaten]
        )
        if placed:
            k = placed[0]
            if len(placed) > 1 and region_scores[placed[1].kode_kabupaten] == region_scores[k.kode_kabupaten]:
                one, two = placed[:2]
                raise DocumentError(
                    path,
                    None,
                    f"kecamatan '{k.nama}' ada di {one.jenis_daerah} {one.kabupaten} ({one.kode}) dan di {two.jenis_daerah} "
                    f"{two.kabupaten} ({two.kode}), dan dokumen menyebut keduanya sama kuatnya: perbaiki judul atau jabatan "
                    "para pihak ('Pemerintah Kota …', 'Bupati …')",
                )
            rank = (scores[key], region_scores[k.kode_kabupaten], key)
        elif len(options) == 1:
            k, rank = options[0], (scores[key], 0.0, key)
        else:
            if not ambiguous:
                ambiguous = options
            continue
        if best is None or rank > best:
            best, chosen = rank, k
    if chosen is not None:
        return chosen
    options_text = ", ".join(f"{k.nama} ({k.jenis_daerah} {k.kabupaten})" for k in ambiguous[:6])
    raise DocumentError(
        path,
        None,
        f"kecamatan '{ambiguous[0].nama if ambiguous else '?'}' ada di beberapa kabupaten/kota ({options_text}) "
        "dan dokumen tidak menyebut kabupaten/kotanya",
    )


def _fuzzy_kecamatan(
    lines: Sequence[Line], zone_of: Sequence[str], region_scores: dict[str, float]
) -> tuple[Mention, str] | None:
    """A kecamatan marker in the title or the first party whose name is misspelt: matched within
    the kabupaten the document names, never across the country."""
    if not region_scores:
        return None
    idx = _index()
    kode = max(region_scores, key=lambda k: (region_scores[k], k))
    choices = {_despace(fold(k.nama)): k for options in idx.kecamatan.values() for k in options if k.kode_kabupaten == kode}
    for i, ln in enumerate(lines):
        if zone_of[i] not in OWN_ZONES:
            continue
        f = _Folded.of(_text(ln))
        for _start, kind, end in _marker_hits(f):
            if kind != "kecamatan":
                continue
            words = f.folded[len(" ".join(f.folded.split()[: _word_count(f, end)])) :].split()[:3]
            for n in (3, 2, 1):
                guess = "".join(words[:n])
                if len(guess) < 4:
                    continue
                hits = process.extract(guess, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=2)
                hit = hits[0] if hits and (len(hits) == 1 or hits[0][1] - hits[1][1] >= FUZZY_MARGIN) else None
                if hit:
                    k = choices[hit[0]]
                    message = (
                        f"nama kecamatan '{' '.join(words[:n])}' tidak persis ada dalam daftar Kemendagri; "
                        f"dicocokkan dengan Kecamatan {k.nama} ({k.jenis_daerah} {k.kabupaten}), kemiripan {hit[1]:.0f}%"
                    )
                    return Mention("kecamatan", hit[0], ln.no, zone_of[i], guess), message
    return None


def _word_count(f: _Folded, end: int) -> int:
    """How many folded words lie before position ``end`` of the despaced line."""
    return sum(1 for e in f.ends if e <= end)
