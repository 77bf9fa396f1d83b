// Runnable blocks: upgrades every `.sl-run` block rendered by the `run` fence into an editor with Run, Stop,
// Reset and Copy, runs SQL on DuckDB-WASM and Python on Pyodide (both in Web Workers), and keeps the DOM contract
// documented in CONTRIBUTING.md: data-run-lang, data-run-state (idle|loading|running|done|error),
// data-run-action on buttons, data-run-output on the output container.

import { attachEditor } from "./editor.mjs";
import { compareResults, GRADE_MAX_ROWS } from "./grading.mjs";
import { getRecord, recordAttempt } from "./progress.mjs";
import { PythonOutput, showMessage, showSqlResult, showVerdict } from "./render.mjs";
import { MAX_ROWS } from "./sql-engine.mjs";
import { ENGINE_NAMES, prefetchAllowed, runtimes, settings } from "./runtimes.mjs";


function setState(block, state) {
  block.dataset.runState = state;
}

function status(block, text) {
  block.querySelector(".sl-run__status").textContent = text;
}

function timeoutMs(block) {
  return (Number(block.dataset.timeout) || settings.timeoutS) * 1000;
}

/** The code of the snippets this block runs after: the live editor text when that block is on the page. */
function chainCode(block) {
  const source = JSON.parse(block.querySelector(".sl-run__source").textContent);
  return source.before.map(({ name, code }) => {
    const onPage = document.querySelector(`.sl-run[data-snippet="${CSS.escape(name)}"]`);
    return onPage && onPage.syslab ? onPage.syslab.getCode() : code;
  });
}

/** Run (mode "run") or check (mode "check", question blocks) the block's code, with Stop and the watchdog. */
async function run(block, mode = "run") {
  const control = block.syslab;
  if (control.running) return;
  const lang = block.dataset.runLang;
  const runtime = runtimes[lang];
  const output = block.querySelector("[data-run-output]");
  const buttons = Object.fromEntries([...block.querySelectorAll("[data-run-action]")].map((b) => [b.dataset.runAction, b]));
  let stopReason = null;
  let silent = false;
  let rejectStop;
  const stopped = new Promise((_, reject) => { rejectStop = reject; });
  stopped.catch(() => {});
  const race = (promise) => Promise.race([promise, stopped]);
  control.running = true;
  control.stop = (reason, quiet = false) => {
    stopReason = reason;
    silent = quiet;
    runtime.stop(reason);
    rejectStop(new Error(reason));
  };
  for (const name of ["run", "check"]) if (buttons[name]) buttons[name].disabled = true;
  buttons.stop.disabled = false;
  let watchdog = null;
  // The state changes before anything is awaited, so nobody reads the previous run's final state as this one's.
  setState(block, runtime.started ? "running" : "loading");
  status(block, runtime.started ? (mode === "check" ? "Checking…" : "Running…") : `Starting ${ENGINE_NAMES[lang]}…`);
  const pyOutput = lang === "python" && mode === "run" ? new PythonOutput(output) : null;
  try {
    await race(runtime.prepare(block.dataset.dataset ? [block.dataset.dataset] : []));
    // The watchdog times the code, not the engine's start-up.
    watchdog = setTimeout(() => {
      control.stop(`Stopped by the watchdog after ${timeoutMs(block) / 1000} s. Check for an endless loop, then Run again.`);
    }, timeoutMs(block));
    setState(block, "running");
    status(block, mode === "check" ? "Checking…" : "Running…");
    const code = control.getCode();
    const started = performance.now();
    if (mode === "check") {
      const verdict = await (lang === "sql" ? checkSql(block, code, race, started) : checkPython(block, code, race));
      showVerdict(block, verdict);
      recordAttempt(block.dataset.questionId, { passed: verdict.passed, answer: code });
      setState(block, "done");
    } else if (lang === "sql") {
      const before = chainCode(block);
      const result = await race(runtime.run(code, { dataset: block.dataset.dataset || null, before }));
      showSqlResult(output, result, performance.now() - started);
      setState(block, result.error !== undefined ? "error" : "done");
    } else {
      const before = chainCode(block);
      const result = await race(runtime.run(code, { before, onWrite: (stream, text) => pyOutput.write(stream, text) }));
      pyOutput.finish(result, performance.now() - started);
      setState(block, result.error ? "error" : "done");
    }
    status(block, "");
  } catch (error) {
    const message = stopReason || `${ENGINE_NAMES[lang]} could not run this: ${error.message || error}`;
    if (silent) setState(block, "idle");
    else {
      if (pyOutput && stopReason) pyOutput.fail(message);
      else showMessage(output, stopReason ? "Stopped" : "Error", message);
      setState(block, "error");
    }
    status(block, "");
    if (stopReason) runtime.prepare().catch(() => {}); // a fresh engine, so the next Run is quick
  } finally {
    clearTimeout(watchdog);
    control.running = false;
    control.stop = null;
    for (const name of ["run", "check"]) if (buttons[name]) buttons[name].disabled = false;
    buttons.stop.disabled = true;
  }
}

