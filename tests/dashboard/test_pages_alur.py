"""AppTest of the document workflow's pages (issue 15) and of the workflow parts of Profil and
Reviu Data: each role's way through them, and every refusal (no account, a lower role, a
document of another unit, a return or a correction without a reason)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.alur import TidakBerwenang
from tests.dashboard import alur_env
from tests.dashboard.conftest import APP

WRITE_PAGES = ["unggah", "verifikasi", "audit", "pengguna"]
App = Callable[..., AppTest]


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return alur_env.build_db(tmp_path_factory.mktemp("alur_db") / "kinerja.duckdb")


@pytest.fixture()
def env(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> alur_env.Alur0:
    from argon2 import PasswordHasher

    from etl.alur import rahasia

    # argon2id with small costs: the same code path, fast enough for a dozen logins
    monkeypatch.setattr(rahasia, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setenv("KINERJA_RAHASIA", alur_env.RAHASIA)
    e = alur_env.make(template_db, tmp_path / "alur")
    monkeypatch.setenv("KINERJA_DB", str(e.db))
    monkeypatch.setenv("KINERJA_ALUR", str(e.store))
    monkeypatch.setenv("KINERJA_UNGGAHAN", str(e.unggahan))
    return e


def start(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def login(at: AppTest, username: str, sandi: str = alur_env.SANDI) -> AppTest:
    at.text_input(key="akun_username").input(username)
    at.text_input(key="akun_sandi").input(sandi)
    button(at, "Masuk").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def as_role(peran: str, page: str | None = None, **params: str) -> AppTest:
    at = login(start(**params), alur_env.PERAN_AKUN[peran])
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    found = [b for b in at.button if b.label == label]
    assert found, (label, [b.label for b in at.button])
    return found[0]


def plain(markdown: str) -> str:
    """Markdown as a reader sees it (teks_md escapes punctuation)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    kinds = ("markdown", "info", "caption", "title", "subheader", "success", "warning", "error")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def table(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    frames = [df.value for df in at.dataframe if column in df.value.columns]
    assert frames, (column, [list(df.value.columns) for df in at.dataframe])
    return frames[0]


# --- login, logout, refusals --------------------------------------------------------------------


@pytest.mark.parametrize("page", WRITE_PAGES)
def test_without_an_account_a_write_page_asks_to_log_in(env: alur_env.Alur0, page: str) -> None:
    at = start(page)
    assert "Masuk lebih dulu" in texts(at)
    assert not at.get("file_uploader") and not at.text_area and not [b for b in at.button if b.label != "Masuk"]


@pytest.mark.parametrize("page", WRITE_PAGES)
def test_pimpinan_is_refused_every_write_page_and_sees_no_write_control(env: alur_env.Alur0, page: str) -> None:
    at = as_role("pimpinan", page)
    assert "tidak berwenang membuka halaman ini" in texts(at)
    assert not at.get("file_uploader") and not at.text_area
    assert [b.label for b in at.button] == ["Keluar"]


def test_pimpinan_reads_with_the_verified_only_switch_on_and_cannot_set_a_finding_status(env: alur_env.Alur0) -> None:
    at = as_role("pimpinan", "reviu_data", kabupaten="Purbalingga", semua_tahun="ya")
    assert at.toggle(key="akun_hanya_terverifikasi").value is True
    assert "Simpan status" not in [b.label for b in at.button]
    # nothing is verified yet: the profile of Kertanegara has no score while the switch is on …
    at.switch_page("app_pages/profil.py").run()
    assert {m.label: m.value for m in at.metric}["SAKIP"] == "–"
    # … and its printed score when it is off
    at.toggle(key="akun_hanya_terverifikasi").set_value(False).run()
    assert {m.label: m.value for m in at.metric}["SAKIP"] == "63,16"


def test_a_wrong_password_is_refused_in_indonesian_and_then_rate_limited(env: alur_env.Alur0) -> None:
    at = start()
    for _ in range(12):
        login(at, "verif", "salah-salah-salah")
        message = at.sidebar.error[0].value
        if message.startswith("Terlalu banyak"):
            break
        assert message == "Nama pengguna atau kata sandi salah."
    assert message.startswith("Terlalu banyak percobaan masuk. Coba lagi dalam ")
    login(at, "verif")  # even the right password waits now
    assert at.sidebar.error[0].value.startswith("Terlalu banyak")
    assert "Masuk sebagai" not in texts(at)


def test_login_writes_the_signed_cookie_and_logout_revokes_the_session(env: alur_env.Alur0) -> None:
    at = as_role("verifikator")
    assert "Masuk sebagai **Bagian Organisasi**" in texts(at)
    token = at.session_state["akun_token"]
    script = [h for h in at.get("html") if "document.cookie" in h.proto.body]
    assert script and "kinerja_sesi" in script[0].proto.body and "SameSite=Strict" in script[0].proto.body
    assert token not in script[0].proto.body  # the cookie holds the signed token, never the bare one
    assert env.buka().pengguna_sesi(token) is not None
    button(at, "Keluar").click().run()
    assert env.buka().pengguna_sesi(token) is None  # revoked server-side
    assert "Masuk sebagai" not in texts(at)
    assert any("Max-Age=0" in h.proto.body for h in at.get("html"))  # and the cookie is cleared
    at.switch_page("app_pages/verifikasi.py").run()
    assert "Masuk lebih dulu" in texts(at)


# --- upload ------------------------------------------------------------------------------------


def test_operator_uploads_its_own_document_and_is_refused_another_kecamatan(env: alur_env.Alur0) -> None:
    at = as_role("operator", "unggah")
    own = alur_env.DOCS / "pk_2024_banyumas_somagede.pdf"
    other = alur_env.DOCS / "pk_2019_banyumas_ajibarang.pdf"
    at.get("file_uploader")[0].set_value(
        [(own.name, own.read_bytes(), "application/pdf"), (other.name, other.read_bytes(), "application/pdf")]
    )
    at.run()
    button(at, "Unggah dan muat").click().run()
    assert not at.exception, [e.value for e in at.exception]
    hasil = table(at, "Hasil").set_index("Berkas")
    assert hasil.loc[own.name, "Hasil"] == "Dimuat"
    assert hasil.loc[other.name, "Hasil"] == "Ditolak"
    assert any(own.name in plain(s.value) and "PK Kecamatan Somagede" in plain(s.value) for s in at.success)
    refusal = next(plain(e.value) for e in at.error if other.name in plain(e.value))
    assert "Ditolak" in refusal and "bukan unit yang boleh dimuat" in refusal  # with the reason
    status = table(at, "Status").set_index("Berkas")
    assert status.loc[own.name, "Status"] == "Menunggu verifikasi"
    # the dashboard reads the upload at once: Somagede is a kecamatan of the filters now
    at.switch_page("app_pages/profil.py").run()
    assert "Somagede (Kab. Banyumas)" in at.selectbox(key="profil_kecamatan").options


def test_the_store_refuses_an_upload_by_a_lower_role_whatever_the_page_does(env: alur_env.Alur0) -> None:
    alur = env.buka()
    with pytest.raises(TidakBerwenang):
        alur.unggah(alur.pengguna("bupati"), "x.txt", b"x", env.db)


# --- verification and corrections ---------------------------------------------------------------


def _uploaded(env: alur_env.Alur0) -> str:
    alur = env.buka()
    own = alur_env.DOCS / "pk_2024_banyumas_somagede.pdf"
    hasil = alur.unggah(alur.pengguna("op.somagede"), own.name, own.read_bytes(), env.db)
    assert hasil.status == "dimuat", hasil
    assert hasil.dokumen_id
    return hasil.dokumen_id


def test_verifikator_returns_a_document_with_a_reason_the_operator_then_reads(env: alur_env.Alur0) -> None:
    dokumen_id = _uploaded(env)
    at = as_role("verifikator", "verifikasi")
    assert at.selectbox(key="verifikasi_dokumen").value == dokumen_id  # the one waiting comes first
    at.radio(key="verifikasi_status").set_value("dikembalikan")
    button(at, "Simpan keputusan").click().run()
    assert "Tulis alasan pengembalian" in at.error[0].value  # refused without a reason
    assert env.buka().status_dokumen(env.buka().pengguna("verif"))[0]["status_verifikasi"] == "diunggah"
    at.text_area(key="verifikasi_alasan").input("Halaman tanda tangan tidak terbaca")
    button(at, "Simpan keputusan").click().run()
    assert "Keputusan tersimpan: dikembalikan" in plain(at.success[0].value)
    operator = as_role("operator", "unggah")
    row = table(operator, "Status").iloc[0]
    assert row["Status"] == "Dikembalikan" and row["Alasan verifikator"] == "Halaman tanda tangan tidak terbaca"
    assert "dikembalikan oleh verifikator" in texts(operator)


def _dokumen_id(env: alur_env.Alur0, nama_file: str) -> str:
    import duckdb

    con = duckdb.connect(str(env.db), read_only=True)
    try:
        row = con.execute("select dokumen_id from dokumen where nama_file = ?", [nama_file]).fetchone()
    finally:
        con.close()
    assert row, nama_file
    return str(row[0])


def _correct(at: AppTest, dokumen_id: str, tabel: str, match: str, value: str, reason: str) -> AppTest:
    at.selectbox(key="verifikasi_dokumen").set_value(dokumen_id).run()
    at.segmented_control(key="verifikasi_tabel").set_value(tabel).run()
    box = at.selectbox(key=f"verifikasi_baris_{tabel}")
    position = next(i for i, o in enumerate(box.options) if match in o)
    box.set_value(position).run()
    nilai = next(t for t in at.text_input if (t.key or "").startswith("verifikasi_nilai_"))
    nilai.input(value)
    at.text_area(key="verifikasi_alasan_koreksi").input(reason)
    button(at, "Simpan koreksi").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_verifikator_corrects_a_score_and_profil_shows_it_beside_the_printed_one(env: alur_env.Alur0) -> None:
    lkjip = _dokumen_id(env, "lkjip_2024_purbalingga_kertanegara.txt")
    at = _correct(as_role("verifikator", "verifikasi"), lkjip, "skor", "SAKIP 2024", "65,00", "Nilai SAKIP dari LHE terbaru")
    assert not at.error, [e.value for e in at.error]
    assert "63,16 → 65,00 (dikoreksi oleh verif: Nilai SAKIP dari LHE terbaru)" in plain(at.success[0].value)
    at.switch_page("app_pages/profil.py").run()
    at.selectbox(key="profil_kecamatan").set_value("33.03.18").run()
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["SAKIP (dikoreksi)"] == "65,00"  # the corrected value, marked
    assert "63,16 → 65,00 (dikoreksi oleh verif: Nilai SAKIP dari LHE terbaru)" in plain(texts(at))  # the printed one beside it
    assert tiles["IKM"] != "–"  # the other scores unchanged


def test_verifikator_corrects_one_value_and_profil_marks_it(env: alur_env.Alur0) -> None:
    dokumen_id = _uploaded(env)
    at = as_role("verifikator", "verifikasi")
    at.selectbox(key="verifikasi_dokumen").set_value(dokumen_id).run()
    at.segmented_control(key="verifikasi_tabel").set_value("target_kinerja").run()
    nilai = next(t for t in at.text_input if (t.key or "").startswith("verifikasi_nilai_"))
    nilai.input("abc")
    button(at, "Simpan koreksi").click().run()
    assert "bukan angka" in at.error[0].value
    nilai = next(t for t in at.text_input if (t.key or "").startswith("verifikasi_nilai_"))
    nilai.input("99,50")
    button(at, "Simpan koreksi").click().run()
    assert "Tulis alasan koreksi" in at.error[0].value  # refused without a reason
    at.text_area(key="verifikasi_alasan_koreksi").input("Salah ketik di tabel PK, lihat lampiran")
    button(at, "Simpan koreksi").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "Koreksi tersimpan" in plain(at.success[0].value) and "→ 99,50" in plain(at.success[0].value)
    at.switch_page("app_pages/profil.py").run()
    at.selectbox(key="profil_kecamatan").set_value("33.02.09").run()
    indikator = table(at, "Koreksi")
    marked = indikator[indikator["Koreksi"].str.contains("99,50", na=False)]
    assert len(marked) == 1
    text = marked.iloc[0]["Koreksi"]
    assert text.startswith("Target ") and "→ 99,50 (dikoreksi oleh verif: Salah ketik di tabel PK, lihat lampiran)" in text
    assert marked.iloc[0]["Target"] == 99.5  # the page uses the corrected value …
    printed = text.removeprefix("Target ").split(" → ")[0]
    assert printed != "99,50"  # … and the printed one stays beside it


# --- finding status, audit, users --------------------------------------------------------------


def test_inspektorat_sets_a_finding_status_everyone_then_sees(env: alur_env.Alur0) -> None:
    at = as_role("inspektorat", "reviu_data", kabupaten="Purbalingga", semua_tahun="ya")  # a link naming no finding
    daftar = table(at, "Status reviu")
    assert set(daftar["Status reviu"]) == {"Belum dinilai"}
    form_key = next(r.key for r in at.radio if (r.key or "").startswith("reviu_status_pilih_"))
    shown = form_key.removeprefix("reviu_status_pilih_")  # the temuan_id of the finding on the page
    at.radio(key=form_key).set_value("bukan_kesalahan")
    at.text_area(key=next(t.key for t in at.text_area if (t.key or "").startswith("reviu_status_catatan_"))).input(
        "Pembulatan di dokumen"
    )
    button(at, "Simpan status").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "Status temuan tersimpan: Bukan kesalahan." in [s.value for s in at.success]
    con = duckdb.connect(str(env.db), read_only=True)
    judged = con.execute("select temuan_id from temuan where status_reviu is not null").fetchall()
    con.close()
    assert judged == [(shown,)]  # the status is the one of the finding that was shown, never another
    reader = start("reviu_data", kabupaten="Purbalingga", semua_tahun="ya")  # no account
    daftar = table(reader, "Status reviu")
    assert (daftar["Status reviu"] == "Bukan kesalahan").sum() == 1
    assert "Pembulatan di dokumen" in set(daftar["Catatan reviu"].dropna())
    assert "Simpan status" not in [b.label for b in reader.button]


def test_admin_audit_lists_every_action_with_user_and_time_and_filters(env: alur_env.Alur0) -> None:
    _uploaded(env)
    as_role("pimpinan", "unggah")  # a login is an action too
    at = as_role("admin", "audit")
    log = table(at, "Aksi")
    assert {"Pengguna dibuat", "Unggah dokumen", "Masuk"} <= set(log["Aksi"])
    assert {"op.somagede", "bupati", "admin"} <= set(log["Pengguna"])
    assert log["Waktu"].str.match(r"^\d{1,2} \w+ \d{4}, \d{2}\.\d{2}").all()
    at.multiselect(key="audit_aksi").set_value(["Unggah dokumen"]).run()
    log = table(at, "Aksi")
    assert set(log["Aksi"]) == {"Unggah dokumen"} and set(log["Pengguna"]) == {"op.somagede"}
    assert "XLSX" in [b.label for b in at.get("download_button")]  # exportable


def test_admin_creates_changes_deactivates_and_resets_a_user(env: alur_env.Alur0) -> None:
    at = as_role("admin", "pengguna")
    at.text_input(key="pengguna_baru_username").input("op.baru")
    at.text_input(key="pengguna_baru_nama").input("Operator Baru")
    at.selectbox(key="pengguna_baru_peran").set_value("operator")
    at.multiselect(key="pengguna_baru_unit").set_value([alur_env.SOMAGEDE])
    at.text_input(key="pengguna_baru_sandi").input("pendek")
    at.text_input(key="pengguna_baru_ulang").input("pendek")
    button(at, "Buat akun").click().run()
    assert at.error and "10" in at.error[0].value  # too short: the store's Indonesian message
    at.text_input(key="pengguna_baru_sandi").input("sandi-baru-yang-panjang")
    at.text_input(key="pengguna_baru_ulang").input("sandi-baru-yang-panjang")
    button(at, "Buat akun").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "op.baru" in set(table(at, "Nama pengguna")["Nama pengguna"])
    alur = env.buka()
    assert alur.pengguna("op.baru") is not None and alur.pengguna("op.baru").unit == (alur_env.SOMAGEDE,)
    at.selectbox(key="pengguna_ubah_akun").set_value("op.baru").run()
    at.selectbox(key="pengguna_ubah_peran_op.baru").set_value("verifikator")
    at.toggle(key="pengguna_ubah_aktif_op.baru").set_value(False)
    button(at, "Simpan perubahan").click().run()
    changed = env.buka().pengguna("op.baru")
    assert changed is not None and changed.peran == "verifikator" and not changed.aktif
    at.text_input(key="pengguna_sandi_baru_op.baru").input("sandi-lain-yang-panjang")
    at.text_input(key="pengguna_sandi_ulang_op.baru").input("sandi-lain-yang-panjang")
    button(at, "Atur ulang kata sandi").click().run()
    assert not at.error, [e.value for e in at.error]
    env.buka().ubah_pengguna(env.buka().pengguna("admin"), "op.baru", aktif=True)
    assert env.buka().masuk("op.baru", "sandi-lain-yang-panjang").username == "op.baru"


@pytest.mark.parametrize(
    ("peran", "page"),
    [
        ("operator", "unggah"),
        ("verifikator", "verifikasi"),
        ("admin", "audit"),
        ("admin", "pengguna"),
        ("inspektorat", "reviu_data"),
        ("verifikator", "profil"),
    ],
)
def test_no_raw_code_or_english_on_the_workflow_pages(env: alur_env.Alur0, peran: str, page: str) -> None:
    from tests.dashboard.test_no_english import _problems

    _uploaded(env)
    at = as_role(peran, page, kabupaten="Purbalingga")
    assert not _problems(at), sorted(set(_problems(at)))[:20]
