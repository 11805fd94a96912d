"""Numbers and text that cannot be right are catatan, not values (issue 12), through the real loader.

* an amount with a cut thousands group (``Rp 32.4`` for ``Rp 32.420.000``) was stored as Rp 32,4;
* separators that cannot be decided (``Rp 18.910,000``);
* a UTF-8 file with one bad byte turned wholly into mojibake (read as Windows-1252);
* mojibake already in the text (``â€“``).

Each case loads a seed with the flaw put in, and asserts the ``catatan_muat`` row naming the file
and the line, and that no value was made of it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.__main__ import main
from tests.conftest import ROOT, SEEDS

FORMS = ROOT / "tests" / "fixtures" / "forms"


def _load(tmp_path: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    file = tmp_path / name
    file.write_bytes(data)
    db = tmp_path / "k.duckdb"
    rc = main(["load", "--db", str(db), str(file)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "tak terduga" not in err
    return rc, err, db


def _line_of(text: str, needle: str) -> int:
    return next(no for no, t in enumerate(text.splitlines(), start=1) if needle in t)


def _notes(db: Path) -> list[tuple[str, int, str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select nama_file, baris, tingkat, pesan from catatan_muat order by baris").fetchall()
    finally:
        con.close()


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("printed", "flawed", "why"),
    [
        ("Rp 32.420.000", "Rp 32.4", "kelompok ribuan terpotong"),
        ("Rp 18.910.000", "Rp 18.910,000", "titik dan koma bercampur"),
        ("Rp 5.305.000", "Rp 5.305,5", "satu angka desimal"),
    ],
)
def test_an_implausible_amount_is_a_catatan_not_a_value(
    printed: str, flawed: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEEDS["somagede"].read_text(encoding="utf-8")
    assert text.count(printed) == 1
    line = _line_of(text, printed)
    rc, _, db = _load(tmp_path, "pk_somagede.txt", text.replace(printed, flawed).encode(), capsys)
    assert rc == 0
    notes = [n for n in _notes(db) if why in n[3]]
    assert notes == [("pk_somagede.txt", line, "peringatan", notes[0][3])], _notes(db)
    assert f"'{flawed}'" in notes[0][3]
    stored = sorted(float(str(v)) for row in _query(db, "select pagu from core_anggaran") for v in row if v is not None)
    expected = [5_305_000.0, 17_765_000.0, 18_910_000.0, 32_420_000.0, 50_750_000.0]  # the seed's pagu
    expected.remove(float(printed.removeprefix("Rp ").replace(".", "")))
    assert stored == expected, stored  # the flawed amount is no value, the others are as printed
    kept = [r for r in _query(db, "select pagu, pagu_teks from core_anggaran") if r[1] == flawed]
    assert kept == [(None, flawed)], kept  # ... and its printed text is kept beside the missing value


def test_one_bad_byte_keeps_the_file_utf8_with_a_peringatan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Kertanegara's LKjIP (UTF-8 with '–', '“', '≤') with one byte damaged: read as UTF-8, the
    damaged line named, and no line elsewhere turned into mojibake."""
    text = SEEDS["kertanegara"].read_text(encoding="utf-8")
    data = text.encode()
    needle = b"Meningkatnya implementasi SAKIP"
    at = data.index(needle)
    line = data[:at].count(b"\n") + 1
    rc, _, db = _load(tmp_path, "lkjip_rusak.txt", data[:at] + b"\xff" + data[at + 1 :], capsys)
    assert rc == 0
    damaged = [n for n in _notes(db) if "tidak dapat dibaca dalam pengodean" in n[3]]
    assert [(n[0], n[2]) for n in damaged] == [("lkjip_rusak.txt", "peringatan")]
    con_lines = _query(db, "select teks from core_baris")
    joined = "\n".join(str(r[0]) for r in con_lines)
    assert "–" in joined and "≤" in joined and "â€" not in joined  # the rest is still UTF-8
    stored = _query(db, f"select baris from core_baris where teks like '%{chr(0xFFFD)}%'")
    assert [r[0] for r in stored] == [damaged[0][1]]
    assert abs(damaged[0][1] - line) <= 2  # the reader's line numbers, as the source text shows it


def test_many_bad_bytes_refuse_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SEEDS["kertanegara"].read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    spoiled = "".join(ln if k % 3 else ln.replace("a", "\udcff", 1) for k, ln in enumerate(lines))
    data = spoiled.encode("utf-8", errors="surrogateescape")
    rc, err, _ = _load(tmp_path, "lkjip_hancur.txt", data, capsys)
    assert rc == 1
    assert "lkjip_hancur.txt: teks dengan pengodean rusak:" in err and "simpan ulang sebagai UTF-8" in err


def test_mojibake_in_a_label_is_a_peringatan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SEEDS["kertanegara"].read_text(encoding="utf-8")
    spoiled = text.replace("Meningkatnya implementasi SAKIP", "Meningkatnya implementasi â€“ SAKIP", 1)
    line = _line_of(spoiled, "â€“ SAKIP")
    rc, _, db = _load(tmp_path, "lkjip_mojibake.txt", spoiled.encode(), capsys)
    assert rc == 0
    notes = [n for n in _notes(db) if "mojibake" in n[3]]
    assert [(n[0], n[1], n[2]) for n in notes] == [("lkjip_mojibake.txt", line, "peringatan")]


def test_a_windows_1252_file_is_still_read_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A legacy single-byte file is not 'damaged UTF-8': no replacement characters, no peringatan."""
    rc, _, db = _load(tmp_path, "pk_cp1252.txt", (FORMS / "pk_2019_banyumas_ajibarang.cp1252.txt").read_bytes(), capsys)
    assert rc == 0
    assert not [n for n in _notes(db) if "pengodean" in n[3] or "mojibake" in n[3]]
    assert not _query(db, f"select baris from core_baris where teks like '%{chr(0xFFFD)}%'")
