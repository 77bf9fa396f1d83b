"""HTML of a runnable block: highlighted code, the controls, and the recorded output rendered statically.

The markup is the DOM contract that the browser client and the tests rely on (see CONTRIBUTING.md):
the root has `data-run-lang` and `data-run-state`; buttons carry `data-run-action`; the output container carries
`data-run-output`. Everything from content is escaped here; the client renders live output as text too.
"""

from __future__ import annotations

import json
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, SqlLexer

from syslab.errors import ContentError
from syslab.runner.sql import SqlResult
from syslab.site import state
from syslab.snapshots import recorded
from syslab.snippets import Snippet

_LEXERS = {"sql": SqlLexer, "python": PythonLexer}
_ACTIONS = {
    "run": ("Run", "Run (Ctrl+Enter)"),
    "stop": ("Stop", "Stop the running code"),
    "reset": ("Reset", "Restore the original code"),
    "copy": ("Copy", "Copy the code"),
    "check": ("Check", "Check your answer (Ctrl+Shift+Enter)"),
}
"""Button action -> (label, tooltip)."""
LABELS = {"sql": "SQL · DuckDB", "python": "Python · Pyodide"}


def json_for_script(value: object) -> str:
    """JSON that is safe inside a <script> element (no `</script>` or `<!--` can close or confuse it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_sql_output(result: SqlResult) -> str:
    """A SQL result as an HTML table with a row-count note, or an error message."""
    if result.error is not None:
        return f'<pre class="sl-out sl-out--error">{escape(result.error)}</pre>'
    if not result.columns:
        return '<p class="sl-out__note">Statement executed; it returned no rows.</p>'
    head = "".join(f"<th>{escape(column)}</th>" for column in result.columns)
    numeric = [_is_numeric_column(result, index) for index in range(len(result.columns))]
    body = []
    for row in result.rows:
        cells = []
        for index, value in enumerate(row):
            if value is None:
                cells.append('<td class="sl-null">NULL</td>')
            else:
                cls = ' class="sl-num"' if numeric[index] else ""
                cells.append(f"<td{cls}>{escape(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="sl-table"><table class="sl-result"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
        f'<p class="sl-out__note">{row_count_note(result.row_count, len(result.rows))}</p>'
    )


def row_count_note(total: int, shown: int) -> str:
    """`3 rows`, or `250 rows (first 100 shown)` when the display was truncated."""
    noun = "row" if total == 1 else "rows"
    return f"{total} {noun}" + (f" (first {shown} shown)" if shown < total else "")


def _is_numeric_column(result: SqlResult, index: int) -> bool:
    values = [row[index] for row in result.rows if row[index] is not None]
    return bool(values) and all(_looks_numeric(value) for value in values)


def _looks_numeric(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def render_output(snippet: Snippet) -> str:
    """The recorded output of a snippet as static HTML."""
    text = recorded(snippet)
    if text is None:
        raise ContentError(snippet.path, f"no recorded output ({snippet.output_path.name}); run `make snapshots`")
    if snippet.lang == "sql":
        try:
            result = SqlResult.from_json(text)
        except (ValueError, KeyError) as error:
            raise ContentError(snippet.output_path, f"not a valid recorded SQL output: {error}") from None
        return render_sql_output(result)
    css = "sl-out" if text else "sl-out sl-out--empty"
    return f'<pre class="{css}">{escape(text) if text else "(no output)"}</pre>'


def highlight_code(code: str, lang: str) -> str:
    """Code as Pygments-highlighted HTML spans (Material colours them), without a wrapper."""
    return highlight(code, _LEXERS[lang](), HtmlFormatter(nowrap=True))


def editor_block(
    *,
    lang: str,
    code: str,
    title: str,
    tags: list[str],
    attrs: dict[str, str],
    output_html: str,
    source: dict,
    actions: tuple[str, ...] = ("run", "stop", "reset", "copy"),
    extra_html: str = "",
) -> str:
    """The markup of an editable, runnable block: the DOM contract that runnable.mjs upgrades.

    `attrs` are added to the root (data-snippet, data-dataset, data-question-id...); `source` is embedded as JSON
    for the client (`before`: the chain's code). Snippet blocks and gradable questions both use it.
    """
    root = {"class": "sl-run no-copy", "data-run-lang": lang, "data-run-state": "idle", **attrs}
    attr_html = " ".join(f'{key}="{escape(value)}"' for key, value in root.items())
    buttons = "".join(
        f'<button type="button" class="sl-run__btn sl-run__btn--{action}" data-run-action="{action}" '
        f'title="{escape(_ACTIONS[action][1])}"{" disabled" if action == "stop" else ""}>{_ACTIONS[action][0]}</button>'
        for action in actions
    )
    return (
        f"<div {attr_html}>"
        f'<div class="sl-run__head"><span class="sl-run__title">{escape(title)}</span>'
        f'<span class="sl-run__tags">{"".join(f"<span>{escape(tag)}</span>" for tag in tags)}</span></div>'
        f'<div class="highlight sl-run__code"><pre><code class="language-{lang}" data-run-editor>'
        f"{highlight_code(code, lang)}</code></pre></div>"
        f'<div class="sl-run__bar" hidden>{buttons}<span class="sl-run__status" aria-live="polite"></span></div>'
        f"{extra_html}"
        f'<div class="sl-run__output" data-run-output data-search-exclude>{output_html}</div>'
        f'<script type="application/json" class="sl-run__source">{json_for_script(source)}</script>'
        "</div>"
    )


def render_dialects(code: str, dialect_note: str | None) -> str:
    """The "Other dialects" panel: PostgreSQL and MySQL tabs (Material's tabbed markup, CSS-only radio buttons)."""
    from syslab.dialects import translate

    group = state.next_id("dialects")
    inputs, labels, blocks = [], [], []
    for index, item in enumerate(translate(code, dialect_note), start=1):
        tab_id = f"__sl_{group}_{index}"
        checked = ' checked="checked"' if index == 1 else ""
        inputs.append(f'<input{checked} id="{tab_id}" name="__sl_{group}" type="radio">')
        labels.append(f'<label for="{tab_id}">{escape(item.label)}</label>')
        note = f'<p class="sl-dialect__note">{escape(item.note)}</p>' if item.note else ""
        body = (
            f'<div class="highlight"><pre><code>{highlight_code(item.sql, "sql")}</code></pre></div>'
            if item.sql
            else ""
        )
        blocks.append(f'<div class="tabbed-block">{note}{body}</div>')
    return (
        '<details class="sl-dialects" data-search-exclude><summary>PostgreSQL and MySQL versions</summary>'
        f'<div class="tabbed-set tabbed-alternate" data-tabs="{group}:{len(inputs)}">{"".join(inputs)}'
        f'<div class="tabbed-labels">{"".join(labels)}</div><div class="tabbed-content">{"".join(blocks)}</div></div>'
        "</details>"
    )


def render_static_block(snippet: Snippet) -> str:
    """A snippet that runs only in CI (PostgreSQL): its code and recorded output, without controls."""
    return (
        f'<div class="sl-static" data-snippet="{escape(snippet.name)}" data-engine="{snippet.engine}">'
        f'<div class="sl-run__head"><span class="sl-run__title">{escape(snippet.title)}</span>'
        '<span class="sl-run__tags"><span>PostgreSQL 15</span><span>output recorded in CI</span></span></div>'
        f'<div class="highlight sl-run__code"><pre><code class="language-sql">{highlight_code(snippet.code, "sql")}'
        "</code></pre></div>"
        f'<div class="sl-run__output" data-search-exclude><div class="sl-run__label">Recorded output (PostgreSQL)</div>'
        f"{render_output(snippet)}</div></div>"
    )


def render_block(snippet: Snippet, chain: list[Snippet]) -> str:
    """The full HTML of one snippet block: runnable, or static for a PostgreSQL snippet."""
    if not snippet.runs_in_browser:
        return render_static_block(snippet)
    attrs = {"data-snippet": snippet.name, "data-timeout": str(snippet.timeout)}
    if snippet.dataset:
        attrs["data-dataset"] = snippet.dataset
    tags = [LABELS[snippet.lang]]
    if snippet.dataset:
        tags.append(f"dataset: {snippet.dataset}")
    if chain:
        tags.append(f"runs after: {chain[-1].title}")
    return editor_block(
        lang=snippet.lang,
        code=snippet.code,
        title=snippet.title,
        tags=tags,
        attrs=attrs,
        output_html=f'<div class="sl-run__label">Recorded output</div>{render_output(snippet)}',
        source={"before": [{"name": earlier.name, "code": earlier.code} for earlier in chain]},
        extra_html=render_dialects(snippet.code, snippet.dialect_note) if snippet.lang == "sql" else "",
    )
