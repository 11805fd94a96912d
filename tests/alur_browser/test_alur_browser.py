"""The document workflow in the system Chromium (issue 15), as each role: login and logout (the
signed cookie survives a reload and is gone after logout), an operator's upload of its own
kecamatan's PDF and the refusal of another's, a verifikator's return and correction shown on
Profil, an Inspektorat's finding status, pimpinan without any write control, and the audit log.
Each test has its own database (built with ``python -m etl load``) and store, with users made
through the CLI (``python -m etl pengguna tambah``)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser_util import NEEDS_CHROMIUM, ROOT, chromium_page, page_problems, streamlit_server, wait_until_run_finished
from tests.dashboard import alur_env

pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]


def _cli_users(env: dict[str, str]) -> None:
    for username, (nama, peran, unit) in alur_env.AKUN.items():
        args = [
            sys.executable,
            "-m",
            "etl",
            "pengguna",
            "tambah",
            username,
            "--nama",
            nama,
            "--peran",
            peran,
            "--sandi-dari-stdin",
        ]
        for u in unit:
            args += ["--unit", u]
        subprocess.run(args, input=alur_env.SANDI + "\n", text=True, cwd=ROOT, env=env, check=True, capture_output=True)


@pytest.fixture()
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    db = alur_env.build_db(tmp_path / "kinerja.duckdb")
    env = {
        "KINERJA_RAHASIA": alur_env.RAHASIA,
        "KINERJA_ALUR": str(tmp_path / "kinerja.alur.sqlite"),
        "KINERJA_UNGGAHAN": str(tmp_path / "unggahan"),
        "KINERJA_DB": str(db),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)  # the server inherits them
    _cli_users({**os.environ, **env})
    with streamlit_server(db, tmp_path) as base:
        yield base, db


@pytest.fixture()
def page(server: tuple[str, Path]) -> Iterator:
    with chromium_page() as page:
        yield page


def _open(page, url: str, text: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=60_000)
    wait_until_run_finished(page, 60_000)


def _login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{base}/?kabupaten=Purbalingga", "63,16")
    page.get_by_text("Masuk (petugas)").click()
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(alur_env.SANDI)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_text("Masuk sebagai").wait_for(timeout=30_000)
    wait_until_run_finished(page)


def _cookie(page):  # type: ignore[no-untyped-def]
    return next((c for c in page.context.cookies() if c["name"] == "kinerja_sesi"), None)


def _goto_page(page, base: str, slug: str, text: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, f"{base}/{slug}", text)


def test_login_survives_a_reload_and_logout_ends_it(server: tuple[str, Path], page) -> None:
    base, _ = server
    _login(page, base, "verif")
    page.wait_for_function("() => document.cookie.includes('kinerja_sesi=')", timeout=15_000)
    cookie = _cookie(page)
    assert cookie and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    # a reload is a new Streamlit session: the signed cookie logs it in again
    _open(page, f"{base}/verifikasi", "Keputusan")
    assert page.get_by_text("Masuk sebagai").count() == 1
    page.get_by_role("button", name="Keluar").click()
    page.get_by_text("Masuk (petugas)").wait_for(timeout=30_000)
    page.wait_for_function("() => !document.cookie.includes('kinerja_sesi=')", timeout=15_000)
    _open(page, f"{base}/verifikasi", "Masuk lebih dulu")
    assert page.get_by_text("Masuk sebagai").count() == 0
    # the old cookie, replayed, is refused: the session was revoked server-side
    page.context.add_cookies([cookie])
    _open(page, f"{base}/verifikasi", "Masuk lebih dulu")
    assert page.get_by_text("Masuk sebagai").count() == 0
    assert page_problems(page) == []


def test_operator_uploads_its_own_pdf_and_is_refused_another_kecamatan(server: tuple[str, Path], page) -> None:
    base, _ = server
    _login(page, base, "op.somagede")
    page.get_by_role("link", name="Unggah Dokumen").click()
    page.get_by_text("Status dokumen").wait_for(timeout=30_000)
    assert page.get_by_text("per file", exact=False).filter(visible=True).count() == 0  # no English
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(alur_env.DOCS / "pk_2024_banyumas_somagede.pdf"), str(alur_env.DOCS / "pk_2019_banyumas_ajibarang.pdf")]
    )
    wait_until_run_finished(page, 60_000)  # the files reach the server, the button is enabled
    page.get_by_role("button", name="Unggah dan muat").wait_for(timeout=60_000)
    page.get_by_role("button", name="Unggah dan muat").click()
    page.get_by_text("Hasil unggahan terakhir").wait_for(timeout=120_000)
    wait_until_run_finished(page, 60_000)
    body = page.locator("body").inner_text()
    assert "pk_2024_banyumas_somagede.pdf — Dimuat" in body
    assert "pk_2019_banyumas_ajibarang.pdf — Ditolak" in body and "bukan unit yang boleh dimuat" in body
    # the status table is a canvas grid: what it shows is what the store says
    assert page.get_by_text("Status dokumen").count() == 1
    from etl.alur import buka

    alur = buka()
    rows = {r["nama_file"]: r for r in alur.status_dokumen(alur.pengguna("op.somagede"))}
    assert rows["pk_2024_banyumas_somagede.pdf"]["status_verifikasi"] == "diunggah"  # "Menunggu verifikasi"
    assert rows["pk_2019_banyumas_ajibarang.pdf"]["status"] == "ditolak"
    assert page_problems(page) == []


def test_verifikator_returns_a_document_and_corrects_a_value_shown_on_profil(server: tuple[str, Path], page) -> None:
    base, db = server
    _login(page, base, "verif")
    page.get_by_role("link", name="Verifikasi").click()
    page.get_by_text("Keputusan", exact=True).first.wait_for(timeout=30_000)
    wait_until_run_finished(page)
    # the first document (of those on the server, none waits): return it with a reason
    page.get_by_test_id("stRadioGroup").get_by_text("Kembalikan ke pengunggah").click()
    page.get_by_role("textbox", name="Alasan", exact=True).fill("Lampiran tanda tangan tidak ada")
    page.get_by_role("button", name="Simpan keputusan").click()
    page.get_by_text("Keputusan tersimpan: dikembalikan").wait_for(timeout=30_000)
    wait_until_run_finished(page)
    import duckdb

    con = duckdb.connect(str(db), read_only=True)  # the decision is published into the views
    returned = con.execute("select alasan_verifikasi from dokumen where status_verifikasi = 'dikembalikan'").fetchall()
    con.close()
    assert returned == [("Lampiran tanda tangan tidak ada",)]
    # correct Kertanegara's SAKIP 2024 score
    page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Dokumen", exact=True)).locator("input").click()
    page.keyboard.type("kertanegara")
    page.get_by_role("option", name="lkjip_2024_purbalingga_kertanegara.txt", exact=False).first.click()
    wait_until_run_finished(page)
    page.get_by_test_id("stButtonGroup").get_by_text("Skor (IKM, SAKIP, kematangan)").click()
    wait_until_run_finished(page)
    angka = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Angka", exact=True))
    # under load the rerun may still show the previous kind's "Angka" box beside the new one
    expect(angka).to_have_count(1, timeout=30_000)
    angka.wait_for(timeout=30_000)
    for attempt in range(3):  # a rerun may redraw the box between the click and the typing
        angka.locator("input").click()
        page.keyboard.type("SAKIP 2024")
        try:
            page.get_by_role("option", name="SAKIP 2024", exact=False).first.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            wait_until_run_finished(page)
            if attempt == 2:
                raise
    wait_until_run_finished(page)
    nilai = page.get_by_role("textbox", name="Nilai yang benar")
    page.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value === '63,16')", timeout=30_000)
    nilai.fill("65,00")
    page.get_by_role("textbox", name="Alasan koreksi").fill("Nilai dari LHE terbaru")
    page.get_by_role("button", name="Simpan koreksi").click()
    page.get_by_text("Koreksi tersimpan", exact=False).wait_for(timeout=30_000)
    _open(page, f"{base}/profil?kabupaten=Purbalingga&tahun=2024", "Komponen skor")
    page.get_by_text("63,16 → 65,00 (dikoreksi oleh verif: Nilai dari LHE terbaru)").wait_for(timeout=30_000)
    assert page.get_by_text("SAKIP (dikoreksi)").count() == 1
    assert page.locator('[data-testid="stMetricValue"]', has_text="65,00").count() == 1
    assert page_problems(page) == []


def test_inspektorat_sets_a_finding_status(server: tuple[str, Path], page) -> None:
    base, db = server
    _login(page, base, "inspek")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    dokumen_id, urutan = con.execute(
        "select dokumen_id, urutan from temuan where kecamatan = 'Kertanegara' and tingkat = 'galat' order by urutan limit 1"
    ).fetchone()
    con.close()
    # the finding is named in the URL, as a shared link names it
    _open(page, f"{base}/reviu-data?kabupaten=Purbalingga&semua_tahun=ya&temuan={dokumen_id}:{urutan}", "Simpan status")
    page.get_by_test_id("stRadioGroup").get_by_text("Dikonfirmasi", exact=True).click()
    page.get_by_role("textbox", name="Catatan", exact=True).fill("Dikonfirmasi dengan dokumen asli")
    page.get_by_role("button", name="Simpan status").click()
    try:
        page.get_by_text("Status temuan tersimpan: Dikonfirmasi.").wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path="/tmp/ui/inspek.png", full_page=True)
        raise
    wait_until_run_finished(page)
    page.get_by_text("Dikonfirmasi dengan dokumen asli", exact=False).first.wait_for(timeout=30_000)
    assert page_problems(page) == []


def test_pimpinan_sees_no_write_control(server: tuple[str, Path], page) -> None:
    base, _ = server
    _login(page, base, "bupati")
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    for title in ("Unggah Dokumen", "Verifikasi", "Log Audit", "Pengguna"):
        assert title not in nav
    assert page.get_by_role("switch", name="Hanya dokumen terverifikasi").is_checked()
    _open(page, f"{base}/reviu-data?kabupaten=Purbalingga&semua_tahun=ya", "Reviu Data")
    assert page.get_by_role("button", name="Simpan status").count() == 0
    _open(page, f"{base}/unggah", "tidak berwenang")
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page_problems(page) == []


def test_admin_audit_log_lists_every_action_with_user_and_time(server: tuple[str, Path], page) -> None:
    base, _ = server
    _login(page, base, "op.somagede")
    page.get_by_role("button", name="Keluar").click()
    page.get_by_text("Masuk (petugas)").wait_for(timeout=30_000)
    _login(page, base, "admin")
    page.get_by_role("link", name="Log Audit").click()
    page.get_by_text("catatan.", exact=False).first.wait_for(timeout=30_000)
    wait_until_run_finished(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=30_000)
    body = page.locator("body").inner_text()
    assert page_problems(page) == []
    # the table is a canvas grid: its rows are read from the XLSX download
    with page.expect_download(timeout=30_000) as info:
        page.locator("[data-testid=stDownloadButton] button", has_text="XLSX").first.click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    assert sheet is not None
    rows = [r for r in sheet.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if "Aksi" in r)
    header = list(rows[at])
    entries = [dict(zip(header, r, strict=False)) for r in rows[at + 1 :]]
    done = {(e["Pengguna"], e["Aksi"]) for e in entries}
    assert {("cli", "Pengguna dibuat"), ("op.somagede", "Masuk"), ("op.somagede", "Keluar"), ("admin", "Masuk")} <= done
    assert all(re.match(r"\d{1,2} \w+ \d{4}, \d{2}\.\d{2}", str(e["Waktu"])) for e in entries)  # each with its time
    assert "Log Audit" in body
