-- Quarterly realisation per kecamatan and quarter (issue 11): the kecamatan's own total row of the
-- report, the year's pagu where a PK/DPA of the same year is loaded (the perubahan stage where
-- printed, else murni), and the realisation accumulated through the year.
-- $wilayah: list of 'kabupaten|kecamatan'; $tahun: the year.
with quarters as (
    select kabupaten, kecamatan, tahun, triwulan, sum(realisasi_rp) as realisasi_rp
    from realisasi_triwulan
    where tingkat = 'total' and tahun = $tahun and list_contains($wilayah, kabupaten || '|' || kecamatan)
    group by all
),

stages as (
    select kabupaten, kecamatan, tahun, tahap, sum(pagu) as pagu
    from anggaran
    where tingkat = 'program' and unit_kerja = 'Kecamatan' and tahun = $tahun
        and list_contains($wilayah, kabupaten || '|' || kecamatan)
    group by all
),

pagu as (
    select kabupaten, kecamatan, tahun,
           coalesce(max(pagu) filter (where tahap = 'perubahan'), max(pagu) filter (where tahap = 'murni')) as pagu
    from stages
    group by all
),

final as (
    select q.kabupaten, q.kecamatan, q.tahun, q.triwulan, q.realisasi_rp,
           sum(q.realisasi_rp) over (partition by q.kabupaten, q.kecamatan order by q.triwulan) as kumulatif_rp,
           p.pagu
    from quarters as q
    left join pagu as p using (kabupaten, kecamatan, tahun)
)

select * from final order by kabupaten, kecamatan, triwulan
