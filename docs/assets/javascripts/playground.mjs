// The SQL playground: dataset picker, schema browser, Explain, the PostgreSQL/MySQL translation and "Review my
// query" (sqlglot running in Pyodide), query history in localStorage, and share links that carry the query in the
// URL fragment (#q=...): opening one fills the editor and never runs it. Run, Stop, Reset and Copy come from the
// runnable block inside (runnable.mjs). Everything is rendered as text.

import { el } from "./render.mjs";
import { runtimes, settings } from "./runtimes.mjs";
import { splitStatements } from "./sql-engine.mjs";

const HISTORY_KEY = "syslab.playground.history";
const HISTORY_SIZE = 50;
const SCHEMA_SQL =
  "SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() " +
  "WHERE database_name = 'lab' AND schema_name = 'main' ORDER BY table_name, column_index";
const SQLGLOT = () => ({ sqlglot: settings.sqlglotWheel });

/** The query and dataset as a URL fragment, and back. */
export function encodeShare(sql, dataset) {
  const bytes = new TextEncoder().encode(JSON.stringify({ q: sql, d: dataset }));
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return "#q=" + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeShare(hash) {
  const match = /^#q=([A-Za-z0-9_-]+)$/.exec(hash || "");
  if (!match) return null;
  try {
    const binary = atob(match[1].replace(/-/g, "+").replace(/_/g, "/"));
    const data = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return typeof data.q === "string" ? { sql: data.q, dataset: typeof data.d === "string" ? data.d : "" } : null;
  } catch {
    return null;
  }
}

function loadHistory() {
  try {
    const items = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}

function setup(root) {
  if (root.dataset.ready) return;
  const block = root.querySelector("[data-playground-editor]");
  if (block.dataset.runReady !== "true") {
    // The editor is upgraded by runnable.mjs; wait for it.
    new MutationObserver((_, observer) => {
      if (block.dataset.runReady === "true") {
        observer.disconnect();
        setup(root);
      }
    }).observe(block, { attributes: true, attributeFilter: ["data-run-ready"] });
    return;
  }
  root.dataset.ready = "true";
  const select = root.querySelector("[data-playground-dataset]");
  const panel = root.querySelector("[data-playground-panel]");
  const schemaBox = root.querySelector("[data-playground-schema]");
  const historyList = root.querySelector("[data-playground-history]");
  const editor = block.syslab;
  let schema = {};

  const dataset = () => select.value || null;
  const setDataset = (name) => {
    select.value = name;
    if (name) block.dataset.dataset = name;
    else delete block.dataset.dataset;
  };

  function showPanel(title, ...nodes) {
    panel.replaceChildren(el("div", "sl-run__label", title), ...nodes);
  }

  async function refreshSchema() {
    schemaBox.replaceChildren(el("p", "", "Loading the schema…"));
    const result = await runtimes.sql.run(SCHEMA_SQL, { dataset: dataset(), maxRows: 5000 });
    if (result.error) {
      schemaBox.replaceChildren(el("p", "sl-out--error", result.error));
      return;
    }
    schema = {};
    for (const [table, column, type, nullable] of result.rows) {
      (schema[table] ||= []).push({ column, type, nullable: nullable === "true" || nullable === "YES" });
    }
    const tables = Object.keys(schema);
    if (!tables.length) {
      schemaBox.replaceChildren(el("p", "", "No tables: create some with CREATE TABLE."));
      return;
    }
    schemaBox.replaceChildren(
      ...tables.map((table) => {
        const details = el("details", "sl-playground__table");
        const summary = el("summary", "", `${table} (${schema[table].length})`);
        const list = el("ul");
        for (const { column, type, nullable } of schema[table]) {
          list.append(el("li", "", `${column}  ${type}${nullable ? "" : "  NOT NULL"}`));
        }
        details.append(summary, list);
        return details;
      }),
    );
  }

  function lastStatement() {
    const statements = splitStatements(editor.getCode());
    return statements.length ? statements[statements.length - 1].trim() : "";
  }

  async function explain() {
    const statement = lastStatement();
    if (!statement) return showPanel("Explain", el("p", "", "Write a query first."));
    showPanel("Explain", el("p", "", "Running EXPLAIN ANALYZE…"));
    const started = performance.now();
    const result = await runtimes.sql.run(`EXPLAIN ANALYZE ${statement}`, { dataset: dataset(), maxRows: 100 });
    if (result.error) return showPanel("Explain", el("pre", "sl-out sl-out--error", result.error));
    const plan = result.rows.map((row) => row[row.length - 1]).join("\n");
    showPanel(
      `Plan of the last statement, with the time spent in each operator · ${Math.round(performance.now() - started)} ms`,
      el("pre", "sl-out sl-playground__plan", plan),
    );
  }

  async function python(title, module, name, args) {
    showPanel(title, el("p", "", runtimes.python.started ? "Working…" : "Starting Python and sqlglot (a few seconds, once)…"));
    try {
      return await runtimes.python.call(module, name, args, SQLGLOT());
    } catch (error) {
      showPanel(title, el("pre", "sl-out sl-out--error", String(error.message || error)));
      return null;
    }
  }

  async function dialects() {
    const translations = await python("PostgreSQL and MySQL", "syslab.dialects", "translate_json", [editor.getCode()]);
    if (!translations) return;
    const nodes = [];
    for (const item of translations) {
      nodes.push(el("h4", "", item.label));
      if (item.note) nodes.push(el("p", "sl-dialect__note", item.note));
      if (item.sql) nodes.push(el("pre", "sl-out", item.sql));
    }
    showPanel("Translated by sqlglot", ...nodes);
  }

  async function review() {
    const nullability = Object.fromEntries(
      Object.entries(schema).map(([table, columns]) => [table, Object.fromEntries(columns.map((c) => [c.column, c.nullable]))]),
    );
    const findings = await python("Review my query", "syslab.sqlreview", "review_json", [editor.getCode(), nullability]);
    if (!findings) return;
    if (!findings.length) {
      return showPanel("Review my query", el("p", "", "No problems found by the checks (SELECT *, NOT IN with NULLs, functions on filtered columns, implicit cross joins, UPDATE/DELETE without WHERE, deep OFFSET, correlated subqueries)."));
    }
    const list = el("ul", "sl-playground__findings");
    for (const finding of findings) {
      const item = el("li");
      item.append(el("strong", "", finding.rule), document.createTextNode(`: ${finding.message}`));
      if (finding.fragment) item.append(el("code", "", finding.fragment));
      list.append(item);
    }
    showPanel(`Review my query · ${findings.length} finding${findings.length === 1 ? "" : "s"}`, list);
  }

  async function share() {
    const url = new URL(location.href);
    url.hash = encodeShare(editor.getCode(), select.value);
    history.replaceState(null, "", url);
    const link = el("input", "sl-playground__link");
    link.value = url.href;
    link.readOnly = true;
    let copied = "The link is in the address bar and below.";
    try {
      await navigator.clipboard.writeText(url.href);
      copied = "Link copied. Opening it fills the editor; it never runs the query by itself.";
    } catch {
      // clipboard refused: the reader can copy the text field
    }
    showPanel("Share", el("p", "", copied), link);
  }

  function renderHistory() {
    historyList.replaceChildren(
      ...loadHistory().map((item) => {
        const li = el("li");
        const button = el("button", "sl-playground__history-item", item.sql.replace(/\s+/g, " ").slice(0, 120));
        button.type = "button";
        button.title = `${item.dataset || "no dataset"} · ${item.at}`;
        button.addEventListener("click", () => {
          setDataset(item.dataset || "");
          editor.setCode(item.sql);
          refreshSchema();
        });
        li.append(button);
        return li;
      }),
    );
  }

  function remember() {
    const sql = editor.getCode().trim();
    if (!sql) return;
    const items = loadHistory().filter((item) => item.sql !== sql || item.dataset !== select.value);
    items.unshift({ sql, dataset: select.value, at: new Date().toISOString() });
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(0, HISTORY_SIZE)));
    } catch {
      // storage full or disabled: history is a convenience
    }
    renderHistory();
  }

  const actions = { explain, dialects, review, share };
  root.querySelector(".sl-playground__actions").addEventListener("click", (event) => {
    const button = event.target.closest("[data-playground-action]");
    if (button) actions[button.dataset.playgroundAction]();
  });
  block.querySelector("[data-run-action=run]").addEventListener("click", remember);
  select.addEventListener("change", () => {
    setDataset(select.value);
    refreshSchema();
  });
  const shared = decodeShare(location.hash);
  if (shared) {
    setDataset(shared.dataset);
    editor.setCode(shared.sql);
    showPanel("Shared query", el("p", "", "This query came from a share link. Read it, then press Run."));
  }
  renderHistory();
  refreshSchema();
}

function setupAll() {
  document.querySelectorAll("[data-playground]").forEach(setup);
}

if (window.document$) window.document$.subscribe(setupAll);
else setupAll();
