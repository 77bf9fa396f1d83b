"""Snippets: the runnable examples under `snippets/`, each with its recorded output beside it.

A snippet is a `.sql` or `.py` file. It starts with an optional header of comment lines (`-- key: value` in SQL,
`# key: value` in Python) and then the code. Header keys:

- `title` (required): one line shown above the block.
- `dataset` (SQL only): the sample database the code runs against, e.g. `ecommerce`.
- `after`: the path (relative to `snippets/`) of a snippet that runs first, in the same database or namespace.
  Chains let a page build state step by step (create, insert, query) while every block stays reproducible alone.
- `timeout`: seconds before the browser's watchdog stops the run (default 10).

The recorded output is `<name>.out.json` for SQL (columns, rows, row count, or an error) and `<name>.out.txt`
for Python (stdout and stderr in order, then the exception if one escaped). `make snapshots` rewrites them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from syslab.errors import ContentError

LANGUAGES = {".sql": "sql", ".py": "python"}
"""File suffix to runtime name."""

OUTPUT_SUFFIX = {"sql": ".out.json", "python": ".out.txt"}
"""Runtime name to the suffix of the recorded-output file."""

HEADER_KEYS = ("title", "dataset", "after", "timeout", "engine", "dialect_note")
"""Keys a snippet header may set."""

DEFAULT_TIMEOUT_S = 10
"""Watchdog timeout in seconds when a snippet does not set one."""

ENGINES = ("duckdb", "postgresql")
"""Where a SQL snippet runs: DuckDB (browser and CI) or PostgreSQL (CI only)."""

_HEADER_LINE = {
    "sql": re.compile(r"^--\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$"),
    "python": re.compile(r"^#\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$"),
}


@dataclass(frozen=True)
class Snippet:
    """One snippet file: its metadata, its code without the header, and where its recorded output lives."""

    path: Path
    """Absolute path of the file."""
    name: str
    """Path relative to the snippets root, with forward slashes: the id pages and tests use."""
    lang: str
    """`sql` or `python`."""
    title: str
    code: str
    """The code a reader sees and runs: the file minus its header."""
    header_lines: int
    """How many lines the header takes, so a line in `code` maps to line `n + header_lines` in the file."""
    dataset: str | None = None
    after: str | None = None
    timeout: int = DEFAULT_TIMEOUT_S
    engine: str = "duckdb"
    """`duckdb` or `postgresql` (SQL); `python` snippets always run on Python."""
    dialect_note: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def runs_in_browser(self) -> bool:
        """False for PostgreSQL-only snippets, whose output is recorded in CI."""
        return self.engine != "postgresql"

    @property
    def output_path(self) -> Path:
        """The recorded-output file beside the snippet."""
        return self.path.with_name(self.path.name.rsplit(".", 1)[0] + OUTPUT_SUFFIX[self.lang])

    def file_line(self, code_line: int) -> int:
        """Map a line number in `code` to the line number in the file."""
        return code_line + self.header_lines


def parse_snippet(path: Path, root: Path) -> Snippet:
    """Read and validate one snippet file.

    Raises `ContentError` naming the file and line for an unknown suffix, an unknown or repeated header key,
    a missing title, a non-integer timeout, a dataset on a Python snippet, or empty code.
    """
    lang = LANGUAGES.get(path.suffix)
    if lang is None:
        raise ContentError(path, f"unknown snippet type {path.suffix!r} (expected one of {sorted(LANGUAGES)})")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    meta: dict[str, str] = {}
    count = 0
    for number, line in enumerate(lines, start=1):
        match = _HEADER_LINE[lang].match(line)
        if not match:
            break
        key, value = match.group(1).lower(), match.group(2)
        if key not in HEADER_KEYS:
            raise ContentError(path, f"unknown header key {key!r} (known: {', '.join(HEADER_KEYS)})", number)
        if key in meta:
            raise ContentError(path, f"header key {key!r} is set twice", number)
        meta[key] = value
        count = number
    code = "\n".join(lines[count:]).strip("\n") + "\n"
    if not code.strip():
        raise ContentError(path, "the snippet has no code after its header")
    if not meta.get("title"):
        raise ContentError(path, "the header needs a `title` line", 1)
    if lang == "python":
        for key in ("dataset", "engine", "dialect_note"):
            if key in meta:
                raise ContentError(path, f"`{key}` applies to SQL snippets only")
    engine = meta.get("engine", "duckdb" if lang == "sql" else "python")
    if lang == "sql" and engine not in ENGINES:
        raise ContentError(path, f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    timeout = meta.get("timeout", str(DEFAULT_TIMEOUT_S))
    if not timeout.isdigit() or not 1 <= int(timeout) <= 300:
        raise ContentError(path, f"timeout must be a whole number of seconds from 1 to 300, not {timeout!r}")
    # Leading blank lines between header and code are dropped: count them so line numbers still map.
    blank = 0
    for line in lines[count:]:
        if line.strip():
            break
        blank += 1
    return Snippet(
        path=path,
        name=path.relative_to(root).as_posix(),
        lang=lang,
        title=meta["title"],
        code=code,
        header_lines=count + blank,
        dataset=meta.get("dataset"),
        after=meta.get("after"),
        timeout=int(timeout),
        engine=engine,
        dialect_note=meta.get("dialect_note"),
        meta=meta,
    )


class SnippetLibrary:
    """All snippets under one root, validated together (datasets exist, `after` chains resolve, no cycles)."""

    def __init__(self, root: Path | str, datasets: set[str] | None = None) -> None:
        from syslab.datasets import dataset_names

        self.root = Path(root).resolve()
        self.snippets: dict[str, Snippet] = {}
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path.suffix in LANGUAGES:
                snippet = parse_snippet(path, self.root)
                self.snippets[snippet.name] = snippet
        known = dataset_names() if datasets is None else datasets
        for snippet in self.snippets.values():
            if snippet.dataset is not None and snippet.dataset not in known:
                raise ContentError(
                    snippet.path, f"unknown dataset {snippet.dataset!r} (known: {', '.join(sorted(known))})"
                )
            self.chain(snippet)  # validates `after`

    def __iter__(self):
        return iter(self.snippets.values())

    def __len__(self) -> int:
        return len(self.snippets)

    def get(self, name: str) -> Snippet:
        """The snippet with this name, or a `ContentError` that lists where it was looked for."""
        try:
            return self.snippets[name]
        except KeyError:
            raise ContentError(self.root / name, "no such snippet") from None

    def chain(self, snippet: Snippet) -> list[Snippet]:
        """The snippets that must run before this one, oldest first (empty when it has no `after`)."""
        chain: list[Snippet] = []
        seen = {snippet.name}
        current = snippet
        while current.after:
            parent = self.snippets.get(current.after)
            if parent is None:
                raise ContentError(current.path, f"`after: {current.after}` names no snippet under {self.root.name}/")
            if parent.name in seen:
                raise ContentError(current.path, f"`after` chain loops back to {parent.name}")
            if parent.lang != snippet.lang:
                raise ContentError(current.path, f"`after: {parent.name}` is {parent.lang}, not {current.lang}")
            if parent.engine != snippet.engine:
                engines = f"runs on {parent.engine}, not {snippet.engine}"
                raise ContentError(current.path, f"`after: {parent.name}` {engines}")
            if parent.dataset != snippet.dataset:
                raise ContentError(
                    current.path, f"`after: {parent.name}` uses dataset {parent.dataset!r}, not {snippet.dataset!r}"
                )
            seen.add(parent.name)
            chain.append(parent)
            current = parent
        return chain[::-1]
