-- Every PK indicator of one kecamatan and year (all units, latest first per version), with the
-- realisasi and capaian the report gives for it. An indicator printed both in a signed agreement
-- and in a report table is shown once, from the agreement. Capaian and predicate are the view's
-- (realisasi_kinerja.capaian by its proven formula; predikat printed first, with sumber_predikat).
-- A verifikator's corrections come beside the printed values (issue 15): target_koreksi,
-- realisasi_koreksi and the view's capaian_koreksi, each with who and why.
-- $kode_kecamatan (PP.KK.CC), $tahun.
with targets as (
    select *, row_number() over (
        partition by unit_kerja, jenis_pk, kunci_indikator, target
        order by (bagian = 'perjanjian') desc, urutan
    ) as pilihan
    from target_kinerja
    where kode_kecamatan = $kode_kecamatan and tahun = $tahun
),

results as (
    select *, row_number() over (
        partition by kunci_indikator
        order by (realisasi is not null) desc, urutan
    ) as pilihan
    from realisasi_kinerja
    where kode_kecamatan = $kode_kecamatan and tahun = $tahun
        and unit_kerja = 'Kecamatan' and not riwayat
),

final as (
    select
        t.unit_kerja, t.jenis_pk, t.tingkat, t.sasaran, t.indikator, t.satuan,
        t.target, t.target_teks,
        r.realisasi, r.realisasi_teks,
        coalesce(r.capaian, r.capaian_dilaporkan) as capaian,
        r.capaian_dilaporkan, r.predikat, r.sumber_predikat,
        t.dokumen_id, t.sumber_baris,
        r.dokumen_id as realisasi_dokumen_id, r.sumber_baris as realisasi_baris,
        t.target_koreksi, t.alasan_koreksi as target_alasan_koreksi, t.dikoreksi_oleh as target_dikoreksi_oleh,
        r.realisasi_koreksi, r.capaian_koreksi,
        r.alasan_koreksi as realisasi_alasan_koreksi, r.dikoreksi_oleh as realisasi_dikoreksi_oleh,
        t.urutan
    from targets as t
    left join results as r
        on r.pilihan = 1 and t.unit_kerja = 'Kecamatan'
        and r.kunci_indikator = t.kunci_indikator
    where t.pilihan = 1
)

select * exclude (urutan) from final
order by (unit_kerja = 'Kecamatan') desc, unit_kerja, (jenis_pk = 'PK_PERUBAHAN') desc, urutan
