""" "Review my query": concrete problems in a SQL query, each with a one-line reason (the playground's checker).

`review(sql, schema)` parses DuckDB SQL with sqlglot and applies every rule in `RULES`. It runs in CI (CPython) and
in the playground (Pyodide, with the vendored sqlglot wheel). `schema` optionally maps table -> {column: nullable},
which lets the NOT IN rule stay quiet for columns declared NOT NULL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

Schema = dict[str, dict[str, bool]]
"""table name -> column name -> nullable"""

DEEP_OFFSET = 1000
"""An OFFSET at least this large is reported."""


@dataclass(frozen=True)
class Finding:
    """One problem: which rule found it, why it matters in one line, and the SQL fragment it is about."""

    rule: str
    message: str
    fragment: str

    def to_dict(self) -> dict[str, str]:
        """A plain dict (what the browser receives)."""
        return asdict(self)


def _sql(node: exp.Expression) -> str:
    text = node.sql(dialect="duckdb")
    return text if len(text) <= 80 else text[:77] + "..."


def select_star(tree: exp.Expression, schema: Schema) -> Iterator[Finding]:
    """`SELECT *` in the outermost query: fragile for consumers and it reads every column."""
    if isinstance(tree, exp.Select) and any(isinstance(e, exp.Star) for e in tree.expressions):
        yield Finding(
            "select-star",
            "SELECT * returns every column: name the columns you need, so schema changes cannot break callers and "
            "an index or column store can read less.",
            "SELECT *",
        )


def _nullable(column: exp.Column, subquery: exp.Select, schema: Schema) -> bool:
    tables = [t.name for t in subquery.find_all(exp.Table)]
    for table in tables:
        columns = schema.get(table)
        if columns and column.name in columns:
            return columns[column.name]
    return True


def not_in_nullable(tree: exp.Expression, schema: Schema) -> Iterator[Finding]:
    """`x NOT IN (SELECT col ...)`: a single NULL in col makes the predicate unknown for every row."""
    for not_node in tree.find_all(exp.Not):
        inner = not_node.this
        if isinstance(inner, exp.In) and inner.args.get("query") is not None:
            query = inner.args["query"]
            select = query.this if isinstance(query, exp.Subquery) else query
            if isinstance(select, exp.Select) and select.expressions:
                first = select.expressions[0]
                column = first.this if isinstance(first, exp.Alias) else first
                if isinstance(column, exp.Column) and not _nullable(column, select, schema):
                    continue
                yield Finding(
                    "not-in-nullable",
                    "NOT IN over a subquery returns no rows at all if the subquery yields a NULL; use NOT EXISTS "
                    "(or filter the NULLs out).",
                    _sql(not_node),
                )


_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Like, exp.ILike, exp.In, exp.Between)


def function_on_filtered_column(tree: exp.Expression, schema: Schema) -> Iterator[Finding]:
    """A filter that wraps the column in a function or cast cannot use an index on that column."""
    for where in tree.find_all(exp.Where):
        for comparison in where.find_all(*_COMPARISONS):
            side = comparison.this
            if isinstance(side, (exp.Func, exp.Cast)) and not isinstance(side, exp.AggFunc) and side.find(exp.Column):
                yield Finding(
                    "function-on-filtered-column",
                    "A function or cast around a filtered column hides it from an index (the predicate is not "
                    "sargable); compare the bare column, e.g. with a range of dates instead of year(date) = 2024.",
                    _sql(comparison),
                )


def _tables_in(node: exp.Expression) -> set[str]:
    return {column.table for column in node.find_all(exp.Column) if column.table}


def implicit_cross_join(tree: exp.Expression, schema: Schema) -> Iterator[Finding]:
    """`FROM a, b` with no condition linking a and b is a cross join: rows multiply."""
    for select in tree.find_all(exp.Select):
        from_ = select.args.get("from_")
        if from_ is None:
            continue
        for join in select.args.get("joins") or []:
            explicit = join.args.get("kind") or join.args.get("side") or join.args.get("on") or join.args.get("using")
            if explicit or isinstance(join.this, (exp.Unnest, exp.Lateral)) or join.args.get("method"):
                continue
            left = from_.this.alias_or_name
            right = join.this.alias_or_name
            where = select.args.get("where")
            linked = where is not None and any({left, right} <= _tables_in(eq) for eq in where.find_all(exp.EQ))
            if not linked:
                yield Finding(
                    "implicit-cross-join",
                    f"FROM {left}, {right} has no condition linking the two tables, so every row of one is paired "
                    "with every row of the other; write an explicit JOIN ... ON.",
                    f"{left}, {right}",
                )


def unfiltered_write(tree: exp.Expression, schema: Schema) -> Iterator[Finding]:
    """DELETE or UPDATE without WHERE changes every row of the table."""
    if isinstance(tree, (exp.Delete, exp.Update)) and tree.args.get("where") is None:
        verb = "DELETE" if isinstance(tree, exp.Delete) else "UPDATE"
        yield Finding(
            "write-without-where",
            f"{verb} without WHERE changes every row of the table; add the condition, or say so explicitly.",
            _sql(tree),
        )


def deep_offset(tree: exp.Expression, schema: Schema) -> Iterator[Finding]:
    """A large OFFSET reads and throws away every skipped row on every page."""
    for offset in tree.find_all(exp.Offset):
        value = offset.expression
        if isinstance(value, exp.Literal) and value.is_int and int(value.this) >= DEEP_OFFSET:
            yield Finding(
                "deep-offset",
                f"OFFSET {value.this} makes the database produce and discard {value.this} rows for this page; "
                "paginate by key instead (WHERE id > last_seen_id ORDER BY id LIMIT n).",
                _sql(offset),
            )


def correlated_subquery(tree: exp.Expression, schema: Schema) -> Iterator[Finding]:
    """A scalar subquery in the SELECT list that refers to the outer row runs once per row."""
    for select in tree.find_all(exp.Select):
        outer = {source.alias_or_name for source in _sources(select)}
        for expression in select.expressions:
            for subquery in expression.find_all(exp.Subquery):
                inner_select = subquery.this
                if not isinstance(inner_select, exp.Select):
                    continue
                inner = {source.alias_or_name for source in _sources(inner_select)}
                referenced = _tables_in(inner_select) - inner
                if referenced & outer:
                    yield Finding(
                        "correlated-subquery",
                        "This subquery refers to the outer row, so it runs once per row; a JOIN with GROUP BY, or a "
                        "window function, usually computes the same in one pass.",
                        _sql(subquery),
                    )


def _sources(select: exp.Select) -> list[exp.Expression]:
    sources = []
    from_ = select.args.get("from_")
    if from_ is not None:
        sources.append(from_.this)
    sources.extend(join.this for join in select.args.get("joins") or [])
    return sources


RULES: dict[str, Callable[[exp.Expression, Schema], Iterator[Finding]]] = {
    "select-star": select_star,
    "not-in-nullable": not_in_nullable,
    "function-on-filtered-column": function_on_filtered_column,
    "implicit-cross-join": implicit_cross_join,
    "write-without-where": unfiltered_write,
    "deep-offset": deep_offset,
    "correlated-subquery": correlated_subquery,
}
"""Every rule, by id. Each yields findings for one parsed statement."""


def review(sql: str, schema: Schema | None = None) -> list[Finding]:
    """Findings for every statement of `sql`; a query that does not parse gives one `parse-error` finding."""
    try:
        trees = [tree for tree in sqlglot.parse(sql, read="duckdb") if tree is not None]
    except SqlglotError as error:
        return [Finding("parse-error", f"sqlglot could not parse this: {str(error).splitlines()[0]}", "")]
    findings: list[Finding] = []
    for tree in trees:
        for rule in RULES.values():
            findings.extend(rule(tree, schema or {}))
    return findings


def review_json(sql: str, schema: Schema | None = None) -> list[dict[str, str]]:
    """`review` as plain dicts, for the browser."""
    return [finding.to_dict() for finding in review(sql, schema)]
