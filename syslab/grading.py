"""Grading: SQL answers by result set, Python answers by tests. The same code runs in CI and in the browser.

`grade(question, answer_text)` is the stable entry point (tests, including outside ones, call it). SQL grading runs
the reader's query and the reference answer on the question's dataset and on a second copy generated with another
seed, and compares them with `compare_results`. The browser does the same steps in JavaScript
(`docs/assets/javascripts/grading.mjs`), comparing against reference results computed at build time; the shared
cases in `tests/grading_cases.json` hold both comparators to identical verdicts and messages.

Python grading (`grade_python`) uses only the standard library: the browser's Pyodide worker imports this module
from the syslab wheel and calls it unchanged.
"""

from __future__ import annotations

import ast
import math
import re
import traceback
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from syslab.runner.python import SNIPPET_FILENAME, format_exception

if TYPE_CHECKING:
    from syslab.questions import Question
    from syslab.runner.sql import SqlResult

GRADE_MAX_ROWS = 1000
"""Rows the SQL grader compares at most."""

SAMPLE_ROWS = 3
"""Missing or unexpected rows quoted in a verdict."""

SECOND_SEED = 1
"""The seed of the dataset copy that the page never shows."""

_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")

PASS_SQL = "Correct: your result matches on the dataset shown and on a second, differently generated copy."
SECOND_COPY = (
    "Your query is right on the dataset shown on this page, but not on a second copy generated with different "
    "values, so it depends on those particular values rather than on the logic the question asks for. "
    "On the second copy: "
)


@dataclass(frozen=True)
class Verdict:
    """The outcome of grading one answer."""

    passed: bool
    message: str
    """What is right or wrong, in plain words."""


def _value_key(value: str | None) -> Any:
    """Equal keys for values a reader would call equal: numbers to 9 significant digits, anything else as text."""
    if value is None or not _NUMBER.match(value):
        return value
    number = float(value)
    return float(f"{number:.9g}") if math.isfinite(number) else value


def _render(row: Sequence[str | None]) -> str:
    return "(" + ", ".join("NULL" if value is None else value for value in row) + ")"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _first_rows(keys: list[tuple], rows: list[list[str | None]]) -> dict[tuple, list[str | None]]:
    """Each key's first row (rows with equal keys can differ in text, e.g. `1.50` and `1.5`)."""
    first: dict[tuple, list[str | None]] = {}
    for key, row in zip(keys, rows, strict=True):
        first.setdefault(key, row)
    return first


def _sample(counter: Counter, rows: dict, label: str) -> str:
    """`Missing: (1, a); (2, b) (2 times) and 4 more.`: the first distinct rows, with repeat counts."""
    entries = list(counter.items())[:SAMPLE_ROWS]
    shown = [_render(rows[key]) + (f" ({count} times)" if count > 1 else "") for key, count in entries]
    remaining = sum(counter.values()) - sum(count for _, count in entries)
    return f" {label}: {'; '.join(shown)}{f' and {remaining} more' if remaining else ''}."


def compare_results(expected: SqlResult, actual: SqlResult, order_matters: bool, second_copy: bool = False) -> Verdict:
    """Compare the reader's result with the reference result.

    Rows are compared as a multiset (as a sequence when `order_matters`), the column count must match, column names
    are ignored, and numbers are equal when they agree to 9 significant digits. `second_copy` marks the comparison on
    the hidden dataset copy, which changes how a failure is explained.
    """
    message = _difference(expected, actual, order_matters)
    if message is None:
        return Verdict(True, PASS_SQL)
    if second_copy:
        message = SECOND_COPY + message[0].lower() + message[1:]
    return Verdict(False, message)


def _difference(expected: SqlResult, actual: SqlResult, order_matters: bool) -> str | None:
    if actual.error is not None:
        return f"Your query failed: {actual.error}"
    if not actual.columns:
        return "Your query returned no rows or columns; end it with the SELECT whose result answers the question."
    if len(actual.columns) != len(expected.columns):
        return (
            f"Your result has {_plural(len(actual.columns), 'column')}; the expected result has "
            f"{len(expected.columns)}. Column names do not matter, but the number and order of columns do."
        )
    if actual.row_count > len(actual.rows):
        return (
            f"Your query returns {_plural(actual.row_count, 'row')}, more than the grader compares "
            f"({GRADE_MAX_ROWS}); the expected result has {_plural(expected.row_count, 'row')}."
        )
    expected_keys = [tuple(_value_key(v) for v in row) for row in expected.rows]
    actual_keys = [tuple(_value_key(v) for v in row) for row in actual.rows]
    missing = Counter(expected_keys) - Counter(actual_keys)
    extra = Counter(actual_keys) - Counter(expected_keys)
    if missing or extra:
        if len(actual_keys) != len(expected_keys):
            text = (
                f"Your query returns {_plural(len(actual_keys), 'row')}; the expected result has {len(expected_keys)}."
            )
        else:
            text = f"Your query returns the right number of rows ({len(expected_keys)}), but not the right rows."
        if missing:
            text += _sample(missing, _first_rows(expected_keys, expected.rows), "Missing")
        if extra:
            text += _sample(extra, _first_rows(actual_keys, actual.rows), "Unexpected")
        return text
    if order_matters and expected_keys != actual_keys:
        index = next(i for i, (e, a) in enumerate(zip(expected_keys, actual_keys, strict=True)) if e != a)
        return (
            f"The rows are right but not in the order the question asks for: row {index + 1} should be "
            f"{_render(expected.rows[index])} but is {_render(actual.rows[index])}."
        )
    return None


