"""HTML of a question: prompt, the interactive part for its type, hints, answer, explanation, follow-ups, sources.

The `question` fence renders one question (the generated question pages use it, and a lesson can embed a question
the same way); the `questions` fence lists the questions that name the current page as their lesson.

DOM contract (extends the runnable block's, see CONTRIBUTING.md): every question root has `data-question-id` and
`data-question-type`; a gradable block (sql, python, choice) has a Check button `data-run-action="check"` and, once
checked, `data-run-verdict="pass|fail"`.
"""

from __future__ import annotations

import posixpath
from html import escape

import markdown

from syslab.grading import GRADE_MAX_ROWS, SECOND_SEED
from syslab.questions import Question
from syslab.runner.sql import run_sql
from syslab.site.blocks import LABELS, editor_block, highlight_code, json_for_script, render_dialects

MARKDOWN_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
]
"""The Markdown the sections of a question may use (the site's set, without the custom fences)."""

TYPE_LABELS = {"sql": "SQL", "python": "Python", "concept": "Concept", "design": "System design", "choice": "Choice"}
SRS_GRADES = (("again", "Again"), ("hard", "Hard"), ("good", "Good"), ("easy", "Easy"))


_converter: markdown.Markdown | None = None


def markdown_html(text: str) -> str:
    """Render a question's Markdown section to HTML.

    One converter is reused and reset between calls (building one costs more than converting a section).
    """
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    return _converter.reset().convert(text)


def page_url(src_uri: str) -> str:
    """The URL path (relative to the site root) of a docs page, with directory URLs: `a/b.md` -> `a/b/`."""
    path = src_uri.removeprefix("docs/")
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path.removesuffix(".md") + "/"


def relative_url(target: str, from_page: str) -> str:
    """A link from the page at URL path `from_page` to the site path `target` (both relative to the root)."""
    return posixpath.relpath(target or ".", from_page or ".") + ("/" if target.endswith("/") else "")


def expected_results(question: Question) -> list[dict]:
    """The reference answer's results on the shown dataset and on the hidden copy, for the browser's grader."""
    results = []
    for seed in (0, SECOND_SEED):
        result = run_sql(question.answer, dataset=question.dataset, seed=seed, max_rows=GRADE_MAX_ROWS)
        if result.error is not None:
            raise RuntimeError(f"{question.path}: the reference answer fails on seed {seed}: {result.error}")
        results.append({"columns": result.columns, "rows": result.rows, "row_count": result.row_count})
    return results


def _meta(question: Question) -> str:
    items = [question.level, question.difficulty, TYPE_LABELS[question.type]]
    if question.dataset:
        items.append(f"dataset: {question.dataset}")
    if question.type == "sql":
        items.append("row order matters" if question.order_matters else "row order does not matter")
    chips = "".join(f'<span class="sl-chip">{escape(item)}</span>' for item in items)
    chips += "".join(f'<span class="sl-chip sl-chip--tag">{escape(tag)}</span>' for tag in question.tags)
    chips += "".join(f'<span class="sl-chip sl-chip--aws">{escape(service)}</span>' for service in question.aws)
    return f'<div class="sl-question__meta">{chips}</div>'


def _details(summary: str, html: str, css: str, open_: bool = False, searchable: bool = True) -> str:
    """A collapsible block; `css` starts with a Material admonition type (tip, success, info, example).
    Answers are kept out of the search index (`searchable=False`), so a search does not reveal them."""
    attrs = (" open" if open_ else "") + ("" if searchable else " data-search-exclude")
    return f'<details class="{css}"{attrs}><summary>{escape(summary)}</summary>{html}</details>'


def _code_html(code: str, lang: str) -> str:
    return f'<div class="highlight"><pre><code class="language-{lang}">{highlight_code(code, lang)}</code></pre></div>'


def _gradable(question: Question) -> str:
    """The editor with Run and Check for sql and python questions."""
    attrs = {"data-question-id": question.id, "data-question-type": question.type, "data-timeout": "10"}
    if question.type == "sql":
        attrs["data-dataset"] = question.dataset or ""
        grading = {"order_matters": question.order_matters, "expected": expected_results(question)}
        starter = question.starter or "-- Write your query here\n"
        hint = "Run shows your query's result; Check compares it with the reference answer."
    else:
        grading = {"tests": question.tests, "hidden_tests": question.hidden_tests}
        starter = question.starter
        hint = "Run executes your code; Check runs the tests below, then hidden ones."
    data = f'<script type="application/json" class="sl-question__grading">{json_for_script(grading)}</script>'
    return editor_block(
        lang=question.type,
        code=starter,
        title="Your answer",
        tags=[LABELS[question.type]] + ([f"dataset: {question.dataset}"] if question.dataset else []),
        attrs=attrs,
        output_html=f'<p class="sl-out__note">{escape(hint)}</p>',
        source={"before": []},
        actions=("run", "check", "stop", "reset", "copy"),
        extra_html=f'<div class="sl-verdict" role="status" aria-live="polite"></div>{data}',
    )


def _choice(question: Question) -> str:
    multiple = sum(option.correct for option in question.options) > 1
    kind = "checkbox" if multiple else "radio"
    items = []
    for index, option in enumerate(question.options):
        items.append(
            f'<li class="sl-choice__option"><label><input type="{kind}" name="q-{escape(question.id)}" '
            f'value="{index}"> <span>{_inline(option.text)}</span></label>'
            f'<div class="sl-choice__why" hidden data-search-exclude>{_inline(option.why)}</div></li>'
        )
    correct = [index for index, option in enumerate(question.options) if option.correct]
    instruction = "Choose every correct option." if multiple else "Choose one option."
    return (
        f'<form class="sl-choice" data-question-id="{escape(question.id)}" data-question-type="choice" '
        f'data-correct="{escape(json_for_script(correct))}">'
        f'<p class="sl-choice__instruction">{instruction}</p><ol class="sl-choice__options">{"".join(items)}</ol>'
        '<div class="sl-choice__bar"><button type="button" class="sl-run__btn sl-run__btn--run" '
        'data-run-action="check">Check</button><span class="sl-verdict" role="status" aria-live="polite"></span>'
        "</div></form>"
    )


