"""The PostgreSQL and MySQL versions of DuckDB SQL, translated by sqlglot at build time.

Every SQL snippet and SQL answer shows them under its DuckDB code. A translation is only shown when it keeps the
meaning: when sqlglot cannot translate a construct, or the author says why it would mislead (`dialect_note` in a
snippet's header or a question's front matter), the tab shows a note instead of SQL. CI runs each PostgreSQL
translation on a real PostgreSQL server and requires DuckDB's result (tests/test_postgres.py); the MySQL versions
are sqlglot's output, not run in CI, and say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError

DIALECTS = (("postgres", "PostgreSQL"), ("mysql", "MySQL 8"))
"""sqlglot dialect name and the tab's label, in tab order."""


@dataclass(frozen=True)
class Translation:
    """One dialect's version of a piece of DuckDB SQL: the SQL, or a note saying why there is none."""

    dialect: str
    label: str
    sql: str | None
    note: str | None = None


def _caveats(code: str) -> list[str]:
    """Known meaning changes that a syntactically valid translation still has."""
    notes = []
    try:
        trees = sqlglot.parse(code, read="duckdb")
    except SqlglotError:
        return notes
    for tree in trees:
        if tree is not None and tree.find(exp.Qualify) is not None:
            notes.append(
                "QUALIFY has no equivalent here: the translation filters in a subquery, and the outer query no "
                "longer has the ORDER BY, so add one if the order matters."
            )
            break
    return notes


_MYSQL_LACKS = (
    (exp.Filter, "aggregate FILTER (WHERE ...) clauses (use SUM(CASE WHEN ... END))"),
    (exp.Cube, "GROUP BY CUBE"),
    (exp.Rollup, "GROUP BY ROLLUP (...) (it writes GROUP BY ... WITH ROLLUP)"),
    (exp.GroupingSets, "GROUPING SETS"),
    (exp.Returning, "RETURNING"),
    (exp.OnConflict, "INSERT ... ON CONFLICT (MySQL has ON DUPLICATE KEY UPDATE)"),
    (exp.Merge, "MERGE"),
    (exp.Qualify, "QUALIFY"),
)
"""Constructs MySQL 8 does not have, which sqlglot passes through unchanged: such a tab shows a note instead."""


def _mysql_gap(code: str) -> str | None:
    """Why a MySQL translation of `code` would not run, or None."""
    try:
        trees = [tree for tree in sqlglot.parse(code, read="duckdb") if tree is not None]
    except SqlglotError:
        return None
    for tree in trees:
        for node_type, name in _MYSQL_LACKS:
            if tree.find(node_type) is not None:
                return f"MySQL 8 has no {name}, so there is no direct MySQL version of this query."
        for join in tree.find_all(exp.Join):
            if join.side == "FULL":
                return "MySQL 8 has no FULL OUTER JOIN (emulate it with a LEFT JOIN UNION a RIGHT JOIN)."
        if isinstance(tree, exp.Create) and tree.kind == "TYPE":
            return "MySQL 8 has no CREATE TYPE; an ENUM is declared on the column itself."
    return None


def _round_numeric(node: exp.Expression) -> exp.Expression:
    """PostgreSQL has round(numeric, int) but no round(double precision, int): round a numeric copy instead
    (both round half away from zero, so the values agree)."""
    if isinstance(node, exp.Round) and node.args.get("decimals") is not None:
        value = node.this
        if not (isinstance(value, exp.Cast) and value.to.is_type("decimal")):
            node.set("this", exp.Cast(this=value, to=exp.DataType.build("NUMERIC")))
    return node


def _postgres_functions(node: exp.Expression) -> exp.Expression:
    """DuckDB date functions that sqlglot passes through by name, rewritten with PostgreSQL's equivalents."""
    if isinstance(node, exp.DateFromParts):
        parts = [node.args.get(key) for key in ("year", "month", "day")]
        return exp.Anonymous(this="MAKE_DATE", expressions=parts)
    if isinstance(node, exp.Dayname):
        return exp.Trim(this=exp.Anonymous(this="TO_CHAR", expressions=[node.this, exp.Literal.string("FMDay")]))
    if isinstance(node, exp.Quarter):
        return exp.Extract(this=exp.var("QUARTER"), expression=node.this)
    return node


def _alias_subqueries(tree: exp.Expression) -> exp.Expression:
    """PostgreSQL before 16 requires an alias on every subquery in FROM and JOIN; DuckDB does not."""
    for number, subquery in enumerate(tree.find_all(exp.Subquery), start=1):
        if isinstance(subquery.parent, (exp.From, exp.Join)) and not subquery.alias:
            subquery.set("alias", exp.TableAlias(this=exp.to_identifier(f"_sub{number}")))
    return tree


_FIXES = {"postgres": [_round_numeric, _postgres_functions]}
_TREE_FIXES = {"postgres": [_alias_subqueries]}
"""Rewrites applied after parsing, per target dialect, where sqlglot's output would not run or would mean less."""


def to_dialect(code: str, dialect: str) -> str:
    """DuckDB SQL translated to `dialect`; raises `SqlglotError` (e.g. UnsupportedError) when it cannot be."""
    statements = []
    for tree in sqlglot.parse(code, read="duckdb"):
        if tree is None:
            continue
        for fix in _FIXES.get(dialect, []):
            tree = tree.transform(fix)
        for tree_fix in _TREE_FIXES.get(dialect, []):
            tree = tree_fix(tree)
        statements.append(tree.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE, pretty=True))
    return ";\n\n".join(statements) + ";\n"


def translate(code: str, dialect_note: str | None = None) -> list[Translation]:
    """The PostgreSQL and MySQL tabs of a DuckDB snippet or answer."""
    translations = []
    for dialect, label in DIALECTS:
        if dialect_note:
            translations.append(Translation(dialect, label, None, dialect_note))
            continue
        gap = _mysql_gap(code) if dialect == "mysql" else None
        if gap:
            translations.append(Translation(dialect, label, None, gap))
            continue
        try:
            sql = to_dialect(code, dialect)
        except SqlglotError as error:
            reason = str(error).splitlines()[0]
            translations.append(Translation(dialect, label, None, f"No faithful translation: {reason}."))
            continue
        notes = _caveats(code)
        if dialect == "mysql":
            notes.append("Translated by sqlglot; CI does not run MySQL, so check it before relying on it.")
        translations.append(Translation(dialect, label, sql, " ".join(notes) or None))
    return translations


def translate_json(code: str) -> list[dict]:
    """`translate` as plain dicts, for the browser (the playground's dialect view)."""
    return [{"dialect": t.dialect, "label": t.label, "sql": t.sql, "note": t.note} for t in translate(code)]
