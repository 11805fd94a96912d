-- Both parties of a kecamatan's own agreements in one year: who signed, with NIP and position.
-- One row per agreement and party; the name and NIP most often printed for it (the review reports
-- the other spellings). Run only when the view `pejabat` exists (queries.run_if_exists).
-- $kode_kecamatan (PP.KK.CC), $tahun.
with mentions as (
    select dokumen_id, perjanjian_urutan, jenis_pk, peran, nama, nip, jabatan, tanggal_teks, sumber_baris
    from pejabat
    where kode_kecamatan = $kode_kecamatan and tahun = $tahun
      and unit_kerja = 'Kecamatan' and peran is not null and perjanjian_urutan is not null
),

parties as (
    select dokumen_id, perjanjian_urutan, jenis_pk, peran,
           mode(nama) as nama,
           mode(nip) as nip,
           -- the position stated after "Nama :" (no NIP there) over the one above a signature
           coalesce(mode(jabatan) filter (where nip is null), mode(jabatan)) as jabatan,
           any_value(tanggal_teks) as tanggal_teks,
           min(sumber_baris) as sumber_baris
    from mentions
    group by all
)

select * from parties
order by dokumen_id, perjanjian_urutan, case peran when 'pihak_pertama' then 0 else 1 end
