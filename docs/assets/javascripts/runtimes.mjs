// The page's engines, shared by every feature that runs code (runnable blocks, the SQL playground): one DuckDB and
// one Python worker per page, kept across Material's instant navigation because modules load once.

import { PythonRuntime } from "./py-runtime.mjs";
import { SqlRuntime } from "./sql-runtime.mjs";

export const settings = readSettings();
export const runtimes = {
  sql: new SqlRuntime(settings.root),
  python: new PythonRuntime(settings.root, settings.wheel),
};
export const ENGINE_NAMES = { sql: "DuckDB", python: "Python" };

/** Prefetch is off under Save-Data, or when the reader turned it off (localStorage "syslab.prefetch" = "off"). */
export function prefetchAllowed() {
  if (navigator.connection && navigator.connection.saveData) return false;
  try {
    return localStorage.getItem("syslab.prefetch") !== "off";
  } catch {
    return true;
  }
}

function readSettings() {
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const root = new URL(config.base || ".", document.baseURI);
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
  return {
    root,
    wheel: meta("syslab-wheel"),
    sqlglotWheel: meta("syslab-sqlglot-wheel"),
    timeoutS: Number(meta("syslab-timeout")) || 10,
  };
}

