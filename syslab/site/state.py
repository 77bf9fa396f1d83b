"""Build-time state shared by the hooks and the fence formatter (the formatter has no access to the config)."""

from __future__ import annotations

from pathlib import Path

from syslab.questions import Question, Taxonomy, load_bank, load_taxonomy
from syslab.snippets import SnippetLibrary

_library: SnippetLibrary | None = None
_questions: list[Question] = []
_taxonomy: Taxonomy | None = None
_used: set[str] = set()
_page: str = "?"
_counters: dict[str, int] = {}


def load(snippets_root: Path) -> SnippetLibrary:
    """Read and validate every snippet; called once per build."""
    global _library
    _library = SnippetLibrary(snippets_root)
    _used.clear()
    return _library


def library() -> SnippetLibrary:
    """The snippets of the current build."""
    if _library is None:
        raise RuntimeError("syslab.site.hooks is not registered in mkdocs.yml (hooks: - syslab/site/hooks.py)")
    return _library


def set_page(path: str) -> None:
    """Remember which page is rendering, for error messages; restarts the page's element counters."""
    global _page
    _page = path
    _counters.clear()


def next_id(kind: str) -> int:
    """A number unique within the page being rendered, for element ids (tab groups)."""
    _counters[kind] = _counters.get(kind, 0) + 1
    return _counters[kind]


def current_page() -> str:
    """The docs-relative path of the page being rendered."""
    return _page


def mark_used(name: str) -> None:
    """Record that a page includes this snippet."""
    _used.add(name)


def unused() -> list[str]:
    """Snippets no page has included so far in this build."""
    return sorted(set(library().snippets) - _used)


def load_questions(root: Path, docs: Path) -> list[Question]:
    """Read and validate the question bank; called once per build."""
    global _questions, _taxonomy
    _taxonomy = load_taxonomy(root)
    _questions = load_bank(root, docs=docs)
    return _questions


def questions() -> list[Question]:
    """The questions of the current build."""
    return _questions


def taxonomy() -> Taxonomy:
    """The tracks and topics of the current build."""
    if _taxonomy is None:
        raise RuntimeError("the question bank has not been loaded (syslab.site.hooks.on_config)")
    return _taxonomy


def question(qid: str) -> Question:
    """One question by id (KeyError when unknown)."""
    for candidate in _questions:
        if candidate.id == qid:
            return candidate
    raise KeyError(qid)
