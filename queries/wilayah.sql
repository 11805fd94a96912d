-- Every kecamatan and year that has any data, with its provinsi: the options of the shared filters.
with docs as (
    select provinsi, kabupaten, kecamatan, kode_kecamatan from dokumen
    where kecamatan is not null  -- the filters list kecamatan; other perangkat daerah are benchmarks
),

years as (
    select kabupaten, kecamatan, tahun from dokumen
    union select kabupaten, kecamatan, tahun from skor
    union select kabupaten, kecamatan, tahun from target_kinerja
    union select kabupaten, kecamatan, tahun from realisasi_kinerja
    union select kabupaten, kecamatan, tahun from anggaran
),

final as (
    select distinct d.provinsi, y.kabupaten, y.kecamatan, d.kode_kecamatan, y.tahun
    from years as y
    join docs as d using (kabupaten, kecamatan)
    order by d.provinsi, y.kabupaten, y.kecamatan, y.tahun
)

select * from final
