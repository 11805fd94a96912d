-- The documents a verifikator accepted (dokumen.status_verifikasi, issue 15): what the pages keep
-- while the sidebar switch "Hanya dokumen terverifikasi" is on.
with verified as (
    select dokumen_id from dokumen
    where status_verifikasi = 'diverifikasi'
)

select * from verified
