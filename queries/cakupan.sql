-- Coverage: which kecamatan has which document kind for which year. A value of an earlier year
-- read from a history table counts as 'riwayat' for that year.
with docs as (
    select provinsi, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, jenis from dokumen
),

history as (
    select d.provinsi, o.kode_kecamatan, o.kabupaten, o.kabupaten_label, o.kecamatan, o.tahun, 'riwayat' as jenis
    from skor_observasi as o
    join dokumen as d on d.dokumen_id = o.dokumen_id
    where o.sumber = 'riwayat'
),

final as (
    select distinct * from (select * from docs union all select * from history)
)

select * from final order by provinsi, kabupaten, kabupaten_label, kecamatan, tahun, jenis
