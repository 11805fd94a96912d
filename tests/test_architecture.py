"""The rules of the road that a reviewer would otherwise check by eye (STYLE.md):
data flows etl → DuckDB ← queries ← dashboard; SQL lives in queries/*.sql; the dashboard opens the
database read-only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# what the dashboard may use from etl: domain rules, the number formatter, paths, the blank data-entry
# template and the document workflow's store (accounts, upload, verification: issue 15)
DASHBOARD_MAY_IMPORT = {"etl.rules", "etl.format", "etl.paths", "etl.template", "etl.alur"}
SQL_LITERAL = re.compile(r"\b(select|insert|update|delete|create)\b.+\b(from|into|table|view|set)\b", re.IGNORECASE | re.DOTALL)


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


@pytest.mark.parametrize("path", modules("etl"), ids=lambda p: str(p.relative_to(ROOT)))
def test_etl_never_imports_the_dashboard_side(path: Path) -> None:
    bad = {m for m in imports(path) if m.split(".")[0] in {"streamlit", "dashboard", "queries", "altair", "plotly"}}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", modules("queries") + modules("dashboard"), ids=lambda p: str(p.relative_to(ROOT)))
def test_dashboard_and_queries_never_parse_documents(path: Path) -> None:
    found = {m for m in imports(path) if m == "etl" or m.startswith("etl.")}
    bad = {m for m in found if not any(m == ok or m.startswith(ok + ".") for ok in DASHBOARD_MAY_IMPORT)}
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", modules("dashboard"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_is_built_in_dashboard_code(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and not _is_docstring(tree, node):
            assert not SQL_LITERAL.search(node.value), f"{path.name}:{node.lineno} holds SQL; move it to queries/*.sql"
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "connect":
            assert any(k.arg == "read_only" for k in node.keywords), f"{path.name}:{node.lineno} opens a database writable"


def _is_docstring(tree: ast.AST, node: ast.Constant) -> bool:
    for parent in ast.walk(tree):
        body = getattr(parent, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and body[0].value is node:
            return True
    return False


def test_queries_are_files_with_bound_parameters() -> None:
    for sql in sorted((ROOT / "queries").glob("*.sql")):
        text = sql.read_text(encoding="utf-8")
        assert "{" not in text and "%s" not in text, f"{sql.name}: parameters must be bound as $name"
