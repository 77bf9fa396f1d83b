// Start Pyodide with the syslab wheel installed and run snippets through syslab.runner.python: the same Python
// function CI runs in CPython. Shared by the browser's Python worker (py-worker.mjs) and the CI parity run under
// Node (scripts/wasm_parity.mjs).

/**
 * Load Pyodide and unpack the syslab wheel into site-packages.
 * @param {Function} loadPyodide  the loader exported by pyodide.mjs
 * @param {string} indexURL       folder holding pyodide.asm.wasm, python_stdlib.zip and pyodide-lock.json
 * @param {Uint8Array} wheel      bytes of syslab-<version>-py3-none-any.whl
 */
export async function startPython(loadPyodide, indexURL, wheel) {
  const pyodide = await loadPyodide({ indexURL, fullStdLib: false, stdout: () => {}, stderr: () => {} });
  const purelib = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: purelib });
  const installed = new Set();
  const runner = pyodide.pyimport("syslab.runner.python");
  const grading = pyodide.pyimport("syslab.grading");
  return {
    pyodide,
    /**
     * Run code after the `before` chain; `onWrite(stream, text)` receives output as it is written.
     * Resolves with {output, error, text}: the same fields as syslab.runner.python.PythonRun.
     */
    run(code, before = [], onWrite = undefined) {
      const beforeList = pyodide.toPy(before);
      try {
        const result = runner.run_python(code, beforeList, onWrite ?? undefined);
        try {
          return { output: result.output, error: result.error ?? null, text: result.text };
        } finally {
          result.destroy();
        }
      } finally {
        beforeList.destroy();
      }
    },
    /** Install another pure-Python wheel (by name, once) from its bytes. */
    install(name, bytes) {
      if (installed.has(name)) return;
      pyodide.unpackArchive(bytes, "wheel", { extractDir: purelib });
      installed.add(name);
    },
    hasInstalled: (name) => installed.has(name),
    /** Call module.name(*args) with JSON-serialisable arguments; returns its JSON-serialisable result. */
    call(module, name, args) {
      const call = pyodide.runPython(
        "import importlib, json\n" +
          "lambda m, f, a: json.dumps(getattr(importlib.import_module(m), f)(*json.loads(a)))",
      );
      try {
        return JSON.parse(call(module, name, JSON.stringify(args)));
      } finally {
        call.destroy();
      }
    },
    /** Grade a Python answer with syslab.grading.grade_python. Resolves with {passed, message}. */
    grade(code, tests, hiddenTests) {
      const verdict = grading.grade_python(code, tests, hiddenTests);
      try {
        return { passed: verdict.passed, message: verdict.message };
      } finally {
        verdict.destroy();
      }
    },
  };
}
