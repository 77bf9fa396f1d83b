"""Run SQL snippets on DuckDB (CPython) and describe the result the way the browser shows it.

The browser runs the same steps on DuckDB-WASM (`docs/assets/javascripts/sql-engine.mjs`); the parity tests
compare both against the recorded outputs. The steps:

1. a fresh `lab` database, with the dataset copied in when the snippet names one (the browser loads each dataset
   once into a template database and copies it per run; CPython does the same, so both see the same catalog);
2. the statements of every snippet in the `after` chain, results discarded;
3. the snippet's statements in order; only the last statement's result is shown.

If the last statement returns rows (it starts with one of `ROW_RETURNING`), it runs wrapped as
`SELECT COLUMNS(*)::VARCHAR FROM (<statement>)`, so every DuckDB type (DECIMAL, HUGEINT, dates, intervals, lists,
structs, maps) is rendered as text by the engine itself, identically in both builds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from syslab.sqltext import split_statements, strip_leading_noise

MAX_ROWS = 100
"""Rows kept for display; `row_count` still counts them all."""

ROW_RETURNING = ("SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "SHOW", "SUMMARIZE", "PIVOT", "UNPIVOT", "(")
"""First keywords of statements whose result is fetched as text through the VARCHAR wrapper."""

LAB_DATABASE = "lab"
"""The database every run happens in."""


def first_keyword(statement: str) -> str:
    """The statement's first keyword in upper case, skipping whitespace and comments (`(` counts as a keyword)."""
    rest = strip_leading_noise(statement)
    if rest.startswith("("):
        return "("
    match = re.match(r"[A-Za-z_]+", rest)
    return match.group(0).upper() if match else ""


def wrap_as_text(statement: str) -> str:
    """The statement wrapped so that the engine renders every value as text and keeps row order."""
    return f"SELECT COLUMNS(*)::VARCHAR FROM (\n{statement.strip().rstrip(';')}\n)"


def clean_error(message: str) -> str:
    """An engine error as the reader sees it: no generic `Error: ` prefix, no repeated paragraph.

    DuckDB-WASM repeats the `LINE 1: ...` context of a parser error; CPython's duckdb does not.
    """
    message = message.strip()
    if message.startswith("Error: "):
        message = message[len("Error: ") :]
    paragraphs: list[str] = []
    for paragraph in message.split("\n\n"):
        if not paragraphs or paragraphs[-1] != paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


@dataclass
class SqlResult:
    """The shown result of a SQL run: a table of text values, or an error."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    """At most `MAX_ROWS` rows; NULL is `None`."""
    row_count: int = 0
    """Rows the statement returned in total."""
    error: str | None = None

    def to_json(self) -> str:
        """The recorded-output form: stable JSON with one row per line, so diffs read row by row."""
        if self.error is not None:
            return json.dumps({"error": self.error}, ensure_ascii=False, indent=2) + "\n"
        columns = json.dumps(self.columns, ensure_ascii=False)
        rows = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in self.rows)
        rows_block = f"[\n{rows}\n  ]" if self.rows else "[]"
        return f'{{\n  "columns": {columns},\n  "rows": {rows_block},\n  "row_count": {self.row_count}\n}}\n'

    @classmethod
    def from_json(cls, text: str) -> SqlResult:
        """Parse a recorded output (the inverse of `to_json`)."""
        data = json.loads(text)
        if "error" in data:
            return cls(error=data["error"])
        return cls(columns=data["columns"], rows=data["rows"], row_count=data["row_count"])


def template_name(dataset: str, seed: int) -> str:
    """Name of the template database that holds one copy of a dataset."""
    return f"ds_{dataset}_{seed}"


def template_statements(dataset: str, seed: int) -> list[str]:
    """Statements that load a dataset into its template database."""
    from syslab.datasets import dataset_sql, seed_statement

    name = template_name(dataset, seed)
    return [f"ATTACH ':memory:' AS {name}", f"USE {name}", seed_statement(seed), dataset_sql(dataset), "USE memory"]


def lab_statements(dataset: str | None, seed: int) -> list[str]:
    """Statements that give a run its fresh lab database, with the dataset copied in when there is one."""
    statements = ["USE memory", f"DETACH DATABASE IF EXISTS {LAB_DATABASE}", f"ATTACH ':memory:' AS {LAB_DATABASE}"]
    if dataset:
        statements.append(f"COPY FROM DATABASE {template_name(dataset, seed)} TO {LAB_DATABASE}")
    statements.append(f"USE {LAB_DATABASE}")
    return statements


def _fetch(con, statement: str, max_rows: int) -> SqlResult:
    if first_keyword(statement) in ROW_RETURNING:
        cursor = con.execute(wrap_as_text(statement))
        convert = None
    else:
        cursor = con.execute(statement)
        convert = str
    if cursor.description is None:
        return SqlResult()
    columns = [column[0] for column in cursor.description]
    rows: list[list[str | None]] = []
    count = 0
    while batch := cursor.fetchmany(1024):
        count += len(batch)
        for row in batch[: max(0, max_rows - len(rows))]:
            rows.append([None if v is None else (convert(v) if convert else v) for v in row])
    return SqlResult(columns=columns, rows=rows, row_count=count)


class _Engine:
    """One DuckDB instance per process, as the browser has one per page: each dataset copy is loaded once into its
    template database, and every run gets a new connection (so temporary objects never leak) and a fresh `lab`."""

    def __init__(self) -> None:
        import duckdb

        # One thread, as in DuckDB-WASM: parallel aggregation adds floating-point numbers in a varying order, which
        # would make DOUBLE results differ in their last digits between runs and between the two engines.
        self.base = duckdb.connect(config={"threads": 1})
        self.loaded: set[tuple[str, int]] = set()

    def connection(self, dataset: str | None, seed: int):
        """A new connection whose current database is a fresh `lab`, with the dataset copied in."""
        if dataset and (dataset, seed) not in self.loaded:
            for statement in template_statements(dataset, seed):
                self.base.execute(statement)
            self.loaded.add((dataset, seed))
        con = self.base.cursor()
        for statement in lab_statements(dataset, seed):
            con.execute(statement)
        return con


_engine: _Engine | None = None


def run_sql(
    code: str, dataset: str | None = None, before: Sequence[str] = (), seed: int = 0, max_rows: int = MAX_ROWS
) -> SqlResult:
    """Run `code` as the browser does and return what the reader sees.

    `dataset` is loaded first (with `seed`), then each text in `before` (the `after` chain), then `code`.
    At most `max_rows` rows are kept (graders keep more than the display does).
    Engine errors come back as `SqlResult.error`, never as exceptions.
    """
    import duckdb

    global _engine
    if _engine is None:
        _engine = _Engine()
    con = _engine.connection(dataset, seed)
    try:
        for earlier in before:
            for statement in split_statements(earlier):
                con.execute(statement)
        statements = split_statements(code)
        if not statements:
            return SqlResult(error="There is no SQL statement to run.")
        for statement in statements[:-1]:
            con.execute(statement)
        return _fetch(con, statements[-1], max_rows)
    except duckdb.Error as error:
        return SqlResult(error=clean_error(str(error)))
    finally:
        con.close()