def _inline(text: str) -> str:
    html = markdown_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def _self_check(question: Question) -> str:
    rubric = "".join(
        f'<li><label><input type="checkbox" value="{index}"> <span>{_inline(point)}</span></label></li>'
        for index, point in enumerate(question.rubric)
    )
    return (
        f'<div class="sl-selfcheck" data-question-id="{escape(question.id)}" data-question-type="{question.type}">'
        f'<label class="sl-selfcheck__label" for="answer-{escape(question.id)}">Your answer, in your own words '
        "(kept in this browser only)</label>"
        f'<textarea id="answer-{escape(question.id)}" rows="8" spellcheck="true"></textarea>'
        f'<details class="question sl-selfcheck__rubric"><summary>Score yourself against the rubric</summary>'
        f"<p>Tick each point your answer covers, then save. The model answer is below.</p>"
        f'<ul class="sl-rubric">{rubric}</ul>'
        '<button type="button" class="sl-run__btn sl-run__btn--run" data-run-action="score">Save my score</button>'
        '<span class="sl-verdict" role="status" aria-live="polite"></span></details></div>'
    )


def _review_bar(question: Question) -> str:
    buttons = "".join(
        f'<button type="button" class="sl-run__btn" data-review-grade="{grade}">{label}</button>'
        for grade, label in SRS_GRADES
    )
    return (
        f'<div class="sl-review-bar" data-question-id="{escape(question.id)}" hidden>'
        f'<span>How well did you know this? </span>{buttons}<span class="sl-review-bar__next" aria-live="polite">'
        "</span></div>"
    )


def render_question(question: Question, page: str) -> str:
    """The full HTML of a question as it appears on its page (or embedded in a lesson); `page` is the docs path."""
    here = page_url(page)
    parts = [_meta(question), f'<div class="sl-question__prompt">{markdown_html(question.prompt)}</div>']
    if question.requirements:
        parts.append(
            f'<div class="sl-question__requirements"><h3>Requirements</h3>{markdown_html(question.requirements)}</div>'
        )
    if question.type == "python":
        parts.append(
            _details(
                "Tests your code must pass (hidden tests run after them)",
                _code_html(question.tests, "python"),
                "example sl-tests",
                open_=True,
                searchable=False,
            )
        )
    if question.gradable:
        parts.append(f"<div data-search-exclude>{_gradable(question)}</div>")
    elif question.type == "choice":
        parts.append(_choice(question))
    else:
        parts.append(_self_check(question))
    for number, hint in enumerate(question.hints, start=1):
        hint_html = markdown_html(hint)
        parts.append(_details(f"Hint {number} of {len(question.hints)}", hint_html, "tip sl-hint", searchable=False))
    if question.gradable:
        answer = _code_html(question.answer, question.type)
        if question.type == "sql":
            answer += render_dialects(question.answer, question.dialect_note)
    elif question.type == "choice":
        answer = (
            "<ul>"
            + "".join(
                f"<li><strong>{'Correct' if o.correct else 'Wrong'}:</strong> {_inline(o.text)}: {_inline(o.why)}</li>"
                for o in question.options
            )
            + "</ul>"
        )
    else:
        answer = markdown_html(question.answer)
    label = "Model answer" if question.type in ("concept", "design") else "Answer"
    parts.append(_details(label, answer, "success sl-answer", searchable=False))
    parts.append(_details("Explanation", markdown_html(question.explanation), "info sl-explanation", searchable=False))
    if question.type in ("concept", "design", "choice"):
        parts.append(_review_bar(question))
    if question.follow_ups:
        items = "".join(f"<li>{_inline(item)}</li>" for item in question.follow_ups)
        parts.append(f'<div class="sl-question__followups"><h3>Follow-up questions</h3><ul>{items}</ul></div>')
    links = []
    if question.lesson:
        links.append(
            f'Lesson: <a href="{escape(relative_url(page_url(question.lesson), here))}">{escape(question.lesson)}</a>'
        )
    if question.sources:
        sources = "".join(f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>' for s in question.sources)
        links.append(f"Sources:<ul>{sources}</ul>")
    if links:
        body = "".join(f"<div>{link}</div>" for link in links)
        parts.append(f'<div class="sl-question__links" data-search-exclude>{body}</div>')
    flag = (
        f'<button type="button" class="sl-flag" data-flag-question="{escape(question.id)}" hidden data-search-exclude>'
        "Flag for review</button>"
    )
    return (
        f'<div class="sl-question" data-question-id="{escape(question.id)}" data-question-type="{question.type}" '
        f'data-question-level="{question.level}">{flag}{"".join(parts)}</div>'
    )


def render_question_list(questions: list[Question], page: str) -> str:
    """A compact list of questions with links, for a lesson's "Practise" section."""
    here = page_url(page)
    rows = "".join(
        f'<li data-question-id="{escape(q.id)}">'
        f'<a href="{escape(relative_url(q.url_path, here))}">{escape(q.title)}</a> '
        f'<span class="sl-chip">{q.level}</span><span class="sl-chip">{TYPE_LABELS[q.type]}</span>'
        f'<span class="sl-question-status" data-status-for="{escape(q.id)}"></span></li>'
        for q in questions
    )
    return f'<ul class="sl-question-list">{rows}</ul>'
