"""Constructed cases per check: consistent input → no galat, rounding → peringatan, a slip → galat."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import rules
from etl.documents import pejabat, pernyataan, survei
from etl.load import connect, load_document
from etl.model import Anggaran, Dokumen, Komponen, Line, Perjanjian
from etl.review import anggaran, capaian, ganda, komponen, lintas, persentase
from etl.review.finding import GALAT, INFO, PERINGATAN, Temuan, angka
from etl.review.tolerance import judge
from tests.conftest import SEEDS


def _levels(found: list) -> list[str]:
    return [t.tingkat for t in found]


# --- capaian ------------------------------------------------------------------------------------


def test_capaian_consistent_rounded_truncated_and_wrong() -> None:
    assert capaian.check_capaian(80, "80", 60, "60", 75.0, "75,00", rules.FORMULA_POSITIVE, 1) == []
    cut = capaian.check_capaian(88, "88,00", 93.69, "93,69", 106.46, "106,46", rules.FORMULA_POSITIVE, 1)
    assert _levels(cut) == [PERINGATAN] and "dipotong" in cut[0].pesan
    wrong = capaian.check_capaian(80, "80", 60, "60", 95.0, "95,00", rules.FORMULA_POSITIVE, 7)
    assert _levels(wrong) == [GALAT] and wrong[0].sumber_baris == 7
    assert (
        wrong[0].pesan
        == "Capaian tertulis 95,00% padahal realisasi 60 terhadap target 80 = 75,00% (rumus realisasi/target × 100)."
    )


def test_capaian_names_the_formula_the_document_used() -> None:
    # lower is better, T=10 R=8: the document printed T/R = 125 %, the ETL chose neg_2t = 120 %
    found = capaian.check_capaian(10, "10", 8, "8", 125.0, "125,00", rules.FORMULA_NEG_2T, 1)
    assert _levels(found) == [INFO] and found[0].rumus == rules.FORMULA_NEG_RATIO


@given(
    target=st.integers(min_value=1, max_value=10_000),
    realisasi=st.integers(min_value=0, max_value=20_000),
    digits=st.integers(min_value=0, max_value=2),
    truncate=st.booleans(),
)
def test_printed_capaian_rounded_or_cut_is_never_galat(target: int, realisasi: int, digits: int, truncate: bool) -> None:
    exact = realisasi / target * 100
    scale = 10**digits
    printed = (int(exact * scale) if truncate else round(exact * scale)) / scale
    text = angka(printed, digits)
    assert judge(printed, text, exact).tingkat != GALAT


# --- percentages -----------------------------------------------------------------------------------


def test_serapan() -> None:
    assert persentase.check_serapan(200, 150, 75.0, "75,00%", 1, "x") == []
    assert _levels(persentase.check_serapan(3, 2, 66.66, "66,66%", 1, "x")) == [PERINGATAN]
    slip = persentase.check_serapan(1_714_490_000, 1_607_070_802, 85.0, "85,00", 838, "Sasaran")
    assert _levels(slip) == [GALAT] and "= 93,73%" in slip[0].pesan
    assert persentase.check_serapan(0, 0, 0.0, "0", 1, "x") == []  # nothing to divide by


def _doc(lines: list[str], **kw: object) -> Dokumen:
    base: dict[str, object] = dict(
        nama_file="x.txt",
        sha256="0" * 64,
        jenis="PK",
        kode_kecamatan=None,
        provinsi=None,
        kabupaten="K",
        kecamatan="C",
        tahun=2024,
        format="txt",
        jumlah_baris=len(lines),
        lines=[Line(i, t) for i, t in enumerate(lines, start=1)],
    )
    base.update(kw)
    return Dokumen(**base)  # type: ignore[arg-type]


SURVEY = [
    "Tabel 1",
    "Unsur Persyaratan",
    "No\tUnsur Layanan\tTidak Baik\tKurang Baik\tBaik\tSangat Baik\tTotal",
    "1\tPersyaratan\t-\t-\t{a}\t{b}\t{n}",
    "\t\t-\t-\t{pa}\t{pb}\t100%",
]


def survey_doc(lines: list[str]) -> Dokumen:
    """A document whose survey distributions are extracted as the ETL does (the facts the check reads)."""
    doc = _doc(lines)
    doc.sebaran_survei = survei.extract(doc)
    return doc


def test_survey_shares() -> None:
    good = [ln.format(a=163, b=468, n=631, pa="25,83%", pb="74,17%") for ln in SURVEY]
    facts = survei.extract(_doc(good))
    assert [(f.kategori, f.jumlah, f.persen, f.total, f.baris_jumlah, f.baris_persen) for f in facts] == [
        ("Baik", 163.0, 25.83, 631.0, 4, 5),
        ("Sangat Baik", 468.0, 74.17, 631.0, 4, 5),
    ]
    assert persentase.check_shares(survey_doc(good)) == []
    bad = [ln.format(a=631, b=631, n=631, pa="100%", pb="100%") for ln in SURVEY]
    assert "bagian_jumlah" in {t.kode for t in persentase.check_shares(survey_doc(bad)) if t.tingkat == GALAT}


# --- components -----------------------------------------------------------------------------------


def _k(
    jenis: str,
    urutan: int,
    nama: str,
    peran: str,
    nilai: float,
    teks: str,
    line: int,
    induk: str | None = None,
    bobot: float | None = None,
    mutu: str | None = None,
) -> Komponen:
    return Komponen(2024, jenis, urutan, nama, nama, induk, peran, bobot, nilai, teks, mutu, line)


def _sakip(total: float, total_teks: str, first: float = 20.0) -> list[Komponen]:
    rows = [_k("SAKIP", 0, "Jumlah", "jumlah", total, total_teks, 9)]
    for c, v in zip(rules.SAKIP_COMPONENTS, (first, 18.6, 9.3, 14.25), strict=True):
        rows.append(_k("SAKIP", c.urutan, c.nama, "komponen", v, angka(v, 2), c.urutan, bobot=c.bobot))
    return rows


def test_sakip_components_against_total_and_weight() -> None:
    assert komponen.check_sakip(_sakip(62.15, "62,15")) == []
    assert _levels(komponen.check_sakip(_sakip(63.16, "63,16"))) == [GALAT]
    assert komponen.check_sakip(_sakip(62.2, "62,2")) == []  # the same sum printed with one decimal
    assert _levels(komponen.check_sakip(_sakip(62.17, "62,17"))) == [PERINGATAN]  # within the parts' rounding
    over = komponen.check_sakip(_sakip(73.15, "73,15", first=31.0))
    assert [t.kode for t in over] == ["sakip_bobot"]


def test_kematangan_range_total_and_category() -> None:
    levels = [5, 3, 3, 2, 3, 5, 3, 1, 4, 2, 2]
    rows = [
        _k("KEMATANGAN", i, n, "komponen", v, str(v), i)
        for i, (n, v) in enumerate(zip(rules.KEMATANGAN_VARIABLES, levels, strict=True), start=1)
    ]
    total = _k("KEMATANGAN", 0, "Jumlah", "jumlah", 33, "33", 20, mutu="Sedang")
    assert komponen.check_kematangan([*rows, total]) == []
    wrong_cat = _k("KEMATANGAN", 0, "Jumlah", "jumlah", 33, "33", 20, mutu="Tinggi")
    assert [t.kode for t in komponen.check_kematangan([*rows, wrong_cat])] == ["kematangan_kategori"]
    rows[0] = _k("KEMATANGAN", 1, rules.KEMATANGAN_VARIABLES[0], "komponen", 6, "6", 1)
    kodes = {t.kode for t in komponen.check_kematangan([*rows, total])}
    assert kodes == {"kematangan_rentang", "kematangan_jumlah"}


def test_ikm_mean_accepts_both_weightings() -> None:
    unsur = [_k("IKM", i, n, "komponen", 90.0, "90,00", i) for i, n in enumerate(rules.IKM_UNSUR, start=1)]
    for printed in (90.0, 89.10):  # exact 1/9 and the printed weight 0,11
        assert komponen.check_ikm([*unsur, _k("IKM", 0, "Jumlah", "jumlah", printed, angka(printed), 12)]) == []
    assert [t.kode for t in komponen.check_ikm([*unsur, _k("IKM", 0, "Jumlah", "jumlah", 80.0, "80,00", 12)])] == ["ikm_rerata"]


# --- budgets --------------------------------------------------------------------------------------


def _a(
    urutan: int, tingkat: str, pagu: float | None, realisasi: float | None = None, induk: int | None = None, peran: str = "baris"
) -> Anggaran:
    return Anggaran(
        urutan,
        None,
        "Tabel",
        "Kecamatan",
        "murni",
        tingkat,
        peran,
        f"baris {urutan}",
        induk,
        pagu,
        None if pagu is None else angka(pagu),
        realisasi,
        None if realisasi is None else angka(realisasi),
        None,
        None,
        None,
        urutan,
    )


@st.composite
def budgets(draw: st.DrawFn) -> list[Anggaran]:
    rows: list[Anggaran] = []
    n = 0
    for _ in range(draw(st.integers(1, 4))):
        n += 1
        program, kegiatan_rows = n, []
        for _ in range(draw(st.integers(1, 3))):
            n += 1
            kegiatan = n
            subs = [draw(st.integers(0, 10**9)) for _ in range(draw(st.integers(1, 3)))]
            sub_rows = []
            for s in subs:
                n += 1
                sub_rows.append(_a(n, "sub_kegiatan", s, s // 2, kegiatan))
            kegiatan_rows.append((_a(kegiatan, "kegiatan", sum(subs), sum(s // 2 for s in subs), program), sub_rows))
        rows.append(
            _a(program, "program", sum(k.pagu or 0 for k, _ in kegiatan_rows), sum(k.realisasi or 0 for k, _ in kegiatan_rows))
        )
        for k, subs_ in kegiatan_rows:
            rows.extend([k, *subs_])
    total = sum(r.pagu or 0 for r in rows if r.tingkat == "program")
    rows.append(_a(n + 1, "total", total, None, None, "jumlah"))
    return rows


@settings(max_examples=60)
@given(budgets())
def test_consistent_budgets_never_raise_galat(rows: list[Anggaran]) -> None:
    assert anggaran.check_table(rows) == []


def test_budget_slips() -> None:
    rows = [_a(1, "program", 300, 200), _a(2, "kegiatan", 100, 100, 1), _a(3, "kegiatan", 100, 100, 1)]
    found = anggaran.check_table(rows)
    assert {(t.kode, t.angka_tertulis, t.angka_hitung) for t in found} == {("anggaran_induk", 300, 200)}
    assert [t.kode for t in anggaran.check_realisasi(_a(1, "program", 100, 300))] == ["anggaran_kelipatan"]
    assert [t.kode for t in anggaran.check_realisasi(_a(1, "program", 100, 150))] == ["anggaran_lebih"]
    assert anggaran.check_realisasi(_a(1, "program", 100, 100)) == []


# --- stated twice -----------------------------------------------------------------------------------


def test_officials_name_and_nip() -> None:
    lines = [
        "AGUS SANTOSO, S.IP",
        "NIP. 19700822 198903 1 001",
        "",
        "AGUS SANTOSO,S.IP",
        "NIP. 19700822 198903 1 001",
        "AGUS SANTOSA, S.IP",
        "NIP. 19700822 198903 1 001",
        "BUDI",
        "NIP. 19800101 200501 1 00",
    ]
    found = ganda.check_officials(pejabat.officials(_doc(lines).lines))
    assert {(t.kode, t.sumber_baris) for t in found} == {("ganda_nama", 6), ("nip_format", 9)}


def test_signing_dates() -> None:
    lines = ["PERJANJIAN KINERJA", "Purwokerto, 29 Januari 2024", "isi", "Purwokerto, 7 Januari 2024", "Purwokerto, Januari 2024"]
    doc = _doc(
        lines,
        perjanjian=[Perjanjian(1, "PK", "Kecamatan", None, None, None, None, dt.date(2024, 1, 29), "29 Januari 2024", 1, 5)],
    )
    dates = pernyataan.signing_dates(doc.lines, doc.perjanjian)
    assert [s.tanggal_teks for s in dates] == ["29 Januari 2024", "7 Januari 2024", "Januari 2024"]
    assert [(t.kode, t.sumber_baris) for t in ganda.check_signing_dates(dates, doc.perjanjian)] == [("ganda_tanggal", 4)]


# --- across documents -------------------------------------------------------------------------------


def _t(jenis_pk: str, target: float, line: int, doc: str = "d1") -> dict[str, object]:
    return dict(
        dokumen_id=doc,
        nama_file=f"{doc}.txt",
        tahun=2024,
        jenis="PK",
        jenis_pk=jenis_pk,
        unit_kerja="Kecamatan",
        kunci="IKM",
        indikator="IKM",
        target=target,
        target_teks=angka(target),
        sumber_baris=line,
    )


def test_pk_perubahan_drift_is_info_and_lkjip_target_must_match_pk_in_force() -> None:
    targets = [_t("PK", 85, 1), _t("PK_PERUBAHAN", 88, 2, "d2")]
    drift = lintas.check_drift(targets)
    assert [(t.kode, t.tingkat, t.dokumen_id) for t in drift] == [("lintas_target_perubahan", INFO, "d2")]
    r = dict(
        dokumen_id="d3",
        nama_file="d3.txt",
        tahun_dokumen=2024,
        jenis="LKJIP",
        tahun=2024,
        unit_kerja="Kecamatan",
        kunci="IKM",
        indikator="IKM",
        target=85.0,
        target_teks="85",
        realisasi=90.0,
        realisasi_teks="90",
        riwayat=False,
        sumber_baris=5,
    )
    found = lintas.check_lkjip_targets(targets, [r])
    assert [(t.kode, t.angka_hitung) for t in found] == [("lintas_target_pk", 88)]
    history = dict(r, dokumen_id="d4", tahun_dokumen=2025, riwayat=True, realisasi=91.0, realisasi_teks="91")
    assert [t.kode for t in lintas.check_history([r, history])] == ["lintas_riwayat"]


def test_review_runs_inside_the_load_and_follows_a_replaced_document(tmp_path: Path) -> None:
    from etl.extract import extract_file

    db = tmp_path / "k.duckdb"
    con = connect(db)
    load_document(con, extract_file(SEEDS["somagede"]))
    count = "select count(*) from temuan where tingkat = 'galat'"
    assert con.execute(count).fetchone() == (2,)
    fixed = tmp_path / SEEDS["somagede"].name
    fixed.write_text(SEEDS["somagede"].read_text(encoding="utf-8").replace("7 Januari 2024", "29 Januari 2024"), encoding="utf-8")
    assert load_document(con, extract_file(fixed)).status == "diganti"
    assert con.execute("select kode from temuan where tingkat = 'galat'").fetchall() == [("nip_format",)]
    con.close()
    ro = duckdb.connect(str(db), read_only=True)
    assert ro.execute("select count(distinct dokumen_id) from core_temuan").fetchone() == (1,)
    ro.close()


def test_a_slip_in_numbers_read_by_ocr_is_a_warning_that_says_so() -> None:
    from etl.review import review_document

    bad = [ln.format(a=631, b=631, n=631, pa="100%", pb="100%") for ln in SURVEY]
    typed = [t for t in review_document(survey_doc(bad)) if t.kode == "bagian_jumlah"]
    assert _levels(typed) == [GALAT] and "OCR" not in typed[0].pesan
    scanned = survey_doc(bad)
    scanned.lines = [Line(ln.no, ln.text, 1, "ocr") for ln in scanned.lines]
    found = [t for t in review_document(scanned) if t.kode == "bagian_jumlah"]
    assert _levels(found) == [PERINGATAN]
    assert "dibaca dengan OCR" in found[0].pesan and found[0].pesan.startswith(typed[0].pesan)


# --- numbers in running text -----------------------------------------------------------------------


def test_shares_stated_in_a_sentence() -> None:
    from etl.review import kalimat

    def levels(sentence: str) -> list[str]:
        return _levels(kalimat.check_sentence_shares(pernyataan.sentence_shares([Line(1, sentence)])))

    ok = "Penduduk 1.000 jiwa, laki-laki 600 jiwa (60,00%) dan perempuan 400 jiwa (40%)."
    assert levels(ok) == []
    assert levels("Penduduk 1.000 jiwa, laki-laki 600 jiwa (66,00%) dan perempuan 400 jiwa (34%).") == [GALAT, GALAT]
    assert levels("Penduduk 3 jiwa, laki-laki 2 jiwa (66,66%) dan perempuan 1 jiwa (33,33%).") == []  # cut, not galat
    # a year or a count that is not the sum of the parts is never taken for the whole
    assert levels("Tahun 2024 sebanyak 30 orang (60%) dan 20 orang (40%) hadir.") == []
    assert levels("Dari 50 orang, 30 orang (60%) hadir.") == []  # one part alone: the whole is not certain


def test_a_table_share_restated_in_the_paragraph_after_it() -> None:
    from etl.review import kalimat

    def restated(lines: list[str]) -> list[Temuan]:
        doc = survey_doc(lines)
        doc.pernyataan = pernyataan.restated_shares(doc.lines)  # the facts the check reads
        return kalimat.check_restated_shares(doc)

    table = [ln.format(a=171, b=459, n=630, pa="27,14%", pb="72,86%") for ln in SURVEY]
    same = [*table, "", "Responden yang memilih sangat baik sebesar 72,86 persen."]
    assert restated(same) == []
    other = [*table, "", "Responden yang memilih sangat baik sebesar 72,91 dan baik sebesar 27,14."]
    facts = pernyataan.restated_shares(_doc(other).lines)
    assert [(s.subjek, s.nilai, s.baris_pembanding) for s in facts] == [("sangat baik", 72.91, 5), ("baik", 27.14, 5)]
    found = restated(other)
    assert _levels(found) == [GALAT]
    assert (found[0].nilai_tertulis, found[0].nilai_hitung, found[0].sumber_baris) == ("72,91%", "72,86%", 7)
    beyond = [*table, "", "Tabel 2", "Responden yang memilih sangat baik sebesar 50,00."]
    assert restated(beyond) == []  # another table's paragraph


def test_one_program_one_pagu_per_stage_wherever_it_is_printed() -> None:
    def line(no: int, nama: str, pagu: float, bagian: str, tahap: str = "perubahan", jenis: str | None = None) -> Anggaran:
        return Anggaran(
            no, jenis, bagian, "Kecamatan", tahap, "program", "baris", nama, None, pagu, None, None, None, None, None, None, no
        )

    table = [
        line(1, "Program Penunjang Urusan Pemerintahan Daerah", 150.0, "Tabel 2.5"),
        line(2, "Program Pelayanan Publik", 80.0, "Tabel 2.5"),
    ]
    typo = [line(10, "PROGRAM PENUJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN", 150.0, "perjanjian", jenis="PK_PERUBAHAN")]
    assert ganda.check_program_budgets(_doc([], anggaran=table + typo)) == []  # same program, same pagu
    murni = [line(20, "Program Penunjang Urusan Pemerintahan Daerah", 120.0, "Tabel 2.3", tahap="murni")]
    assert ganda.check_program_budgets(_doc([], anggaran=table + murni)) == []  # another stage may differ
    # etl.evidence has decided each agreement's stage before the review runs (sumber_tahap says how)
    title_only = "judul perjanjian (PK Perubahan), tanpa bukti pada tabel"
    stale = [
        replace(
            line(30, "Program Penunjang Urusan Pemerintahan Daerah", 120.0, "perjanjian", jenis="PK_PERUBAHAN"),
            sumber_tahap=title_only,
        )
    ]
    found = ganda.check_program_budgets(_doc([], anggaran=table + stale))
    # the agreement's stage is known from its title only: it may carry the murni budget
    assert _levels(found) == [PERINGATAN] and (found[0].sumber_baris, found[0].baris_terkait) == (30, (1,))
    assert "hanya diketahui dari judulnya" in found[0].pesan
    report = [line(40, "Program Penunjang Urusan Pemerintahan Daerah", 120.0, "Tabel 3.1")]
    found = ganda.check_program_budgets(_doc([], anggaran=table + report))
    assert _levels(found) == [GALAT]  # two report tables, same stage, two amounts: a slip
    # a PK Perubahan whose amounts are the murni ones carries the murni budget: compared with murni
    same_as_murni = [
        replace(
            line(50, "Program Penunjang Urusan Pemerintahan Daerah", 120.0, "perjanjian", tahap="murni", jenis="PK_PERUBAHAN"),
            sumber_tahap="jumlah 120 sama dengan anggaran murni (Tabel 2.3)",
        )
    ]
    found = ganda.check_program_budgets(_doc([], anggaran=table + murni + same_as_murni))
    assert [(t.kode, t.tingkat, t.sumber_baris) for t in found] == [("tahap_anggaran", INFO, 50)]
