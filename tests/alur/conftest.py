"""A workflow store in a temporary folder with a clock the test moves, and one account per role."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.alur import BARIS_PERINTAH, Alur, Pengguna, buka

SANDI = "sandi-yang-panjang-1"
UNIT_OPERATOR = "33.02.09"  # Somagede's code (data/raw/pk_2024_banyumas_somagede.txt)


class Jam:
    def __init__(self) -> None:
        self.t = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.t

    def maju(self, **kw: float) -> None:
        self.t += dt.timedelta(**kw)


@pytest.fixture(autouse=True)
def _rahasia(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KINERJA_RAHASIA", "kunci-uji-" + "x" * 40)
    monkeypatch.delenv("KINERJA_ALUR", raising=False)
    monkeypatch.setenv("KINERJA_UNGGAHAN", str(tmp_path / "unggahan"))


@pytest.fixture()
def jam() -> Jam:
    return Jam()


@pytest.fixture()
def alur(tmp_path: Path, jam: Jam) -> Alur:
    return buka(tmp_path / "kinerja.alur.sqlite", jam=jam)


@pytest.fixture()
def akun(alur: Alur) -> dict[str, Pengguna]:
    """One account per role, made from the command line (BARIS_PERINTAH) as the first admin is."""
    out = {"admin": alur.buat_pengguna(BARIS_PERINTAH, "admin", "Admin Kabupaten", "admin", SANDI)}
    out["pimpinan"] = alur.buat_pengguna(out["admin"], "bupati", "Kantor Bupati", "pimpinan", SANDI)
    out["operator"] = alur.buat_pengguna(out["admin"], "op.somagede", "Operator Somagede", "operator", SANDI, [UNIT_OPERATOR])
    out["verifikator"] = alur.buat_pengguna(out["admin"], "verif", "Bagian Organisasi", "verifikator", SANDI)
    out["inspektorat"] = alur.buat_pengguna(out["admin"], "inspek", "Inspektorat", "inspektorat", SANDI)
    return out


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with small costs: the same algorithm and code path, 50 times faster (the default
    64 MiB, t=3 profile is for production; tests hash dozens of passwords)."""
    from argon2 import PasswordHasher

    from etl.alur import rahasia

    monkeypatch.setattr(rahasia, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
