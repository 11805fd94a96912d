"""Kabupaten and kota of the same name are two places (issue 16, item 5).

Kabupaten Bogor (32.01) and Kota Bogor (32.71) are both "Bogor" without their prefix. A document is
resolved to one of them from its own wording ("Pemerintah Kota …", "Wali Kota …", "Bupati …",
"Kabupaten …"); the cases are the Somagede seed with its region words swapped.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from etl.extract import extract_lines
from etl.load import connect, load_document
from etl.model import DocumentError, Dokumen, Line
from etl.reference import jenis_daerah, label_kabupaten, wilayah
from tests.conftest import SEEDS

SEED = SEEDS["somagede"].read_text(encoding="utf-8")


def swapped(kecamatan: str | None, atasan: str, unit: str | None = None) -> str:
    """The Somagede PK with its kecamatan and the second party's position replaced; with `unit`
    it becomes the agreement of that perangkat daerah (its head the first party)."""
    text = SEED.replace("BUPATI BANYUMAS", atasan)
    if kecamatan is not None:
        return re.sub("somagede", kecamatan, text, flags=re.IGNORECASE)
    assert unit is not None
    text = re.sub(r"camat somagede", "Kepala Dinas Pendidikan", text, flags=re.IGNORECASE)
    text = re.sub(r"kecamatan somagede", unit, text, flags=re.IGNORECASE)
    return text.replace("## PERJANJIAN KINERJA TAHUN 2024\n", f"## PERJANJIAN KINERJA TAHUN 2024\n{unit}\n", 1)  # its title


def read(text: str, name: str = "pk.txt") -> Dokumen:
    lines = [Line(no=i, text=t) for i, t in enumerate(text.splitlines(), start=1)]
    return extract_lines(lines, name, "0" * 64, "txt", name)


def warnings(doc: Dokumen) -> list[str]:
    return [c.pesan for c in doc.catatan if c.tingkat == "peringatan"]


def test_the_kind_of_a_region_follows_from_its_code() -> None:
    places = {(k.kode_kabupaten, k.kabupaten, k.jenis_daerah) for k in wilayah().kecamatan}
    assert len(places) == 514
    assert all(jenis_daerah(kode) == jenis for kode, _, jenis in places)
    names = Counter(nama for _, nama, _ in places)
    twins = sorted(n for n, c in names.items() if c > 1)
    assert len(names) == 488 and len(twins) == 26
    assert {"Bogor", "Malang", "Blitar", "Kediri", "Madiun", "Tegal", "Cirebon", "Bekasi", "Kupang"} <= set(twins)
    assert (label_kabupaten("32.01", "Bogor"), label_kabupaten("32.71", "Bogor")) == ("Kab. Bogor", "Kota Bogor")


@pytest.mark.parametrize(
    ("kecamatan", "atasan", "kode"),
    [("Bogor Tengah", "WALI KOTA BOGOR", "32.71"), ("Cibinong", "BUPATI BOGOR", "32.01")],
)
def test_a_kecamatan_belongs_to_its_kabupaten_or_kota(kecamatan: str, atasan: str, kode: str) -> None:
    doc = read(swapped(kecamatan, atasan))
    assert (doc.kecamatan, doc.kabupaten, doc.kode_kabupaten, doc.kode_provinsi) == (kecamatan, "Bogor", kode, "32")
    assert not warnings(doc)


def test_wording_that_names_the_twin_is_a_warning() -> None:
    doc = read(swapped("Cibinong", "WALI KOTA BOGOR"))  # Cibinong lies in Kabupaten Bogor
    assert doc.kode_kabupaten == "32.01"
    [message] = [w for w in warnings(doc) if "Kota Bogor" in w]
    assert "Kecamatan Cibinong ada di Kabupaten Bogor (32.01)" in message and "baris 17" in message


@pytest.mark.parametrize(
    ("atasan", "kode"), [("BUPATI SORONG", "96.01"), ("WALI KOTA SORONG", "96.71"), ("WALIKOTA SORONG", "96.71")]
)
def test_a_kecamatan_of_the_same_name_in_both_is_told_apart_by_the_wording(atasan: str, kode: str) -> None:
    doc = read(swapped("Sorong", atasan))  # Kecamatan Sorong: in Kabupaten Sorong and in Kota Sorong
    assert (doc.kecamatan, doc.kode_kabupaten, doc.kode_kecamatan[:5]) == ("Sorong", kode, kode)  # type: ignore[index]


def test_a_kecamatan_in_both_without_deciding_wording_is_refused() -> None:
    with pytest.raises(DocumentError, match="ada di beberapa kabupaten/kota"):
        read(swapped("Sorong", "PENJABAT KEPALA DAERAH"))
    # the positions say no kind; the signature names both, once each
    both = swapped("Sorong", "KEPALA DAERAH").replace("Pj. KEPALA DAERAH  ", "Pj. BUPATI SORONG, WALI KOTA SORONG  ")
    with pytest.raises(DocumentError, match="sama kuatnya"):
        read(both)


@pytest.mark.parametrize(
    ("unit", "atasan", "kode", "label"),
    [
        ("DINAS PENDIDIKAN KOTA BOGOR", "WALI KOTA BOGOR", "32.71", "Kota Bogor"),
        ("DINAS PENDIDIKAN PEMERINTAH KOTA BOGOR", "WALIKOTA BOGOR", "32.71", "Kota Bogor"),
        ("DINAS PENDIDIKAN KABUPATEN BOGOR", "BUPATI BOGOR", "32.01", "Kab. Bogor"),
        ("DINAS PENDIDIKAN KAB. BOGOR", "BUPATI BOGOR", "32.01", "Kab. Bogor"),
    ],
)
def test_a_dinas_is_placed_by_its_wording(unit: str, atasan: str, kode: str, label: str) -> None:
    doc = read(swapped(None, atasan, unit))
    assert (doc.perangkat_daerah, doc.kecamatan, doc.kabupaten, doc.kode_kabupaten) == ("Dinas Pendidikan", None, "Bogor", kode)
    assert label_kabupaten(doc.kode_kabupaten, doc.kabupaten) == label
    assert not warnings(doc)


def test_a_dinas_whose_wording_disagrees_takes_the_stronger_and_says_so() -> None:
    doc = read(swapped(None, "BUPATI BOGOR", "DINAS PENDIDIKAN KOTA BOGOR"))  # title: kota; second party: bupati
    assert doc.kode_kabupaten == "32.71"
    [message] = warnings(doc)
    assert "juga menyebut Kabupaten Bogor (baris 18" in message and "dimuat sebagai Kota Bogor (32.71)" in message


def test_a_dinas_naming_both_equally_is_refused() -> None:
    text = swapped(None, "KEPALA DAERAH", "DINAS PENDIDIKAN\nPEMERINTAH KOTA BOGOR\nPEMERINTAH KABUPATEN BOGOR")
    with pytest.raises(DocumentError, match=r"(Kabupaten|Kota) Bogor .* dan (Kota|Kabupaten) Bogor .* sama kuatnya"):
        read(text)


def test_both_dinas_load_as_two_places_and_views_carry_codes_and_labels(tmp_path: Path) -> None:
    con = connect(tmp_path / "k.duckdb")
    kota = read(swapped(None, "WALI KOTA BOGOR", "DINAS PENDIDIKAN KOTA BOGOR"), "kota.txt")
    kab = read(swapped(None, "BUPATI BOGOR", "DINAS PENDIDIKAN KABUPATEN BOGOR"), "kab.txt")
    kab.sha256 = "1" * 64  # another file
    for doc in (kota, kab):
        load_document(con, doc)
    rows = con.execute(
        "select kabupaten, kode_provinsi, kode_kabupaten, kabupaten_label, nama_file from dokumen order by kode_kabupaten"
    ).fetchall()
    # the same perangkat daerah, kabupaten name, provinsi, year and kind: the second is not a new version of the first
    assert rows == [("Bogor", "32", "32.01", "Kab. Bogor", "kab.txt"), ("Bogor", "32", "32.71", "Kota Bogor", "kota.txt")]
    per_view = con.execute("select distinct kode_kabupaten, kabupaten_label from target_kinerja order by 1").fetchall()
    assert per_view == [("32.01", "Kab. Bogor"), ("32.71", "Kota Bogor")]
    con.close()


def test_the_seed_golden_identity_is_unchanged(seed_con: duckdb.DuckDBPyConnection) -> None:
    got = seed_con.execute(
        "select kecamatan, kabupaten, kode_provinsi, kode_kabupaten, kode_kecamatan, kabupaten_label from dokumen order by kecamatan"
    ).fetchall()
    assert got == [
        ("Ajibarang", "Banyumas", "33", "33.02", "33.02.14", "Kab. Banyumas"),
        ("Kertanegara", "Purbalingga", "33", "33.03", "33.03.18", "Kab. Purbalingga"),
        ("Mangkutana", "Luwu Timur", "73", "73.24", "73.24.01", "Kab. Luwu Timur"),
        ("Somagede", "Banyumas", "33", "33.02", "33.02.09", "Kab. Banyumas"),
    ]


def test_a_quarterly_reports_kabupaten_hint_tells_kab_from_kota() -> None:
    from etl.documents.triwulan import resolve_kabupaten

    assert len(resolve_kabupaten(["Sorong"])) == 2  # Kecamatan Sorong: in both Sorong
    assert [(p.jenis_daerah, p.kabupaten) for p in resolve_kabupaten(["Sorong"], "Kota Sorong")] == [("Kota", "Sorong")]
    assert [(p.jenis_daerah, p.kabupaten) for p in resolve_kabupaten(["Sorong"], "Kab. Sorong")] == [("Kabupaten", "Sorong")]


def _read_own(text: str, name: str) -> Dokumen:
    """`read` with the text's own sha256, so that two documents are two."""
    lines = [Line(no=i, text=t) for i, t in enumerate(text.splitlines(), start=1)]
    return extract_lines(lines, name, hashlib.sha256(text.encode()).hexdigest(), "txt", name)


