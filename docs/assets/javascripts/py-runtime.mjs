// The page side of the Python worker: lazy start, runs by id, streamed output, and Stop by terminating the worker.

export class PythonRuntime {
  /** @param {URL} root  the site's root URL;  @param {string} wheel  the wheel's path relative to the root */
  constructor(root, wheel) {
    this.root = root;
    this.wheel = wheel;
    this.worker = null;
    this.ready = null;
    this.runs = new Map();
    this.nextId = 1;
    this.queue = Promise.resolve();
  }

  get started() {
    return this.ready !== null;
  }

  /** Spawn the worker and load Pyodide (idempotent). Resolves when code can run. */
  start() {
    if (!this.ready) {
      const worker = new Worker(new URL("py-worker.mjs", import.meta.url), { type: "module" });
      this.worker = worker;
      this.ready = new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => {
          if (data.type === "ready") resolve();
          else if (data.type === "failed") reject(new Error(data.message));
          else this.#deliver(data);
        };
        worker.onerror = (event) => reject(new Error(event.message || "the Python worker failed to start"));
      });
      this.ready.catch(() => this.stop());
      worker.postMessage({
        type: "init",
        indexURL: new URL("assets/vendor/pyodide/", this.root).href,
        wheelURL: new URL(this.wheel, this.root).href,
      });
    }
    return this.ready;
  }

  /** Start the engine (the same as `start`; the interface matches SqlRuntime's). */
  prepare() {
    return this.start();
  }

  /** Prefetch: start the engine while the page is idle. */
  warm() {
    return this.start();
  }

  #deliver(data) {
    const run = this.runs.get(data.id);
    if (!run) return;
    if (data.type === "write") {
      for (const [stream, text] of data.chunks) run.onWrite(stream, text);
    } else if (data.type === "done") {
      this.runs.delete(data.id);
      const { type, id, ...result } = data;
      run.resolve(result);
    }
  }

  /** Send one request to the worker, after any earlier one; resolves with the worker's "done" payload. */
  #request(message, onWrite = () => {}) {
    const job = this.queue.then(async () => {
      await this.start();
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.runs.set(id, { resolve, reject, onWrite });
        this.worker.postMessage({ ...message, id });
      });
    });
    this.queue = job.catch(() => {});
    return job;
  }

  /** Run code after the `before` chain. `onWrite(stream, text)` streams output. Resolves with {output, error, text}. */
  run(code, { before = [], onWrite = () => {} } = {}) {
    return this.#request({ type: "run", code, before }, onWrite);
  }

  /**
   * Call a Python function in the worker: module.name(...args), after installing `wheels` ({name: url relative to
   * the site root}). Resolves with its (JSON) result; rejects with the Python error.
   */
  async call(module, name, args = [], wheels = {}) {
    const absolute = Object.fromEntries(Object.entries(wheels).map(([key, url]) => [key, new URL(url, this.root).href]));
    const result = await this.#request({ type: "call", module, name, args, wheels: absolute });
    if (result.error) throw new Error(result.error);
    return result.value;
  }

  /** Grade code against public and hidden tests with syslab.grading.grade_python. Resolves with {passed, message}. */
  grade(code, tests, hiddenTests) {
    return this.#request({ type: "grade", code, tests, hidden_tests: hiddenTests });
  }

  /** Terminate the worker (Stop, watchdog): pending runs reject; the next run spawns a fresh worker. */
  stop(reason = "stopped") {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.queue = Promise.resolve();
    for (const run of this.runs.values()) run.reject(new Error(reason));
    this.runs.clear();
  }
}
