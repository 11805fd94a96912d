-- Documents loaded: kind, kecamatan, year, date loaded.
with docs as (
    select dokumen_id, nama_file, jenis, provinsi, kabupaten, kecamatan, tahun, tanggal_teks, dimuat_pada
    from dokumen
),

final as (
    select * from docs order by provinsi, kabupaten, kecamatan, tahun, jenis
)

select * from final
