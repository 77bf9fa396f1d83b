// The Python Web Worker: Pyodide plus the syslab wheel. Reader code only ever runs here, never on the page.
// Messages in:  {type: "init", indexURL, wheelURL} | {type: "run", id, code, before}
//               | {type: "grade", id, code, tests, hidden_tests}
//               | {type: "call", id, module, name, args, wheels: {name: url}}  (installs the wheels first)
// Messages out: {type: "ready"} | {type: "failed", message} | {type: "write", id, chunks: [[stream, text]...]}
//               | {type: "done", id, ...result}: {output, error, text} for run, {passed, message} for grade

import { startPython } from "./py-engine.mjs";

const FLUSH_MS = 50;
let python = null;

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      const [{ loadPyodide }, wheel] = await Promise.all([
        import(new URL("pyodide.mjs", data.indexURL).href),
        fetch(data.wheelURL).then((response) => {
          if (!response.ok) throw new Error(`the syslab wheel could not be loaded (HTTP ${response.status})`);
          return response.arrayBuffer();
        }),
      ]);
      python = await startPython(loadPyodide, data.indexURL, new Uint8Array(wheel));
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
    }
  } else if (data.type === "run") {
    // Output is forwarded in batches at most every FLUSH_MS, so a print loop cannot flood the page.
    let pending = [];
    let last = performance.now();
    const flush = () => {
      if (pending.length) self.postMessage({ type: "write", id: data.id, chunks: pending });
      pending = [];
      last = performance.now();
    };
    const onWrite = (stream, text) => {
      pending.push([stream, text]);
      if (performance.now() - last > FLUSH_MS) flush();
    };
    const result = python.run(data.code, data.before, onWrite);
    flush();
    self.postMessage({ type: "done", id: data.id, ...result });
  } else if (data.type === "grade") {
    const verdict = python.grade(data.code, data.tests, data.hidden_tests);
    self.postMessage({ type: "done", id: data.id, ...verdict });
  } else if (data.type === "call") {
    try {
      for (const [name, url] of Object.entries(data.wheels || {})) {
        if (python.hasInstalled(name)) continue;
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${name} could not be loaded (HTTP ${response.status})`);
        python.install(name, new Uint8Array(await response.arrayBuffer()));
      }
      self.postMessage({ type: "done", id: data.id, value: python.call(data.module, data.name, data.args) });
    } catch (error) {
      self.postMessage({ type: "done", id: data.id, error: String(error && error.message ? error.message : error) });
    }
  }
};
