"""Plain text as offices and converters hand it over (issue 9): other encodings, and tables laid
out with spaces (``pdftotext -layout``) instead of tabs.

* Every encoding Notepad and converters write is read to the same lines; binaries are refused.
* :mod:`etl.read.columns` finds the columns of a space-aligned table at its whitespace valleys;
  prose is never cut.
* Metamorphic: each seed's tables laid out with spaces (no tab left) give the same facts as the
  seed; so does the pdftotext -layout form of a LibreOffice export of a seed, up to the words
  LibreOffice broke inside narrow columns.
"""

from __future__ import annotations

import codecs
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from etl.model import DocumentError
from etl.read import columns, sniff, sniff_bytes
from etl.read.text import BINARY, decode, lines_of, read_text
from etl.tables import find_tables, is_header_cells, split_cells
from tests.read.compare import VIEWS, load_facts
from tests.read.conftest import SEED_STEMS, SEEDS

FORMS = Path(__file__).resolve().parents[1] / "fixtures" / "forms"
TEXT = "Indikator\tTarget\nIndeks Kepuasan Masyarakat – IKM\t85,5\r\nNilai SAKIP ≥ 70\tBaik\n"
LATIN = "Pencapaian – kinerja: 100 %\nCatatan: café, naïve\n"


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),  # Notepad's "Unicode"
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
        TEXT.encode("utf-32-le"),
        TEXT.encode("utf-32-be"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-8"),
    ],
    ids=[
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32le-bom",
        "utf32be-bom",
        "utf32le",
        "utf32be",
        "utf8-bom",
        "utf8",
    ],
)
def test_unicode_encodings_read_to_the_same_lines(data: bytes, tmp_path: Path) -> None:
    f = tmp_path / "pk.txt"
    f.write_bytes(data)
    assert sniff(f) == "txt"
    assert [ln.text for ln in read_text(f)] == TEXT.splitlines()


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_eight_bit_encodings_are_read(encoding: str, tmp_path: Path) -> None:
    text = LATIN if encoding == "cp1252" else LATIN.replace("–", "-")
    f = tmp_path / "pk.txt"
    f.write_bytes(text.encode(encoding))
    assert sniff(f) == "txt"
    assert [ln.text for ln in read_text(f)] == text.splitlines()


def test_a_byte_undefined_in_cp1252_falls_back_to_latin1() -> None:
    assert decode("Camat\x81".encode("latin-1"), "x") == "Camat\x81"


def test_a_utf16_head_cut_inside_a_character_still_sniffs_as_text() -> None:
    data = codecs.BOM_UTF16_LE + ("PERJANJIAN KINERJA 𝐀 " * 300).encode("utf-16-le")
    assert sniff_bytes(data[:8191]) == "txt"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"SQLite format 3\x00\x10\x00\x01\x01\x00@  \x00\x00\x00\x02" + bytes(2000),
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(300),
        bytes(1000),
    ],
    ids=["png", "sqlite", "jpeg", "zeros"],
)
def test_binaries_with_nul_bytes_are_refused(data: bytes, tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=BINARY.split(":")[0]):
        decode(data, "x.txt")
    f = tmp_path / "x.txt"
    f.write_bytes(data)
    with pytest.raises(DocumentError, match="tidak dikenali"):
        sniff(f)


@pytest.mark.parametrize("form", ["utf16", "utf16nobom"])
def test_the_utf16_forms_of_a_seed_read_like_the_seed(form: str) -> None:
    stem = "pk_2024_banyumas_somagede"
    path = FORMS / f"{stem}.{form}.txt"
    if not path.exists():
        pytest.skip(f"{path.name} not generated")
    assert [ln.text for ln in read_text(path)] == [ln.text for ln in read_text(SEEDS / f"{stem}.txt")]


# --- pages ----------------------------------------------------------------------------------------


def test_form_feeds_number_the_pages_and_break_them_with_an_empty_line() -> None:
    lines = lines_of("satu\ndua\n\ftiga\n\fempat\n\f")
    assert [(ln.no, ln.text, ln.halaman) for ln in lines] == [
        (1, "satu", 1),
        (2, "dua", 1),
        (3, "", 1),
        (4, "tiga", 2),
        (5, "", 2),
        (6, "empat", 3),
    ]


def test_a_text_without_form_feeds_has_no_pages() -> None:
    assert {ln.halaman for ln in lines_of("a\nb\n")} == {None}


