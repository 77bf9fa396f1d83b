// The browser's SQL result comparator: the twin of syslab.grading.compare_results. Both must give the same verdict
// and the same message for every case in tests/grading_cases.json (tests/test_questions.py runs both).

export const GRADE_MAX_ROWS = 1000;
const SAMPLE_ROWS = 3;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export const PASS_SQL = "Correct: your result matches on the dataset shown and on a second, differently generated copy.";
const SECOND_COPY =
  "Your query is right on the dataset shown on this page, but not on a second copy generated with different " +
  "values, so it depends on those particular values rather than on the logic the question asks for. " +
  "On the second copy: ";

function valueKey(value) {
  if (value === null || !NUMBER.test(value)) return value === null ? "\u0000null" : `s:${value}`;
  const number = Number(value);
  return Number.isFinite(number) ? `n:${Number(number.toPrecision(9))}` : `s:${value}`;
}

const rowKey = (row) => JSON.stringify(row.map(valueKey));
const render = (row) => `(${row.map((value) => (value === null ? "NULL" : value)).join(", ")})`;
const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * The multiset difference a - b: one entry per distinct key with a surplus in `a`, in order of the key's first
 * appearance in `a`, holding that first row and the surplus count (as Counter subtraction does in Python).
 */
function minus(aKeys, aRows, bKeys) {
  const counts = new Map();
  for (const key of aKeys) counts.set(key, (counts.get(key) || 0) + 1);
  for (const key of bKeys) if (counts.has(key)) counts.set(key, counts.get(key) - 1);
  const seen = new Set();
  const result = [];
  aKeys.forEach((key, index) => {
    if (seen.has(key)) return;
    seen.add(key);
    if (counts.get(key) > 0) result.push({ row: aRows[index], count: counts.get(key) });
  });
  return result;
}

/** "Missing: (1, a); (2, b) (2 times) and 4 more.": the first distinct rows, with repeat counts (as _sample). */
function sample(entries, label) {
  const shownEntries = entries.slice(0, SAMPLE_ROWS);
  const shown = shownEntries.map((entry) => render(entry.row) + (entry.count > 1 ? ` (${entry.count} times)` : ""));
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  const remaining = total - shownEntries.reduce((sum, entry) => sum + entry.count, 0);
  return ` ${label}: ${shown.join("; ")}${remaining ? ` and ${remaining} more` : ""}.`;
}

function difference(expected, actual, orderMatters) {
  if (actual.error !== undefined && actual.error !== null) return `Your query failed: ${actual.error}`;
  if (!actual.columns.length) {
    return "Your query returned no rows or columns; end it with the SELECT whose result answers the question.";
  }
  if (actual.columns.length !== expected.columns.length) {
    return (
      `Your result has ${plural(actual.columns.length, "column")}; the expected result has ` +
      `${expected.columns.length}. Column names do not matter, but the number and order of columns do.`
    );
  }
  if (actual.row_count > actual.rows.length) {
    return (
      `Your query returns ${plural(actual.row_count, "row")}, more than the grader compares ` +
      `(${GRADE_MAX_ROWS}); the expected result has ${plural(expected.row_count, "row")}.`
    );
  }
  const expectedKeys = expected.rows.map(rowKey);
  const actualKeys = actual.rows.map(rowKey);
  const missing = minus(expectedKeys, expected.rows, actualKeys);
  const extra = minus(actualKeys, actual.rows, expectedKeys);
  if (missing.length || extra.length) {
    let text =
      actualKeys.length !== expectedKeys.length
        ? `Your query returns ${plural(actualKeys.length, "row")}; the expected result has ${expectedKeys.length}.`
        : `Your query returns the right number of rows (${expectedKeys.length}), but not the right rows.`;
    if (missing.length) text += sample(missing, "Missing");
    if (extra.length) text += sample(extra, "Unexpected");
    return text;
  }
  if (orderMatters) {
    const index = expectedKeys.findIndex((key, i) => key !== actualKeys[i]);
    if (index >= 0) {
      return (
        `The rows are right but not in the order the question asks for: row ${index + 1} should be ` +
        `${render(expected.rows[index])} but is ${render(actual.rows[index])}.`
      );
    }
  }
  return null;
}

/** Compare the reader's result with the reference result; returns {passed, message}. */
export function compareResults(expected, actual, orderMatters, secondCopy = false) {
  const message = difference(expected, actual, orderMatters);
  if (message === null) return { passed: true, message: PASS_SQL };
  return { passed: false, message: secondCopy ? SECOND_COPY + message[0].toLowerCase() + message.slice(1) : message };
}
