-- Reviu Data: the finding named $nama_temuan ('dokumen_id:urutan', '~2' for a cross-document one),
-- when it is in the selection (none otherwise).
-- The selection (shared by temuan_halaman, temuan_hitung, temuan_per_kecamatan, temuan_satu): findings
-- of the kecamatan in $wilayah (kode_kecamatan list), of the years in $tahun, the checks in $kode and
-- the levels in $tingkat (an empty list: all), of verified documents only when $terverifikasi.
-- Run only when the view `temuan` exists (queries.run_if_exists).
with findings as (
    select dokumen_id, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, kode, tingkat, pesan, nilai_tertulis,
           nilai_hitung, sumber_baris, kategori, kunci, baris_terkait, dokumen_pembanding,
           baris_pembanding, lingkup, nama_file, jenis_dokumen, urutan,
           temuan_id, status_reviu, catatan_reviu, status_oleh, status_pada,
           -- the finding's name in a link: its document and number; a document's own findings and
           -- its cross-document ones are numbered apart, so the latter carry '~2'
           dokumen_id || ':' || urutan || case when lingkup = 'lintas' then '~2' else '' end as nama_temuan,
           case tingkat when 'galat' then 0 when 'peringatan' then 1 else 2 end as urutan_tingkat
    from temuan
    where list_contains($wilayah::VARCHAR[], kode_kecamatan)
        and (len($tahun::INTEGER[]) = 0 or list_contains($tahun::INTEGER[], tahun))
        and (len($kode::VARCHAR[]) = 0 or list_contains($kode::VARCHAR[], kode))
        and (len($tingkat::VARCHAR[]) = 0 or list_contains($tingkat::VARCHAR[], tingkat))
        and (not $terverifikasi or dokumen_id in (select dokumen_id from dokumen where status_verifikasi = 'diverifikasi'))
)

select * from findings
where nama_temuan = $nama_temuan
