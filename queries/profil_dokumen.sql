-- The documents one kecamatan's numbers come from.
-- $kode_kecamatan (PP.KK.CC).
with docs as (
    select dokumen_id, nama_file, jenis, tahun, tanggal_teks, pihak_pertama, jabatan_pihak_pertama,
        pihak_kedua, jabatan_pihak_kedua, renstra_awal, renstra_akhir, format, jumlah_baris, dimuat_pada
    from dokumen
    where kode_kecamatan = $kode_kecamatan
)

select * from docs order by tahun desc, jenis
