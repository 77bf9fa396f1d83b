"""Splitting SQL text into statements, the same way the browser does (`splitStatements` in sql-engine.mjs).

One algorithm for every engine: it respects single-quoted strings, double-quoted identifiers, dollar-quoted bodies
(`$$ ... $$`, `$tag$ ... $tag$`, as PL/pgSQL functions use), line comments and block comments, and drops statements
that hold only whitespace and comments. `tests/test_sqltext.py` holds the Python and JavaScript versions to the same
cases.
"""

from __future__ import annotations

import re

_DOLLAR_TAG = re.compile(r"\$[A-Za-z_]*\$")
_LEADING_NOISE = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.S)


def _skip_quoted(code: str, i: int, quote: str) -> int:
    j = i + 1
    while j < len(code):
        if code[j] == quote:
            if j + 1 < len(code) and code[j + 1] == quote:
                j += 2
                continue
            return j + 1
        j += 1
    return len(code)


def strip_leading_noise(statement: str) -> str:
    """The statement without leading whitespace and comments."""
    return _LEADING_NOISE.sub("", statement, count=1)


def split_statements(code: str) -> list[str]:
    """The statements of `code`, each without its terminating semicolon; empty statements are dropped."""
    statements = []
    start = i = 0
    n = len(code)
    while i < n:
        c = code[i]
        if c in ("'", '"'):
            i = _skip_quoted(code, i, c)
        elif c == "-" and code.startswith("--", i):
            end = code.find("\n", i)
            i = n if end < 0 else end + 1
        elif c == "/" and code.startswith("/*", i):
            end = code.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c == "$":
            tag = _DOLLAR_TAG.match(code, i)
            if tag:
                end = code.find(tag.group(0), i + len(tag.group(0)))
                i = n if end < 0 else end + len(tag.group(0))
            else:
                i += 1
        elif c == ";":
            statements.append(code[start:i])
            i += 1
            start = i
        else:
            i += 1
    statements.append(code[start:])
    return [s for s in statements if strip_leading_noise(s).strip()]
