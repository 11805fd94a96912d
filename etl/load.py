"""Write extracted documents into DuckDB: atomic and idempotent per document.

* The same bytes loaded again change nothing (the document is recognised by its sha256).
* A document replaces another only when it is a new version of the same document: the same unit
  (perangkat daerah, kabupaten/kota, provinsi), year and kind (PK, PK Perubahan, LKjIP). File names
  decide nothing: two files called ``PK.txt`` of two kecamatan are two documents.
* A document whose write fails leaves no rows: everything of one document is one transaction.

Where the connection comes from (``python -m etl load``, see :mod:`etl.publish`): the loader never
writes the database file (``--db`` / ``KINERJA_DB``) in place. It holds ``FILE.lock`` (one loader per
file; a second one waits), loads into ``FILE.staging`` (a copy of FILE, or a new database), and
publishes it with ``CHECKPOINT`` + close + an atomic ``os.replace`` onto FILE at the end and every
few documents or seconds. Whoever opens FILE read-only meanwhile (the dashboard, the DuckDB CLI, a
notebook) sees a complete snapshot holding only whole documents, never waits and never makes the
load fail; a read-write open of FILE by anyone else is not part of the contract (its writes would be
replaced by the next publication).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from etl import evidence, materialise
from etl.evidence import settle
from etl.extract import PARSER_VERSION
from etl.model import Anggaran, Dokumen, as_row
from etl.reference import EDITION
from etl.review import store as review_store
from etl.review.finding import Temuan

CORE_TABLES = (
    "core_baris",
    "core_perjanjian",
    "core_target",
    "core_realisasi",
    "core_skor",
    "core_komponen",
    "core_anggaran",
    "core_anggaran_sasaran",
    "core_anggaran_jumlah",
    "core_catatan",
    "core_temuan",
    "core_realisasi_triwulan",
    "core_pejabat",
    "core_pernyataan",
    "core_sebaran_survei",
)
QUARTERLY = "REALISASI_TRIWULAN"

# Lookup indexes of the load itself (issue 16): the cross-document work of one document reads and
# rewrites only the rows of its unit's documents, found through these, so its cost does not grow
# with the number of documents loaded. core_baris (a thousand rows a document) has none: only a
# replaced document deletes from it, and an index there would cost ~8 bytes of memory a line.
LOOKUP_INDEXES = (
    ("core_dokumen", "kabupaten"),
    ("core_dokumen", "kecamatan"),
    ("core_dokumen", "perangkat_daerah"),
    ("core_perjanjian", "dokumen_id"),
    ("core_target", "dokumen_id"),
    ("core_realisasi", "dokumen_id"),
    ("core_skor", "dokumen_id"),
    ("core_komponen", "dokumen_id"),
    ("core_anggaran", "dokumen_id"),
    ("core_anggaran_sasaran", "dokumen_id"),
    ("core_anggaran_jumlah", "dokumen_id"),
    ("core_catatan", "dokumen_id"),
    ("core_temuan", "dokumen_id"),
    ("core_realisasi_triwulan", "dokumen_id"),
    ("core_pejabat", "dokumen_id"),
    ("core_pernyataan", "dokumen_id"),
    ("core_sebaran_survei", "dokumen_id"),
)


def schema_sql() -> str:
    return resources.files("etl").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    schema = schema_sql()
    stale = materialise.drop_stale(con, schema)  # built by an earlier version: built again below
    con.execute(schema)
    _number_documents(con)
    for table, column in LOOKUP_INDEXES:
        con.execute(f"CREATE INDEX IF NOT EXISTS {table}_{column}_idx ON {table} ({column})")
    materialise.ensure(con, schema, stale)
    return con


def _number_documents(con: duckdb.DuckDBPyConnection) -> None:
    """Give the documents of a database made before core_dokumen.nomor existed their numbers, in
    the order their lines were appended (so the zone maps of core_baris stay tight), and their
    lines the same number. A no-op once every document has one."""
    if not con.execute("SELECT count(*) FROM core_dokumen WHERE nomor IS NULL").fetchone()[0]:  # type: ignore[index]
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            """
            UPDATE core_dokumen SET nomor = n.nomor
            FROM (
                SELECT d.dokumen_id,
                       (SELECT coalesce(max(nomor), 0) FROM core_dokumen)
                       + row_number() OVER (ORDER BY min(b.rowid) NULLS LAST, d.dimuat_pada, d.dokumen_id) AS nomor
                FROM core_dokumen d LEFT JOIN core_baris b USING (dokumen_id)
                WHERE d.nomor IS NULL
                GROUP BY d.dokumen_id, d.dimuat_pada
            ) n
            WHERE core_dokumen.dokumen_id = n.dokumen_id
            """
        )
        con.execute(
            "UPDATE core_baris SET nomor_dokumen = d.nomor FROM core_dokumen d"
            " WHERE core_baris.dokumen_id = d.dokumen_id AND core_baris.nomor_dokumen IS NULL"
        )
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise


def place_documents(con: duckdb.DuckDBPyConnection, kabupaten: str | None, kecamatan: str | None) -> list[str]:
    """dokumen_id of every loaded document of one place: a kecamatan of a kabupaten/kota name, or the
    perangkat daerah without a kecamatan of that name — the documents whose cross-document findings
    ``review_store.refresh_wilayah`` recomputes, and a superset of every unit (kode_kabupaten,
    kabupaten, kecamatan, perangkat_daerah) among them, over which the views' windows partition."""
    if kecamatan is not None:
        rows = review_store.documents_of(con, "kecamatan", kecamatan, kabupaten=kabupaten)
    else:
        rows = review_store.documents_of(con, "kabupaten", kabupaten, kecamatan=None)
    return [r["dokumen_id"] for r in rows]


