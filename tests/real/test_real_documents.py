"""Real published PKs and an LKjIP of perangkat daerah: identity right, and the share of the
hand-read answer key's facts found (issue 9 and 10). The documents are third-party files read
from ``../shared/real-documents``; the tests skip, saying so, where that folder is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract import extract_file
from etl.load import connect, load_document
from tests.real.score import REAL, key, score

PKS_AND_REPORTS = [
    "003_bpbd-boyolali_2026_pk",
    "004_dispora-jabar_2017_pk",
    "006_bpmpd-jabar_2016_pk",
    "008_bpkad-jabar_2017_pk",
    "009_diskominfo-kalbar_2022_lkjip",
]
GOAL = 95.0  # share of each key's facts the issue asks for
# What the reader reaches today, per document: a ratchet, raised as the readers improve, so that
# any regression fails. The goal above is printed next to it.
FLOOR = {
    "003_bpbd-boyolali_2026_pk": 100.0,
    "004_dispora-jabar_2017_pk": 100.0,
    "006_bpmpd-jabar_2016_pk": 100.0,
    "008_bpkad-jabar_2017_pk": 100.0,
    "009_diskominfo-kalbar_2022_lkjip": 97.0,
}

pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"real documents not present at {REAL} (third-party files, not in the repo)"
)


def _file(stem: str) -> Path:
    return next(p for p in REAL.glob(f"{stem}.*") if p.suffix in (".pdf", ".docx"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory):
    con = connect(tmp_path_factory.mktemp("real") / "real.duckdb")
    docs = {}
    for stem in PKS_AND_REPORTS:
        doc = extract_file(_file(stem))
        load_document(con, doc)
        docs[stem] = doc
    yield con, docs
    con.close()


@pytest.mark.parametrize("stem", PKS_AND_REPORTS)
def test_identity_of_a_real_document(stem: str, loaded) -> None:
    _, docs = loaded
    doc, answer = docs[stem], key(stem)
    assert doc.jenis == answer["jenis"]
    assert doc.tahun == answer["tahun"]
    assert doc.provinsi == answer["provinsi"]
    assert doc.kabupaten == answer["kabupaten"]
    assert doc.kecamatan == answer["kecamatan"]
    assert doc.perangkat_daerah and answer["opd"].lower().startswith(doc.perangkat_daerah.lower())


def test_share_of_facts_found_in_real_documents(loaded, capsys: pytest.CaptureFixture[str]) -> None:
    con, docs = loaded
    rows, failures = [], []
    for stem in PKS_AND_REPORTS:
        s = score(con, docs[stem].dokumen_id, key(stem))
        rows.append(
            f"{stem:36s} {s.share:6.1f} %  ({len(s.found)}/{len(s.found) + len(s.missed)}; goal {GOAL:.0f} %) extra {len(s.extra)}"
        )
        rows.extend(f"    missed: {m}" for m in s.missed)
        if s.share < FLOOR[stem]:
            failures.append(f"{stem}: {s.share:.1f} % < floor {FLOOR[stem]} %")
        if s.extra:  # e.g. the indicators of a Rencana Aksi table read as the agreement's targets
            failures.append(f"{stem}: targets that are not in the agreement: {s.extra[:5]}")
    with capsys.disabled():
        print("\nfacts of the answer keys found:\n" + "\n".join(rows))
    assert not failures, failures
