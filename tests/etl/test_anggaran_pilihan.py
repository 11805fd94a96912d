"""anggaran.tabel_dipakai (etl/schema.sql, hitung_anggaran) makes the choice the three budget
queries each made with their own window: queries/anggaran_program.sql, anggaran_rincian.sql and
anggaran_pohon.sql give, on the seeds plus documents of the same kecamatan-year with competing
budget tables, exactly the rows their versions before the stored column gave (kept below verbatim,
commit 66f2864)."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import duckdb
import pytest

import queries
from etl.extract import extract_file
from etl.load import connect, load_document
from etl.model import Dokumen
from tests.conftest import SEEDS

LAMA_PROGRAM = r"""
-- Budget per program for each kecamatan and year, from one budget table per kecamatan-year:
-- the table with realisasi first, then the latest stage (perubahan), then the PK Perubahan,
-- then the newest document. Pagu and realisasi are sums of the lines the ETL counts in totals
-- (anggaran.masuk_jumlah_*: the most detailed lines, except where a parent and its children
-- disagree and the parent's level is the one that reconciles with the printed grand total), so a
-- parent line (or a total printed on a program line) is never counted twice; the program line as
-- printed stays next to it, and the sums of the most detailed lines (pagu_rinci, realisasi_rinci)
-- with the table's explanation (keterangan_jumlah) when they differ. serapan is the program's
-- realisasi over its pagu by the views' one rule (macro serapan_persen, domain.md §3). A verifikator's
-- correction of the program line comes beside it (pagu_koreksi, realisasi_koreksi; issue 15).
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
with lines as (
    select a.*, coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') as tabel
    from anggaran as a
    where a.unit_kerja = 'Kecamatan' and list_contains($wilayah, a.kode_kecamatan) and a.kode_kecamatan between list_min($wilayah) and list_max($wilayah)
),

tables as (
    select
        l.kode_kecamatan, l.kabupaten, l.kabupaten_label, l.kecamatan, l.tahun, l.dokumen_id, l.tabel,
        bool_or(l.realisasi is not null) as ada_realisasi,
        max(l.tahap = 'perubahan') as perubahan,
        max(coalesce(l.jenis_pk, '') = 'PK_PERUBAHAN') as pk_perubahan,
        max(d.dimuat_pada) as dimuat_pada
    from lines as l join dokumen as d using (dokumen_id)
    group by all
),

chosen as (
    select * from (
        select *, row_number() over (
            partition by kode_kecamatan, tahun
            order by ada_realisasi desc, perubahan desc, pk_perubahan desc, dimuat_pada desc, tabel
        ) as pilihan
        from tables
    ) where pilihan = 1
),

chosen_lines as (
    select l.* from lines as l
    join chosen as c using (kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, dokumen_id, tabel)
),

with_program as (
    select
        l.*,
        case l.tingkat
            when 'program' then l.urutan
            when 'kegiatan' then l.induk_urutan
            else p.induk_urutan
        end as program_urutan,
        not exists (
            select 1 from chosen_lines as c
            where c.dokumen_id = l.dokumen_id and c.tabel = l.tabel and c.induk_urutan = l.urutan
        ) as rinci
    from chosen_lines as l
    left join chosen_lines as p on p.dokumen_id = l.dokumen_id and p.tabel = l.tabel and p.urutan = l.induk_urutan
),

programs as (
    select
        w.kode_kecamatan, w.kabupaten, w.kabupaten_label, w.kecamatan, w.tahun, w.dokumen_id, w.program_urutan,
        sum(w.pagu) filter (where coalesce(w.masuk_jumlah_pagu, w.rinci))::double as pagu,
        sum(w.realisasi) filter (where coalesce(w.masuk_jumlah_realisasi, w.rinci))::double as realisasi,
        sum(w.pagu) filter (where w.rinci)::double as pagu_rinci,
        sum(w.realisasi) filter (where w.rinci)::double as realisasi_rinci,
        any_value(w.tabel) as tabel
    from with_program as w
    group by w.kode_kecamatan, w.kabupaten, w.kabupaten_label, w.kecamatan, w.tahun, w.dokumen_id, w.program_urutan
),

notes as (
    select
        j.dokumen_id, coalesce(j.bagian, '') || '/' || j.tahap || '/' || coalesce(j.jenis_pk, '') as tabel,
        string_agg(j.keterangan, ' ' order by j.ukuran) as keterangan_jumlah
    from anggaran_jumlah as j
    where j.unit_kerja = 'Kecamatan' and abs(j.jumlah_rinci - j.jumlah_dipakai) >= 0.5
        and list_contains($wilayah, j.kode_kecamatan) and j.kode_kecamatan between list_min($wilayah) and list_max($wilayah)
    group by all
),

final as (
    select
        p.kode_kecamatan, p.kabupaten, p.kabupaten_label, p.kecamatan, p.tahun,
        coalesce(l.nama, 'Tanpa program') as program,
        p.pagu, p.realisasi,
        l.pagu as pagu_tertulis, l.realisasi as realisasi_tertulis,
        l.tahap, l.bagian, p.dokumen_id, l.sumber_baris, d.nama_file,
        p.pagu_rinci, p.realisasi_rinci, n.keterangan_jumlah,
        serapan_persen(p.pagu, p.realisasi) as serapan,
        l.pagu_koreksi, l.realisasi_koreksi, l.alasan_koreksi, l.dikoreksi_oleh
    from programs as p
    left join chosen_lines as l
        on l.dokumen_id = p.dokumen_id and l.urutan = p.program_urutan
        and l.kode_kecamatan = p.kode_kecamatan and l.tahun = p.tahun
    left join dokumen as d on d.dokumen_id = p.dokumen_id
    left join notes as n on n.dokumen_id = p.dokumen_id and n.tabel = p.tabel
)

select * from final order by kabupaten, kabupaten_label, kecamatan, tahun, sumber_baris
"""
LAMA_RINCIAN = r"""
-- Every budget line (program, kegiatan, sub kegiatan) of one kecamatan and year, in the
-- document's order, with the line's level, its parent, the amounts as printed and serapan computed
-- beside them. One budget table per unit kerja: for the Kecamatan itself the table
-- anggaran_program.sql chooses (the table with realisasi first, then the latest stage, then the
-- PK Perubahan, then the newest document); for its sub-units (sekretariat, seksi …, whose own
-- agreements carry the kegiatan and sub kegiatan) the same order.
-- $kode_kecamatan (PP.KK.CC), $tahun.
with lines as (
    select a.*, coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') as tabel
    from anggaran as a
    where a.kode_kecamatan = $kode_kecamatan and a.tahun = $tahun
),

tables as (
    select
        l.unit_kerja, l.dokumen_id, l.tabel,
        bool_or(l.realisasi is not null) as ada_realisasi,
        max(l.tahap = 'perubahan') as perubahan,
        max(coalesce(l.jenis_pk, '') = 'PK_PERUBAHAN') as pk_perubahan,
        max(d.dimuat_pada) as dimuat_pada
    from lines as l join dokumen as d using (dokumen_id)
    group by all
),

chosen as (
    select * from (
        select *, row_number() over (
            partition by unit_kerja
            order by ada_realisasi desc, perubahan desc, pk_perubahan desc, dimuat_pada desc, tabel
        ) as pilihan
        from tables
    ) where pilihan = 1
),

final as (
    select
        l.unit_kerja, l.tingkat, l.nama, l.pagu, l.realisasi, l.serapan, l.tahap, l.bagian, l.jenis_pk,
        l.urutan, l.induk_urutan, l.dokumen_id, l.sumber_baris, d.nama_file,
        l.unit_kerja = 'Kecamatan' as unit_kecamatan
    from lines as l
    join chosen as c using (unit_kerja, dokumen_id, tabel)
    left join dokumen as d using (dokumen_id)
)

select * from final order by unit_kecamatan desc, dokumen_id, sumber_baris, urutan
"""
LAMA_POHON = r"""
-- The budget as a tree for a treemap: every line (program, kegiatan, sub kegiatan) of the Kecamatan's
-- own budget table of each kecamatan and year, the same one table per kecamatan-year that
-- anggaran_program.sql chooses (realisasi first, then the latest stage, then the PK Perubahan, then
-- the newest document). Each line carries its own counted amounts (pagu_sendiri, realisasi_sendiri:
-- the line's amount where the ETL counts it in totals, anggaran.masuk_jumlah_*, else the most
-- detailed lines) and the sums over the line and every line below it (pagu_cabang,
-- realisasi_cabang), so a parent is exactly the sum of what is drawn inside it and no amount counts
-- twice; serapan_cabang is realisasi_cabang over pagu_cabang by the views' one rule (macro
-- serapan_persen). The line as printed (pagu, realisasi, and its serapan) stays beside them.
-- $wilayah: list of kode_kecamatan (PP.KK.CC); $tahun.
with lines as (
    select a.*, coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') as tabel
    from anggaran as a
    where a.unit_kerja = 'Kecamatan' and a.tahun = $tahun and list_contains($wilayah, a.kode_kecamatan)
),