# --- columns: unit tests -----------------------------------------------------------------------------

TABLE = [
    "NO   SASARAN                 INDIKATOR KINERJA        TARGET",
    "1    Meningkatnya kualitas   Indeks Kepuasan          85",
    "     pelayanan publik        Masyarakat",
    "2    Meningkatnya            Nilai SAKIP              79,6",
]


def test_an_aligned_table_becomes_tab_rows_one_line_each() -> None:
    assert columns.tabulate(TABLE, is_header_cells) == [
        "NO\tSASARAN\tINDIKATOR KINERJA\tTARGET",
        "1\tMeningkatnya kualitas\tIndeks Kepuasan\t85",
        "\tpelayanan publik\tMasyarakat",
        "2\tMeningkatnya\tNilai SAKIP\t79,6",
    ]


def test_the_tab_rows_are_a_table_with_its_wrapped_cells_mended() -> None:
    from etl.model import Line

    lines = [Line(k, t) for k, t in enumerate(columns.tabulate(TABLE, is_header_cells), start=1)]
    (table,) = find_tables(lines)
    assert table.kind == "target"
    assert [r.cells for r in table.rows] == [
        ["1", "Meningkatnya kualitas pelayanan publik", "Indeks Kepuasan Masyarakat", "85"],
        ["2", "Meningkatnya", "Nilai SAKIP", "79,6"],
    ]


def test_a_valley_one_space_wide_is_a_column_where_a_cell_starts_after_it() -> None:
    lines = [
        "INDIKATOR                  TARGET   SATUAN",
        "Persentase capaian kinerja 100%     persen",  # the cell filled its column: one space
        "Nilai SAKIP                79,6     angka",
    ]
    assert columns.tabulate(lines, is_header_cells)[1] == "Persentase capaian kinerja\t100%\tpersen"


def test_a_single_space_between_words_is_no_column() -> None:
    assert columns.segments(["Program Penunjang Urusan", "Program Pelayanan"]) == [(0, 24)]


def test_a_wrapped_header_label_joins_its_row_and_leaves_its_line_empty() -> None:
    lines = [
        "NO.   TUJUAN/    INDIKATOR   TARGET",
        "      SASARAN/   KINERJA",
        "      PROGRAM",
        "1     Terwujud   Persentase  100%",
    ]
    assert columns.tabulate(lines, is_header_cells) == [
        "NO.\tTUJUAN/ SASARAN/ PROGRAM\tINDIKATOR KINERJA\tTARGET",
        "",
        "",
        "1\tTerwujud\tPersentase\t100%",
    ]


def test_a_label_word_broken_over_two_lines_is_mended_from_the_vocabulary() -> None:
    lines = [
        "No   Indikat   Realis    Capaia",
        "     or        asi       n",
        "1    IKM       93,69     106,46",
    ]
    out = columns.tabulate(lines, is_header_cells, {"indikator", "realisasi", "capaian"})
    assert out[0] == "No\tIndikator\tRealisasi\tCapaian"


def test_a_group_label_goes_to_the_first_column_of_its_group() -> None:
    lines = [
        "No   Sasaran        Indikator Kinerja             Tingkat",
        "                    Target  Realisasi  Capaian",
        "1    Meningkatnya   88,00   93,69      106,46     15,59",
    ]
    out = columns.tabulate(lines, is_header_cells)
    assert out[:2] == ["No\tSasaran\tIndikator Kinerja\t\t\tTingkat", "\t\tTarget\tRealisasi\tCapaian"]
    centred = [
        "No   Sasaran           Indikator Kinerja      Tingkat",
        "                    Target  Realisasi  Capaian",
        "1    Meningkatnya   88,00   93,69      106,46     15,59",
    ]
    assert columns.tabulate(centred, is_header_cells)[0] == "No\tSasaran\tIndikator Kinerja\t\t\tTingkat"


def test_a_header_over_an_empty_column_keeps_the_column() -> None:
    lines = [
        "NO   PROGRAM          ANGGARAN        KETERANGAN",
        "1    Program Pelayanan  Rp 5.000.000",
    ]
    assert columns.tabulate(lines, is_header_cells) == ["NO\tPROGRAM\tANGGARAN\tKETERANGAN", "1\tProgram Pelayanan\tRp 5.000.000"]


