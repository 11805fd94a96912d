-- Numbers with an arithmetic error ('galat') found by the review: the dashboard marks them.
-- Run only when the view `temuan` exists (see queries.run_if_exists).
-- $wilayah: list of 'kabupaten|kecamatan'.
with errors as (
    select dokumen_id, kabupaten, kecamatan, tahun, kode, pesan, nilai_tertulis, nilai_hitung, sumber_baris
    from temuan
    where tingkat = 'galat' and list_contains($wilayah, kabupaten || '|' || kecamatan)
)

select * from errors order by kabupaten, kecamatan, tahun, sumber_baris