tables as (
    select
        l.kode_kecamatan, l.dokumen_id, l.tabel,
        bool_or(l.realisasi is not null) as ada_realisasi,
        max(l.tahap = 'perubahan') as perubahan,
        max(coalesce(l.jenis_pk, '') = 'PK_PERUBAHAN') as pk_perubahan,
        max(d.dimuat_pada) as dimuat_pada
    from lines as l join dokumen as d using (dokumen_id)
    group by all
),

chosen as (
    select * from (
        select *, row_number() over (
            partition by kode_kecamatan
            order by ada_realisasi desc, perubahan desc, pk_perubahan desc, dimuat_pada desc, tabel
        ) as pilihan
        from tables
    ) where pilihan = 1
),

chosen_lines as (
    select l.* from lines as l join chosen as c using (kode_kecamatan, dokumen_id, tabel)
),

counted as (
    select
        l.*,
        not exists (
            select 1 from chosen_lines as c
            where c.dokumen_id = l.dokumen_id and c.tabel = l.tabel and c.induk_urutan = l.urutan
        ) as rinci,
        p.induk_urutan as kakek_urutan
    from chosen_lines as l
    left join chosen_lines as p on p.dokumen_id = l.dokumen_id and p.tabel = l.tabel and p.urutan = l.induk_urutan
),

