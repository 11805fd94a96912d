-- Reviu Data: the finding named $nama_temuan ('dokumen_id:urutan', '~2' for a cross-document one),
-- when it is in the selection (none otherwise).
-- The selection: macro temuan_pilihan (etl/schema.sql), shared with temuan_halaman, temuan_hitung
-- and temuan_per_kecamatan.
-- Run only when the view `temuan` exists (queries.run_if_exists).
select *
from temuan_pilihan($wilayah::VARCHAR[], $tahun::INTEGER[], $kode::VARCHAR[], $tingkat::VARCHAR[], $terverifikasi)
where nama_temuan = $nama_temuan
