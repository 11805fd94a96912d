"""A parse worker that dies (killed, out of memory, a reader library that crashes the interpreter)
costs only its own file: ``etl load --pekerja 2`` reports it GAGAL and loads every other file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import parallel
from etl.__main__ import main
from tests.conftest import SEEDS


def _folder(tmp_path: Path, poison: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SEEDS.values():
        shutil.copy(p, folder / p.name)
    (folder / poison).write_text("LAPORAN KINERJA KECAMATAN\n", encoding="utf-8")
    return folder


def _loaded(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT nama_file FROM core_dokumen").fetchall())
    finally:
        con.close()


def test_a_worker_that_dies_fails_only_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = parallel.extract_documents

    def crash_on_poison(path: Path, kabupaten: str | None = None) -> object:
        if path.name == "m_racun.txt":
            os._exit(139)  # what a segfault in a C reader library looks like from outside
        return real(path, kabupaten)

    monkeypatch.setattr(parallel, "extract_documents", crash_on_poison)  # inherited by the forked workers
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), "--pekerja", "2", str(_folder(tmp_path, "m_racun.txt"))]) == 1
    out = capsys.readouterr()
    assert f"GAGAL  {tmp_path / 'in' / 'm_racun.txt'}: {parallel.WORKER_DIED}" in out.err
    assert out.err.count("GAGAL") == 1
    assert out.out.count("DIMUAT") == 4 and "4 dokumen dari 5 berkas" in out.out and "1 gagal" in out.out
    assert _loaded(db) == sorted(p.name for p in SEEDS.values())
    # the lines stay in input order: the files before and after the one that crashed
    names = [line.split()[1].rstrip(":") for line in out.out.splitlines() if line.startswith("DIMUAT")]
    assert names == sorted(p.name for p in SEEDS.values())


def test_a_worker_out_of_memory_is_that_files_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = parallel.extract_documents

    def memory(path: Path, kabupaten: str | None = None) -> object:
        if path.name == "m_besar.txt":
            raise MemoryError
        return real(path, kabupaten)

    monkeypatch.setattr(parallel, "extract_documents", memory)
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), "--pekerja", "2", str(_folder(tmp_path, "m_besar.txt"))]) == 1
    err = capsys.readouterr().err
    assert "m_besar.txt: berkas terlalu besar untuk dibaca dengan memori yang ada" in err
    assert len(_loaded(db)) == 4


def test_every_worker_dying_still_ends_the_load_with_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def always(path: Path, kabupaten: str | None = None) -> object:
        os._exit(9)

    monkeypatch.setattr(parallel, "extract_documents", always)
    db = tmp_path / "k.duckdb"
    assert main(["load", "--db", str(db), "--pekerja", "2", str(_folder(tmp_path, "m_racun.txt"))]) == 1
    out = capsys.readouterr()
    assert out.err.count(parallel.WORKER_DIED) == 5
    assert "0 dokumen dari 5 berkas" in out.out and "5 gagal" in out.out


def test_a_loader_killed_with_its_workers_running_leaves_no_lock_behind(tmp_path: Path) -> None:
    """The workers inherit the loader's FILE.lock (flock is shared across fork): they die with the
    loader, so the next load does not wait for orphans."""
    from tests.etl.test_parallel import DOCX
    from tests.reliability.conftest import start_loader

    folder = tmp_path / "in"
    folder.mkdir()
    for p in SEEDS.values():
        shutil.copy(p, folder / f"a_{p.name}")
        shutil.copy(DOCX / f"{p.stem}.docx", folder / f"b_{p.stem}.docx")
    db = tmp_path / "k.duckdb"
    loader = start_loader("load", "--db", str(db), "--pekerja", "2", str(folder))
    try:
        assert loader.stdout is not None
        first = loader.stdout.readline()  # the first document is loaded: the workers are busy
        assert first.startswith("DIMUAT"), first
    finally:
        loader.kill()
        loader.wait()
    assert main(["load", "--db", str(db), "--tunggu", "20", "--pekerja", "1", str(folder)]) == 0
