"""Accounts, login, sessions and cookies: the golden path and the attacks on it."""

from __future__ import annotations

import sqlite3

import pytest

from etl.alur import (
    Alur,
    IsianSalah,
    Pengguna,
    RahasiaTidakAda,
    SandiSalah,
    TerlaluBanyakPercobaan,
    TidakBerwenang,
    baca_cookie,
    tanda_cookie,
)
from etl.alur.store import GAGAL_MAKS_ASAL, GAGAL_MAKS_USERNAME, SESI_JAM
from tests.alur.conftest import SANDI, UNIT_OPERATOR, Jam


def test_accounts_are_created_listed_and_changed(alur: Alur, akun: dict[str, Pengguna]) -> None:
    names = [p.username for p in alur.daftar_pengguna(akun["admin"])]
    assert names == ["admin", "bupati", "inspek", "op.somagede", "verif"]
    assert alur.pengguna("op.somagede") == Pengguna("op.somagede", "Operator Somagede", "operator", (UNIT_OPERATOR,), True)
    changed = alur.ubah_pengguna(akun["admin"], "op.somagede", unit=[UNIT_OPERATOR, "Kecamatan Sumbang"])
    assert changed.unit == (UNIT_OPERATOR, "Kecamatan Sumbang")
    assert alur.ubah_pengguna(akun["admin"], "bupati", aktif=False).aktif is False


def test_password_is_stored_as_argon2id_never_in_clear(alur: Alur, akun: dict[str, Pengguna]) -> None:
    con = sqlite3.connect(alur.path)
    (stored,) = con.execute("SELECT sandi_hash FROM pengguna WHERE username = 'verif'").fetchone()
    assert stored.startswith("$argon2id$") and SANDI not in stored


@pytest.mark.parametrize(
    ("username", "peran", "sandi", "unit", "pesan"),
    [
        ("Ab", "admin", SANDI, (), "3-32 karakter"),
        ("baru", "raja", SANDI, (), "Peran 'raja' tidak dikenal"),
        ("baru", "admin", "pendek", (), "paling sedikit 10"),
        ("baru", "operator", SANDI, (), "paling sedikit satu unit"),
        ("verif", "admin", SANDI, (), "sudah dipakai"),
    ],
)
def test_bad_account_input_is_refused_in_indonesian(
    alur: Alur, akun: dict[str, Pengguna], username: str, peran: str, sandi: str, unit: tuple[str, ...], pesan: str
) -> None:
    with pytest.raises(IsianSalah, match=pesan):
        alur.buat_pengguna(akun["admin"], username, "Nama", peran, sandi, unit)


def test_the_last_active_admin_cannot_be_removed(alur: Alur, akun: dict[str, Pengguna]) -> None:
    with pytest.raises(IsianSalah, match="Admin aktif terakhir"):
        alur.ubah_pengguna(akun["admin"], "admin", aktif=False)
    assert alur.ada_admin()


def test_login_gives_a_session_and_logout_revokes_it(alur: Alur, akun: dict[str, Pengguna]) -> None:
    sesi = alur.masuk("verif", SANDI, "10.0.0.5")
    assert alur.pengguna_sesi(sesi.token) == akun["verifikator"]
    cookie = tanda_cookie(sesi.token)
    assert alur.pengguna_cookie(cookie) == akun["verifikator"]
    alur.keluar(sesi.token)
    assert alur.pengguna_sesi(sesi.token) is None
    assert alur.pengguna_cookie(cookie) is None  # the copied cookie is worthless after logout


def test_session_token_is_stored_hashed(alur: Alur, akun: dict[str, Pengguna]) -> None:
    sesi = alur.masuk("verif", SANDI)
    con = sqlite3.connect(alur.path)
    stored = [r[0] for r in con.execute("SELECT token_hash FROM sesi")]
    assert len(stored) == 1 and stored[0] != sesi.token and sesi.token not in stored[0]


def test_wrong_user_and_wrong_password_say_the_same(alur: Alur, akun: dict[str, Pengguna]) -> None:
    with pytest.raises(SandiSalah) as wrong_password:
        alur.masuk("verif", "bukan-sandinya")
    with pytest.raises(SandiSalah) as no_user:
        alur.masuk("tidak-ada", SANDI)
    assert str(wrong_password.value) == str(no_user.value) == "Nama pengguna atau kata sandi salah."


def test_an_inactive_account_cannot_log_in_and_loses_its_sessions(alur: Alur, akun: dict[str, Pengguna]) -> None:
    sesi = alur.masuk("bupati", SANDI)
    alur.ubah_pengguna(akun["admin"], "bupati", aktif=False)
    assert alur.pengguna_sesi(sesi.token) is None
    with pytest.raises(SandiSalah):
        alur.masuk("bupati", SANDI)


def test_a_password_change_ends_the_old_sessions(alur: Alur, akun: dict[str, Pengguna]) -> None:
    sesi = alur.masuk("verif", SANDI)
    alur.ubah_pengguna(akun["admin"], "verif", sandi="sandi-baru-yang-panjang")
    assert alur.pengguna_sesi(sesi.token) is None
    assert alur.masuk("verif", "sandi-baru-yang-panjang").username == "verif"


def test_wrong_passwords_are_rate_limited_per_username(alur: Alur, akun: dict[str, Pengguna], jam: Jam) -> None:
    for _ in range(GAGAL_MAKS_USERNAME):
        with pytest.raises(SandiSalah):
            alur.masuk("verif", "tebakan-salah", "10.0.0.9")
        jam.maju(seconds=10)
    with pytest.raises(TerlaluBanyakPercobaan) as held:
        alur.masuk("verif", SANDI, "10.0.0.9")  # even the right password is refused now
    assert 0 < held.value.tunggu_detik <= 15 * 60
    assert "menit" in str(held.value)
    jam.maju(seconds=held.value.tunggu_detik)
    assert alur.masuk("verif", SANDI, "10.0.0.9").username == "verif"  # the window has passed


