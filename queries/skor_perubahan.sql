-- Who moved: each kecamatan's key scores in $tahun next to the year before (on the view's
-- nilai_skala, an IKM on 1–4 as 25–100), with the change in points and the view's predicate.
-- Rows only where both years have a value. Ringkasan's "paling membaik" / "penurunan terbesar".
-- $wilayah: list of 'kabupaten|kecamatan'; $tahun: the year.
with achieved as (
    select s.kabupaten, s.kecamatan, s.tahun, s.jenis, s.nilai_skala, s.predikat, d.nama_file
    from skor as s
    left join dokumen as d on d.dokumen_id = s.dokumen_id
    where s.nilai_skala is not null and list_contains($wilayah, s.kabupaten || '|' || s.kecamatan)
),

now as (select * from achieved where tahun = $tahun),

before as (select kabupaten, kecamatan, jenis, nilai_skala from achieved where tahun = $tahun - 1),

final as (
    select
        n.kabupaten, n.kecamatan, n.jenis, n.tahun,
        b.nilai_skala as nilai_lalu,
        n.nilai_skala as nilai,
        n.nilai_skala - b.nilai_skala as perubahan,
        n.predikat, n.nama_file
    from now as n
    join before as b on b.kabupaten = n.kabupaten and b.kecamatan = n.kecamatan and b.jenis = n.jenis
)

select * from final order by perubahan desc, kabupaten, kecamatan, jenis
