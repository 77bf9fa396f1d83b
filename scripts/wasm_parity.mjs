// Run snippets in the browser's engines under Node: SQL on DuckDB-WASM, Python on Pyodide, from the same npm
// packages the site vendors and through the same engine modules the browser uses (sql-engine.mjs, py-engine.mjs).
//
// usage: node scripts/wasm_parity.mjs JOBS.json  ->  prints {"results": {name: result}, "compare": [...]} on stdout
// JOBS.json: {"wheel": path, "datasets": {name: sql}, "jobs": [...], "compare": [...]}
//   job {name, lang: "sql", code, before, dataset, seed, max_rows}  -> {columns, rows, row_count} or {error}
//   job {name, lang: "python", code, before}                         -> {text}
//   job {name, lang: "grade-python", code, tests, hidden_tests}      -> {passed, message}
//   compare [{expected, actual, order_matters, second_copy}]         -> [{passed, message}] from grading.mjs
// tests/conftest.py drives it; tests/test_parity.py and tests/test_questions.py read the results.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import { compareResults } from "../docs/assets/javascripts/grading.mjs";
import { labStatements, MAX_ROWS, runInLab, templateStatements } from "../docs/assets/javascripts/sql-engine.mjs";
import { startPython } from "../docs/assets/javascripts/py-engine.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

async function sqlEngine() {
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const dist = path.join(root, "node_modules/@duckdb/duckdb-wasm/dist/");
  const bundles = {
    mvp: { mainModule: dist + "duckdb-mvp.wasm", mainWorker: dist + "duckdb-node-mvp.worker.cjs" },
    eh: { mainModule: dist + "duckdb-eh.wasm", mainWorker: dist + "duckdb-node-eh.worker.cjs" },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  const setup = db.connect();
  // As in the browser: extensions are not shipped, so never try to fetch one.
  setup.query("SET autoload_known_extensions = false");
  setup.query("SET autoinstall_known_extensions = false");
  const loaded = new Set();
  return async function run(job) {
    if (job.dataset && !loaded.has(`${job.dataset}/${job.seed}`)) {
      for (const statement of templateStatements(job.dataset, job.seed, spec.datasets[job.dataset])) setup.query(statement);
      loaded.add(`${job.dataset}/${job.seed}`);
    }
    const raw = db.connect();
    const conn = { query: async (sql) => raw.query(sql), stream: async (sql) => raw.send(sql, true) };
    try {
      for (const statement of labStatements(job.dataset, job.seed)) await conn.query(statement);
      return await runInLab(conn, job.code, job.before ?? [], job.max_rows ?? MAX_ROWS);
    } finally {
      raw.close();
    }
  };
}

let python = null;
async function pythonEngine() {
  if (!python) {
    const { loadPyodide } = await import(path.join(root, "node_modules/pyodide/pyodide.mjs"));
    const wheel = new Uint8Array(fs.readFileSync(spec.wheel));
    python = await startPython(loadPyodide, path.join(root, "node_modules/pyodide/"), wheel);
  }
  return python;
}

const engines = {
  sql: sqlEngine,
  python: async () => { const py = await pythonEngine(); return async (job) => ({ text: py.run(job.code, job.before).text }); },
  "grade-python": async () => { const py = await pythonEngine(); return async (job) => py.grade(job.code, job.tests, job.hidden_tests); },
};
const running = {};
const results = {};
for (const job of spec.jobs) {
  if (!running[job.lang]) running[job.lang] = await engines[job.lang]();
  results[job.name] = await running[job.lang](job);
}
const compare = (spec.compare || []).map((c) => compareResults(c.expected, c.actual, c.order_matters, c.second_copy || false));
// Exit only once the output is flushed: a pipe takes 64 KiB at a time, and process.exit would cut it there.
process.stdout.write(JSON.stringify({ results, compare }), () => process.exit(0));