def test_failed_logins_from_one_origin_are_rate_limited_across_usernames(alur: Alur, akun: dict[str, Pengguna], jam: Jam) -> None:
    for i in range(GAGAL_MAKS_ASAL):
        with pytest.raises(SandiSalah):
            alur.masuk(f"tebak{i}", "salah-salah-salah", "203.0.113.7")
        jam.maju(seconds=1)
    with pytest.raises(TerlaluBanyakPercobaan):
        alur.masuk("verif", SANDI, "203.0.113.7")
    assert alur.masuk("verif", SANDI, "10.0.0.1").username == "verif"  # another origin is not held


def test_every_attempt_is_recorded(alur: Alur, akun: dict[str, Pengguna]) -> None:
    with pytest.raises(SandiSalah):
        alur.masuk("verif", "salah-salah-salah", "10.0.0.2")
    alur.masuk("verif", SANDI, "10.0.0.2")
    con = sqlite3.connect(alur.path)
    assert con.execute("SELECT username, asal, hasil FROM percobaan_masuk ORDER BY id").fetchall() == [
        ("verif", "10.0.0.2", "gagal"),
        ("verif", "10.0.0.2", "berhasil"),
    ]


def test_an_expired_session_is_refused(alur: Alur, akun: dict[str, Pengguna], jam: Jam) -> None:
    sesi = alur.masuk("verif", SANDI)
    jam.maju(hours=SESI_JAM - 0.01)
    assert alur.pengguna_sesi(sesi.token) is not None
    jam.maju(hours=0.02)
    assert alur.pengguna_sesi(sesi.token) is None


def test_a_forged_or_altered_cookie_is_refused(alur: Alur, akun: dict[str, Pengguna], monkeypatch: pytest.MonkeyPatch) -> None:
    sesi = alur.masuk("admin", SANDI)
    good = tanda_cookie(sesi.token)
    assert baca_cookie(good) == sesi.token
    assert baca_cookie(sesi.token) is None  # the bare token is not a cookie
    assert baca_cookie(good[:-2] + ("AA" if not good.endswith("AA") else "BB")) is None
    assert alur.pengguna_cookie(good[:-1]) is None
    monkeypatch.setenv("KINERJA_RAHASIA", "kunci-lain-" + "y" * 40)
    assert baca_cookie(good) is None  # signed with another key
    assert baca_cookie(tanda_cookie("token-karangan")) == "token-karangan"
    assert alur.pengguna_cookie(tanda_cookie("token-karangan")) is None  # signed, but no such session


def test_missing_secret_gives_an_indonesian_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KINERJA_RAHASIA")
    with pytest.raises(RahasiaTidakAda, match="KINERJA_RAHASIA belum diatur"):
        tanda_cookie("x")
    monkeypatch.setenv("KINERJA_RAHASIA", "pendek")
    with pytest.raises(RahasiaTidakAda, match="terlalu pendek"):
        baca_cookie("x")


@pytest.mark.parametrize("role", ["pimpinan", "operator", "verifikator", "inspektorat"])
def test_user_management_is_refused_below_admin_and_writes_nothing(alur: Alur, akun: dict[str, Pengguna], role: str) -> None:
    before = alur.daftar_pengguna(akun["admin"])
    with pytest.raises(TidakBerwenang):
        alur.buat_pengguna(akun[role], "penyusup", "Penyusup", "admin", SANDI)
    with pytest.raises(TidakBerwenang):
        alur.ubah_pengguna(akun[role], akun[role].username, peran="admin")
    with pytest.raises(TidakBerwenang):
        alur.daftar_pengguna(akun[role])
    assert alur.daftar_pengguna(akun["admin"]) == before
    refused = [r for r in alur.audit(akun["admin"]) if not r["berhasil"]]
    assert [r["aksi"] for r in refused][:3] == ["daftar_pengguna", "ubah_pengguna", "buat_pengguna"]
    assert {r["username"] for r in refused} == {akun[role].username}


def test_nobody_logged_in_is_not_the_command_line(alur: Alur, akun: dict[str, Pengguna]) -> None:
    """A page passing the (None) user of a missing or forged cookie gets no right; nor does an
    object that merely looks like the command line's."""
    for who in (None, Pengguna("cli", "Baris perintah (server)", "admin")):
        with pytest.raises(TidakBerwenang):
            alur.buat_pengguna(who, "penyusup", "Penyusup", "admin", SANDI)
        with pytest.raises(TidakBerwenang):
            alur.daftar_pengguna(who)
    with pytest.raises(IsianSalah, match="dicadangkan"):
        alur.buat_pengguna(akun["admin"], "cli", "Palsu", "admin", SANDI)
    assert alur.pengguna("penyusup") is None


def test_a_forged_pengguna_object_gains_nothing(alur: Alur, akun: dict[str, Pengguna]) -> None:
    fake_admin = Pengguna("bupati", "Kantor Bupati", "admin")  # pimpinan claiming to be admin
    with pytest.raises(TidakBerwenang):
        alur.buat_pengguna(fake_admin, "penyusup", "Penyusup", "admin", SANDI)
    with pytest.raises(TidakBerwenang):
        alur.daftar_pengguna(Pengguna("siapa", "Tidak Ada", "admin"))
    assert alur.pengguna("penyusup") is None
