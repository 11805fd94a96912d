-- Numbers with an arithmetic error ('galat') found by the review: the dashboard marks them. One
-- finding is one slip (etl/review/gabung.py) and may show up in several places: one row per place
-- (temuan.baris_slip), so every place is marked, not only the finding's own line. sumber_baris is
-- the place; baris_temuan the line the finding itself names. Context lines a check only read
-- (baris_terkait) are not marked.
-- Run only when the view `temuan` exists (see queries.run_if_exists).
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
with errors as (
    select dokumen_id, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, kode, pesan, nilai_tertulis, nilai_hitung,
        sumber_baris as baris_temuan, baris_slip
    from temuan
    where tingkat = 'galat' and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
),

places as (
    select e.* exclude (baris_slip), cast(trim(b.baris) as integer) as sumber_baris
    from errors as e, unnest(string_split(e.baris_slip, ',')) as b (baris)
    where trim(b.baris) <> ''
)

select * from places order by kabupaten, kabupaten_label, kecamatan, tahun, sumber_baris, baris_temuan
