-- Key scores (IKM, SAKIP, KEMATANGAN) per kecamatan and year: the achieved value next to the
-- agreed target (latest PK version), the Renstra end target and the Renstra end year. The
-- predicate and the value on the compared scale are the view's own (skor.predikat printed first with
-- sumber_predikat; skor.nilai_skala: an IKM on 1–4 as 25–100), never recomputed here. A verifikator's
-- correction comes beside the printed value (nilai_koreksi, alasan_koreksi, dikoreksi_oleh; issue 15).
-- $wilayah: list of kode_kecamatan (PP.KK.CC: Kemendagri codes, so that Kab. Bogor and Kota Bogor never mix).
-- The range of $wilayah next to list_contains lets the zone maps of the views' mat tables (rows in
-- kode_kabupaten order, etl/materialise.py) skip every row group outside it.
with achieved as (
    select s.kode_kecamatan, s.kabupaten, s.kabupaten_label, s.kecamatan, s.tahun, s.jenis, s.nilai, s.kategori, s.dokumen_id, s.sumber_baris, s.sumber,
        s.predikat, s.sumber_predikat, s.nilai_skala, s.nilai_koreksi, s.alasan_koreksi, s.dikoreksi_oleh
    from skor as s
    where list_contains($wilayah, s.kode_kecamatan) and s.kode_kecamatan between list_min($wilayah) and list_max($wilayah)
),

-- the agreed target of each kecamatan, year and score: the version in force first (berlaku), then
-- the agreement's own table, then the first row (then the document id, so a tie always picks
-- the same one). One aggregate (arg_min on that order) instead of a
-- window over every target row: the same rows, in ~60 % of the time nationally (bench/README.md).
targets_picked as (
    select
        kode_kecamatan, tahun, kunci as jenis,
        arg_min(
            struct_pack(kabupaten := kabupaten, kabupaten_label := kabupaten_label, kecamatan := kecamatan, target := target,
                target_dokumen_id := dokumen_id, target_baris := sumber_baris),
            struct_pack(
                berlaku := CASE WHEN berlaku THEN 0 WHEN NOT berlaku THEN 1 ELSE 2 END,
                perjanjian := CASE WHEN bagian = 'perjanjian' THEN 0 ELSE 1 END,
                urutan := coalesce(urutan, 2147483647), dokumen := dokumen_id
            )
        ) as pilih
    from target_kinerja
    where unit_kerja = 'Kecamatan' and kunci is not null and target is not null
        and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
    group by kode_kecamatan, tahun, kunci
),

targets as (
    select kode_kecamatan, pilih.kabupaten, pilih.kabupaten_label, pilih.kecamatan, tahun, jenis, pilih.target,
        pilih.target_dokumen_id, pilih.target_baris
    from targets_picked
),

end_targets as (
    select kode_kecamatan, kabupaten, kabupaten_label, kecamatan, tahun, kunci as jenis, max(target_akhir) as target_akhir
    from realisasi_kinerja
    where kunci is not null and target_akhir is not null and not riwayat
        and list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
    group by all
),

renstra as (
    select kode_kecamatan, kabupaten, kabupaten_label, kecamatan, max(renstra_akhir) as renstra_akhir
    from dokumen
    where list_contains($wilayah, kode_kecamatan) and kode_kecamatan between list_min($wilayah) and list_max($wilayah)
    group by all
),

final as (
    select
        coalesce(a.kode_kecamatan, t.kode_kecamatan) as kode_kecamatan,
        coalesce(a.kabupaten, t.kabupaten) as kabupaten,
        coalesce(a.kabupaten_label, t.kabupaten_label) as kabupaten_label,
        coalesce(a.kecamatan, t.kecamatan) as kecamatan,
        coalesce(a.tahun, t.tahun) as tahun,
        coalesce(a.jenis, t.jenis) as jenis,
        a.nilai, a.kategori, a.sumber,
        t.target,
        e.target_akhir,
        r.renstra_akhir,
        a.dokumen_id, a.sumber_baris,
        t.target_dokumen_id, t.target_baris,
        d.nama_file,
        a.predikat, a.sumber_predikat, a.nilai_skala, a.nilai_koreksi, a.alasan_koreksi, a.dikoreksi_oleh
    from achieved as a
    full join targets as t
        on a.kode_kecamatan = t.kode_kecamatan and a.tahun = t.tahun and a.jenis = t.jenis
    left join end_targets as e
        on e.kode_kecamatan = coalesce(a.kode_kecamatan, t.kode_kecamatan)
        and e.tahun = coalesce(a.tahun, t.tahun) and e.jenis = coalesce(a.jenis, t.jenis)
    left join renstra as r
        on r.kode_kecamatan = coalesce(a.kode_kecamatan, t.kode_kecamatan)
    left join dokumen as d on d.dokumen_id = coalesce(a.dokumen_id, t.target_dokumen_id)
)

select * from final order by kabupaten, kabupaten_label, kecamatan, jenis, tahun
