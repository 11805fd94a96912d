-- Reviu Data: one page of the findings of the selection, most serious first within a kecamatan and
-- year (the order of temuan_daftar): $batas rows from row $mulai ($batas NULL: all, for downloads).
-- The selection: macro temuan_pilihan (etl/schema.sql), shared with temuan_hitung,
-- temuan_per_kecamatan and temuan_satu.
-- Run only when the view `temuan` exists (queries.run_if_exists).
select *
from temuan_pilihan($wilayah::VARCHAR[], $tahun::INTEGER[], $kode::VARCHAR[], $tingkat::VARCHAR[], $terverifikasi)
order by kabupaten, kabupaten_label, kecamatan, tahun desc, urutan_tingkat, nama_file, sumber_baris, kode, nama_temuan
limit $batas offset $mulai