def _pk_perubahan(text: str) -> str:
    """The same agreement as a PK Perubahan whose IKM target went from 85 to 90."""
    text = text.replace("PERJANJIAN KINERJA TAHUN 2024", "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024")
    return text.replace("\tIndeks Kepuasan Masyarakat\t85\t", "\tIndeks Kepuasan Masyarakat\t90\t", 1)


@pytest.mark.parametrize(("atasan_perubahan", "drift"), [("BUPATI SORONG", True), ("WALI KOTA SORONG", False)])
def test_documents_of_a_kecamatan_of_the_same_name_are_reviewed_apart(tmp_path: Path, atasan_perubahan: str, drift: bool) -> None:
    """Kecamatan Sorong of Kabupaten Sorong and Kecamatan Sorong of Kota Sorong are two places: a PK
    of one and a PK Perubahan of the other are not compared (issue 16, the cross-document review
    grouped documents by name). The same pair within one kabupaten is (the control)."""
    con = connect(tmp_path / "sorong.duckdb")
    pk = _read_own(swapped("Sorong", "BUPATI SORONG"), "pk_sorong.txt")
    perubahan = _read_own(_pk_perubahan(swapped("Sorong", atasan_perubahan)), "pkp_sorong.txt")
    assert pk.kode_kabupaten == "96.01" and perubahan.kode_kabupaten == ("96.01" if drift else "96.71")
    assert perubahan.jenis == "PK_PERUBAHAN"
    load_document(con, pk)
    load_document(con, perubahan)
    lintas = con.execute(
        "SELECT kode, pesan FROM temuan WHERE kode = 'lintas_target_perubahan' AND pesan LIKE '%Indeks Kepuasan%'"
    ).fetchall()
    assert bool(lintas) == drift, lintas
    con.close()
