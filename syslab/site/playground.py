"""The SQL playground's markup (the `playground` fence): dataset picker, schema browser, a runnable editor block,
and the panels that `docs/assets/javascripts/playground.mjs` fills (Explain, dialects, review, history, share)."""

from __future__ import annotations

from html import escape

from syslab.datasets import dataset_names
from syslab.site.blocks import editor_block

SAMPLE = """-- Orders and revenue per month in 2024 (edit me, then Run: Ctrl+Enter)
SELECT
    date_trunc('month', o.order_date) AS month,
    count(DISTINCT o.id)              AS orders,
    sum(i.quantity * i.unit_price)    AS revenue
FROM orders AS o
JOIN order_items AS i ON i.order_id = o.id
WHERE o.status NOT IN ('cancelled', 'returned')
  AND o.order_date >= DATE '2024-01-01'
GROUP BY month
ORDER BY month;
"""

ACTIONS = (
    ("explain", "Explain", "Show the plan, with the time spent in each operator (EXPLAIN ANALYZE)"),
    ("dialects", "PostgreSQL / MySQL", "Translate the query with sqlglot"),
    ("review", "Review my query", "Point out common problems in the query"),
    ("share", "Share link", "Copy a link that opens this query here"),
)


def render_playground(default_dataset: str = "ecommerce") -> str:
    """The playground's HTML."""
    options = "".join(
        f'<option value="{escape(name)}"{" selected" if name == default_dataset else ""}>{escape(name)}</option>'
        for name in sorted(dataset_names())
    )
    options += '<option value="">(no dataset: an empty database)</option>'
    buttons = "".join(
        f'<button type="button" class="sl-run__btn" data-playground-action="{action}" title="{escape(tip)}">'
        f"{escape(label)}</button>"
        for action, label, tip in ACTIONS
    )
    editor = editor_block(
        lang="sql",
        code=SAMPLE,
        title="Query",
        tags=["SQL · DuckDB"],
        attrs={"data-playground-editor": "", "data-dataset": default_dataset, "data-timeout": "30"},
        output_html='<p class="sl-out__note">Run the query to see its result here.</p>',
        source={"before": []},
    )
    return (
        '<div class="sl-playground" data-playground>'
        f'<div class="sl-playground__top"><label>Dataset <select data-playground-dataset>{options}</select></label>'
        f'<span class="sl-playground__actions">{buttons}</span></div>'
        '<div class="sl-playground__main">'
        '<aside class="sl-playground__schema" data-playground-schema aria-label="Schema">'
        "<p>Tables and columns appear here.</p></aside>"
        f'<div class="sl-playground__editor">{editor}</div></div>'
        '<div class="sl-playground__panel" data-playground-panel aria-live="polite"></div>'
        '<details class="sl-playground__history"><summary>History (this browser)</summary>'
        "<ol data-playground-history></ol></details>"
        "</div>"
    )
