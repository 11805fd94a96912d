"""Perjanjian Kinerja tables → targets and budgets.

Works on any table that :func:`etl.tables.classify` called ``target`` or ``anggaran``, in a signed
agreement or in the body of a report (LKjIP Tabel 2.x). Columns are found by their labels; rows
that do not line up with the header are read by the type of their cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl import evidence, rules
from etl.indicators import UNIT_KECAMATAN, UNIT_PERANGKAT_DAERAH, kunci
from etl.model import Anggaran, Catatan, Target
from etl.numbers import (
    Quantity,
    implausible_amount,
    looks_like_amount,
    looks_like_percent,
    parse_amount,
    parse_decimal,
    parse_quantity,
)
from etl.tables import Row, Table, marker_of
from etl.text import PARA, fold, plain, split_paragraphs

LEVEL_BY_UNIT = {
    UNIT_KECAMATAN: "sasaran_strategis",
    UNIT_PERANGKAT_DAERAH: "sasaran_strategis",
    "Sekretariat": "sasaran_program",
}
SUMBER_DANA = {"apbd", "apbn", "dau", "dak", "dbh", "pad", "bankeu", "blud", "did", "otsus", "dana desa", "bantuan keuangan"}


@dataclass
class Context:
    """Where a table sits: whose agreement, which version, which budget stage."""

    jenis_pk: str | None
    unit_kerja: str
    tahap: str
    bagian: str


def _level_of_label(label: str, unit: str) -> str | None:
    f = fold(label)
    if "/" in label and "sasaran" in f:  # "TUJUAN/SASARAN/PROGRAM": the unit's own level
        return LEVEL_BY_UNIT.get(unit, "sasaran_kegiatan")
    if "sub kegiatan" in f and "kegiatan dan sub" not in f:
        return "sub_kegiatan"
    if "kegiatan" in f and "sasaran" in f:
        return "sasaran_kegiatan"
    if "sasaran program" in f or ("program" in f and "sasaran" in f and "/" not in label):
        return "sasaran_program"
    if "sasaran strategis" in f:
        return "sasaran_strategis"
    if "tujuan" in f and "sasaran" not in f:
        return "tujuan"
    if "sasaran" in f or "tujuan" in f:
        default = "sasaran_kegiatan" if unit.startswith(("Seksi", "Subbagian")) else "sasaran_strategis"
        return LEVEL_BY_UNIT.get(unit, default)
    return None


_FIELDS = re.compile(r"(formulasi|t[yi]pe\s+perhitungan|sumber\s+data|keterangan)\s*[:=]\s*", re.IGNORECASE)


def explanation_fields(text: str) -> list[dict[str, str]]:
    """'Formulasi : … Tipe Perhitungan : … Sumber data : …' → one dict per Formulasi block.

    Text before the first 'Formulasi' is returned as a block of its own (key 'lead'): it belongs to
    the row above when a converter pushed it down.
    """
    blocks: list[dict[str, str]] = [{}]
    matches = list(_FIELDS.finditer(text))
    if not matches:
        return [{"lead": text.strip()}] if text.strip() else []
    if matches[0].start() > 0 and text[: matches[0].start()].strip():
        blocks[0]["lead"] = text[: matches[0].start()].strip()
    for k, m in enumerate(matches):
        key = fold(m.group(1)).replace("type", "tipe").replace(" ", "_")
        value = text[m.end() : matches[k + 1].start() if k + 1 < len(matches) else len(text)].strip(" .;")
        if key == "formulasi" and any(x in blocks[-1] for x in ("formulasi", "tipe_perhitungan", "sumber_data")):
            blocks.append({})
        if key in blocks[-1]:
            blocks.append({})
        blocks[-1][key] = plain(value) or ""
    return [b for b in blocks if b]


def _tipe(text: str | None) -> str | None:
    if not text:
        return None
    t = " ".join(text.split()).strip(" .")
    return t[:1].upper() + t[1:] if t else None


def extract_targets(table: Table, ctx: Context, start: int, notes: list[Catatan]) -> list[Target]:
    cols = table.columns
    indikator_col = table.col("indikator")
    target_col = table.col("target", exclude=("akhir",))
    satuan_col = table.col("satuan")
    expl_col = next((i for i, c in enumerate(cols) if any(w in fold(c) for w in ("formulasi", "penjelasan", "keterangan"))), None)
    level_cols = [
        (i, lvl)
        for i, c in enumerate(cols)
        if i not in (indikator_col, target_col) and (lvl := _level_of_label(c, ctx.unit_kerja))
    ]
    restatement = not level_cols and expl_col is not None
    bagian = "penjelasan" if restatement else ctx.bagian
    out: list[Target] = []
    current: tuple[str, str | None] = (
        level_cols[0][1] if level_cols else LEVEL_BY_UNIT.get(ctx.unit_kerja, "sasaran_kegiatan"),
        None,
    )
    for row in table.rows:
        if len(row.cells) > len(cols) and not any(row.cells[len(cols) :]):
            row.cells = row.cells[: len(cols)]
        aligned = table.layout == "tab" and len(row.cells) == len(cols) and indikator_col is not None and target_col is not None
        if aligned:
            level, sasaran = current
            for i, lvl in level_cols:
                cell = row.cells[i]
                if cell:
                    _mark, name = marker_of(plain(cell) or "")
                    lvl2 = "sub_kegiatan" if name.startswith("- ") or cell.startswith("- ") else lvl
                    level, sasaran = lvl2, name.lstrip("- ").strip()
            current = (level, sasaran)
            indikator_cell = row.cells[indikator_col]  # type: ignore[index]
            target_cell = row.cells[target_col]  # type: ignore[index]
            satuan = plain(row.cells[satuan_col]) if satuan_col is not None else None
            expl = row.cells[expl_col] if expl_col is not None else ""
        else:
            parsed = _typed_target_row(row)
            if parsed is None:
                if row.texts:
                    notes.append(
                        Catatan(
                            row.line,
                            "peringatan",
                            f"baris tabel target tidak terbaca (tidak ada nilai target): {(plain(' | '.join(row.texts)) or '')[:160]}",
                        )
                    )
                continue
            sasaran_frag, indikator_cell, satuan, target_cell = parsed
            level = current[0]
            sasaran = sasaran_frag or current[1]
            if sasaran_frag:
                current = (level, sasaran_frag)
            expl = ""
        if not indikator_cell.strip():
            if target_cell.strip():
                notes.append(
                    Catatan(row.line, "peringatan", f"target '{plain(target_cell)}' tanpa nama indikator; baris dilewati")
                )
            continue
        indicators = [marker_of(p)[1] for p in split_paragraphs(indikator_cell)]
        targets = split_paragraphs(target_cell) if PARA in target_cell else [target_cell]
        if len(indicators) != len(targets):
            indicators, targets = [marker_of(plain(indikator_cell) or "")[1]], [plain(target_cell) or ""]
        fields = explanation_fields(plain(expl) or "")
        first_formula = next((k for k, b in enumerate(fields) if b.get("formulasi")), None)
        leading = fields[:first_formula] if first_formula is not None else [b for b in fields if set(b) == {"lead"}]
        if out:
            for b in leading:
                _give_lead_to_previous(
                    " ".join(f"{k.replace('_', ' ')} : {v}" if k != "lead" else v for k, v in b.items()), out[-1]
                )
        blocks = fields[first_formula:] if first_formula is not None else [b for b in fields if set(b) != {"lead"}]
        blocks = blocks[-len(indicators) :] if len(blocks) >= len(indicators) else blocks + [{}] * (len(indicators) - len(blocks))
        if len(indicators) > 1 and len(blocks) == len(indicators) and not any(b.get("formulasi") for b in blocks):
            blocks = [{} for _ in indicators]
        for k, (ind, tgt) in enumerate(zip(indicators, targets, strict=True)):
            q = parse_quantity(tgt)
            info = blocks[k] if k < len(blocks) else {}
            tipe = _tipe(info.get("tipe_perhitungan"))
            name = " ".join(ind.split()).lstrip(".").strip()
            polar = rules.polaritas(name, tipe)  # a printed 'Indikator Negatif/Positif' wins over the wording
            why = None if aligned else _not_a_row(plain(sasaran), name, satuan, tgt, q, table)
            if why:
                notes.append(
                    Catatan(
                        row.line, "peringatan", f"baris tabel target tidak dimuat: {why}: '{name[:80]}', target '{tgt.strip()}'"
                    )
                )
                continue
            if q is None and tgt.strip():
                notes.append(
                    Catatan(
                        row.line, "peringatan", f"target '{tgt.strip()}' untuk '{name[:80]}' bukan angka; disimpan sebagai teks"
                    )
                )
            out.append(
                Target(
                    urutan=start + len(out),
                    jenis_pk=ctx.jenis_pk or "PK",
                    bagian=bagian,
                    unit_kerja=ctx.unit_kerja,
                    tingkat=level,
                    sasaran=plain(sasaran),
                    indikator=name,
                    kunci=kunci(name),
                    satuan=satuan or (q.satuan if q else None),
                    target=q.nilai if q else None,
                    target_teks=(q.teks if q else tgt.strip()) or None,
                    predikat_target=q.predikat if q else None,
                    tipe_perhitungan=tipe,
                    formulasi=info.get("formulasi") or None,
                    sumber_data=info.get("sumber_data") or None,
                    polaritas=polar,
                    sumber_baris=row.line_of(tgt.strip()) if PARA not in target_cell else row.line,
                )
            )
    return out


def _give_lead_to_previous(lead: str, prev: Target) -> None:
    """'Tipe Perhitungan : … Sumber data : …' before the first Formulasi completes the row above."""
    for m in re.finditer(
        r"(t[yi]pe\s+perhitungan|sumber\s+data)\s*[:=]\s*(.+?)(?=t[yi]pe\s+perhitungan|sumber\s+data|$)", lead, re.IGNORECASE
    ):
        key, value = fold(m.group(1)), m.group(2).strip(" .;")
        if key.endswith("perhitungan") and prev.tipe_perhitungan is None:
            prev.tipe_perhitungan = _tipe(value)
        elif key == "sumber data" and prev.sumber_data is None:
            prev.sumber_data = value


_UNITISH = re.compile(r"^[A-Za-z%][A-Za-z%./ ]{0,18}$")


def _typed_target_row(row: Row) -> tuple[str | None, str, str | None, str] | None:
    """Fragments → (sasaran, indikator, satuan, target) by type: the target is the last quantity."""
    frags = [f for f in row.texts if f]
    if frags and row.cells is not row.fragments and row.marker and frags[0].rstrip(".)") == row.marker:
        frags = frags[1:]
    idx = next((k for k in range(len(frags) - 1, -1, -1) if _is_target_text(frags[k])), None)
    if idx is None:
        return None
    target = frags[idx]
    before = frags[:idx]
    satuan = None
    if len(before) >= 2 and _UNITISH.match(before[-1]) and len(before[-1].split()) <= 2:
        satuan = before.pop()
    if not before:
        return None
    indikator = before[-1]
    sasaran = " ".join(before[:-1]) or None
    return sasaran, indikator, satuan, target


_MEASURE_WORDS = frozenset({"persentase", "prosentase", "presentase", "jumlah"})
NAME_NUMBERS = 4  # numbers a name may hold ('… Nomor 47 Tahun 2016 … Nomor 34 Tahun 2007' has four)


def _not_a_row(
    sasaran: str | None, indikator: str, satuan: str | None, target: str, q: Quantity | None, table: Table
) -> str | None:
    """Why a row whose cells were told apart by their type, not by the document's own cell
    boundaries, is no row of the table (None when nothing says so). Names never hold what a row's
    other columns or the header hold: a text read in an order that is not the table's (pdftotext's
    raw order, a repeated header) runs them together, and its 'target' is then any number nearby.
    ``q`` is ``target`` as parsed by the caller."""
    names = [t for t in (sasaran, indikator) if t]
    if not re.search(r"[A-Za-z]{3,}", indikator):
        return "nama indikator tanpa kata"
    if any(_FIELDS.search(t) for t in names):
        return "nama sasaran/indikator memuat isi kolom penjelasan (Formulasi, Tipe Perhitungan, Sumber data)"
    for t in names:
        tokens = t.split()
        values = sum(1 for w in tokens if looks_like_amount(w) or looks_like_percent(w))
        if values >= 2 or sum(1 for w in tokens if w[:1].isdigit()) > NAME_NUMBERS:
            return "nama sasaran/indikator memuat nilai beberapa baris (urutan teks bukan urutan tabel)"
    labels = {c.strip() for c in table.columns if c.strip().isupper() and len(c.strip()) >= 3}
    for t in [*names, satuan or ""]:
        if len({w for w in re.findall(r"[A-Z]{3,}", t) if w in labels}) >= 2:
            return "sel memuat kepala tabel (urutan teks bukan urutan tabel)"
    unit = fold(q.satuan or "").split() if q is not None else []
    if unit and unit[0] in _MEASURE_WORDS:
        return f"'{target.strip()}' adalah nomor dan awal nama indikator, bukan target"
    return None


def _is_target_text(text: str) -> bool:
    q = parse_quantity(text)
    return q is not None and (q.nilai is not None or q.predikat is not None) and len(text) <= 40


# --- budgets ------------------------------------------------------------------------------------

LEVELS = ("program", "kegiatan", "sub_kegiatan")


def _column_level(table: Table) -> str:
    labels = " ".join(fold(c) for c in table.columns)
    if "sub kegiatan" in labels and "kegiatan dan sub" not in labels:
        return "sub_kegiatan"
    if "kegiatan" in labels:
        return "kegiatan"
    return "program"


def _is_dana(text: str) -> bool:
    return fold(text) in SUMBER_DANA or text.strip() in {"-", "–"}


_INLINE_BUDGET = re.compile(
    r"^(?P<name>.+?)\s+(?P<amount>(?:Rp\.?\s*)?\d{1,3}(?:[.,]\d{3})+(?:,\d{2})?(?:,-|\.-)?)\s*(?P<dana>[A-Za-z]{2,12})?\s*$"
)


_AMOUNT_THEN_WORD = re.compile(r"^(?P<amount>(?:rp\.?\s*)?\d[\d.,]*(?:,-|\.-)?)\s+(?P<rest>[A-Za-z].*)$", re.IGNORECASE)


@dataclass
class BudgetCells:
    marker: str | None
    name: str | None
    amounts: list[str]
    percent: str | None
    dana: str | None
    unread: tuple[str, ...] = ()  # cells after the name in a value's place that are no value ('lo)': an OCR'd 0)


# a short cell with no word of three letters and a digit or a digit's look-alike: a value the
# reader could not read ('lo)' for '0', 'l0O'), never a name
_GARBLED_VALUE = re.compile(r"^(?!.*[A-Za-z]{3})(?=.*[0-9oOlI|])[^\s]{1,8}$")


def budget_cells(row: Row) -> BudgetCells:
    """Any budget row, aligned or not, read by the type of its cells."""
    cells = [c for c in (row.cells if row.cells else row.fragments)]
    marker = row.marker
    texts: list[str] = []
    amounts: list[str] = []
    unread: list[str] = []
    percent: str | None = None
    dana: str | None = None
    k = 0
    while k < len(cells):
        c = cells[k].strip()
        k += 1
        if not c or (marker and c.rstrip(".)") == marker and not texts and not amounts):
            continue
        if re.fullmatch(r"rp\.?", c, re.IGNORECASE) and k < len(cells):
            continue  # "Rp" in a cell of its own; the amount follows
        glued = _AMOUNT_THEN_WORD.match(c)
        if glued and looks_like_amount(glued["amount"]) and _is_dana(glued["rest"]):
            # '12.597.500.- APBD': an amount and its source of funds in one cell, the column cut
            # fell between 'Rp.' and its number (the PK Perubahan seed exported without rulings)
            amounts.append(glued["amount"])
            dana = glued["rest"].upper() if fold(glued["rest"]) in SUMBER_DANA else None
            continue
        rupiah = re.match(r"^\s*rp", c, re.IGNORECASE) is not None
        if looks_like_amount(c) or (rupiah and (parse_amount(c) is not None or implausible_amount(c))):
            amounts.append(c)  # an implausible "Rp 32.4" keeps its printed text; its value stays NULL
        elif looks_like_percent(c) or (amounts and parse_decimal(c) is not None and c.strip() != "0"):
            percent = c
        elif c.strip() == "0" and amounts:
            percent = c if len(amounts) >= 2 else None
            if len(amounts) < 2:
                amounts.append(c)
        elif c.strip() == "0":
            amounts.append(c)
        elif _is_dana(c) and (texts or amounts):
            dana = c.upper() if fold(c) in SUMBER_DANA else None
        elif texts and c not in {"-", "–"} and _GARBLED_VALUE.match(c):
            unread.append(c)
        else:
            texts.append(c)
    if not amounts and len(texts) == 1 and (m := _INLINE_BUDGET.match(texts[0])):
        texts = [m.group("name")]
        amounts = [m.group("amount")]
        if m.group("dana") and _is_dana(m.group("dana")):
            dana = m.group("dana").upper()
    name = None
    if texts:
        programish = [t for t in texts if re.match(r"^\s*(?:[\w]{1,4}[.)]\s*)?(program|kegiatan)\b", t, re.IGNORECASE)]
        name = programish[-1] if programish else texts[-1]
    inline_marker, clean_name = marker_of(name) if name else (None, None)
    return BudgetCells(marker or inline_marker, clean_name, amounts, percent, dana, tuple(unread))


def _marker_kind(marker: str | None) -> str | None:
    if not marker or marker == "-":
        return None
    if re.fullmatch(r"[IVX]+", marker) and len(marker) > 1:
        return "upper"
    if marker.isdigit():
        return "digit"
    if marker.isalpha() and len(marker) == 1:
        return "upper" if marker.isupper() else "lower"
    return None


# words of a program, kegiatan or sub kegiatan name: the longest read in the real documents has 34
# ('Pembinaan Wawasan Kebangsaan dan Ketahanan Nasional dalam rangka …', real-documents/001 and 002)
MAX_BUDGET_NAME_WORDS = 48
_SENTENCE_BREAK = re.compile(r"[a-z]{4,}\.\s+[A-Z][a-z]")  # '… efektif. Berikut …', not 'Kab. Banjar' or 'S.Sos'


def extract_budget(table: Table, ctx: Context, start: int, notes: list[Catatan]) -> list[Anggaran]:
    has_realisasi = table.col("realisasi", exclude=("%",)) is not None
    col_level = _column_level(table)
    # the budget's own heading decides its stage, not the agreement it is printed in
    heading = next((h for h in (table.caption, *table.columns) if evidence.stage_from_heading(h)), None)
    if heading is not None:
        ctx = Context(ctx.jenis_pk, ctx.unit_kerja, evidence.stage_from_heading(heading) or ctx.tahap, ctx.bagian)
    out: list[Anggaran] = []
    parents: dict[str, Anggaran] = {}
    style_level: dict[str, str] = {}
    for row in table.rows:
        bc = budget_cells(row)
        if bc.name is None and not bc.amounts:
            continue
        pagu_t = bc.amounts[0] if bc.amounts else None
        real_t = bc.amounts[1] if has_realisasi and len(bc.amounts) > 1 else None
        is_total = bc.name is None or bool(re.match(r"^(jumlah|total)\b", fold(bc.name))) or _spaced_total(bc.name)
        if is_total:
            out.append(
                _budget_row(
                    ctx, start + len(out), "total", "jumlah", bc.name or "Jumlah", None, pagu_t, real_t, bc, row.line_of(pagu_t)
                )
            )
            continue
        name = bc.name or ""
        if not bc.amounts and _SENTENCE_BREAK.search(name):
            # no amount, and a sentence ends inside the 'name': a paragraph beside the table, no row
            notes.append(Catatan(row.line, "info", f"baris tanpa nilai anggaran dilewati, teks paragraf: '{name[:80]} …'"))
            continue
        if len(name.split()) > MAX_BUDGET_NAME_WORDS:
            # the cells of several rows (or a paragraph) run together: its amounts are said, not
            # given to a name that is no program's
            amounts = ", ".join(f"'{a}'" for a in bc.amounts) or "-"
            notes.append(
                Catatan(
                    row.line,
                    "peringatan",
                    f"baris anggaran tidak dimuat: namanya {len(name.split())} kata, teks beberapa baris yang menyatu "
                    f"('{name[:60]} …'); nilai {amounts} periksa di dokumen aslinya",
                )
            )
            continue
        f = fold(name)
        kind = _marker_kind(bc.marker)
        if f.startswith("program") or kind == "upper":
            level = "program"
        elif f.startswith("kegiatan") or kind == "lower":
            level = "kegiatan"
        elif kind and kind in style_level:
            level = style_level[kind]  # a sibling numbered like the row that opened this level
        elif "kegiatan" in parents:
            level = "sub_kegiatan"
        elif "program" in parents:
            level = "kegiatan"
        else:
            level = col_level
        if kind:
            style_level[kind] = level
        if level == "program":
            parent = None
            parents.clear()
        elif level == "kegiatan":
            parent = parents.get("program")
            parents.pop("sub_kegiatan", None)
        else:
            parent = parents.get("kegiatan") or parents.get("program")
        rec = _budget_row(
            ctx,
            start + len(out),
            level,
            "baris",
            name,
            parent.urutan if parent else None,
            pagu_t,
            real_t,
            bc,
            row.line_of(pagu_t),
        )
        if pagu_t is not None and rec.pagu is None:
            notes.append(Catatan(row.line, "peringatan", f"nilai anggaran '{pagu_t}' tidak terbaca untuk '{name[:80]}'"))
        if bc.unread and not bc.amounts:
            cells = ", ".join(f"'{c}'" for c in bc.unread)
            notes.append(
                Catatan(
                    row.line,
                    "peringatan",
                    f"nilai anggaran {cells} untuk '{name[:80]}' bukan angka (hasil OCR atau salah cetak); "
                    "baris dimuat tanpa nilai, periksa dokumen aslinya",
                )
            )
        out.append(rec)
        parents[level] = rec
    _nest_by_sums(out)
    if heading is not None:
        for rec in out:
            rec.sumber_tahap = evidence.heading_source(heading)
    return out


def _spaced_total(name: str) -> bool:
    """'J U M L A H': a total row whose word is printed letter by letter."""
    return fold(name).replace(" ", "") in {"jumlah", "total", "jumlahtotal"} and " " in name.strip()


def _budget_row(
    ctx: Context,
    urutan: int,
    tingkat: str,
    peran: str,
    nama: str,
    induk: int | None,
    pagu_t: str | None,
    real_t: str | None,
    bc: BudgetCells,
    line: int,
) -> Anggaran:
    return Anggaran(
        urutan=urutan,
        jenis_pk=ctx.jenis_pk,
        bagian=ctx.bagian,
        unit_kerja=ctx.unit_kerja or UNIT_KECAMATAN,
        tahap=ctx.tahap,
        tingkat=tingkat,
        peran=peran,
        nama=" ".join(nama.split()).rstrip(" ."),
        induk_urutan=induk,
        pagu=parse_amount(pagu_t),
        pagu_teks=pagu_t,
        realisasi=parse_amount(real_t),
        realisasi_teks=real_t,
        persen_dilaporkan=parse_decimal(bc.percent) if bc.percent else None,
        persen_teks=bc.percent,
        sumber_dana=bc.dana,
        sumber_baris=line,
    )


def _nest_by_sums(rows: list[Anggaran]) -> None:
    """A flat list where one row's pagu is the sum of the rows after it: that row is their parent.

    'Kegiatan dan Sub Kegiatan' tables list a kegiatan and its sub kegiatan at one level; the sums
    say which is which. Only rows without a parent and of one level are considered.
    """
    flat = [r for r in rows if r.peran == "baris" and r.induk_urutan is None and r.pagu is not None]
    if len({r.tingkat for r in flat}) != 1 or len(flat) < 3:
        return
    for i, head in enumerate(flat):
        total = 0.0
        for j in range(i + 1, len(flat)):
            total += flat[j].pagu or 0.0
            if j - i >= 2 and head.pagu and abs(total - head.pagu) < 0.5:
                child_level = LEVELS[min(LEVELS.index(head.tingkat) + 1, 2)] if head.tingkat in LEVELS else "sub_kegiatan"
                for child in flat[i + 1 : j + 1]:
                    child.induk_urutan = head.urutan
                    child.tingkat = child_level
                return
            if head.pagu and total > head.pagu:
                break
