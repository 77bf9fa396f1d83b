// DuckDB-WASM in the browser. The engine runs in DuckDB's own Web Worker; this module starts it lazily, loads each
// dataset once into a template database, gives every run a fresh copy, and terminates the worker on Stop.

import { labStatements, runInLab, templateStatements } from "./sql-engine.mjs";

export class SqlRuntime {
  /** @param {URL} root  the site's root URL (assets/ lives under it) */
  constructor(root) {
    this.root = root;
    this.ready = null;
    this.db = null;
    this.templates = new Map();
    this.queue = Promise.resolve();
    this.warmed = false;
  }

  get started() {
    return this.ready !== null;
  }

  /** Start DuckDB (idempotent). Resolves when a query can run. */
  start() {
    if (!this.ready) {
      this.ready = this.#boot().catch((error) => {
        this.ready = null;
        throw error;
      });
    }
    return this.ready;
  }

  async #boot() {
    const asset = (file) => new URL(`assets/vendor/duckdb/${file}`, this.root).href;
    const duckdb = await import(asset("duckdb-browser.mjs"));
    const worker = new Worker(asset("duckdb-browser-eh.worker.js"));
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(asset("duckdb-eh.wasm"));
    const setup = await db.connect();
    // Only core functions are built into DuckDB-WASM; extensions would be fetched from the internet. Fail fast.
    await setup.query("SET autoload_known_extensions = false");
    await setup.query("SET autoinstall_known_extensions = false");
    this.db = db;
    this.setup = setup;
  }

  /** Load a dataset's template database once (idempotent). */
  dataset(name, seed = 0) {
    const key = `${name}/${seed}`;
    if (!this.templates.has(key)) {
      const loading = (async () => {
        await this.start();
        const response = await fetch(new URL(`assets/datasets/${name}.sql`, this.root));
        if (!response.ok) throw new Error(`dataset ${name} could not be loaded (HTTP ${response.status})`);
        const sql = await response.text();
        for (const statement of templateStatements(name, seed, sql)) await this.setup.query(statement);
      })();
      loading.catch(() => this.templates.delete(key));
      this.templates.set(key, loading);
    }
    return this.templates.get(key);
  }

  /** Start the engine and load the given datasets. */
  async prepare(datasets = []) {
    await this.start();
    for (const name of datasets) await this.dataset(name);
  }

  /**
   * Warm up (prefetch): start the engine, load the given datasets, and make one throwaway run so that the code paths of a run
   * (lab reset, dataset copy, result fetch) are compiled before the reader's first click.
   */
  async warm(datasets = []) {
    await this.prepare(datasets);
    if (!this.warmed) {
      this.warmed = true;
      await this.run("SELECT 1", { dataset: datasets[0] || null });
    }
  }

  /**
   * Run code in a fresh lab database: dataset copy, then `before` texts, then `code`.
   * Runs are serialized. Resolves with {columns, rows, row_count} or {error}.
   */
  run(code, { dataset = null, seed = 0, before = [], maxRows = undefined } = {}) {
    const job = this.queue.then(async () => {
      await this.start();
      if (dataset) await this.dataset(dataset, seed);
      const raw = await this.db.connect();
      const conn = { query: (sql) => raw.query(sql), stream: (sql) => raw.send(sql, true) };
      try {
        for (const statement of labStatements(dataset, seed)) await conn.query(statement);
        return await runInLab(conn, code, before, maxRows);
      } finally {
        raw.close().catch(() => {});
      }
    });
    this.queue = job.catch(() => {});
    return job;
  }

  /** Terminate the engine's worker (Stop, watchdog). The next run starts a fresh one. */
  stop() {
    const db = this.db;
    this.db = null;
    this.ready = null;
    this.warmed = false;
    this.templates.clear();
    this.queue = Promise.resolve();
    if (db) db.terminate().catch(() => {});
  }
}
