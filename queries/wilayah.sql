-- Every kecamatan and year with any data: the options of the shared filters. Every page runs it,
-- so it reads the core tables of documents and scores and the two columns of realisasi it needs,
-- never the public views (issue 16: 11 s on the views at national scale). A year counts where a
-- document is of it or states a score or realisasi of it (an earlier year's history table): the
-- years the views skor, target_kinerja, realisasi_kinerja and anggaran hold for the kecamatan.
-- Regions by Kemendagri code: Kab. Bogor and Kota Bogor are two kabupaten_label of one name.
with docs as (
    select
        dokumen_id, provinsi,
        coalesce(left(kode_kecamatan, 5), kode_kabupaten) as kode_kabupaten,  -- a kecamatan code holds its own
        kabupaten, kode_kecamatan, kecamatan, tahun
    from core_dokumen
    where kecamatan is not null  -- the filters list kecamatan; other perangkat daerah are benchmarks
),

years as (
    select dokumen_id, tahun from docs
    union select dokumen_id, tahun from core_skor
    union select dokumen_id, tahun from core_realisasi
),

final as (
    select distinct
        d.provinsi, d.kode_kabupaten, d.kabupaten, label_kabupaten(d.kode_kabupaten, d.kabupaten) as kabupaten_label,
        d.kabupaten as nama_kabupaten,  -- the bare name (the dashboard shows `kabupaten` as the label)
        d.kode_kecamatan, d.kecamatan, y.tahun
    from years as y
    join docs as d using (dokumen_id)
)

select * from final order by provinsi, nama_kabupaten, kabupaten_label, kecamatan, tahun