def _documents_of_places(con: duckdb.DuckDBPyConnection, places: Iterable[tuple[str | None, str | None]]) -> list[str]:
    """dokumen_id of every loaded document of each (kabupaten, kecamatan) place (place_documents)."""
    return [d for kabupaten, kecamatan in sorted(places, key=str) for d in place_documents(con, kabupaten, kecamatan)]


def _places_of(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[tuple[str | None, str | None]]:
    if not ids:
        return set()
    return set(
        con.execute("SELECT DISTINCT kabupaten, kecamatan FROM core_dokumen WHERE list_contains(?, dokumen_id)", [ids]).fetchall()
    )


def unit_documents(con: duckdb.DuckDBPyConnection, doc: Dokumen, **more: Any) -> list[tuple[str, str]]:
    """(dokumen_id, nama_file) of the loaded documents of ``doc``'s unit (perangkat daerah,
    kabupaten/kota, provinsi) and year, narrowed by ``more`` (e.g. ``jenis``), in load order.
    Kota X is not Kabupaten X: where the document's kabupaten code is known, it must match."""
    if doc.kode_kabupaten is not None:
        more = {"kode_kabupaten": doc.kode_kabupaten, **more}
    if doc.perangkat_daerah is not None:
        rows = review_store.documents_of(
            con, "perangkat_daerah", doc.perangkat_daerah, kabupaten=doc.kabupaten, provinsi=doc.provinsi, tahun=doc.tahun, **more
        )
    else:
        rows = review_store.documents_of(
            con, "kabupaten", doc.kabupaten, perangkat_daerah=None, provinsi=doc.provinsi, tahun=doc.tahun, **more
        )
    return [(r["dokumen_id"], r["nama_file"]) for r in rows]


@dataclass
class LoadResult:
    status: str  # dimuat | diganti | tidak_berubah
    dokumen_id: str
    replaced: list[str]  # dokumen_id of the versions this one replaced
    replaced_files: list[str] = field(default_factory=list)  # their file names, for the message


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows)  # noqa: F841 - scanned by name below
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM arrow")


@dataclass
class DeferredRefresh:
    """The mat tables' refresh owed by documents loaded with it (``load_document(..., deferred=)``),
    done for all of them at once by :meth:`flush`. The one writer of ``etl load`` defers and flushes
    before each publication (etl/publish.Snapshot.before_publish): readers see only published
    snapshots, so the staging database may lag until then. Each refresh costs ~13 statements of
    2,5–8 ms whatever the number of documents in it, most of a document's write when done per
    document (bench/README.md)."""

    changed: set[str] = field(default_factory=set)
    places: set[tuple[str | None, str | None]] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)
    reviewed: set[tuple[str | None, str | None]] = field(default_factory=set)  # places whose findings alone changed

    def add(self, changed: Iterable[str], places: Iterable[tuple[str | None, str | None]], gone: Iterable[str] = ()) -> None:
        self.changed.update(changed)
        self.places.update(places)
        self.gone.update(gone)

    def __bool__(self) -> bool:
        return bool(self.changed or self.places or self.gone or self.reviewed)

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        """Refresh the mat tables of every document and place owed, in one transaction."""
        if not self:
            return
        con.execute("BEGIN TRANSACTION")
        try:
            materialise.refresh(
                con, changed=sorted(self.changed), place=_documents_of_places(con, self.places), gone=sorted(self.gone)
            )
            if only_reviewed := self.reviewed - self.places:
                materialise.refresh(con, changed=[], place=_documents_of_places(con, only_reviewed), only=["temuan"])
            con.execute("COMMIT")
        except BaseException:
            _rollback(con)
            raise
        self.changed, self.places, self.gone, self.reviewed = set(), set(), set(), set()


