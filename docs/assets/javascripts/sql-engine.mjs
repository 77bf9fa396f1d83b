// Engine-independent steps of a SQL run, shared by the browser (sql-runtime.mjs) and the CI parity run under Node
// (scripts/wasm_parity.mjs). The CPython twin is syslab/runner/sql.py; both produce the same result shape, and the
// parity tests hold both to the same recorded outputs.
//
// A "connection" here is any object with:
//   query(sql)  -> Promise<arrow.Table | null>   runs one or more statements, resolves with the last result
//   stream(sql) -> AsyncIterable<arrow.RecordBatch> | Iterable<...>   runs one statement, yields its batches

/** Rows kept for display; row_count still counts them all. Same as syslab.runner.sql.MAX_ROWS. */
export const MAX_ROWS = 100;

/** First keywords of statements fetched through the VARCHAR wrapper. Same list as syslab.runner.sql.ROW_RETURNING. */
export const ROW_RETURNING = ["SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "SHOW", "SUMMARIZE", "PIVOT", "UNPIVOT", "("];

/** The database every run happens in; the dataset is copied into it from a template loaded once per engine. */
export const LAB_DATABASE = "lab";

/** Split SQL text into statements, respecting quotes, dollar quotes and comments. Empty statements are dropped. */
export function splitStatements(code) {
  const statements = [];
  let start = 0;
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    if (c === "'" || c === '"') {
      i = skipQuoted(code, i, c);
    } else if (c === "-" && code[i + 1] === "-") {
      const end = code.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
    } else if (c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(code.slice(i));
      if (tag) {
        const end = code.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? n : end + tag[0].length;
      } else {
        i += 1;
      }
    } else if (c === ";") {
      statements.push(code.slice(start, i));
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
  statements.push(code.slice(start));
  return statements.filter((statement) => stripLeadingNoise(statement).trim() !== "");
}

function skipQuoted(code, i, quote) {
  let j = i + 1;
  while (j < code.length) {
    if (code[j] === quote) {
      if (code[j + 1] === quote) { j += 2; continue; }
      return j + 1;
    }
    j += 1;
  }
  return code.length;
}

function stripLeadingNoise(statement) {
  return statement.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, "");
}

/** The statement's first keyword in upper case, skipping whitespace and comments ("(" counts as a keyword). */
export function firstKeyword(statement) {
  const rest = stripLeadingNoise(statement);
  if (rest.startsWith("(")) return "(";
  const match = /^[A-Za-z_]+/.exec(rest);
  return match ? match[0].toUpperCase() : "";
}

/** The statement wrapped so that the engine renders every value as text and keeps row order. */
export function wrapAsText(statement) {
  return `SELECT COLUMNS(*)::VARCHAR FROM (\n${statement.trim().replace(/;$/, "")}\n)`;
}

/** An engine error as the reader sees it: no generic "Error: " prefix, no repeated paragraph (as clean_error). */
export function cleanError(error) {
  let message = String(error && error.message !== undefined ? error.message : error).trim();
  if (message.startsWith("Error: ")) message = message.slice("Error: ".length);
  const paragraphs = [];
  for (const paragraph of message.split("\n\n")) {
    if (paragraphs.length === 0 || paragraphs[paragraphs.length - 1] !== paragraph) paragraphs.push(paragraph);
  }
  return paragraphs.join("\n\n");
}

/** Name of the template database that holds one copy of a dataset. */
export function templateName(dataset, seed) {
  return `ds_${dataset}_${seed}`;
}

/** Statements that load a dataset into its template database (run once per engine and dataset copy). */
export function templateStatements(dataset, seed, datasetSql) {
  const name = templateName(dataset, seed);
  return [`ATTACH ':memory:' AS ${name}`, `USE ${name}`, `SET VARIABLE dataset_seed = ${Number(seed)}`, datasetSql, "USE memory"];
}

/** Statements that give a run its fresh lab database, with the dataset copied in when there is one. */
export function labStatements(dataset, seed) {
  const statements = ["USE memory", `DETACH DATABASE IF EXISTS ${LAB_DATABASE}`, `ATTACH ':memory:' AS ${LAB_DATABASE}`];
  if (dataset) statements.push(`COPY FROM DATABASE ${templateName(dataset, seed)} TO ${LAB_DATABASE}`);
  statements.push(`USE ${LAB_DATABASE}`);
  return statements;
}

function textOf(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  return String(value);
}

async function fetchResult(conn, statement, maxRows) {
  const wrapped = ROW_RETURNING.includes(firstKeyword(statement));
  const batches = await conn.stream(wrapped ? wrapAsText(statement) : statement);
  let columns = null;
  const rows = [];
  let rowCount = 0;
  for await (const batch of batches) {
    if (columns === null) columns = batch.schema.fields.map((field) => field.name);
    const take = Math.max(0, Math.min(batch.numRows, maxRows - rows.length));
    for (let r = 0; r < take; r += 1) {
      const row = [];
      for (let c = 0; c < columns.length; c += 1) row.push(textOf(batch.getChildAt(c).get(r)));
      rows.push(row);
    }
    rowCount += batch.numRows;
  }
  if (columns === null) return { columns: [], rows: [], row_count: 0 };
  return { columns, rows, row_count: rowCount };
}

/**
 * Run `code` on a connection whose lab database is ready: the `before` texts first (results discarded), then the
 * statements of `code`; the last statement's result is returned, with at most `maxRows` rows kept (graders keep
 * more than the display does). Errors come back as {error}, never thrown.
 */
export async function runInLab(conn, code, before = [], maxRows = MAX_ROWS) {
  try {
    for (const earlier of before) {
      for (const statement of splitStatements(earlier)) await conn.query(statement);
    }
    const statements = splitStatements(code);
    if (statements.length === 0) return { error: "There is no SQL statement to run." };
    for (const statement of statements.slice(0, -1)) await conn.query(statement);
    return await fetchResult(conn, statements[statements.length - 1], maxRows);
  } catch (error) {
    return { error: cleanError(error) };
  }
}
