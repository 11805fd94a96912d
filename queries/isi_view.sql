-- All rows of one public view, by name (bound, never formatted in): for downloads.
-- $nama.
select * from query_table($nama)