own as (
    select
        c.*,
        case when coalesce(c.masuk_jumlah_pagu, c.rinci) then c.pagu end::double as pagu_sendiri,
        case when coalesce(c.masuk_jumlah_realisasi, c.rinci) then c.realisasi end::double as realisasi_sendiri
    from counted as c
),

branches as (
    -- a line's branch: itself, its children and its grandchildren (program → kegiatan → sub kegiatan)
    select
        n.dokumen_id, n.tabel, n.urutan,
        sum(d.pagu_sendiri) as pagu_cabang,
        sum(d.realisasi_sendiri) as realisasi_cabang
    from own as n
    join own as d
        on d.dokumen_id = n.dokumen_id and d.tabel = n.tabel
        and n.urutan in (d.urutan, d.induk_urutan, d.kakek_urutan)
    group by n.dokumen_id, n.tabel, n.urutan
),

final as (
    select
        o.kode_kecamatan, o.kabupaten, o.kabupaten_label, o.kecamatan, o.tahun,
        o.tingkat, o.nama, o.urutan, o.induk_urutan, o.dokumen_id, o.sumber_baris, d.nama_file,
        o.pagu, o.realisasi, o.serapan, o.pagu_sendiri, o.realisasi_sendiri,
        b.pagu_cabang, b.realisasi_cabang,
        serapan_persen(b.pagu_cabang, b.realisasi_cabang) as serapan_cabang
    from own as o
    join branches as b using (dokumen_id, tabel, urutan)
    left join dokumen as d on d.dokumen_id = o.dokumen_id
)

select * from final order by kabupaten_label, kecamatan, sumber_baris, urutan
"""


def copy_of(doc: Dokumen, like: Dokumen, salt: str) -> Dokumen:
    """``doc`` as another file of ``like``'s kecamatan and year (new bytes)."""
    d = copy.deepcopy(doc)
    d.kecamatan, d.kabupaten, d.provinsi, d.kode_kecamatan = like.kecamatan, like.kabupaten, like.provinsi, like.kode_kecamatan
    d.kode_kabupaten, d.kode_provinsi, d.perangkat_daerah = like.kode_kabupaten, like.kode_provinsi, like.perangkat_daerah
    d.tahun = like.tahun
    d.sha256 = hashlib.sha256(salt.encode()).hexdigest()
    d.nama_file = f"{salt}.txt"
    return d


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """The seeds, and competing documents (another kind, so none replaces another) of three of
    their kecamatan-years:

    * Somagede 2024: a PK Perubahan (the Mangkutana layout) loaded after Somagede's PK: it wins;
    * Kertanegara 2024: a PK Perubahan (the same layout, pagu doubled) loaded after the LKjIP: for
      the Kecamatan the LKjIP's older table with realisasi still wins, for the sub-unit the two
      share (Sekretariat) the newer PK Perubahan wins over the LKjIP's PK;
    * Ajibarang 2019: a PK Perubahan (pagu + 1.000) loaded before Ajibarang's PK: it wins although
      older."""
    seeds = {name: extract_file(path) for name, path in SEEDS.items()}
    layout = seeds["mangkutana"]
    somagede = copy_of(layout, seeds["somagede"], "uji-pilih-somagede")
    kertanegara = copy_of(layout, seeds["kertanegara"], "uji-pilih-kertanegara")
    for a in kertanegara.anggaran:
        a.pagu = None if a.pagu is None else a.pagu * 2
    ajibarang = copy_of(layout, seeds["ajibarang"], "uji-pilih-ajibarang")
    for a in ajibarang.anggaran:
        a.pagu = None if a.pagu is None else a.pagu + 1000
    c = connect(Path(tmp_path_factory.mktemp("pilih")) / "p.duckdb")
    for d in [ajibarang, *seeds.values(), somagede, kertanegara]:
        load_document(c, copy.deepcopy(d))
    return c


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[tuple[object, ...]]:
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    return sorted(con.execute(sql, used).fetchall(), key=repr)