def test_prose_after_a_table_ends_it() -> None:
    lines = [*TABLE, "Berdasarkan tabel di atas dapat dilihat bahwa target kinerja tercapai seluruhnya."]
    assert columns.tabulate(lines, is_header_cells)[-1] == lines[-1]


def test_text_without_a_header_is_left_as_it_is() -> None:
    signatures = [
        "        PIHAK KEDUA                     PIHAK PERTAMA",
        "",
        "      AHMAD HERYAWAN              Prof. Dr. H. YUDHA M. SAPUTRA",
        "Nama : Dr. JAYADI NAS",
        "Tabel 3.9 : Unsur Waktu Pelayanan        18",
        "Tabel 3.10 : Unsur Biaya/Tarif           18",
    ]
    assert columns.tabulate(signatures, is_header_cells) == signatures


def test_fields_under_each_other_become_one_row_each_with_their_wrapped_lines() -> None:
    lines = [
        "Nama            :          MERI, S.Pi",
        "Jabatan         :          KEPALA SUB BAGIAN",
        "                           PERENCANAAN DAN",
        "                           KEPEGAWAIAN",
        "selanjutnya disebut Pihak Pertama",
        "",
        "     SATUAN KERJA          : KANTOR CAMAT",
        "     PERANGKAT DAERAH      MANGKUTANA",
        "     TAHUN ANGGARAN        : 2024",
    ]
    assert columns.tabulate(lines, is_header_cells) == [
        "Nama\t:\tMERI, S.Pi",
        "Jabatan\t:\tKEPALA SUB BAGIAN PERENCANAAN DAN KEPEGAWAIAN",
        "",
        "",
        "selanjutnya disebut Pihak Pertama",
        "",
        "SATUAN KERJA PERANGKAT DAERAH\t: KANTOR CAMAT MANGKUTANA",
        "",
        "TAHUN ANGGARAN\t: 2024",
    ]


def test_tab_rows_and_pipe_tables_are_left_as_they_are() -> None:
    lines = ["NO\tINDIKATOR\tTARGET", "1\tIKM\t85", "| NO | INDIKATOR | TARGET |", "|---|---|---|", "| 1 | IKM | 85 |"]
    assert columns.tabulate(lines, is_header_cells) == lines


def test_a_table_goes_on_over_a_page_break_where_its_columns_moved() -> None:
    page1 = [
        "NO   SASARAN                 INDIKATOR KINERJA        TARGET",
        "1    Meningkatnya kualitas   Indeks Kepuasan          85",
    ]
    page2 = [
        "  pelayanan publik      Masyarakat",
        "2 Meningkatnya          Nilai SAKIP          79,6",
        "",
        "",
        "",
        "Purwokerto, 2 Januari 2024",
    ]
    out = columns.tabulate_pages([page1, page2], is_header_cells)
    assert out[1] == ["\tpelayanan publik\tMasyarakat", "2\tMeningkatnya\tNilai SAKIP\t79,6", "", "", "", page2[-1]]


def test_only_a_cell_still_being_written_goes_on_at_the_top_of_a_page() -> None:
    page1 = [
        "NO   INDIKATOR        TARGET   FORMULASI",
        "1    Nilai SAKIP      79,6     Hasil evaluasi",
        "                               Inspektorat",
    ]
    page2 = ["                  Daerah", "", "", "", "Purwokerto, 2 Januari 2024"]
    out = columns.tabulate_pages([page1, page2], is_header_cells)
    assert out[1] == ["\t\t\tDaerah", "", "", "", page2[-1]]
    page2 = ["Purwokerto, 2 Januari 2024, yang bertanda tangan", ""]
    assert columns.tabulate_pages([page1, page2], is_header_cells)[1] == page2


# --- columns: properties ---------------------------------------------------------------------------

