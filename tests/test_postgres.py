"""Dialect parity: the PostgreSQL version of every DuckDB snippet and SQL answer (the one the page shows) runs on a
real PostgreSQL server and must give DuckDB's result. A snippet or question whose translation cannot match sets a
`dialect_note`, and its page shows that note instead of SQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from syslab.dialects import to_dialect
from syslab.grading import GRADE_MAX_ROWS, compare_results
from syslab.questions import load_bank
from syslab.runner.sql import SqlResult, run_sql
from syslab.snippets import SnippetLibrary

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = SnippetLibrary(ROOT / "snippets")
SNIPPETS = sorted(s.name for s in LIBRARY if s.lang == "sql" and s.runs_in_browser and not s.dialect_note)
QUESTIONS = [q for q in load_bank(ROOT / "questions") if q.type == "sql" and not q.dialect_note]
BOOLEANS = {"t": "true", "f": "false"}


def _ordered(code: str) -> bool:
    """True when the last statement sorts its result at the top level (then row order is part of the result)."""
    try:
        last = sqlglot.parse(code, read="duckdb")[-1]
    except sqlglot.errors.SqlglotError:
        return False
    return last is not None and last.args.get("order") is not None


MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00(?:\+00)?$")


def _normalise(result: SqlResult) -> SqlResult:
    """PostgreSQL's text as DuckDB writes the same values: booleans t/f, and date_trunc's midnight timestamps
    (PostgreSQL truncates a date to a timestamp, DuckDB to a date)."""

    def value(text: str | None) -> str | None:
        if text is None:
            return None
        text = BOOLEANS.get(text, text)
        midnight = MIDNIGHT.match(text)
        return midnight.group(1) if midnight else text

    rows = [[value(text) for text in row] for row in result.rows]
    return SqlResult(columns=result.columns, rows=rows, row_count=result.row_count, error=result.error)


def _explain(kind: str, name: str, translated: str, verdict_message: str) -> str:
    return (
        f"{kind} {name}: the PostgreSQL version shown on the page gives a different result.\n{verdict_message}\n"
        f"PostgreSQL version:\n{translated}\nFix the DuckDB SQL so that it translates faithfully, or add a "
        "`dialect_note` saying why the PostgreSQL version is not shown."
    )


@pytest.mark.parametrize("name", SNIPPETS)
def test_snippet_gives_the_same_result_on_postgresql(name: str, postgres) -> None:
    snippet = LIBRARY.get(name)
    chain = [earlier.code for earlier in LIBRARY.chain(snippet)]
    try:
        translated = [to_dialect(code, "postgres") for code in [*chain, snippet.code]]
    except sqlglot.errors.SqlglotError:
        pytest.skip("no translation: the page shows a note instead")  # counted as dialect-specific
    expected = run_sql(snippet.code, dataset=snippet.dataset, before=chain)
    got = _normalise(postgres.run(translated[-1], dataset=snippet.dataset, before=translated[:-1]))
    if expected.error is not None:
        assert got.error is not None, f"{name}: DuckDB fails ({expected.error}) but PostgreSQL does not"
        return
    verdict = compare_results(expected, got, order_matters=_ordered(snippet.code))
    assert verdict.passed, _explain("snippet", name, translated[-1], verdict.message)


@pytest.mark.parametrize("qid", [q.id for q in QUESTIONS])
def test_sql_answer_gives_the_same_result_on_postgresql(qid: str, postgres) -> None:
    question = next(q for q in QUESTIONS if q.id == qid)
    try:
        translated = to_dialect(question.answer, "postgres")
    except sqlglot.errors.SqlglotError:
        pytest.skip("no translation: the page shows a note instead")
    expected = run_sql(question.answer, dataset=question.dataset, max_rows=GRADE_MAX_ROWS)
    got = _normalise(postgres.query(translated, question.dataset, max_rows=GRADE_MAX_ROWS))
    verdict = compare_results(expected, got, order_matters=question.order_matters)
    assert verdict.passed, _explain("question", str(question.path), translated, verdict.message)


def test_ordered_detection() -> None:
    assert _ordered("SELECT 1 AS a ORDER BY a")
    assert not _ordered("SELECT * FROM (SELECT 1 AS a ORDER BY a)")
    assert isinstance(sqlglot.parse_one("SELECT 1", read="duckdb"), exp.Select)
