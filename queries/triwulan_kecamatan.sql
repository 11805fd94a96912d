-- Quarterly realisation per kecamatan and quarter (issue 11): the kecamatan's own total row of the
-- report, the year's pagu where a PK/DPA of the same year is loaded (the perubahan stage where
-- printed, else murni), and the realisation accumulated through the year.
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix); $tahun: the year.
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
with quarters as (
    select kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, triwulan, sum(realisasi_rp) as realisasi_rp
    from realisasi_triwulan
    where tingkat = 'total' and tahun = $tahun and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
    group by all
),

stages as (
    select kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, tahap, sum(pagu) as pagu
    from anggaran
    where tingkat = 'program' and unit_kerja = 'Kecamatan' and tahun = $tahun
        and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
    group by all
),

pagu as (
    select kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun,
           coalesce(max(pagu) filter (where tahap = 'perubahan'), max(pagu) filter (where tahap = 'murni')) as pagu
    from stages
    group by all
),

final as (
    select q.kode_kecamatan, q.kabupaten, q.kabupaten_label, q.kecamatan, q.tahun, q.triwulan, q.realisasi_rp,
           sum(q.realisasi_rp) over (partition by q.kode_kecamatan order by q.triwulan) as kumulatif_rp,
           p.pagu
    from quarters as q
    left join pagu as p using (kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun)
)

select * from final order by kabupaten, kabupaten_label, kecamatan, triwulan
