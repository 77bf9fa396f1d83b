"""Unit tests of the CPython runners: what the reader sees for results, errors, truncation and output order."""

from __future__ import annotations

import json

from syslab.runner.python import run_python
from syslab.runner.sql import MAX_ROWS, SqlResult, clean_error, first_keyword, run_sql


def test_sql_values_are_rendered_by_the_engine() -> None:
    result = run_sql("SELECT 0.1 + 0.2 AS d, 2::HUGEINT ** 70 AS big, NULL AS n, [1, 2] AS l")
    assert result.columns == ["d", "big", "n", "l"]
    assert result.rows == [["0.3", "1.1805916207174113e+21", None, "[1, 2]"]]


def test_sql_keeps_the_order_of_the_query() -> None:
    result = run_sql("SELECT range AS i FROM range(5) ORDER BY i DESC")
    assert [row[0] for row in result.rows] == ["4", "3", "2", "1", "0"]


def test_sql_truncates_long_results_but_counts_every_row() -> None:
    result = run_sql("SELECT range FROM range(1234)")
    assert len(result.rows) == MAX_ROWS
    assert result.row_count == 1234


def test_sql_errors_are_results_not_exceptions() -> None:
    result = run_sql("SELECT * FROM no_such_table")
    assert result.error is not None and result.error.startswith("Catalog Error: Table with name no_such_table")


def test_sql_shows_only_the_last_statement() -> None:
    result = run_sql("CREATE TABLE t (a INT); INSERT INTO t VALUES (1), (2); SELECT sum(a) AS s FROM t")
    assert result.rows == [["3"]]


def test_sql_statement_without_rows() -> None:
    result = run_sql("CREATE TABLE t (a INT)")
    assert result.error is None and result.rows == []


def test_sql_runs_after_its_chain_in_a_fresh_database() -> None:
    assert run_sql("SELECT count(*) FROM t", before=["CREATE TABLE t AS SELECT 1 AS a"]).rows == [["1"]]
    assert run_sql("SELECT count(*) FROM t").error is not None  # nothing leaks from the previous run


def test_first_keyword_skips_comments() -> None:
    assert first_keyword("  -- note\n /* block */ with x AS (SELECT 1) SELECT * FROM x") == "WITH"
    assert first_keyword("(SELECT 1)") == "("
    assert first_keyword("insert into t values (1)") == "INSERT"


def test_clean_error_drops_prefix_and_repeated_context() -> None:
    raw = 'Error: Parser Error: syntax error at or near "selec"\n\nLINE 1: selec 1\n^\n\nLINE 1: selec 1\n^'
    assert clean_error(raw) == 'Parser Error: syntax error at or near "selec"\n\nLINE 1: selec 1\n^'


def test_recorded_sql_form_round_trips() -> None:
    result = SqlResult(columns=["a", "b"], rows=[["1", None], ["<x>", "é"]], row_count=2)
    text = result.to_json()
    assert SqlResult.from_json(text) == result
    assert '\n    ["1", null],\n    ["<x>", "é"]\n' in text  # one row per line: diffs read row by row
    assert json.loads(SqlResult(error="boom").to_json()) == {"error": "boom"}


def test_python_interleaves_stdout_and_stderr() -> None:
    run = run_python("import sys\nprint('a')\nprint('b', file=sys.stderr)\nprint('c')\n")
    assert run.output == "a\nb\nc\n" and run.error is None


def test_python_exception_lists_only_the_snippet_frames() -> None:
    run = run_python("import json\nprint('before')\njson.loads('{')\n")
    assert run.output == "before\n"
    assert run.error.splitlines() == [
        "Traceback (most recent call last):",
        '  File "<snippet>", line 3, in <module>',
        "    json.loads('{')",
        "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
    ]


def test_python_syntax_error_is_reported_with_its_line() -> None:
    assert run_python("x = 1\nif x\n").error.endswith("SyntaxError: expected ':' (line 2)\n")


def test_python_streams_output_as_it_is_written() -> None:
    seen: list[tuple[str, str]] = []
    run_python(
        "print('x')\nimport sys\nsys.stderr.write('y')\n", write=lambda stream, text: seen.append((stream, text))
    )
    assert seen == [("stdout", "x"), ("stdout", "\n"), ("stderr", "y")]


def test_python_input_ends_at_once_and_exit_zero_is_not_an_error() -> None:
    assert "EOFError" in run_python("input('name? ')").error
    assert run_python("import sys\nprint('bye')\nsys.exit(0)").text == "bye\n"
    assert "SystemExit: 3" in run_python("raise SystemExit(3)").error


def test_python_chain_shares_the_namespace_but_not_the_output() -> None:
    run = run_python("print(total * 2)", before=["total = 21\nprint('setup output is hidden')"])
    assert run.text == "42\n"
