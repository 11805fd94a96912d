-- Budget per program for each kecamatan and year, from one budget table per kecamatan-year:
-- the table with realisasi first, then the latest stage (perubahan), then the PK Perubahan,
-- then the newest document. Pagu and realisasi are sums of the most detailed lines, so a parent
-- line (or a total printed on a program line) is never counted twice; the program line as
-- printed stays next to it.
-- $wilayah: list of 'kabupaten|kecamatan'.
with lines as (
    select a.*, coalesce(a.bagian, '') || '/' || a.tahap || '/' || coalesce(a.jenis_pk, '') as tabel
    from anggaran as a
    where a.unit_kerja = 'Kecamatan' and list_contains($wilayah, a.kabupaten || '|' || a.kecamatan)
),

tables as (
    select
        l.kabupaten, l.kecamatan, l.tahun, l.dokumen_id, l.tabel,
        bool_or(l.realisasi is not null) as ada_realisasi,
        max(l.tahap = 'perubahan') as perubahan,
        max(coalesce(l.jenis_pk, '') = 'PK_PERUBAHAN') as pk_perubahan,
        max(d.dimuat_pada) as dimuat_pada
    from lines as l join dokumen as d using (dokumen_id)
    group by all
),

chosen as (
    select * from (
        select *, row_number() over (
            partition by kabupaten, kecamatan, tahun
            order by ada_realisasi desc, perubahan desc, pk_perubahan desc, dimuat_pada desc, tabel
        ) as pilihan
        from tables
    ) where pilihan = 1
),

chosen_lines as (
    select l.* from lines as l
    join chosen as c using (kabupaten, kecamatan, tahun, dokumen_id, tabel)
),

with_program as (
    select
        l.*,
        case l.tingkat
            when 'program' then l.urutan
            when 'kegiatan' then l.induk_urutan
            else p.induk_urutan
        end as program_urutan,
        not exists (
            select 1 from chosen_lines as c
            where c.dokumen_id = l.dokumen_id and c.tabel = l.tabel and c.induk_urutan = l.urutan
        ) as rinci
    from chosen_lines as l
    left join chosen_lines as p on p.dokumen_id = l.dokumen_id and p.tabel = l.tabel and p.urutan = l.induk_urutan
),

programs as (
    select
        w.kabupaten, w.kecamatan, w.tahun, w.dokumen_id, w.program_urutan,
        sum(w.pagu) filter (where w.rinci)::double as pagu,
        sum(w.realisasi) filter (where w.rinci)::double as realisasi
    from with_program as w
    group by all
),

final as (
    select
        p.kabupaten, p.kecamatan, p.tahun,
        coalesce(l.nama, 'Tanpa program') as program,
        p.pagu, p.realisasi,
        l.pagu as pagu_tertulis, l.realisasi as realisasi_tertulis,
        l.tahap, l.bagian, p.dokumen_id, l.sumber_baris, d.nama_file
    from programs as p
    left join chosen_lines as l
        on l.dokumen_id = p.dokumen_id and l.urutan = p.program_urutan
        and l.kabupaten = p.kabupaten and l.kecamatan = p.kecamatan and l.tahun = p.tahun
    left join dokumen as d on d.dokumen_id = p.dokumen_id
)

select * from final order by kabupaten, kecamatan, tahun, sumber_baris