def grade_sql(question: Question, answer_text: str) -> Verdict:
    """Grade a SQL answer on the question's dataset, then on the hidden second copy."""
    from syslab.runner.sql import run_sql

    if not answer_text.strip():
        return Verdict(False, "Write a query first.")
    for seed in (0, SECOND_SEED):
        expected = run_sql(question.answer, dataset=question.dataset, seed=seed, max_rows=GRADE_MAX_ROWS)
        if expected.error is not None:
            raise RuntimeError(f"{question.path}: the reference answer fails on seed {seed}: {expected.error}")
        actual = run_sql(answer_text, dataset=question.dataset, seed=seed, max_rows=GRADE_MAX_ROWS)
        verdict = compare_results(expected, actual, question.order_matters, second_copy=seed != 0)
        if not verdict.passed:
            return verdict
    return Verdict(True, PASS_SQL)


def _test_names(source: str) -> list[str]:
    tree = ast.parse(source)
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]


def _failure(error: BaseException, source: str, filename: str) -> str:
    """Why a test failed: the assertion's message or its line, or the exception and where it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    test_lines = [frame.lineno for frame in frames if frame.filename == filename]
    code_lines = [frame.lineno for frame in frames if frame.filename == SNIPPET_FILENAME]
    lines = source.splitlines()
    if isinstance(error, AssertionError):
        if str(error):
            return f"AssertionError: {error}"
        if test_lines and 0 < test_lines[-1] <= len(lines):
            return f"`{lines[test_lines[-1] - 1].strip()}` is false"
        return "an assertion failed"
    where = f" (your code, line {code_lines[-1]})" if code_lines else ""
    return f"{type(error).__name__}: {error}{where}" if str(error) else f"{type(error).__name__}{where}"


def _run_tests(source: str, filename: str, namespace: dict) -> tuple[list[str], str | None]:
    """Run the test functions of `source` in `namespace`; return (names, first failure or None)."""
    try:
        exec(compile(source, filename, "exec"), namespace)
    except Exception as error:
        return [], f"the tests could not load: {type(error).__name__}: {error}"
    names = _test_names(source)
    for name in names:
        try:
            namespace[name]()
        except Exception as error:
            return names, f"{name} failed: {_failure(error, source, filename)}"
    return names, None


def grade_python(code: str, tests: str, hidden_tests: str) -> Verdict:
    """Run the reader's code, then the public tests, then the hidden tests, all in one fresh namespace."""
    if not code.strip():
        return Verdict(False, "Write some code first.")
    namespace: dict = {"__name__": "__main__", "__builtins__": __builtins__}
    try:
        exec(compile(code, SNIPPET_FILENAME, "exec"), namespace)
    except Exception as error:
        return Verdict(False, "Your code raised an error before any test ran:\n" + format_exception(error, code))
    public, failure = _run_tests(tests, "<tests>", namespace)
    if failure:
        return Verdict(False, f"Public test {failure}")
    hidden, failure = _run_tests(hidden_tests, "<hidden tests>", namespace)
    if failure:
        return Verdict(False, f"All {_plural(len(public), 'public test')} pass, but hidden test {failure}")
    return Verdict(True, f"All {_plural(len(public), 'public test')} and {_plural(len(hidden), 'hidden test')} pass.")


def grade(question: Question, answer_text: str) -> Verdict:
    """Grade an answer to a sql or python question (the other types are self-graded or checked in the page)."""
    if question.type == "sql":
        return grade_sql(question, answer_text)
    if question.type == "python":
        return grade_python(answer_text, question.tests, question.hidden_tests)
    raise ValueError(f"{question.id}: {question.type} questions are not graded automatically")