def _places(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    return con.execute(
        "SELECT DISTINCT kode_kecamatan, tahun FROM anggaran WHERE kode_kecamatan IS NOT NULL ORDER BY ALL"
    ).fetchall()


def test_the_competitors_change_the_choice(con: duckdb.DuckDBPyConnection) -> None:
    got = con.execute(
        "SELECT a.kecamatan, a.unit_kerja, d.nama_file, a.bagian FROM anggaran a JOIN dokumen d USING (dokumen_id)"
        " WHERE a.tabel_dipakai AND a.unit_kerja IN ('Kecamatan', 'Sekretariat') GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    kertanegara = "Tabel 3.23 Anggaran dan Realisasi Anggaran Kecamatan Kertaegara Per Sasaran Program Tahun 2024"
    assert got == [
        ("Ajibarang", "Kecamatan", "uji-pilih-ajibarang.txt", "perjanjian"),  # perubahan, though older
        ("Ajibarang", "Sekretariat", "uji-pilih-ajibarang.txt", "perjanjian"),
        ("Kertanegara", "Kecamatan", "lkjip_2024_purbalingga_kertanegara.txt", kertanegara),  # realisasi, though older
        ("Kertanegara", "Sekretariat", "uji-pilih-kertanegara.txt", "perjanjian"),  # perubahan over the LKjIP's PK
        ("Mangkutana", "Kecamatan", "pk-perubahan_2024_luwu-timur_mangkutana.txt", "perjanjian"),
        ("Mangkutana", "Sekretariat", "pk-perubahan_2024_luwu-timur_mangkutana.txt", "perjanjian"),
        ("Somagede", "Kecamatan", "uji-pilih-somagede.txt", "perjanjian"),  # the PK Perubahan over the PK
        ("Somagede", "Sekretariat", "uji-pilih-somagede.txt", "perjanjian"),
    ]
    # exactly one table counts per kecamatan, year and unit kerja
    most = con.execute(
        "SELECT max(n) FROM (SELECT count(DISTINCT (dokumen_id, bagian, tahap, jenis_pk)) FILTER (WHERE tabel_dipakai) AS n"
        " FROM anggaran GROUP BY kode_kecamatan, tahun, unit_kerja)"
    ).fetchone()
    assert most == (1,)


@pytest.mark.parametrize(
    ("name", "old"), [("anggaran_program", LAMA_PROGRAM), ("anggaran_rincian", LAMA_RINCIAN), ("anggaran_pohon", LAMA_POHON)]
)
def test_the_query_gives_the_rows_it_gave_with_its_own_window(con: duckdb.DuckDBPyConnection, name: str, old: str) -> None:
    new = queries.load_sql(name)
    places = _places(con)
    assert len(places) == 4
    total = 0
    for kode, tahun in places:
        # anggaran_program takes a list of years (empty: every year, as the old query gave)
        params = {"wilayah": [kode], "kode_kecamatan": kode, "tahun": [] if name == "anggaran_program" else tahun}
        got, want = _rows(con, new, params), _rows(con, old, params)
        assert got == want, (name, kode, tahun)
        total += len(got)
    assert total > 0
    # every kecamatan at once (the queries taking a list)
    every = {
        "wilayah": [k for k, _ in places],
        "kode_kecamatan": places[0][0],
        "tahun": [] if name == "anggaran_program" else 2024,
    }
    assert _rows(con, new, every) == _rows(con, old, every)
