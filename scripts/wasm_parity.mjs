// Run snippets in the browser's engines under Node: SQL on DuckDB-WASM, Python on Pyodide, from the same npm
// packages the site vendors and through the same engine modules the browser uses (sql-engine.mjs, py-engine.mjs).
//
// usage: node scripts/wasm_parity.mjs JOBS.json  ->  prints {"results": {name: result}} as JSON on stdout
// JOBS.json: {"wheel": path, "datasets": {name: sql}, "jobs": [{name, lang, code, before, dataset, seed}]}
// A SQL result is {columns, rows, row_count} or {error}; a Python result is {text}. tests/test_parity.py drives it.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import { labStatements, runInLab, templateStatements } from "../docs/assets/javascripts/sql-engine.mjs";
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
      return await runInLab(conn, job.code, job.before);
    } finally {
      raw.close();
    }
  };
}

async function pythonEngine() {
  const { loadPyodide } = await import(path.join(root, "node_modules/pyodide/pyodide.mjs"));
  const wheel = new Uint8Array(fs.readFileSync(spec.wheel));
  const python = await startPython(loadPyodide, path.join(root, "node_modules/pyodide/"), wheel);
  return async (job) => ({ text: python.run(job.code, job.before).text });
}

const engines = {};
const results = {};
for (const job of spec.jobs) {
  if (!engines[job.lang]) engines[job.lang] = await (job.lang === "sql" ? sqlEngine() : pythonEngine());
  results[job.name] = await engines[job.lang](job);
}
process.stdout.write(JSON.stringify({ results }));
process.exit(0);
