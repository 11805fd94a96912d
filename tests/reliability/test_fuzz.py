"""Fuzzing the readers (issue 12): random bytes, and real fixture files cut short or with bits
flipped, go through the extract path (:func:`etl.extract.extract_documents`, which sniffs and
reads every format). Each either gives documents or fails with the clean Indonesian message the
CLI prints (:func:`etl.errors.document_message`): never an "unexpected error" and never an
exception the CLI would not name. Bounded: about 30 s on the project machine."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.errors import document_message
from etl.extract import extract_documents
from etl.model import DocumentError
from etl.template import template_xlsx
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
SMALL = [  # the small ones: each reads in well under a second
    FIXTURES / "documents" / "pk_2024_banyumas_somagede.docx",
    FIXTURES / "documents" / "pk_2019_banyumas_ajibarang.pdf",
    FIXTURES / "documents" / "pk_2024_banyumas_somagede.pdf",
    FIXTURES / "forms" / "pk_2019_banyumas_ajibarang.raw.txt",
    FIXTURES / "forms" / "pk_2019_banyumas_ajibarang.cp1252.txt",
    FIXTURES / "forms" / "pk_2024_banyumas_somagede.utf16.txt",
    FIXTURES / "forms" / "pk_2024_banyumas_somagede.layout.txt",
]
ORIGINALS = {p.name: p.read_bytes() for p in SMALL} | {"templat.xlsx": template_xlsx(None)}
# first bytes that send random data down each reader's path
PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"bagian,sasaran,indikator\n"]
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None, report_multiple_bugs=False
)


def _outcome(name: str, data: bytes) -> str:
    """Read ``data`` as the file ``name``: 'dimuat' or the message the CLI would print."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            docs = extract_documents(path)
        except Exception as exc:  # noqa: BLE001 - the point: every failure must have a clean message
            message = document_message(path, exc)
            assert "tak terduga" not in message, f"{name}: {type(exc).__name__}: {str(exc)[:200]}"
            assert message.startswith(str(path)), message
            if not isinstance(exc, DocumentError):
                assert any(w in message for w in ("rusak", "tidak dapat dibaca", "terlalu besar")), message
            return message.removeprefix(str(path))
        assert docs
        return "dimuat"


@FUZZ
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=4096),
    suffix=st.sampled_from([".txt", ".pdf", ".docx", ".xlsx", ".csv", ""]),
)
def test_random_bytes(prefix: bytes, body: bytes, suffix: str) -> None:
    _outcome(f"acak{suffix}", prefix + body)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture cut short, with bits flipped, or with a run of bytes overwritten."""
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = bytearray(ORIGINALS[name])
    how = draw(st.sampled_from(["potong", "balik", "timpa"]))
    if how == "potong":
        data = data[: draw(st.integers(min_value=1, max_value=len(data) - 1))]
    elif how == "balik":
        for _ in range(draw(st.integers(min_value=1, max_value=8))):
            k = draw(st.integers(min_value=0, max_value=len(data) - 1))
            data[k] ^= 1 << draw(st.integers(min_value=0, max_value=7))
    else:
        k = draw(st.integers(min_value=0, max_value=len(data) - 1))
        data[k : k + 64] = draw(st.binary(min_size=1, max_size=64))
    return name, bytes(data)


@FUZZ
@given(damaged())
def test_damaged_real_files(case: tuple[str, bytes]) -> None:
    _outcome(*case)


def test_the_originals_load() -> None:
    """The fuzz starts from files that load: a failure above is the damage, not the file."""
    assert all(_outcome(name, data) == "dimuat" for name, data in ORIGINALS.items() if name != "templat.xlsx")
    assert "templat ditolak" in _outcome("templat.xlsx", ORIGINALS["templat.xlsx"])  # empty template: nothing filled
