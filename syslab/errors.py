"""The one error type for bad content files: it always names the file (and the line when known)."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file (snippet, dataset, page fence) is invalid.

    The message reads `path:line: what is wrong`, so a failing build or test points at the exact place.
    """

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = display_path(Path(path))
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it (shorter, clickable in terminals)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
