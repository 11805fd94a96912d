-- The rows of one kecamatan's quarterly report, program → kegiatan → sub kegiatan, one column per
-- quarter (issue 11). $kode_kecamatan (PP.KK.CC), $tahun.
with rows as (
    select urutan, tingkat, nama, indikator, triwulan, realisasi_rp, kinerja_teks, sumber_halaman, sumber_baris, induk_urutan
    from realisasi_triwulan
    where kode_kecamatan = $kode_kecamatan and tahun = $tahun and tingkat <> 'total'
),

final as (
    select urutan, any_value(tingkat) as tingkat, any_value(nama) as nama, any_value(indikator) as indikator,
           max(realisasi_rp) filter (where triwulan = 1) as tw1,
           max(realisasi_rp) filter (where triwulan = 2) as tw2,
           max(realisasi_rp) filter (where triwulan = 3) as tw3,
           max(realisasi_rp) filter (where triwulan = 4) as tw4,
           min(sumber_halaman) as sumber_halaman, min(sumber_baris) as sumber_baris, any_value(induk_urutan) as induk_urutan
    from rows
    group by urutan
)

select * from final order by urutan
