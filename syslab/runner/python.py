"""Run Python snippets and capture what they print, identically in CPython and in Pyodide.

This module uses only the standard library: the browser's Python worker imports it from the syslab wheel, so the
reader's Run and CI's check execute the same function. Output is stdout and stderr interleaved in the order they
were written; an exception that escapes the snippet is appended as a short traceback that lists only the
snippet's own frames (library frames differ between CPython and Pyodide, so they are left out).
"""

from __future__ import annotations

import contextlib
import io
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SNIPPET_FILENAME = "<snippet>"
"""The file name tracebacks show for the reader's code."""

Writer = Callable[[str, str], None]
"""`write(stream, text)`: called as the snippet writes, with stream `stdout` or `stderr`."""


class _Stream(io.TextIOBase):
    """A text stream that appends to a shared log and forwards each write to an optional callback."""

    def __init__(self, name: str, log: list[str], callback: Writer | None) -> None:
        self.name = name
        self._log = log
        self._callback = callback

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self._log.append(text)
            if self._callback is not None:
                self._callback(self.name, text)
        return len(text)


@dataclass
class PythonRun:
    """What a Python run produced."""

    output: str
    """stdout and stderr, interleaved in write order."""
    error: str | None = None
    """The formatted exception (see `format_exception`), or None when the code finished."""

    @property
    def text(self) -> str:
        """The recorded-output form: the output, then the error on a fresh line."""
        if self.error is None:
            return self.output
        separator = "" if not self.output or self.output.endswith("\n") else "\n"
        return self.output + separator + self.error


def format_exception(error: BaseException, code: str) -> str:
    """A traceback of the snippet's own frames (with their source lines from `code`) plus `Type: message`.

    Library frames are left out and no carets are drawn, so the text is the same in every Python version.
    """
    source = code.splitlines()
    lines = ["Traceback (most recent call last):"]
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == SNIPPET_FILENAME:
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.lineno and 0 < frame.lineno <= len(source) and source[frame.lineno - 1].strip():
                lines.append(f"    {source[frame.lineno - 1].strip()}")
    message = str(error)
    if isinstance(error, SyntaxError):
        message = f"{error.msg} (line {error.lineno})"
    lines.append(f"{type(error).__name__}: {message}" if message else type(error).__name__)
    return "\n".join(lines) + "\n"


def _execute(code: str, namespace: dict, log: list[str], write: Writer | None) -> str | None:
    """Run `code` in `namespace`, capturing output into `log`; return the formatted error, if any."""
    stdout, stderr = _Stream("stdout", log, write), _Stream("stderr", log, write)
    try:
        compiled = compile(code, SNIPPET_FILENAME, "exec")
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            exec(compiled, namespace)
    except SystemExit as error:
        if error.code not in (None, 0):
            return format_exception(error, code)
    except BaseException as error:
        return format_exception(error, code)
    finally:
        stdout.flush()
        stderr.flush()
    return None


def run_python(code: str, before: Sequence[str] = (), write: Writer | None = None) -> PythonRun:
    """Run `code` in a fresh `__main__` namespace after the `before` codes (the `after` chain, output discarded).

    `write` receives output as it is produced (the browser streams it); the full output is also returned.
    """
    namespace: dict = {"__name__": "__main__", "__builtins__": __builtins__}
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO("")  # input() ends at once instead of waiting for a reader who cannot type
    try:
        for earlier in before:
            error = _execute(earlier, namespace, [], None)
            if error is not None:
                return PythonRun(output="", error="An earlier snippet in this chain failed:\n" + error)
        log: list[str] = []
        error = _execute(code, namespace, log, write)
        return PythonRun(output="".join(log), error=error)
    finally:
        sys.stdin = saved_stdin
