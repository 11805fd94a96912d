"""The parse stage on a Dask cluster (``etl parse --keluaran DIR``) and its single writer
(``etl publish-dir DIR``): a local cluster of two worker processes, and the published database
equals a direct ``etl load`` of the same files (issue 16)."""

from __future__ import annotations

import json
import shutil
import sys
import types
from pathlib import Path

import pytest

from etl.__main__ import main
from tests.conftest import SEEDS
from tests.etl.test_parallel import DOCX, report, view_rows

pytest.importorskip("distributed")


@pytest.fixture
def plain_main(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bare ``__main__`` while the cluster starts. Dask starts its workers with multiprocessing's
    spawn, which runs the parent's ``__main__`` file again in each child; an AppTest earlier in the
    same pytest process leaves the dashboard's entry script there (Streamlit runs a script as
    ``__main__``), and that script cannot run outside Streamlit. ``python -m etl parse`` has
    etl/__main__.py as its main, which is safe to run again."""
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


@pytest.mark.usefixtures("plain_main")
def test_a_two_worker_cluster_parse_published_equals_a_direct_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    for p in SEEDS.values():
        shutil.copy(p, folder / "a" / p.name)
    shutil.copy(DOCX / f"{SEEDS['somagede'].stem}.docx", folder / "b" / "somagede_baru.docx")  # a new version: DIGANTI
    (folder / "b" / "rusak.docx").write_bytes(b"PK\x03\x04 bukan arsip yang utuh")
    (folder / "b" / "foto.png").write_bytes(b"\x89PNG\r\n")  # LEWAT in both

    direct = tmp_path / "langsung" / "k.duckdb"
    assert main(["load", "--db", str(direct), "--pekerja", "1", str(folder)]) == 1
    loaded = capsys.readouterr()

    stage = tmp_path / "tahap"
    assert main(["parse", "--keluaran", str(stage), "--pekerja", "2", str(folder)]) == 1
    parsed = capsys.readouterr()
    assert parsed.out.count("DIBACA") == 5 and "rusak.docx" in parsed.err
    manifest = json.loads((stage / "manifest.json").read_text(encoding="utf-8"))
    assert [Path(e["berkas"]).name for e in manifest["berkas"]] == [
        *sorted(p.name for p in SEEDS.values()),
        "rusak.docx",
        "somagede_baru.docx",
    ]

    published = tmp_path / "terbit" / "k.duckdb"
    assert main(["publish-dir", "--db", str(published), str(stage)]) == 1
    wrote = capsys.readouterr()
    assert report(wrote.out.replace(str(published), str(direct))) == report(loaded.out)
    assert report(wrote.err) == report(loaded.err)
    a, b = view_rows(direct), view_rows(published)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert "DIGANTI somagede_baru.docx" in wrote.out


def test_an_unfinished_stage_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "tahap").mkdir()
    assert main(["publish-dir", "--db", str(tmp_path / "k.duckdb"), str(tmp_path / "tahap")]) == 2
    assert "bukan hasil tahap parse yang selesai (manifest.json tidak ada)" in capsys.readouterr().err
    assert not (tmp_path / "k.duckdb").exists()
