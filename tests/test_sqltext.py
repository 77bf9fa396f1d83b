"""The SQL statement splitter: the Python and JavaScript versions agree on every case."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from syslab.sqltext import split_statements

ROOT = Path(__file__).resolve().parent.parent
CASES = {
    "two statements": ("SELECT 1; SELECT 2", ["SELECT 1", " SELECT 2"]),
    "semicolon in a string": ("SELECT 'a;b'; SELECT 2;", ["SELECT 'a;b'", " SELECT 2"]),
    "doubled quote": ("SELECT 'it''s; fine'", ["SELECT 'it''s; fine'"]),
    "quoted identifier": ('SELECT 1 AS "x;y"; SELECT 3', ['SELECT 1 AS "x;y"', " SELECT 3"]),
    "line comment": ("SELECT 1; -- a; b\nSELECT 2", ["SELECT 1", " -- a; b\nSELECT 2"]),
    "block comment": ("SELECT /* ; */ 1;", ["SELECT /* ; */ 1"]),
    "trailing comment only": ("SELECT 1; -- done\n", ["SELECT 1"]),
    "dollar body": (
        "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; SELECT f()",
        ["CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql", " SELECT f()"],
    ),
    "tagged dollar body": (
        "DO $body$ BEGIN PERFORM 1; END $body$; SELECT 1",
        ["DO $body$ BEGIN PERFORM 1; END $body$", " SELECT 1"],
    ),
    "dollar parameter is not a quote": (
        "PREPARE p AS SELECT $1; EXECUTE p(2)",
        ["PREPARE p AS SELECT $1", " EXECUTE p(2)"],
    ),
    "empty": ("  ;; -- nothing\n", []),
}


@pytest.mark.parametrize("name", CASES)
def test_python_splitter(name: str) -> None:
    code, expected = CASES[name]
    assert split_statements(code) == expected


def test_javascript_splitter_agrees() -> None:
    script = (
        "import { splitStatements } from './docs/assets/javascripts/sql-engine.mjs';"
        "const cases = JSON.parse(process.argv[1]);"
        "const split = Object.entries(cases).map(([k, v]) => [k, splitStatements(v)]);"
        "console.log(JSON.stringify(Object.fromEntries(split)));"
    )
    inputs = {name: code for name, (code, _) in CASES.items()}
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script, json.dumps(inputs)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {name: expected for name, (_, expected) in CASES.items()}
