"""Passwords (argon2id) and signed session cookies (itsdangerous, key from $KINERJA_RAHASIA).

The cookie holds only a random session token, signed so that a forged or altered value is refused
before the store is asked; the token itself is checked against the server-side session (stored as
its sha256), so a copied cookie stops working once its session is revoked or expired.
"""

from __future__ import annotations

import hashlib
import os
import secrets

import itsdangerous
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

NAMA_COOKIE = "kinerja_sesi"
RAHASIA_ENV = "KINERJA_RAHASIA"
RAHASIA_MIN = 32  # characters; `python -c "import secrets; print(secrets.token_urlsafe(48))"` gives 64
_SALT = "kinerja-sesi"

# argon2-cffi's defaults are RFC 9106's second recommended profile (argon2id, 64 MiB, t=3, p=4)
_HASHER = PasswordHasher()
# verified when the user name is unknown, so that the answer takes as long as for a known one
_DUMMY = _HASHER.hash(secrets.token_urlsafe(16))


def hash_sandi(sandi: str) -> str:
    return _HASHER.hash(sandi)


def cocok_sandi(hash_tersimpan: str | None, sandi: str) -> bool:
    try:
        return _HASHER.verify(hash_tersimpan or _DUMMY, sandi) and hash_tersimpan is not None
    except (VerificationError, InvalidHashError):
        return False


def perlu_hash_ulang(hash_tersimpan: str) -> bool:
    return _HASHER.check_needs_rehash(hash_tersimpan)


def token_baru() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def kunci_rahasia() -> str:
    """The signing key; a clear Indonesian error when it is missing or too short."""
    from etl.alur.model import RahasiaTidakAda

    key = os.environ.get(RAHASIA_ENV, "")
    if len(key) < RAHASIA_MIN:
        keadaan = "belum diatur" if not key else f"terlalu pendek ({len(key)} karakter, paling sedikit {RAHASIA_MIN})"
        raise RahasiaTidakAda(
            f"Variabel lingkungan {RAHASIA_ENV} {keadaan}: fitur masuk (login) memerlukan kunci rahasia untuk "
            "menandatangani cookie sesi. Buat satu dengan perintah "
            '`python -c "import secrets; print(secrets.token_urlsafe(48))"` dan atur sebelum menjalankan dasbor '
            "(lihat docs/accounts.md). Jangan simpan kunci ini di repositori."
        )
    return key


def _serializer() -> itsdangerous.URLSafeSerializer:
    return itsdangerous.URLSafeSerializer(kunci_rahasia(), salt=_SALT)


def tanda_cookie(token: str) -> str:
    """The cookie value for a session token: the token signed with $KINERJA_RAHASIA."""
    return _serializer().dumps(token)


def baca_cookie(nilai: str | None) -> str | None:
    """The session token inside a cookie value, or None when it is missing, forged or altered."""
    if not nilai:
        return None
    try:
        token = _serializer().loads(nilai)
    except itsdangerous.BadData:
        return None
    return token if isinstance(token, str) else None
