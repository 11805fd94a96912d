"""Verification, corrections, finding status and the audit log, and how the published snapshot
shows them: golden behaviour, role checks on every write path, the append-only history."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import duckdb
import pytest

from etl.__main__ import main
from etl.alur import Alur, IsianSalah, Pengguna, TidakBerwenang, terbitkan, wajib_masuk
from tests.alur.conftest import Jam

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture()
def db(seed_db_path: Path, tmp_path: Path) -> Path:
    """The four seed documents, as a published database of this test's own."""
    path = tmp_path / "kinerja.duckdb"
    shutil.copyfile(seed_db_path, path)
    return path


def q(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def one_id(db: Path, kecamatan: str) -> str:
    return str(q(db, "SELECT dokumen_id FROM dokumen WHERE kecamatan = ?", [kecamatan])[0][0])


def test_cli_loads_carry_no_workflow_status(db: Path) -> None:
    assert {r[0] for r in q(db, "SELECT status_verifikasi FROM dokumen")} == {None}


def test_a_document_is_returned_with_a_reason_then_verified(alur: Alur, akun: dict[str, Pengguna], db: Path, jam: Jam) -> None:
    did = one_id(db, "Somagede")
    with pytest.raises(IsianSalah, match="memerlukan alasan"):
        alur.verifikasi(akun["verifikator"], did, "dikembalikan", "  ")
    with pytest.raises(IsianSalah, match="tidak ada di basis data"):
        alur.verifikasi(akun["verifikator"], "0000000000000000", "diverifikasi", db=db)
    alur.verifikasi(akun["verifikator"], did, "dikembalikan", "Lampiran anggaran tidak terbaca", db=db)
    terbitkan(db, alur)
    assert q(db, "SELECT status_verifikasi, alasan_verifikasi, diverifikasi_oleh FROM dokumen WHERE dokumen_id = ?", [did]) == [
        ("dikembalikan", "Lampiran anggaran tidak terbaca", "verif")
    ]
    jam.maju(hours=1)
    alur.verifikasi(akun["admin"], did, "diverifikasi")
    terbitkan(db, alur)
    ((status, oleh, pada),) = q(
        db, "SELECT status_verifikasi, diverifikasi_oleh, diverifikasi_pada FROM dokumen WHERE dokumen_id = ?", [did]
    )
    assert (status, oleh, pada.isoformat()) == ("diverifikasi", "admin", "2026-03-02T09:00:00")
    assert q(db, "SELECT count(*) FROM dokumen WHERE status_verifikasi IS NOT NULL") == [(1,)]


def test_a_corrected_target_stands_beside_the_printed_one(alur: Alur, akun: dict[str, Pengguna], db: Path, jam: Jam) -> None:
    did = one_id(db, "Somagede")
    ((urutan, target, teks),) = q(
        db,
        "SELECT urutan, target, target_teks FROM target_kinerja WHERE dokumen_id = ? AND target IS NOT NULL ORDER BY urutan LIMIT 1",
        [did],
    )
    alur.koreksi(akun["verifikator"], did, "target_kinerja", {"urutan": urutan}, "target", 80.0, "halaman 3 mencetak 80", db=db)
    jam.maju(minutes=5)
    alur.koreksi(
        akun["verifikator"], did, "target_kinerja", {"urutan": urutan}, "target", 85.5, "salah ketik pada koreksi pertama", db=db
    )
    terbitkan(db, alur)
    rows = q(
        db,
        "SELECT urutan, target, target_teks, target_koreksi, alasan_koreksi, dikoreksi_oleh FROM target_kinerja WHERE dokumen_id = ? ORDER BY urutan",
        [did],
    )
    corrected = [r for r in rows if r[3] is not None]
    assert corrected == [(urutan, target, teks, 85.5, "salah ketik pada koreksi pertama", "verif")]
    assert len(rows) > 1  # every other row stays without a correction
    (kept,) = sqlite3.connect(alur.path).execute("SELECT nilai_tertulis FROM koreksi ORDER BY id DESC").fetchone()
    assert kept == teks


def test_a_corrected_realisasi_gives_a_capaian_beside_the_computed_one(alur: Alur, akun: dict[str, Pengguna], db: Path) -> None:
    did = one_id(db, "Kertanegara")
    ((urutan, target, realisasi, capaian, teks),) = q(
        db,
        "SELECT urutan, target, realisasi, capaian, realisasi_teks FROM realisasi_kinerja WHERE dokumen_id = ?"
        " AND target > 0 AND realisasi IS NOT NULL AND coalesce(rumus_capaian, 'positif') = 'positif' ORDER BY urutan LIMIT 1",
        [did],
    )
    alur.koreksi(
        akun["verifikator"], did, "realisasi_kinerja", {"urutan": urutan}, "realisasi", target / 2, "lihat lampiran", db=db
    )
    terbitkan(db, alur)
    got = q(
        db,
        "SELECT realisasi, realisasi_teks, capaian, realisasi_koreksi, capaian_koreksi FROM realisasi_kinerja"
        " WHERE dokumen_id = ? AND urutan = ?",
        [did, urutan],
    )
    assert got == [(realisasi, teks, capaian, target / 2, pytest.approx(50.0))]


def test_a_corrected_pagu_and_score(alur: Alur, akun: dict[str, Pengguna], db: Path) -> None:
    did = one_id(db, "Kertanegara")
    ((urutan, pagu, realisasi, serapan),) = q(
        db,
        "SELECT urutan, pagu, realisasi, serapan FROM anggaran WHERE dokumen_id = ? AND pagu > 0 AND realisasi > 0 ORDER BY urutan LIMIT 1",
        [did],
    )
    alur.koreksi(akun["admin"], did, "anggaran", {"urutan": urutan}, "pagu", realisasi * 2, "pagu perubahan", db=db)
    alur.koreksi(akun["verifikator"], did, "skor", {"tahun": 2024, "jenis": "IKM"}, "nilai", 90.12, "tabel IKM halaman 20", db=db)
    with pytest.raises(IsianSalah, match="tidak ada di basis data"):
        alur.koreksi(akun["verifikator"], did, "skor", {"tahun": 1999, "jenis": "IKM"}, "nilai", 1, "x", db=db)
    terbitkan(db, alur)
    assert q(
        db,
        "SELECT pagu, serapan, pagu_koreksi, realisasi_koreksi, serapan_koreksi FROM anggaran WHERE dokumen_id = ? AND urutan = ?",
        [did, urutan],
    ) == [(pagu, serapan, realisasi * 2, None, pytest.approx(50.0))]
    assert q(
        db,
        "SELECT nilai, nilai_teks, nilai_koreksi, dikoreksi_oleh FROM skor WHERE kecamatan = 'Kertanegara' AND tahun = 2024 AND jenis = 'IKM'",
    ) == [(93.69, "93,69", 90.12, "verif")]


@pytest.mark.parametrize(
    ("tabel", "kunci", "kolom", "nilai", "alasan", "pesan"),
    [
        ("core_target", {"urutan": 1}, "target", 1, "x", "tidak dapat dikoreksi"),
        ("target_kinerja", {"urutan": 1}, "capaian", 1, "x", "Kolom 'capaian'"),
        ("target_kinerja", {"tahun": 1}, "target", 1, "x", "tepat: urutan"),
        ("target_kinerja", {"urutan": 1}, "target", "banyak", "x", "bukan angka"),
        ("target_kinerja", {"urutan": 1}, "target", float("nan"), "x", "terhingga"),
        ("target_kinerja", {"urutan": 1}, "target", 1, " ", "memerlukan alasan"),
    ],
)
def test_bad_corrections_are_refused_in_indonesian(
    alur: Alur, akun: dict[str, Pengguna], tabel: str, kunci: dict[str, Any], kolom: str, nilai: Any, alasan: str, pesan: str
) -> None:
    with pytest.raises(IsianSalah, match=pesan):
        alur.koreksi(akun["verifikator"], "abc", tabel, kunci, kolom, nilai, alasan)
    assert sqlite3.connect(alur.path).execute("SELECT count(*) FROM koreksi").fetchone() == (0,)


def test_finding_status_is_shown_on_the_finding(alur: Alur, akun: dict[str, Pengguna], db: Path) -> None:
    ((temuan_id, pesan),) = q(db, "SELECT temuan_id, pesan FROM temuan WHERE kecamatan = 'Kertanegara' ORDER BY urutan LIMIT 1")
    with pytest.raises(IsianSalah, match="tidak dikenal"):
        alur.atur_status_temuan(akun["inspektorat"], temuan_id, "selesai", "")
    with pytest.raises(IsianSalah, match="tidak ada di basis data"):
        alur.atur_status_temuan(akun["inspektorat"], "ffffffffffffffff", "dikonfirmasi", "", db=db)
    alur.atur_status_temuan(akun["inspektorat"], temuan_id, "bukan_kesalahan", "pembulatan pada dokumen sumber", db=db)
    terbitkan(db, alur)
    assert q(db, "SELECT pesan, status_reviu, catatan_reviu, status_oleh FROM temuan WHERE temuan_id = ?", [temuan_id]) == [
        (pesan, "bukan_kesalahan", "pembulatan pada dokumen sumber", "inspek")
    ]
    assert q(db, "SELECT count(*) FROM temuan WHERE status_reviu IS NOT NULL") == [(1,)]


def test_workflow_survives_later_loads_and_reloads(
    alur: Alur, akun: dict[str, Pengguna], db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every publication of the loader carries the store's events: a later load (and a reload of
    the same document) keeps the corrections, the verification and the finding status."""
    did = one_id(db, "Somagede")
    ((urutan,),) = q(db, "SELECT urutan FROM target_kinerja WHERE dokumen_id = ? ORDER BY urutan LIMIT 1", [did])
    alur.koreksi(akun["verifikator"], did, "target_kinerja", {"urutan": urutan}, "target", 7.0, "uji", db=db)
    alur.verifikasi(akun["verifikator"], did, "diverifikasi")
    (temuan_id,) = q(db, "SELECT temuan_id FROM temuan WHERE dokumen_id = ? LIMIT 1", [did])[0]
    alur.atur_status_temuan(akun["inspektorat"], temuan_id, "ditindaklanjuti", "surat ke camat")
    monkeypatch.setenv("KINERJA_ALUR", str(alur.path))  # what unggah gives its loader
    con = duckdb.connect(str(db))  # as if an older parser had read it: the load replaces every row
    con.execute("UPDATE core_dokumen SET versi_parser = 'lama' WHERE dokumen_id = ?", [did])
    con.close()
    assert main(["load", "--db", str(db), str(RAW / "pk_2024_banyumas_somagede.txt")]) == 0
    assert q(db, "SELECT versi_parser <> 'lama' FROM core_dokumen WHERE dokumen_id = ?", [did]) == [(True,)]
    assert q(db, "SELECT target_koreksi FROM target_kinerja WHERE dokumen_id = ? AND urutan = ?", [did, urutan]) == [(7.0,)]
    assert q(db, "SELECT status_verifikasi FROM dokumen WHERE dokumen_id = ?", [did]) == [("diverifikasi",)]
    assert q(db, "SELECT status_reviu FROM temuan WHERE temuan_id = ?", [temuan_id]) == [("ditindaklanjuti",)]


def test_a_reader_keeps_reading_while_the_workflow_is_published(alur: Alur, akun: dict[str, Pengguna], db: Path) -> None:
    did = one_id(db, "Somagede")
    reader = duckdb.connect(str(db), read_only=True)
    try:
        alur.verifikasi(akun["verifikator"], did, "diverifikasi")
        terbitkan(db, alur)  # does not wait for the open reader
        assert reader.execute("SELECT status_verifikasi FROM dokumen WHERE dokumen_id = ?", [did]).fetchone() == (None,)
    finally:
        reader.close()
    assert q(db, "SELECT status_verifikasi FROM dokumen WHERE dokumen_id = ?", [did]) == [("diverifikasi",)]


# --- every write path, called directly with each role below it -----------------------------

WRITES: dict[str, tuple[tuple[str, ...], Any]] = {
    "verifikasi": (("verifikator", "admin"), lambda a, u: a.verifikasi(u, "abc", "diverifikasi")),
    "koreksi": (
        ("verifikator", "admin"),
        lambda a, u: a.koreksi(u, "abc", "target_kinerja", {"urutan": 1}, "target", 1.0, "alasan"),
    ),
    "status_temuan": (("inspektorat", "admin"), lambda a, u: a.atur_status_temuan(u, "t1", "dikonfirmasi", "c")),
    "buat_pengguna": (("admin",), lambda a, u: a.buat_pengguna(u, "baru", "Baru", "admin", "sandi-panjang-sekali")),
    "ubah_pengguna": (("admin",), lambda a, u: a.ubah_pengguna(u, "verif", peran="admin")),
    "unggah": (("operator", "verifikator", "admin"), lambda a, u: a.unggah(u, "x.txt", b"isi", Path("/nonexistent/k.duckdb"))),
    "audit": (("admin",), lambda a, u: a.audit(u)),
    "daftar_pengguna": (("admin",), lambda a, u: a.daftar_pengguna(u)),
}
TABLES = ("pengguna", "sesi", "unggahan", "verifikasi", "koreksi", "status_temuan")


def _snapshot(alur: Alur) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(alur.path)
    try:
        return {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    finally:
        con.close()


@pytest.mark.parametrize(
    ("path", "role"),
    [
        (p, r)
        for p, (allowed, _) in WRITES.items()
        for r in ("pimpinan", "operator", "verifikator", "inspektorat")
        if r not in allowed
    ]
    + [(p, None) for p in WRITES],
)
def test_each_write_path_refuses_a_lower_role_and_writes_nothing(
    alur: Alur, akun: dict[str, Pengguna], tmp_path: Path, path: str, role: str | None
) -> None:
    before = _snapshot(alur)
    audit_before = len(alur.audit(akun["admin"]))
    _allowed, call = WRITES[path]
    with pytest.raises(TidakBerwenang):
        call(alur, akun[role] if role else None)
    assert _snapshot(alur) == before
    assert not (tmp_path / "unggahan").exists()
    refused = alur.audit(akun["admin"])
    assert len(refused) == audit_before + 1  # the refusal, and only it
    assert refused[0]["berhasil"] is False and refused[0]["username"] == (akun[role].username if role else "-")


def test_a_deactivated_account_can_no_longer_write(alur: Alur, akun: dict[str, Pengguna]) -> None:
    alur.ubah_pengguna(akun["admin"], "verif", aktif=False)
    with pytest.raises(TidakBerwenang, match="tidak aktif"):
        alur.verifikasi(akun["verifikator"], "abc", "diverifikasi")


# --- the audit log ----------------------------------------------------------------------------


def test_audit_lists_every_action_with_user_and_time(alur: Alur, akun: dict[str, Pengguna], db: Path, jam: Jam) -> None:
    did = one_id(db, "Somagede")
    sesi = alur.masuk("verif", "sandi-yang-panjang-1", "10.1.1.1")
    jam.maju(minutes=1)
    alur.verifikasi(akun["verifikator"], did, "dikembalikan", "kurang tanda tangan")
    alur.koreksi(akun["verifikator"], did, "skor", {"tahun": 2024, "jenis": "IKM"}, "nilai", 1.0, "uji")
    alur.atur_status_temuan(akun["inspektorat"], "t1", "dikonfirmasi", "benar")
    alur.keluar(sesi.token)
    rows = alur.audit(akun["admin"], batas=7)
    assert [(r["username"], r["aksi"], r["berhasil"]) for r in rows] == [
        ("verif", "keluar", True),
        ("inspek", "status_temuan", True),
        ("verif", "koreksi", True),
        ("verif", "verifikasi", True),
        ("verif", "masuk", True),
        ("admin", "buat_pengguna", True),  # the accounts the fixture made
        ("admin", "buat_pengguna", True),
    ]
    assert rows[0]["waktu"].isoformat() == "2026-03-02T08:01:00+00:00"
    assert '"alasan": "kurang tanda tangan"' in rows[3]["rincian"]
    assert [r["username"] for r in alur.audit(akun["admin"])][-1] == "cli"  # the first admin, from the command line
    csv = alur.audit_csv(akun["admin"]).splitlines()
    assert csv[0] == "id,waktu,username,aksi,objek,rincian,berhasil"
    assert csv[1].split(",")[2:4] == ["cli", "buat_pengguna"]
    assert len(csv) == 1 + len(alur.audit(akun["admin"]))


@pytest.mark.parametrize("table", ["audit", "verifikasi", "koreksi", "status_temuan", "unggahan"])
def test_history_rows_cannot_be_updated_or_deleted(alur: Alur, akun: dict[str, Pengguna], table: str) -> None:
    alur.verifikasi(akun["verifikator"], "abc", "diverifikasi")
    alur.koreksi(akun["verifikator"], "abc", "skor", {"tahun": 2024, "jenis": "IKM"}, "nilai", 1.0, "uji")
    alur.atur_status_temuan(akun["inspektorat"], "t1", "dikonfirmasi", "")
    con = sqlite3.connect(alur.path)
    con.execute(
        "INSERT INTO unggahan (waktu, username, nama_file, sha256, status, pesan) VALUES ('2026-01-01T00:00:00+00:00', 'x', 'f', 's', 'gagal', 'p')"
    )
    con.commit()
    (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert n > 0
    with pytest.raises(sqlite3.DatabaseError, match="hanya dapat ditambah"):
        con.execute(f"UPDATE {table} SET username = 'lain'")
    with pytest.raises(sqlite3.DatabaseError, match="hanya dapat ditambah"):
        con.execute(f"DELETE FROM {table}")
    assert con.execute(f"SELECT count(*) FROM {table} WHERE username = 'lain'").fetchone() == (0,)
    assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (n,)


# --- command line and configuration -----------------------------------------------------------


def test_the_first_admin_is_made_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    store = tmp_path / "alur.sqlite"
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-admin-pertama\n"))
    assert (
        main(
            [
                "pengguna",
                "--alur",
                str(store),
                "tambah",
                "kepala",
                "--nama",
                "Kepala Bagian",
                "--peran",
                "admin",
                "--sandi-dari-stdin",
            ]
        )
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-operator-panjang\n"))
    assert (
        main(["pengguna", "--alur", str(store), "tambah", "op1", "--nama", "Op", "--peran", "operator", "--sandi-dari-stdin"])
        == 2
    )
    assert "paling sedikit satu unit" in capsys.readouterr().err
    assert main(["pengguna", "--alur", str(store), "nonaktif", "kepala"]) == 2  # the last admin stays
    capsys.readouterr()
    assert main(["pengguna", "--alur", str(store), "daftar"]) == 0
    assert capsys.readouterr().out == "kepala\tadmin\taktif\tKepala Bagian\n"
    alur = Alur(store)
    assert alur.masuk("kepala", "sandi-admin-pertama").username == "kepala"
    assert alur.audit(alur.pengguna("kepala"))[-1]["username"] == "cli"


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("ya", True), ("", False), ("0", False)])
def test_wajib_masuk_follows_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("KINERJA_WAJIB_MASUK", value)
    assert wajib_masuk() is expected