def load_document(
    con: duckdb.DuckDBPyConnection, doc: Dokumen, found: list[Temuan] | None = None, deferred: DeferredRefresh | None = None
) -> LoadResult:
    """Load one document. ``found``: its own findings when they were already computed (by a worker
    of etl.parallel, from the settled document); they are computed again here if the budget stage
    across documents changes the document. ``deferred``: leave the mat tables' refresh to it (the
    core rows and findings are committed; the views catch up at its flush)."""
    settle(doc)  # a template's facts too: evidence decides formula, predicate, stage, totals
    existing = con.execute("SELECT dokumen_id, versi_parser FROM core_dokumen WHERE dokumen_id = ?", [doc.dokumen_id]).fetchall()
    if existing and existing[0][1] == PARSER_VERSION:
        _review_again(con, doc, existing[0][0], found, deferred)
        return LoadResult("tidak_berubah", existing[0][0], [])
    # a new version of the same document, or the same bytes read by an older parser: replace it
    same_bytes = con.execute("SELECT dokumen_id, nama_file FROM core_dokumen WHERE dokumen_id = ?", [doc.dokumen_id]).fetchall()
    older_rows = list(dict.fromkeys([*same_bytes, *unit_documents(con, doc, jenis=doc.jenis)]))
    # A later quarterly report of the same kecamatan and year replaces the quarters it reports and
    # keeps the others of the earlier one (issue 11); every other kind replaces the whole document.
    quarters = sorted({r.triwulan for r in doc.realisasi_triwulan})
    partial = [r for r in older_rows if doc.jenis == QUARTERLY and r[0] != doc.dokumen_id]
    older_rows = [r for r in older_rows if r not in partial]
    older = [r[0] for r in older_rows]
    did = doc.dokumen_id
    places = {(doc.kabupaten, doc.kecamatan)} | _places_of(con, older)
    # documents whose own rows this load changes besides its own: an earlier quarterly report
    # losing quarters, the unit's documents of the year whose budget stage the load may settle
    touched = [r[0] for r in partial]
    if doc.anggaran:
        touched += [d for d, _name in unit_documents(con, doc) if d != did and d not in older]
    places |= _places_of(con, touched)
    con.execute("BEGIN TRANSACTION")
    try:
        # the next number, taken before an older version goes: numbers only grow, in load order
        nomor = con.execute("SELECT coalesce(max(nomor), 0) + 1 FROM core_dokumen").fetchone()[0]  # type: ignore[index]
        for old in older:
            # its number first lets the zone maps of core_baris skip the other documents' lines
            con.execute(
                "DELETE FROM core_baris WHERE dokumen_id = ? AND nomor_dokumen = (SELECT nomor FROM core_dokumen WHERE dokumen_id = ?)",
                [old, old],
            )
            for table in (*(t for t in CORE_TABLES if t != "core_baris"), "core_dokumen", "mat_halaman"):
                con.execute(f"DELETE FROM {table} WHERE dokumen_id = ?", [old])
        for old, _name in partial:
            con.execute(
                "DELETE FROM core_realisasi_triwulan WHERE dokumen_id = ? AND list_contains(?, triwulan)", [old, quarters]
            )
        if _stage_across_documents(con, doc):
            found = None  # the stage of its budget changed: its own review must be done again
        head = as_row(doc)
        head.pop("id_unit", None)  # part of dokumen_id, not a column
        head.update(
            dokumen_id=did, versi_parser=PARSER_VERSION, edisi_referensi=EDITION, dimuat_pada=dt.datetime.now(), nomor=nomor
        )
        _insert(con, "core_dokumen", [head])
        _insert(
            con,
            "core_baris",
            [
                {
                    "dokumen_id": did,
                    "nomor_dokumen": nomor,
                    "baris": ln.no,
                    "halaman": ln.halaman,
                    "cara_baca": ln.cara_baca,
                    "teks": ln.text,
                }
                for ln in doc.lines
            ],
        )
        materialise.write_lines(con, did, doc.lines)
        for table, items in (
            ("core_perjanjian", doc.perjanjian),
            ("core_target", doc.target),
            ("core_realisasi", doc.realisasi),
            ("core_skor", doc.skor),
            ("core_komponen", doc.komponen),
            ("core_anggaran", doc.anggaran),
            ("core_anggaran_sasaran", doc.anggaran_sasaran),
            ("core_anggaran_jumlah", doc.anggaran_jumlah),
            ("core_catatan", doc.catatan),
            ("core_realisasi_triwulan", doc.realisasi_triwulan),
            ("core_pejabat", doc.pejabat),
            ("core_pernyataan", doc.pernyataan),
            ("core_sebaran_survei", doc.sebaran_survei),
        ):
            _insert(con, table, [{"dokumen_id": did, **as_row(x)} for x in items])
        # the review runs in the same transaction: a document never stands without its findings
        review_store.write_document(con, doc, did, found)
        for kabupaten, kecamatan in sorted(places, key=str):
            review_store.refresh_wilayah(con, kabupaten, kecamatan)
        # what the views show, computed once here (etl.materialise), in the same transaction
        if deferred is None:
            materialise.refresh(con, changed=[did, *touched], place=_documents_of_places(con, places), gone=older)
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise
    if deferred is not None:  # only once committed: a rolled-back load owes nothing (its older version stays)
        deferred.add([did, *touched], places, older)
    replaced_files = [r[1] for r in older_rows] + [f"{name} (triwulan {', '.join(map(str, quarters))})" for _, name in partial]
    return LoadResult("diganti" if older or partial else "dimuat", did, older, replaced_files)


