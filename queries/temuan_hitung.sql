-- Reviu Data: the number of findings of the selection per level (tingkat, jumlah).
-- The selection: macro temuan_pilihan (etl/schema.sql), shared with temuan_halaman,
-- temuan_per_kecamatan and temuan_satu.
-- Run only when the view `temuan` exists (queries.run_if_exists).
select tingkat, count(*) as jumlah
from temuan_pilihan($wilayah::VARCHAR[], $tahun::INTEGER[], $kode::VARCHAR[], $tingkat::VARCHAR[], $terverifikasi)
group by tingkat
order by tingkat
