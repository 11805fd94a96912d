-- Reviu Data: the checks (kode) with a finding for the kecamatan in $wilayah, any year; and whether
-- there is any finding at all (no row: none). Run only when the view `temuan` exists.
select kode, count(*) as jumlah
from temuan
where list_contains($wilayah::VARCHAR[], kode_kecamatan)
    and (not $terverifikasi or dokumen_id in (select dokumen_id from dokumen where status_verifikasi = 'diverifikasi'))
group by kode
order by kode
