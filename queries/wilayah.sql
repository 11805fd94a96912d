-- Every kecamatan and year with any data: the options of the shared filters. Every page runs it,
-- so it reads the regions materialised at load time (mat_wilayah, etl/schema.sql's hitung_wilayah;
-- issue 16: 11 s on the views at national scale). A year counts where a document is of it or
-- states a score or realisasi of it (an earlier year's history table): the years the views skor,
-- target_kinerja, realisasi_kinerja and anggaran hold for the kecamatan.
-- Regions by Kemendagri code: Kab. Bogor and Kota Bogor are two kabupaten_label of one name.
-- A database built before the mat tables has no mat_wilayah: the dashboard says it must be loaded
-- again (`python -m etl load` builds them).
with final as (
    select distinct
        provinsi, kode_kabupaten, kabupaten, kabupaten_label,
        nama_kabupaten,  -- the bare name (the dashboard shows `kabupaten` as the label)
        kode_kecamatan, kecamatan, tahun
    from mat_wilayah
)

select * from final order by provinsi, nama_kabupaten, kabupaten_label, kecamatan, tahun
