"""The account helpers of the dashboard: what each role may do, the cookie script (the signed
token only, SameSite=Strict), and the Indonesian texts and numbers of the workflow pages."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import akun, alur_tampil, labels
from etl.alur import PERAN, Pengguna


@pytest.mark.parametrize("peran", PERAN)
def test_each_role_may_do_exactly_its_actions(peran: str) -> None:
    user = Pengguna("u", "U", peran)
    allowed = {t for t in akun.TINDAKAN if akun.boleh(t, user)}
    expected = {
        "pimpinan": set(),
        "operator": {"unggah"},
        "verifikator": {"unggah", "verifikasi"},
        "inspektorat": {"temuan"},
        "admin": set(akun.TINDAKAN),
    }[peran]
    assert allowed == expected


def test_an_inactive_account_may_do_nothing() -> None:
    assert not any(akun.boleh(t, Pengguna("a", "A", "admin", aktif=False)) for t in akun.TINDAKAN)


def test_the_cookie_script_sets_only_the_signed_value_strictly_and_clears_it() -> None:
    value = "eyJ0b2tlbiI6ImFiYyJ9.sig-nature_1"
    script = akun.cookie_script(("tulis", value, 3600))
    assert script.startswith("<script>") and script.endswith("</script>")
    assert '"kinerja_sesi" + \'=\' + "eyJ0b2tlbiI6ImFiYyJ9.sig-nature_1"' in script
    assert "Path=/; Max-Age=3600; SameSite=Strict" in script and "location.protocol === 'https:'" in script
    hostile = akun.cookie_script(("tulis", '"</script><script>alert(1)', 5))  # a value is a JSON literal
    assert hostile.count("</script>") == 1 and "\\u003c/script\\u003e" in hostile
    cleared = akun.cookie_script(("hapus",))
    assert "Max-Age=0" in cleared and "SameSite=Strict" in cleared


def test_corrections_read_printed_then_corrected_with_who_and_why() -> None:
    assert labels.koreksi_teks("63,16", "65,00", "verif", "LHE terbaru") == "63,16 → 65,00 (dikoreksi oleh verif: LHE terbaru)"
    assert labels.koreksi_teks("1", "2", None, None) == "1 → 2 (dikoreksi)"
    assert alur_tampil.angka_seperti(65.0, "63,16") == "65,00"
    assert alur_tampil.angka_seperti(1250000.0, "1.000.000") == "1.250.000"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("65,00", 65.0),
        ("1.250.000", 1250000.0),
        ("Rp 1.250.000,50", 1250000.5),
        ("63.16", 63.16),
        ("-2,5", -2.5),
        ("abc", None),
        ("", None),
        ("nan", None),
    ],
)
def test_numbers_are_typed_the_indonesian_way(typed: str, value: float | None) -> None:
    assert alur_tampil.angka_masukan(typed) == value


def test_waits_and_times_in_indonesian() -> None:
    assert labels.durasi(45) == "45 detik"
    assert labels.durasi(61) == "2 menit"
    assert labels.durasi(3900) == "1 jam 5 menit"
    # outside a browser session the zone is UTC
    assert alur_tampil.waktu_lokal(dt.datetime(2026, 12, 2, 6, 5, tzinfo=dt.UTC)) == "2 Desember 2026, 06.05 UTC"
    assert alur_tampil.waktu_lokal(None) is None


def test_the_audit_table_has_indonesian_headings_labels_and_details() -> None:
    rows = [
        {"waktu": dt.datetime(2026, 12, 2, 6, 5, tzinfo=dt.UTC), "username": "verif", "aksi": "verifikasi", "objek": "d1",
         "rincian": '{"status": "dikembalikan", "alasan": "kurang lampiran"}', "berhasil": True},
        {"waktu": dt.datetime(2026, 12, 2, 6, 6, tzinfo=dt.UTC), "username": "bupati", "aksi": "unggah", "objek": "x.pdf",
         "rincian": "{}", "berhasil": False},
    ]  # fmt: skip
    table = alur_tampil.tabel_audit(rows)
    assert table.columns == ["Waktu", "Pengguna", "Aksi", "Objek", "Rincian", "Hasil"]
    assert table["Aksi"].to_list() == ["Verifikasi dokumen", "Unggah dokumen"]
    assert table["Rincian"][0] == "status: dikembalikan; alasan: kurang lampiran"
    assert table["Hasil"].to_list() == ["Berhasil", "Ditolak"]
