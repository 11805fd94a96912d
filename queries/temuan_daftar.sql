-- Findings of the review for the kecamatan in scope, most serious first.
-- Run only when the view `temuan` exists (queries.run_if_exists).
-- With the Inspektorat's status of each finding (status_reviu, catatan_reviu, status_oleh,
-- status_pada; issue 15) and its stable temuan_id.
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
with findings as (
    select dokumen_id, kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, kode, tingkat, pesan, nilai_tertulis,
           nilai_hitung, sumber_baris, kategori, kunci, baris_terkait, dokumen_pembanding,
           baris_pembanding, lingkup, nama_file, jenis_dokumen, urutan,
           temuan_id, status_reviu, catatan_reviu, status_oleh, status_pada
    from temuan
    where list_contains($wilayah, kode_kecamatan)
),

final as (
    select *,
           case tingkat when 'galat' then 0 when 'peringatan' then 1 else 2 end as urutan_tingkat
    from findings
)

select * from final
order by kabupaten, kabupaten_label, kecamatan, tahun desc, urutan_tingkat, nama_file, sumber_baris, kode
