"""Every snippet, run where CI runs it (SQL on the pinned duckdb, Python on CPython, PostgreSQL snippets on a
temporary PostgreSQL server), must reproduce its recorded output."""

from __future__ import annotations

from pathlib import Path

import pytest

from syslab.snapshots import mismatch, run_snippet
from syslab.snippets import SnippetLibrary

LIBRARY = SnippetLibrary(Path(__file__).resolve().parent.parent / "snippets")


@pytest.mark.parametrize("name", sorted(LIBRARY.snippets))
def test_snippet_matches_recorded_output(name: str, library: SnippetLibrary, request: pytest.FixtureRequest) -> None:
    snippet = library.get(name)
    if snippet.engine == "postgresql":
        postgres = request.getfixturevalue("postgres")
        problem = mismatch(snippet, run_snippet(snippet, library, postgres), engine="PostgreSQL")
        if problem:
            pytest.fail(problem, pytrace=False)
        return
    problem = mismatch(snippet, run_snippet(snippet, library), engine="CPython")
    if problem:
        pytest.fail(problem, pytrace=False)
