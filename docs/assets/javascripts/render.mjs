// Render run results into a block's output container. Everything is written with textContent or text nodes:
// output from reader code is never parsed as HTML. The static twin is syslab/site/blocks.py.

const MAX_TEXT = 200_000;

/** A new element with an optional class and text content (never HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "3 rows", or "250 rows (first 100 shown)" when truncated (as syslab.site.blocks.row_count_note). */
export function rowCountNote(total, shown) {
  return `${total} ${total === 1 ? "row" : "rows"}${shown < total ? ` (first ${shown} shown)` : ""}`;
}

function isNumericColumn(rows, index) {
  const values = rows.map((row) => row[index]).filter((value) => value !== null);
  return values.length > 0 && values.every((value) => value.trim() !== "" && Number.isFinite(Number(value)));
}

function label(text) {
  return el("div", "sl-run__label", text);
}

/** Replace the container's content with a label and nodes. */
function show(container, labelText, ...nodes) {
  container.replaceChildren(label(labelText), ...nodes);
}

export function showSqlResult(container, result, elapsedMs) {
  const timing = `${Math.max(1, Math.round(elapsedMs))} ms`;
  if (result.error !== undefined) {
    show(container, `Error · ${timing}`, el("pre", "sl-out sl-out--error", result.error));
    return;
  }
  if (result.columns.length === 0) {
    show(container, `Output · ${timing}`, el("p", "sl-out__note", "Statement executed; it returned no rows."));
    return;
  }
  const table = el("table", "sl-result");
  const headRow = el("tr");
  for (const column of result.columns) headRow.append(el("th", "", column));
  table.append(el("thead"));
  table.tHead.append(headRow);
  const body = el("tbody");
  const numeric = result.columns.map((_, index) => isNumericColumn(result.rows, index));
  for (const row of result.rows) {
    const tr = el("tr");
    row.forEach((value, index) => {
      if (value === null) tr.append(el("td", "sl-null", "NULL"));
      else tr.append(el("td", numeric[index] ? "sl-num" : "", value));
    });
    body.append(tr);
  }
  table.append(body);
  const wrapper = el("div", "sl-table");
  wrapper.append(table);
  const note = rowCountNote(result.row_count, result.rows.length);
  show(container, `Output · ${note} · ${timing}`, wrapper, el("p", "sl-out__note", note));
}

/** A live Python output area: append streamed text, then finish with the final output and error. */
export class PythonOutput {
  constructor(container) {
    this.container = container;
    this.pre = el("pre", "sl-out");
    this.size = 0;
    show(container, "Output · running…", this.pre);
  }

  write(stream, text) {
    if (this.size >= MAX_TEXT) return;
    const room = MAX_TEXT - this.size;
    const chunk = text.length > room ? `${text.slice(0, room)}\n… output truncated …\n` : text;
    this.size += chunk.length;
    if (stream === "stderr") this.pre.append(el("span", "sl-out__stderr", chunk));
    else this.pre.append(document.createTextNode(chunk));
  }

  finish(result, elapsedMs) {
    const timing = `${Math.max(1, Math.round(elapsedMs))} ms`;
    this.pre.replaceChildren();
    this.size = 0;
    this.write("stdout", result.output);
    if (result.error) this.pre.append(el("span", "sl-out__error", result.error));
    if (!result.output && !result.error) this.pre.append(el("span", "sl-out__note", "(no output)"));
    this.container.firstChild.textContent = `${result.error ? "Error" : "Output"} · ${timing}`;
  }

  fail(message) {
    this.pre.append(el("span", "sl-out__error", `${this.size ? "\n" : ""}${message}\n`));
    this.container.firstChild.textContent = "Stopped";
  }
}

export function showMessage(container, title, message) {
  show(container, title, el("pre", "sl-out sl-out--error", message));
}

/** Show a verdict in a question's `.sl-verdict` box and set data-run-verdict on its root (the DOM contract). */
export function showVerdict(root, verdict) {
  const box = root.querySelector(".sl-verdict");
  box.textContent = (verdict.passed ? "✓ " : "✗ ") + verdict.message;
  box.classList.toggle("sl-verdict--pass", verdict.passed);
  box.classList.toggle("sl-verdict--fail", !verdict.passed);
  root.dataset.runVerdict = verdict.passed ? "pass" : "fail";
}
