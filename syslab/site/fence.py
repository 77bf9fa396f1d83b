"""The `run` fence: a Markdown code fence whose body names a snippet file, rendered as a runnable block.

A page writes a fence whose language is `run` and whose only line is the snippet's path relative to `snippets/`
(for example `site/how-it-works/01-types.sql`). Registered in mkdocs.yml under
`pymdownx.superfences.custom_fences`. Errors raise `SuperFencesException`, which
fails the build with a message naming the page's snippet path (an ordinary exception would be swallowed and the
fence rendered as plain text).
"""

from __future__ import annotations

from typing import Any

from pymdownx.superfences import SuperFencesException

from syslab.errors import ContentError
from syslab.site import state
from syslab.site.blocks import render_block
from syslab.site.playground import render_playground
from syslab.site.question_blocks import render_question, render_question_list
from syslab.site.simblock import render_sim


def format_run(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    """Superfences formatter: the fence body is a snippet path relative to `snippets/`."""
    name = source.strip()
    try:
        library = state.library()
        if not name or "\n" in name:
            raise ContentError(
                state.current_page(), f"a `run` fence must contain exactly one snippet path, got {source!r}"
            )
        snippet = library.get(name)
        state.mark_used(snippet.name)
        return render_block(snippet, library.chain(snippet))
    except ContentError as error:
        raise SuperFencesException(f"{state.current_page()}: {error}") from error


def format_question(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    """Superfences formatter: the fence body is a question id; renders the whole interactive question."""
    qid = source.strip()
    try:
        question = state.question(qid)
    except KeyError:
        raise SuperFencesException(f"{state.current_page()}: a `question` fence names no question {qid!r}") from None
    return render_question(question, state.current_page())


def format_question_list(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    """Superfences formatter: lists the questions whose `lesson` is the current page (the fence body is empty)."""
    page = state.current_page().removeprefix("docs/")
    questions = [q for q in state.questions() if q.lesson == page]
    if not questions:
        raise SuperFencesException(f"docs/{page}: a `questions` fence, but no question names this page as its lesson")
    return render_question_list(questions, state.current_page())


def format_playground(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    """Superfences formatter: the SQL playground (the fence body may name the default dataset)."""
    return render_playground(source.strip() or "ecommerce")


def format_sim(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    """Superfences formatter: an interactive simulator diagram (the fence body is a YAML scenario)."""
    try:
        return render_sim(source)
    except (ValueError, TypeError) as error:
        raise SuperFencesException(f"{state.current_page()}: `sim` fence: {error}") from error
