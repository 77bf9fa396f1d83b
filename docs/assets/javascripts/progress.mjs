// The reader's progress, kept in this browser only (localStorage), exportable and importable as a JSON file.
//
// Stored under "syslab.progress.v1" as {version: 1, questions: {<id>: record}}, where a record has:
//   attempts      number of Check presses (or self-scores)
//   solved        true once an answer passed (or a self-score reached SOLVED_SCORE)
//   flagged       the reader's "review later" flag
//   last_answer   the last code or text the reader checked (restored in the editor)
//   last_verdict  "pass" | "fail"
//   score         self-graded questions: the fraction of rubric points covered (0..1)
//   review        spaced repetition: {box, due} (see review.mjs)
//   updated       ISO timestamp of the last change

export const STORAGE_KEY = "syslab.progress.v1";
export const SOLVED_SCORE = 0.7;

function empty() {
  return { version: 1, questions: {} };
}

/** The whole progress object (a fresh one when nothing is stored or the stored text is unreadable). */
export function loadProgress() {
  try {
    const data = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    if (data && data.version === 1 && data.questions && typeof data.questions === "object") return data;
  } catch {
    // unreadable: start again rather than break the page
  }
  return empty();
}

function save(progress) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  window.dispatchEvent(new CustomEvent("syslab:progress"));
}

/** One question's record ({} when the reader has not touched it). */
export function getRecord(id) {
  return loadProgress().questions[id] || {};
}

/** Merge `patch` into a question's record and save. Returns the new record. */
export function updateRecord(id, patch) {
  const progress = loadProgress();
  const record = { ...(progress.questions[id] || {}), ...patch, updated: new Date().toISOString() };
  progress.questions[id] = record;
  save(progress);
  return record;
}

/** Record a graded attempt: counts it, remembers the answer, and marks the question solved on a pass. */
export function recordAttempt(id, { passed, answer = undefined, score = undefined }) {
  const record = getRecord(id);
  const patch = { attempts: (record.attempts || 0) + 1, last_verdict: passed ? "pass" : "fail", solved: Boolean(record.solved || passed) };
  if (answer !== undefined) patch.last_answer = answer;
  if (score !== undefined) patch.score = score;
  return updateRecord(id, patch);
}

/** "solved" | "attempted" | "flagged" | "new": the status filters and dashboards show. */
export function statusOf(record) {
  if (record.solved) return "solved";
  if (record.attempts) return "attempted";
  return "new";
}

/** Delete all stored progress (the dashboard's Reset, after the reader confirms). */
export function resetProgress() {
  localStorage.removeItem(STORAGE_KEY);
  window.dispatchEvent(new CustomEvent("syslab:progress"));
}

/** The progress as pretty JSON text, for download. */
export function exportProgress() {
  return JSON.stringify(loadProgress(), null, 2);
}

/**
 * Merge an exported file into the stored progress: for each question the more recently updated record wins.
 * Returns the number of questions imported; throws an Error with a plain message when the text is not an export.
 */
export function importProgress(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("This file is not JSON. Choose a file exported from the Progress page.");
  }
  if (!data || data.version !== 1 || typeof data.questions !== "object") {
    throw new Error("This file is not a Systems Lab progress export (version 1).");
  }
  const progress = loadProgress();
  let count = 0;
  for (const [id, record] of Object.entries(data.questions)) {
    if (!record || typeof record !== "object") continue;
    const current = progress.questions[id];
    if (!current || String(record.updated || "") > String(current.updated || "")) {
      progress.questions[id] = record;
      count += 1;
    }
  }
  save(progress);
  return count;
}

let bankPromise = null;

/** The question index the build writes to assets/question-bank.json (see syslab/site/question_pages.py). */
export function loadBank(root) {
  if (!bankPromise) {
    bankPromise = fetch(new URL("assets/question-bank.json", root)).then((response) => {
      if (!response.ok) throw new Error(`the question index could not be loaded (HTTP ${response.status})`);
      return response.json();
    });
    bankPromise.catch(() => { bankPromise = null; });
  }
  return bankPromise;
}
