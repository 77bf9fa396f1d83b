"""Every snippet, run on the browser's engines (DuckDB-WASM, Pyodide) under Node, must reproduce the same recorded
output as on CPython: a snippet that needs an extension the browser lacks fails here, not in a reader's browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from syslab.runner import sql
from syslab.runner.sql import SqlResult
from syslab.snapshots import mismatch
from syslab.snippets import SnippetLibrary

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = SnippetLibrary(ROOT / "snippets")
ENGINE_JS = (ROOT / "docs/assets/javascripts/sql-engine.mjs").read_text()


def _as_recorded(lang: str, result: dict) -> str:
    if lang == "python":
        return result["text"]
    if "error" in result:
        return SqlResult(error=result["error"]).to_json()
    return SqlResult(columns=result["columns"], rows=result["rows"], row_count=result["row_count"]).to_json()


@pytest.mark.parametrize("name", sorted(s.name for s in LIBRARY if s.runs_in_browser))
def test_wasm_engine_matches_recorded_output(name: str, library: SnippetLibrary, wasm: dict) -> None:
    snippet = library.get(name)
    engine = "DuckDB-WASM" if snippet.lang == "sql" else "Pyodide"
    problem = mismatch(snippet, _as_recorded(snippet.lang, wasm["results"][name]), engine=engine)
    if problem:
        pytest.fail(problem, pytrace=False)


def _js_constant(name: str) -> str:
    match = re.search(rf"export const {name} = (.+?);\n", ENGINE_JS)
    assert match, f"sql-engine.mjs no longer defines {name}"
    return match.group(1)


def test_js_and_python_wrap_the_same_statements() -> None:
    keywords = re.findall(r'"([^"]+)"', _js_constant("ROW_RETURNING"))
    assert tuple(keywords) == sql.ROW_RETURNING


def test_js_and_python_keep_the_same_number_of_rows() -> None:
    assert int(_js_constant("MAX_ROWS")) == sql.MAX_ROWS


def test_js_and_python_use_the_same_lab_database() -> None:
    assert _js_constant("LAB_DATABASE") == f'"{sql.LAB_DATABASE}"'


def test_simulator_gives_the_same_trace_in_pyodide(wasm: dict) -> None:
    """The same seed gives the same run, byte for byte, in CPython and in the browser's Pyodide."""
    from syslab.runner.python import run_python
    from tests.conftest import SIM_DETERMINISM

    cpython = run_python(SIM_DETERMINISM).text
    assert "Traceback" not in cpython, cpython
    assert wasm["results"]["sim:determinism"]["text"] == cpython