_ANGGARAN_FIELDS = tuple(Anggaran.__dataclass_fields__)


def _budget_state(doc: Dokumen) -> list[tuple[Any, ...]]:
    """What the cross-document stage may change in a document: the stage of its budget lines and totals."""
    return [(a.tahap, a.sumber_tahap) for a in doc.anggaran] + [tuple(as_row(j).values()) for j in doc.anggaran_jumlah]


def _stage_across_documents(con: duckdb.DuckDBPyConnection, doc: Dokumen) -> bool:
    """Budget stage across the documents of one unit and year (etl/evidence.py): a budget table
    whose stage only its context gave is decided by a total equal to another document's
    after-change (or murni) total — this document's tables against the loaded ones, and the loaded
    ones against this document's. Reads only the budget rows of the unit's documents of that year
    (found through core_dokumen and the dokumen_id indexes). Returns whether this document changed."""
    if not doc.anggaran:
        return False
    others = [(d, name) for d, name in unit_documents(con, doc) if d != doc.dokumen_id]
    if not others:
        return False
    names_of = dict(others)
    cur = con.execute(
        "SELECT * FROM core_anggaran WHERE list_contains(?, dokumen_id) ORDER BY dokumen_id, urutan", [list(names_of)]
    )
    names = [c[0] for c in cur.description]
    by_doc: dict[tuple[str, str], list[Anggaran]] = {}
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        key = (row["dokumen_id"], names_of[row["dokumen_id"]])
        by_doc.setdefault(key, []).append(Anggaran(**{f: row[f] for f in _ANGGARAN_FIELDS}))
    if not by_doc:
        return False
    before = _budget_state(doc)
    loaded = {key: evidence.budget_tables(rows, dokumen=key[1]) for key, rows in by_doc.items()}
    mine = evidence.settle_stage(doc, [t for tables in loaded.values() for t in tables])
    evidence.settle_totals(doc)  # the totals carry the stage
    for t in mine:
        t.dokumen = doc.nama_file  # named so in the other documents' evidence
    for (dokumen_id, _name), tables in loaded.items():
        open_ = [t for t in tables if not t.strong and not (t.rows[0].sumber_tahap or "").startswith("jumlah")]
        for t in evidence.decide_stages(open_, tables + mine, []):
            first = t.rows[0]
            con.execute(
                "UPDATE core_anggaran SET tahap = ?, sumber_tahap = ? WHERE dokumen_id = ? AND list_contains(?, urutan)",
                [first.tahap, first.sumber_tahap, dokumen_id, [r.urutan for r in t.rows]],
            )
            con.execute(
                "UPDATE core_anggaran_jumlah SET tahap = ? WHERE dokumen_id = ? AND bagian IS NOT DISTINCT FROM ?"
                " AND unit_kerja IS NOT DISTINCT FROM ? AND jenis_pk IS NOT DISTINCT FROM ?",
                [first.tahap, dokumen_id, first.bagian, first.unit_kerja, first.jenis_pk],
            )
    return _budget_state(doc) != before


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, keeping the error that caused it: after a fatal error (a full disk) DuckDB has
    already ended the transaction, and "cannot rollback - no transaction is active" would hide it."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _review_again(
    con: duckdb.DuckDBPyConnection, doc: Dokumen, dokumen_id: str, found: list[Temuan] | None, deferred: DeferredRefresh | None
) -> None:
    """Same bytes, same parser: only the review may have changed, so its findings are rewritten."""
    con.execute("BEGIN TRANSACTION")
    try:
        review_store.write_document(con, doc, dokumen_id, found)
        review_store.refresh_wilayah(con, doc.kabupaten, doc.kecamatan)
        if deferred is None:
            materialise.refresh(con, changed=[], place=place_documents(con, doc.kabupaten, doc.kecamatan), only=["temuan"])
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise
    if deferred is not None:  # only the place's findings are owed
        deferred.reviewed.add((doc.kabupaten, doc.kecamatan))