LABELS = ["SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "ANGGARAN", "KETERANGAN", "FORMULASI"]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9)
CELL = st.one_of(
    st.lists(WORD, min_size=1, max_size=4).map(" ".join),
    st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", ".")),
    st.just(""),
)


@st.composite
def aligned_tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A table as PK tables are: a header, then rows numbered in the first column."""
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=2, max_size=5, unique=True))
    assume(is_header_cells(labels))
    rows = draw(st.lists(st.lists(CELL, min_size=len(labels), max_size=len(labels)), min_size=1, max_size=8))
    gap = draw(st.integers(2, 5))
    table = [["NO", *labels], *([str(k), *r] for k, r in enumerate(rows, start=1))]
    widths = [max(len(r[k]) for r in table) for k in range(len(table[0]))]
    lines = ["".join(c.ljust(widths[k] + gap) for k, c in enumerate(r)).rstrip() for r in table]
    return lines, table


@settings(max_examples=200, deadline=None)
@given(aligned_tables())
def test_cutting_an_aligned_table_at_its_valleys_gives_back_its_cells(case: tuple[list[str], list[list[str]]]) -> None:
    lines, table = case
    out = columns.tabulate(lines, is_header_cells)
    width = len(table[0])
    assert [[*split_cells(t), *[""] * width][:width] for t in out] == table


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=16).map(" ".join), min_size=1, max_size=12))
def test_prose_without_aligned_runs_of_spaces_is_never_cut(paragraph: list[str]) -> None:
    lines = [*paragraph, "NO INDIKATOR KINERJA TARGET SATUAN"]
    assert columns.tabulate(lines, is_header_cells) == lines


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=" abc\u00a0XYZ12.,%\t|", max_size=40), max_size=15))
def test_any_lines_keep_their_number_and_their_words(lines: list[str]) -> None:
    out = columns.tabulate(lines, is_header_cells)
    assert len(out) == len(lines)
    assert Counter(w for t in out for w in t.split()) <= Counter(w for t in lines for w in t.split())


# --- metamorphic: seeds laid out with spaces ------------------------------------------------------------


def lay_out(text: str, *, wrap: int | None = None, gap: int = 3) -> str:
    """The seed's tab tables (blocks of tab rows under a header) laid out with spaces, as
    pdftotext -layout prints a table: each column as wide as its widest cell plus ``gap``
    spaces; ``wrap``: cells wrapped at that many characters, their lines under each other."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i].strip() or not is_header_cells(split_cells(lines[i])):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and ("\t" in lines[j] or not lines[j].strip()):
            j += 1
        while not lines[j - 1].strip():
            j -= 1
        rows = [[" ".join(c.split()) for c in t.split("\t")] for t in lines[i:j]]
        n = max(len(r) for r in rows)
        cells = [[textwrap.wrap(c, wrap, break_long_words=False) if wrap else [c] for c in r + [""] * (n - len(r))] for r in rows]
        widths = [max((len(p) for r in cells for p in r[k]), default=0) for k in range(n)]
        for r in cells:
            for y in range(max(len(c) for c in r)):
                out.append("".join((c[y] if y < len(c) else "").ljust(widths[k] + gap) for k, c in enumerate(r)).rstrip())
        i = j
    return "\n".join(out) + "\n"


def facts_of(path: Path, tmp: Path) -> dict:
    return load_facts(path, tmp / f"{path.stem}.duckdb")


@pytest.fixture(scope="module")
def seed_facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    d = tmp_path_factory.mktemp("seeds")
    return {stem: facts_of(SEEDS / f"{stem}.txt", d) for stem in SEED_STEMS}


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_a_seed_laid_out_with_spaces_gives_the_same_facts(stem: str, seed_facts: dict, tmp_path: Path) -> None:
    laid = tmp_path / f"{stem}.txt"
    laid.write_text(lay_out((SEEDS / f"{stem}.txt").read_text(encoding="utf-8-sig")), encoding="utf-8")
    assert sum(len(seed_facts[stem][v]) for v in VIEWS) > 5
    facts = facts_of(laid, tmp_path)
    for view in VIEWS:
        assert facts[view] == seed_facts[stem][view], f"{stem}: {view} differs"


def test_a_seed_with_wrapped_cells_and_pages_gives_the_same_facts(seed_facts: dict, tmp_path: Path) -> None:
    stem = "pk_2024_banyumas_somagede"
    text = lay_out((SEEDS / f"{stem}.txt").read_text(encoding="utf-8-sig"), wrap=30)
    lines = text.splitlines()
    # a page break inside the first table, the next page laid out two columns to the right
    at = next(k for k, t in enumerate(lines) if t.startswith("3 "))
    paged = "\n".join(lines[:at]) + "\n\f" + "\n".join("  " + t if t.strip() else t for t in lines[at:]) + "\n"
    laid = tmp_path / f"{stem}.txt"
    laid.write_text(paged, encoding="utf-8")
    facts = facts_of(laid, tmp_path)
    for view in VIEWS:
        assert facts[view] == seed_facts[stem][view], f"{stem}: {view} differs"


def _squeezed(rows: list[tuple]) -> Counter[tuple]:
    return Counter(tuple("".join(v.split()) if isinstance(v, str) else v for v in r) for r in rows)


def test_the_layout_form_of_a_seed_gives_its_targets_and_budgets(seed_facts: dict, tmp_path: Path) -> None:
    """pdftotext -layout of the seed's LibreOffice export: every target and budget line, with
    the same values; names compared without spaces, because LibreOffice breaks a word too long
    for its column without a hyphen ('Penyelenggaraa' / 'n'), which no reader can undo."""
    stem = "pk_2024_banyumas_somagede"
    path = FORMS / f"{stem}.layout.txt"
    if not path.exists():
        pytest.skip(f"{path.name} not generated")
    facts = facts_of(path, tmp_path)
    for view in ("target_kinerja", "anggaran"):
        assert seed_facts[stem][view], view
        assert _squeezed(facts[view]) == _squeezed(seed_facts[stem][view]), view
    pages = {ln.halaman or 0 for ln in read_text(path)}
    assert min(pages) == 1 and max(pages) > 3


def test_a_row_set_one_character_off_is_still_cut_at_the_valleys() -> None:
    lines = [
        "NO   SASARAN                        INDIKATOR KINERJA       TARGET",
        "1    Meningkatnya peran organisasi  Peningkatan Persentase  100",
        "     kepemudaan                     organisasi kepemudaan",
        "2    Meningkatnya pengembangan      Peningkatan Jumlah      140",
        "     kewirausahaan untuk            pemuda yang",
        "3    Meningkatnya prestasi pemuda di Peningkatan prestasi   6",  # pdftotext set it one off
        "     tingkat nasional               pemuda Tingkat",
        "4    Meningkatnya pembinaan         Peningkatan Prestasi    2",
    ]
    out = columns.tabulate(lines, is_header_cells)
    assert out[5] == "3\tMeningkatnya prestasi pemuda di\tPeningkatan prestasi\t6"
    assert out[7] == "4\tMeningkatnya pembinaan\tPeningkatan Prestasi\t2"


def test_a_header_at_the_bottom_of_a_page_goes_on_with_the_next_page() -> None:
    page1 = ["Indikat    Satuan   Realis   Capaia", "or                  asi      n%"]
    page2 = ["Kinerja             2024", "IKM        Angka    93,69    106,46"]
    vocabulary = {"indikator", "realisasi", "capaian"}
    out = columns.tabulate_pages([page1, page2], is_header_cells, vocabulary)
    assert out == [
        ["Indikator Kinerja\tSatuan\tRealisasi 2024\tCapaian%", ""],
        ["", "IKM\tAngka\t93,69\t106,46"],
    ]
    moved = ["  Kinerja               2024", "  IKM        Angka      93,69      106,46"]  # columns set anew
    out = columns.tabulate_pages([page1, moved], is_header_cells, vocabulary)
    assert out == [
        ["Indikator Kinerja\tSatuan\tRealisasi 2024\tCapaian%", ""],
        ["", "IKM\tAngka\t93,69\t106,46"],
    ]


def test_a_word_broken_in_a_narrow_column_is_mended_from_the_documents_words() -> None:
    lines = [
        "NO   SASARAN          INDIKATOR           ANGGARAN",
        "1    Terwujudnya      Persentase          176.110",
        "     Penyelenggaraa   kualitas            .000",
        "     n Pemerintahan   pelayanan",
        "2    Meningkatnya     Nilai               1.714.4",
        "                                          90.000",
    ]
    known = frozenset({"penyelenggaraan", "pemerintahan", "kualitas", "pelayanan"})
    out = columns.tabulate(lines, is_header_cells, known=known)
    assert out[1:] == [
        "1\tTerwujudnya\tPersentase\t176.110.000",
        "\tPenyelenggaraan\tkualitas",
        "\tPemerintahan\tpelayanan",
        "2\tMeningkatnya\tNilai\t1.714.490.000",
        "",
    ]
    # 'kualitas' / 'pelayanan' are two words: joined they are none the document uses
    assert "kualitaspelayanan" not in " ".join(out)
