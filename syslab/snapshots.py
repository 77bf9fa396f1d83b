"""Recorded outputs: run a snippet the way CI and the browser do, compare with its recorded file, or rewrite it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from syslab.errors import display_path
from syslab.snippets import Snippet, SnippetLibrary

if TYPE_CHECKING:
    from syslab.postgres import PostgresRunner


def run_snippet(snippet: Snippet, library: SnippetLibrary, postgres: PostgresRunner | None = None) -> str:
    """Run the snippet (after its `after` chain) where CI runs it and return its output in recorded form:
    DuckDB or Python in this process, PostgreSQL snippets on `postgres` (required for those)."""
    before = [earlier.code for earlier in library.chain(snippet)]
    if snippet.engine == "postgresql":
        if postgres is None:
            raise RuntimeError(f"{snippet.name} runs on PostgreSQL: pass a PostgresRunner")
        return postgres.run(snippet.code, dataset=snippet.dataset, before=before).to_json()
    if snippet.lang == "sql":
        from syslab.runner.sql import run_sql

        return run_sql(snippet.code, dataset=snippet.dataset, before=before).to_json()
    from syslab.runner.python import run_python

    return run_python(snippet.code, before=before).text


def recorded(snippet: Snippet) -> str | None:
    """The recorded output, or None when the snippet has none yet."""
    path = snippet.output_path
    return path.read_text(encoding="utf-8") if path.exists() else None


def mismatch(snippet: Snippet, actual: str, engine: str) -> str | None:
    """None when `actual` equals the recorded output; otherwise a message that names file, line and the diff."""
    expected = recorded(snippet)
    where = f"{display_path(snippet.path)}:{_blame_line(snippet, actual)}"
    recorded_path = display_path(snippet.output_path)
    if expected is None:
        return f"{where}: no recorded output at {snippet.output_path.name}; run `make snapshots` and review the diff"
    if expected == actual:
        return None
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{recorded_path} (recorded)",
            tofile=f"{engine} output",
        )
    )
    return f"{where}: {engine} output differs from the recorded {snippet.output_path.name}\n{diff}"


def _blame_line(snippet: Snippet, actual: str) -> int:
    """The file line most likely at fault: the last snippet frame of a Python traceback, else the first code line."""
    lines = re.findall(r'File "<snippet>", line (\d+)', actual)
    return snippet.file_line(int(lines[-1])) if lines else snippet.file_line(1)


def write_snapshots(
    library: SnippetLibrary, names: Sequence[str] = (), postgres: PostgresRunner | None = None
) -> list[Snippet]:
    """Re-record the outputs of the named snippets (all when none are named); return those whose file changed."""
    changed = []
    for snippet in [library.get(name) for name in names] or list(library):
        text = run_snippet(snippet, library, postgres)
        if recorded(snippet) != text:
            snippet.output_path.write_text(text, encoding="utf-8")
            changed.append(snippet)
    return changed
