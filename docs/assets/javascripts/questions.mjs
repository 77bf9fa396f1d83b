// Question pages and the bank's index pages: multiple-choice checking, self-scoring against a rubric, review
// grades, flags, the reader's status on every list, and the index pages' filters. Gradable editors (sql, python)
// are handled by runnable.mjs. Everything the reader does is stored by progress.mjs, in this browser only.

import { getRecord, loadProgress, recordAttempt, SOLVED_SCORE, statusOf, updateRecord } from "./progress.mjs";
import { showVerdict } from "./render.mjs";

const STATUS_LABELS = { solved: "solved", attempted: "attempted", new: "new", flagged: "flagged" };

function setupChoice(form) {
  if (form.dataset.ready) return;
  form.dataset.ready = "true";
  const correct = new Set(JSON.parse(form.dataset.correct));
  const inputs = [...form.querySelectorAll("input")];
  form.querySelector("[data-run-action=check]").addEventListener("click", () => {
    const chosen = new Set(inputs.filter((input) => input.checked).map((input) => Number(input.value)));
    if (!chosen.size) {
      showVerdict(form, { passed: false, message: "Choose an option first." });
      delete form.dataset.runVerdict;
      return;
    }
    const passed = chosen.size === correct.size && [...chosen].every((index) => correct.has(index));
    const wrongPicks = [...chosen].filter((index) => !correct.has(index)).length;
    const missed = [...correct].filter((index) => !chosen.has(index)).length;
    let message = "Correct. Read why each option is right or wrong below.";
    if (!passed) {
      const parts = [];
      if (wrongPicks) parts.push(`${wrongPicks} of your choices ${wrongPicks === 1 ? "is" : "are"} wrong`);
      if (missed) parts.push(`you missed ${missed} correct option${missed === 1 ? "" : "s"}`);
      message = `Not quite: ${parts.join(" and ")}. The explanation under each option says why.`;
    }
    inputs.forEach((input) => {
      const item = input.closest(".sl-choice__option");
      const index = Number(input.value);
      item.classList.toggle("is-correct", correct.has(index));
      item.classList.toggle("is-wrong", input.checked && !correct.has(index));
      item.querySelector(".sl-choice__why").hidden = false;
    });
    showVerdict(form, { passed, message });
    recordAttempt(form.dataset.questionId, { passed, answer: [...chosen].join(",") });
    revealReview(form.dataset.questionId);
  });
}

function setupSelfCheck(box) {
  if (box.dataset.ready) return;
  box.dataset.ready = "true";
  const id = box.dataset.questionId;
  const textarea = box.querySelector("textarea");
  textarea.value = getRecord(id).last_answer || "";
  let timer = null;
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => updateRecord(id, { last_answer: textarea.value }), 400);
  });
  const boxes = [...box.querySelectorAll(".sl-rubric input")];
  const saved = getRecord(id).rubric_checked || [];
  boxes.forEach((input) => { input.checked = saved.includes(Number(input.value)); });
  box.querySelector("[data-run-action=score]").addEventListener("click", () => {
    const checked = boxes.filter((input) => input.checked).map((input) => Number(input.value));
    const score = boxes.length ? checked.length / boxes.length : 0;
    const passed = score >= SOLVED_SCORE;
    const percent = Math.round(score * 100);
    const message = `You covered ${checked.length} of ${boxes.length} points (${percent}%). ` +
      (passed ? "That is an answer most interviewers would accept." : "Read the model answer for the points you missed.");
    showVerdict(box, { passed, message });
    recordAttempt(id, { passed, answer: textarea.value, score });
    updateRecord(id, { rubric_checked: checked });
    revealReview(id);
  });
}

function revealReview(id) {
  const bar = document.querySelector(`.sl-review-bar[data-question-id="${CSS.escape(id)}"]`);
  if (bar) bar.hidden = false;
}

function setupReviewBar(bar) {
  if (bar.dataset.ready) return;
  bar.dataset.ready = "true";
  const id = bar.dataset.questionId;
  if (getRecord(id).review || getRecord(id).attempts) bar.hidden = false;
  const answer = bar.closest(".sl-question")?.querySelector(".sl-answer");
  if (answer) answer.addEventListener("toggle", () => { if (answer.open) bar.hidden = false; });
  bar.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-review-grade]");
    if (!button) return;
    const { gradeCard } = await import("./review.mjs");
    const review = gradeCard(id, button.dataset.reviewGrade);
    bar.querySelector(".sl-review-bar__next").textContent = ` Next review: ${review.due}.`;
  });
}

function setupFlag(button) {
  if (button.dataset.ready) return;
  button.dataset.ready = "true";
  const id = button.dataset.flagQuestion;
  const render = () => {
    const flagged = Boolean(getRecord(id).flagged);
    button.textContent = flagged ? "★ Flagged for review" : "☆ Flag for review";
    button.setAttribute("aria-pressed", String(flagged));
  };
  button.addEventListener("click", () => {
    updateRecord(id, { flagged: !getRecord(id).flagged });
    render();
  });
  render();
  button.hidden = false;
}