function gradingData(block) {
  return JSON.parse(block.querySelector(".sl-question__grading").textContent);
}

/** Run the reader's query on the shown dataset and on the hidden copy; compare each with the reference result. */
async function checkSql(block, code, race, started) {
  const { expected, order_matters: orderMatters } = gradingData(block);
  const dataset = block.dataset.dataset;
  let shown = null;
  let verdict = null;
  for (const [index, seed] of [0, 1].entries()) {
    const actual = await race(runtimes.sql.run(code, { dataset, seed, maxRows: GRADE_MAX_ROWS }));
    if (index === 0) shown = actual;
    verdict = compareResults(expected[index], actual, orderMatters, index === 1);
    if (!verdict.passed) break;
  }
  const display = shown.rows ? { ...shown, rows: shown.rows.slice(0, MAX_ROWS) } : shown;
  showSqlResult(block.querySelector("[data-run-output]"), display, performance.now() - started);
  return verdict;
}

/** Run the reader's code with the public and hidden tests in the Python worker (syslab.grading.grade_python). */
async function checkPython(block, code, race) {
  const { tests, hidden_tests: hiddenTests } = gradingData(block);
  return race(runtimes.python.grade(code, tests, hiddenTests));
}

async function upgrade(block) {
  block.dataset.runReady = "pending";
  const code = block.querySelector("[data-run-editor]");
  const original = code.textContent.replace(/\n$/, "");
  const output = block.querySelector("[data-run-output]");
  const recorded = [...output.childNodes].map((node) => node.cloneNode(true));
  const control = { running: false, stop: null, getCode: () => code.textContent, setCode: (text) => { code.textContent = text; } };
  block.syslab = control;
  // A question's editor reopens with the reader's last checked answer; Reset goes back to the starter code.
  const saved = block.dataset.questionId ? getRecord(block.dataset.questionId).last_answer : undefined;
  try {
    const editor = await attachEditor(code, block.dataset.runLang, settings.root);
    control.getCode = editor.getCode;
    control.setCode = editor.setCode;
    editor.setCode(saved || original);
  } catch (error) {
    // Without the editor the block still runs its code as shown.
    console.warn("syslab: editor unavailable", error);
  }
  const bar = block.querySelector(".sl-run__bar");
  bar.addEventListener("click", (event) => {
    const button = event.target.closest("[data-run-action]");
    if (!button) return;
    const action = button.dataset.runAction;
    if (action === "run") run(block);
    else if (action === "check") run(block, "check");
    else if (action === "stop" && control.stop) control.stop("Stopped. Run again to start over with a fresh engine.");
    else if (action === "reset") {
      if (control.stop) control.stop("Stopped by Reset.", true);
      control.setCode(original);
      output.replaceChildren(...recorded.map((node) => node.cloneNode(true)));
      setState(block, "idle");
      const verdict = block.querySelector(".sl-verdict");
      if (verdict) verdict.textContent = "";
      delete block.dataset.runVerdict;
    } else if (action === "copy") copy(control.getCode(), button);
  });
  code.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run(block, event.shiftKey && block.dataset.questionId ? "check" : "run");
    }
  });
  bar.hidden = false;
  block.dataset.runReady = "true";
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed";
  }
  setTimeout(() => { button.textContent = "Copy"; }, 1500);
}

function prefetch(blocks) {
  if (!blocks.length || !prefetchAllowed()) return;
  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 200));
  idle(() => {
    const sql = blocks.filter((block) => block.dataset.runLang === "sql");
    if (sql.length) runtimes.sql.warm([...new Set(sql.map((b) => b.dataset.dataset).filter(Boolean))]).catch(() => {});
    if (blocks.some((block) => block.dataset.runLang === "python")) runtimes.python.warm().catch(() => {});
  }, { timeout: 3000 });
}

/** The "load engines only on Run" checkbox of the How this site works page. */
function bindSettings() {
  const toggle = document.getElementById("sl-prefetch-toggle");
  if (!toggle) return;
  toggle.checked = !prefetchAllowed();
  toggle.addEventListener("change", () => {
    try {
      if (toggle.checked) localStorage.setItem("syslab.prefetch", "off");
      else localStorage.removeItem("syslab.prefetch");
    } catch {
      toggle.checked = false;
    }
  });
}

function upgradeAll() {
  bindSettings();
  const blocks = [...document.querySelectorAll(".sl-run:not([data-run-ready])")];
  blocks.forEach(upgrade);
  prefetch(blocks);
}

// Material's instant navigation swaps pages without reloading scripts: document$ emits for every page, so the
// runtimes (and their workers) survive navigation inside the site.
if (window.document$) window.document$.subscribe(upgradeAll);
else upgradeAll();
