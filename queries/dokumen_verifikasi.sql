-- Every loaded document with its verification (dokumen.status_verifikasi, issue 15): 'diunggah'
-- waits for a verifikator, NULL was loaded on the server without the workflow. Waiting first,
-- then newest.
with docs as (
    select dokumen_id, nama_file, jenis, kabupaten, kecamatan, perangkat_daerah, kode_kecamatan, tahun,
        dimuat_pada, status_verifikasi, alasan_verifikasi, diverifikasi_oleh, diverifikasi_pada
    from dokumen
)

select * from docs
order by (status_verifikasi = 'diunggah') desc nulls last, dimuat_pada desc, nama_file
