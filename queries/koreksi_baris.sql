-- Every number of one document a verifikator may correct (issue 15), with the printed value, the
-- latest correction beside it and the key that names the row for Alur.koreksi: urutan for targets,
-- realisations and budget lines, tahun + jenis for scores. $dokumen_id.
with targets as (
    select 'target_kinerja' as tabel, 'target' as kolom, urutan, null::integer as tahun, null as jenis,
        coalesce(indikator, sasaran) as uraian, target as nilai, target_teks as teks, target_koreksi as koreksi,
        alasan_koreksi, dikoreksi_oleh, sumber_baris
    from target_kinerja where dokumen_id = $dokumen_id and target is not null
),

results as (
    select 'realisasi_kinerja', 'realisasi', urutan, null::integer, null,
        coalesce(indikator, sasaran), realisasi, realisasi_teks, realisasi_koreksi,
        alasan_koreksi, dikoreksi_oleh, sumber_baris
    from realisasi_kinerja where dokumen_id = $dokumen_id and realisasi is not null
),

scores as (
    select 'skor', 'nilai', null::integer, tahun, jenis,
        jenis || ' ' || tahun, nilai, nilai_teks, nilai_koreksi,
        alasan_koreksi, dikoreksi_oleh, sumber_baris
    from skor where dokumen_id = $dokumen_id
),

budget_pagu as (
    select 'anggaran', 'pagu', urutan, null::integer, null,
        nama, pagu, pagu_teks, pagu_koreksi,
        alasan_koreksi, dikoreksi_oleh, sumber_baris
    from anggaran where dokumen_id = $dokumen_id and pagu is not null
),

budget_realisasi as (
    select 'anggaran', 'realisasi', urutan, null::integer, null,
        nama, realisasi, realisasi_teks, realisasi_koreksi,
        alasan_koreksi, dikoreksi_oleh, sumber_baris
    from anggaran where dokumen_id = $dokumen_id and realisasi is not null
),

final as (
    select * from targets
    union all select * from results
    union all select * from scores
    union all select * from budget_pagu
    union all select * from budget_realisasi
)

select * from final order by tabel, sumber_baris, kolom