function statusKey(record) {
  return statusOf(record || {});
}

/** Fill every status cell or badge on the page from the stored progress. */
function showStatuses() {
  const { questions } = loadProgress();
  for (const row of document.querySelectorAll(".sl-bank__list tr[data-question-id]")) {
    const record = questions[row.dataset.questionId] || {};
    const status = statusKey(record);
    row.dataset.status = status;
    row.dataset.flagged = record.flagged ? "true" : "false";
    const cell = row.querySelector("[data-status]");
    cell.textContent = STATUS_LABELS[status] + (record.flagged ? " ★" : "");
    cell.className = `sl-bank__status sl-status--${status}`;
  }
  for (const badge of document.querySelectorAll("[data-status-for]")) {
    const status = statusKey(questions[badge.dataset.statusFor]);
    badge.textContent = status === "new" ? "" : status;
    badge.className = `sl-question-status sl-status--${status}`;
  }
}

const FILTERS = [
  ["topic", "Topic", (row) => [row.dataset.topic]],
  ["level", "Level", (row) => [row.dataset.level]],
  ["difficulty", "Difficulty", (row) => [row.dataset.difficulty]],
  ["type", "Type", (row) => [row.dataset.type]],
  ["tag", "Tag", (row) => JSON.parse(row.dataset.tags)],
  ["aws", "AWS service", (row) => JSON.parse(row.dataset.aws)],
  ["status", "Status", (row) => [row.dataset.status, ...(row.dataset.flagged === "true" ? ["flagged"] : [])]],
];

/** The filter bar of an index page: one select per facet, each option with its count; rows hide when filtered. */
function setupBank(bank) {
  if (bank.dataset.ready) return;
  bank.dataset.ready = "true";
  const rows = [...bank.querySelectorAll("tbody tr")];
  const hasTopicColumn = [...bank.querySelectorAll("thead th")].some((th) => th.textContent === "Topic");
  const facets = FILTERS.filter(([name]) => name !== "topic" || hasTopicColumn);
  const bar = bank.querySelector(".sl-bank__filters");
  const selects = {};
  for (const [name, label] of facets) {
    const wrapper = document.createElement("label");
    wrapper.className = "sl-bank__filter";
    wrapper.append(document.createTextNode(`${label} `));
    const select = document.createElement("select");
    select.dataset.filter = name;
    wrapper.append(select);
    bar.append(wrapper);
    selects[name] = select;
    select.addEventListener("change", apply);
  }
  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "sl-run__btn";
  clear.textContent = "Clear filters";
  clear.addEventListener("click", () => {
    Object.values(selects).forEach((select) => { select.value = ""; });
    apply();
  });
  bar.append(clear);

  function valuesOf(row, name) {
    return facets.find(([facet]) => facet === name)[2](row);
  }

  function matches(row, except) {
    return Object.entries(selects).every(([name, select]) => {
      if (name === except || !select.value) return true;
      return valuesOf(row, name).includes(select.value);
    });
  }

  function apply() {
    showStatuses();
    let shown = 0;
    for (const row of rows) {
      const visible = matches(row, null);
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    // Each option's count: the rows it would show, given the other filters.
    for (const [name, label] of facets) {
      const select = selects[name];
      const current = select.value;
      const counts = new Map();
      const labels = new Map();
      for (const row of rows) {
        for (const value of valuesOf(row, name)) {
          if (!labels.has(value)) labels.set(value, value);
          if (matches(row, name)) counts.set(value, (counts.get(value) || 0) + 1);
        }
      }
      const order = [...labels.keys()].sort((a, b) => a.localeCompare(b));
      select.replaceChildren();
      const any = document.createElement("option");
      any.value = "";
      any.textContent = `All (${rows.filter((row) => matches(row, name)).length})`;
      select.append(any);
      for (const value of order) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = `${value} (${counts.get(value) || 0})`;
        select.append(option);
      }
      select.value = current;
      select.setAttribute("aria-label", label);
    }
    bank.querySelector(".sl-bank__count").textContent = `Showing ${shown} of ${rows.length} questions.`;
  }

  apply();
  bank.syslabRefresh = apply;
}

// One listener for the whole session (instant navigation swaps pages, not this module): refresh the banks on the
// current page when progress changes.
window.addEventListener("syslab:progress", () => {
  document.querySelectorAll(".sl-bank").forEach((bank) => bank.syslabRefresh?.());
});

function setupAll() {
  document.querySelectorAll("form.sl-choice").forEach(setupChoice);
  document.querySelectorAll(".sl-selfcheck").forEach(setupSelfCheck);
  document.querySelectorAll(".sl-review-bar").forEach(setupReviewBar);
  document.querySelectorAll("[data-flag-question]").forEach(setupFlag);
  document.querySelectorAll(".sl-bank").forEach(setupBank);
  showStatuses();
}

if (window.document$) window.document$.subscribe(setupAll);
else setupAll();
