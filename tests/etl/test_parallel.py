"""`python -m etl load --pekerja N`: files parsed in a process pool, one writer, the same database
and the same report as a load on one core (issue 16)."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from etl import parallel
from etl.__main__ import main
from etl.load import LOOKUP_INDEXES
from tests.conftest import SEEDS

DOCX = Path(__file__).resolve().parents[1] / "fixtures" / "documents"


def view_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every public view and core table, its rows sorted, without the time of loading."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()
        ]
        out = {}
        for name in names:
            cols = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall() if r[0] != "dimuat_pada"]
            out[name] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {name}").fetchall(), key=repr)
        return out
    finally:
        con.close()


def report(text: str) -> list[str]:
    """The report's lines without the seconds each document took."""
    return [re.sub(r"\(\d+,\d+ dtk\)", "(… dtk)", line) for line in text.splitlines()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The four seeds as text, then as Word files (new versions: DIGANTI), and a broken file."""
    root = tmp_path / "in"
    (root / "a_teks").mkdir(parents=True)
    (root / "b_word").mkdir()
    for p in SEEDS.values():
        shutil.copy(p, root / "a_teks" / p.name)
        shutil.copy(DOCX / f"{p.stem}.docx", root / "b_word" / f"{p.stem}.docx")
    (root / "b_word" / "rusak.docx").write_bytes(b"PK\x03\x04 bukan arsip yang utuh")
    return root


def test_two_workers_give_the_database_and_report_of_one(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "satu" / "k.duckdb", tmp_path / "dua" / "k.duckdb"
    report_one, report_two = (str(one), str(two))
    assert main(["load", "--db", str(one), "--pekerja", "1", str(folder)]) == 1  # the broken file fails
    first = capsys.readouterr()
    assert main(["load", "--db", str(two), "--pekerja", "2", str(folder)]) == 1
    second = capsys.readouterr()
    assert report(second.out.replace(report_two, report_one)) == report(first.out)
    assert report(second.err) == report(first.err)
    assert first.out.count("DIMUAT") == 4 and first.out.count("DIGANTI") == 4
    assert "rusak.docx" in first.err
    a, b = view_rows(one), view_rows(two)
    assert a.keys() == b.keys() and "temuan" in a and "target_kinerja" in a
    for name in a:
        assert a[name] == b[name], name
    assert len(a["core_temuan"]) > 0 and len(a["core_baris"]) > 1000


def test_the_report_keeps_the_input_order_when_a_later_file_is_read_first(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = parallel.extract_documents
    first_name = sorted(SEEDS.values())[0].name

    def slow_first(path: Path, kabupaten: str | None = None) -> object:
        if path.name == first_name:
            time.sleep(1.0)  # the second worker finishes the next files meanwhile
        return real(path, kabupaten)

    monkeypatch.setattr(parallel, "extract_documents", slow_first)  # inherited by the forked workers
    assert main(["load", "--db", str(tmp_path / "k.duckdb"), "--pekerja", "2", str(folder / "a_teks")]) == 0
    loaded = [line.split()[1].rstrip(":") for line in capsys.readouterr().out.splitlines() if line.startswith("DIMUAT")]
    assert loaded == sorted(p.name for p in SEEDS.values())


def test_the_loader_creates_its_lookup_indexes(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), "--pekerja", "1", str(SEEDS["somagede"])]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        indexes = {(r[0], r[1]) for r in con.execute("SELECT table_name, sql FROM duckdb_indexes()").fetchall()}
    finally:
        con.close()
    for table, column in LOOKUP_INDEXES:
        assert any(t == table and f"({column})" in (sql or "") for t, sql in indexes), (table, column)


def test_a_wrong_number_of_workers_is_refused_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["load", "--pekerja", "0", str(SEEDS["somagede"])])
    assert stop.value.code == 2
    assert "jumlah pekerja harus bilangan bulat 1 atau lebih, bukan '0'" in capsys.readouterr().err


def test_the_files_in_flight_are_bounded() -> None:
    """The pool never runs ahead of the writer by more than two files a worker (memory bounded)."""
    pulled: list[int] = []

    def files() -> Iterator[Path]:
        for k in range(40):
            pulled.append(k)
            yield SEEDS["somagede"]

    with parallel.Parser(2) as parser:
        prepared = parser.prepared(files())
        first = next(prepared)
        assert first.error is None and len(first.docs) == 1
        assert len(pulled) <= parser.window == 4
        time.sleep(0.5)  # workers finishing meanwhile do not pull more files
        assert len(pulled) <= 4
        rest = list(prepared)
    assert len(rest) == 39 and len(pulled) == 40
