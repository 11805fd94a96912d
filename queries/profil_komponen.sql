-- Components of the key scores of one kecamatan and year: IKM unsur, SAKIP components with their
-- weights (and sub-components), kematangan variables.
-- $kode_kecamatan (PP.KK.CC), $tahun.
with parts as (
    select jenis, urutan, komponen, bobot, nilai, induk, peran, komponen_dokumen, nilai_teks,
        mutu_dilaporkan, dokumen_id, sumber_baris
    from komponen_skor
    where kode_kecamatan = $kode_kecamatan and tahun = $tahun
)

select * from parts order by jenis, urutan
