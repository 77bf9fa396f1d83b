// Practice pages: fills the containers the practice pages declare, and does nothing on other pages.
//
//   #sl-progress-dashboard   totals, tables by track / topic / level, flagged questions, export / import / reset
//   #sl-review-queue         today's spaced-repetition queue (review.mjs) and new cards
//   #sl-mock-interview       a timed mock interview: pick track, level and format; timer; summary and what to study
//
// Progress comes from progress.mjs (localStorage, this browser only); the question index from the build's
// assets/question-bank.json. Containers re-render when progress changes ("syslab:progress" in this tab, "storage"
// from other tabs). Every piece of data is inserted as text (textContent / createElement), never as HTML.
//
// Test hooks (keep them stable): each container gets data-sl-practice="loading" | "ready" | "error"; the dashboard's
// totals carry data-sl-stat="solved|attempted|total"; queue and interview items carry data-question-id; the mock
// container carries data-sl-mock-state="form" | "active" | "finished" and its timer data-sl-mock-timer.

import { SOLVED_SCORE, STORAGE_KEY, exportProgress, importProgress, loadBank, loadProgress, resetProgress, statusOf } from "./progress.mjs";
import { INTERVALS_DAYS, daysBetween, dueCards, isoDate, nextDueDate } from "./review.mjs";

export const MOCK_KEY = "syslab.mock.v1";
export const LEVELS = ["L3", "L4", "L5", "L6"];
const LEVEL_NAMES = { L3: "L3 (entry level)", L4: "L4 (mid level)", L5: "L5 (senior)", L6: "L6 (staff)" };

/** Mock interview formats: how many questions of which types, and how long. */
export const FORMATS = {
  design: { label: "Design round: 1 design question, 45 minutes", short: "Design round", count: 1, minutes: 45, types: ["design"] },
  coding: { label: "Coding round: 3 SQL or Python questions, 30 minutes", short: "Coding round", count: 3, minutes: 30, types: ["sql", "python"] },
  concepts: { label: "Concepts round: 5 concept or choice questions, 20 minutes", short: "Concepts round", count: 5, minutes: 20, types: ["concept", "choice"] },
};

const TYPE_NAMES = { sql: "SQL", python: "Python", concept: "Concept", design: "Design", choice: "Choice" };
const TYPE_WORDS = { sql: "SQL", python: "Python", concept: "concept", design: "design", choice: "choice" };

// ---------------------------------------------------------------------------------------------------------------
// Small DOM helpers

/** Create an element: `props` sets properties (className, type, hidden...), "data-*"/"aria-*" and a few others as
 * attributes, "on<event>" as listeners; children are nodes or strings (inserted as text), null/false skipped. */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key.startsWith("data-") || key.startsWith("aria-") || ["role", "for", "tabindex", "download", "href", "accept", "name"].includes(key)) {
      node.setAttribute(key, String(value));
    } else node[key] = value;
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

function percent(fraction) {
  return `${Math.round(fraction * 100)}%`;
}

function siteRoot() {
  let config = {};
  try {
    config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  } catch {
    // no Material config: the page is the root
  }
  const root = new URL(config.base || ".", document.baseURI);
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  return root;
}

function questionHref(question, root) {
  return new URL(question.url, root).href;
}

function questionLink(question, root) {
  return h("a", { href: questionHref(question, root) }, question.title);
}

function trackTitle(bank, track) {
  return bank.tracks?.[track]?.title || track;
}

function topicTitle(bank, track, topic) {
  return bank.tracks?.[track]?.topics?.[topic] || topic;
}

function typeName(type) {
  return TYPE_NAMES[type] || type;
}

function meta(...parts) {
  return h("span", { className: "sl-practice__meta" }, parts.filter(Boolean).join(" · "));
}

function section(title, ...children) {
  return h("section", { className: "sl-practice__section" }, h("h2", {}, title), ...children);
}

function scrollTable(caption, headers, rows) {
  const table = h(
    "table",
    { className: "sl-practice__table" },
    h("caption", { className: "sl-practice__sr" }, caption),
    h("thead", {}, h("tr", {}, headers.map((text) => h("th", { scope: "col" }, text)))),
    h("tbody", {}, rows),
  );
  return h("div", { className: "sl-practice__scroll", tabindex: "0", role: "region", "aria-label": caption }, table);
}

// ---------------------------------------------------------------------------------------------------------------
// Mounting: Material's instant navigation swaps page content without reloading scripts, and emits on document$.

const MOUNTS = {
  "sl-progress-dashboard": mountDashboard,
  "sl-review-queue": mountReview,
  "sl-mock-interview": mountMock,
};

function mountAll() {
  for (const [id, mount] of Object.entries(MOUNTS)) {
    const container = document.getElementById(id);
    if (!container || container.slRefresh) continue;
    container.classList.add("sl-practice");
    container.dataset.slPractice = "loading";
    mount(container);
    container.slRefresh();
  }
}

function refreshAll() {
  for (const id of Object.keys(MOUNTS)) {
    const container = document.getElementById(id);
    if (container && container.slRefresh) container.slRefresh();
  }
}

/** Wrap a container's render(bank) with bank loading, error display and the ready marker. */
function withBank(container, target, render) {
  let generation = 0;
  container.slRefresh = async () => {
    const mine = ++generation;
    let bank;
    try {
      bank = await loadBank(siteRoot());
    } catch (error) {
      if (mine !== generation) return;
      target.replaceChildren(h("p", { className: "sl-practice__error", role: "alert" }, `The question bank could not be loaded: ${error.message}.`));
      container.dataset.slPractice = "error";
      return;
    }
    if (mine !== generation || !container.isConnected) return;
    render(bank);
    container.dataset.slPractice = "ready";
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Progress dashboard

function counts(questions, records) {
  let solved = 0;
  let attempted = 0;
  for (const question of questions) {
    const status = statusOf(records[question.id] || {});
    if (status === "solved") solved += 1;
    if (status !== "new") attempted += 1;
  }
  return { solved, attempted, total: questions.length };
}

function bar({ solved, attempted, total }) {
  const width = (n) => `${total ? (100 * n) / total : 0}%`;
  const label = `${solved} of ${total} solved, ${attempted} attempted`;
  return h(
    "span",
    { className: "sl-practice__bar", role: "img", "aria-label": label, title: label },
    h("span", { className: "sl-practice__bar-attempted", style: `width: ${width(attempted)}` }),
    h("span", { className: "sl-practice__bar-solved", style: `width: ${width(solved)}` }),
  );
}

function countRow(labels, stats) {
  return h(
    "tr",
    {},
    labels.map((label, i) => (i === 0 ? h("th", { scope: "row" }, label) : h("td", {}, label))),
    h("td", { className: "sl-practice__num" }, stats.solved),
    h("td", { className: "sl-practice__num" }, stats.attempted),
    h("td", { className: "sl-practice__num" }, stats.total),
    h("td", { className: "sl-practice__barcell" }, bar(stats)),
  );
}

function renderDashboard(target, bank) {
  const root = siteRoot();
  const records = loadProgress().questions;
  const questions = bank.questions || [];
  const totals = counts(questions, records);
  const header = ["Solved", "Attempted", "Total", "Progress"];

  const totalsList = h(
    "ul",
    { className: "sl-practice__totals", "aria-label": "Totals" },
    [
      ["solved", "solved"],
      ["attempted", "attempted"],
      ["total", "questions in the bank"],
    ].map(([key, label]) => h("li", {}, h("strong", { "data-sl-stat": key }, totals[key]), " ", label)),
  );

  const trackIds = Object.keys(bank.tracks || {});
  for (const question of questions) if (!trackIds.includes(question.track)) trackIds.push(question.track);
  const byTrack = trackIds.map((track) =>
    countRow([trackTitle(bank, track)], counts(questions.filter((q) => q.track === track), records)),
  );

  const topicRows = [];
  for (const track of trackIds) {
    const topics = Object.keys(bank.tracks?.[track]?.topics || {});
    for (const question of questions) if (question.track === track && !topics.includes(question.topic)) topics.push(question.topic);
    for (const topic of topics) {
      const inTopic = questions.filter((q) => q.track === track && q.topic === topic);
      if (!inTopic.length) continue;
      const label = [topicTitle(bank, track, topic), h("span", { className: "sl-practice__meta sl-practice__sub" }, trackTitle(bank, track))];
      topicRows.push(countRow([label], counts(inTopic, records)));
    }
  }

  const byLevel = LEVELS.map((level) => countRow([level], counts(questions.filter((q) => q.level === level), records)));

  const flagged = questions.filter((q) => records[q.id]?.flagged);
  const flaggedList = flagged.length
    ? h(
        "ul",
        { className: "sl-practice__list" },
        flagged.map((q) =>
          h("li", { "data-question-id": q.id }, questionLink(q, root), " ", meta(typeName(q.type), q.level, statusOf(records[q.id]))),
        ),
      )
    : h("p", { className: "sl-practice__empty" }, "No flagged questions. Flag a question on its page to keep it on this list.");

  target.replaceChildren(
    totalsList,
    h("p", { className: "sl-practice__note" }, "Attempted counts every question you have checked at least once, solved or not."),
    section("By track", scrollTable("Progress by track", ["Track", ...header], byTrack)),
    section("By topic", scrollTable("Progress by topic", ["Topic", ...header], topicRows)),
    section("By level", scrollTable("Progress by level", ["Level", ...header], byLevel)),
    section(`Flagged (${flagged.length})`, flaggedList),
  );
}

function mountDashboard(container) {
  const data = h("div", { className: "sl-practice__data" }, h("p", {}, "Loading your progress…"));
  const status = h("p", { className: "sl-practice__status", role: "status" });
  const say = (text, error = false) => {
    status.textContent = text;
    status.classList.toggle("sl-practice__status--error", error);
  };

  const fileInput = h("input", {
    type: "file",
    accept: "application/json,.json",
    className: "sl-practice__file",
    tabindex: "-1",
    "aria-hidden": "true",
    onchange: async () => {
      const file = fileInput.files && fileInput.files[0];
      if (!file) return;
      try {
        const count = importProgress(await file.text());
        say(`Imported progress for ${plural(count, "question")} from ${file.name}.`);
      } catch (error) {
        say(`Import failed: ${error.message}`, true);
      } finally {
        fileInput.value = "";
      }
    },
  });

  const exportButton = h(
    "button",
    {
      type: "button",
      className: "sl-practice__btn",
      onclick: () => {
        const url = URL.createObjectURL(new Blob([exportProgress()], { type: "application/json" }));
        const link = h("a", { href: url, download: "systems-lab-progress.json", hidden: true });
        link.addEventListener("click", (event) => event.stopPropagation()); // not a page: keep instant navigation out
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        say("Downloaded systems-lab-progress.json.");
      },
    },
    "Export progress",
  );
  const importButton = h("button", { type: "button", className: "sl-practice__btn", onclick: () => fileInput.click() }, "Import progress");
  const resetButton = h(
    "button",
    {
      type: "button",
      className: "sl-practice__btn sl-practice__btn--danger",
      onclick: () => {
        if (!window.confirm("Delete all your progress in this browser (attempts, answers, flags and review schedule)? Export it first if you may want it back.")) return;
        resetProgress();
        say("Progress reset.");
      },
    },
    "Reset progress",
  );

  container.replaceChildren(
    data,
    section(
      "Your data",
      h("p", {}, "Progress lives in this browser only. Export it to keep a copy or to move it to another browser; importing merges a file into what is here (the newer record of each question wins)."),
      h("div", { className: "sl-practice__actions" }, exportButton, importButton, resetButton, fileInput),
      status,
    ),
  );
  withBank(container, data, (bank) => renderDashboard(data, bank));
}

// ---------------------------------------------------------------------------------------------------------------
// Review queue

function dueText(due, today) {
  const days = daysBetween(today, due);
  if (days === 0) return "due today";
  if (days < 0) return `due ${due} (${plural(-days, "day")} overdue)`;
  return `due ${due} (in ${plural(days, "day")})`;
}

function reviewItem(question, records, root, today, fresh) {
  const review = records[question.id]?.review;
  return h(
    "li",
    { "data-question-id": question.id },
    questionLink(question, root),
    " ",
    meta(typeName(question.type), question.level, fresh ? "new card" : `box ${review.box}`, fresh ? null : dueText(review.due, today)),
  );
}

function schedulerExplanation() {
  return section(
    "How the queue is scheduled",
    h(
      "p",
      {},
      "Concept, design and choice questions are review cards. Each card sits in a box from 0 to 5; the box decides how many days pass before the card comes back. On a question page, grade how well you remembered the answer: ",
      h("strong", {}, "Again"),
      " sends it back to box 0 (due today), ",
      h("strong", {}, "Hard"),
      " keeps it in its box (at least box 1), ",
      h("strong", {}, "Good"),
      " moves it up one box and ",
      h("strong", {}, "Easy"),
      " two. Box 5 is the top.",
    ),
    scrollTable(
      "Days until a card is due again, by box",
      ["Box", ...INTERVALS_DAYS.map((_, box) => String(box))],
      [h("tr", {}, h("th", { scope: "row" }, "Days"), INTERVALS_DAYS.map((days) => h("td", { className: "sl-practice__num" }, days)))],
    ),
  );
}

function renderReview(target, bank) {
  const root = siteRoot();
  const today = new Date();
  const progress = loadProgress();
  const records = progress.questions;
  const { due, fresh } = dueCards(progress, bank, today);

  let dueBody;
  if (due.length) {
    dueBody = h("ol", { className: "sl-practice__list", "data-sl-list": "due" }, due.map((q) => reviewItem(q, records, root, today, false)));
  } else {
    const next = nextDueDate(progress, bank, today);
    const text = next
      ? `Nothing is due today (${isoDate(today)}). The next card is due on ${next}, in ${plural(daysBetween(today, next), "day")}.`
      : "Nothing is due today: no card is scheduled yet. Grade a card on its question page to start its schedule.";
    dueBody = h("p", { className: "sl-practice__empty", "data-sl-empty": "due" }, text);
  }

  const freshBody = fresh.length
    ? h("ul", { className: "sl-practice__list", "data-sl-list": "fresh" }, fresh.map((q) => reviewItem(q, records, root, today, true)))
    : h("p", { className: "sl-practice__empty" }, "No new cards: every concept, design and choice question has a schedule.");

  target.replaceChildren(
    section(`Due today (${due.length})`, dueBody),
    section(`New cards (${fresh.length})`, h("p", { className: "sl-practice__note" }, "Questions you have never graded, up to ten at a time."), freshBody),
  );
}

function mountReview(container) {
  const data = h("div", { className: "sl-practice__data" }, h("p", {}, "Loading your review queue…"));
  container.replaceChildren(data, schedulerExplanation());
  withBank(container, data, (bank) => renderReview(data, bank));
}

// ---------------------------------------------------------------------------------------------------------------
// Mock interview

/** A small seeded PRNG (mulberry32): the same seed gives the same interview. Returns floats in [0, 1). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Pick the questions of a mock interview: `count` questions of the format's types in `track`, at `level` when there
 * are enough, else from the nearest levels (ties broken at random). Returns {ids, note} where `note` explains any
 * fallback (empty when none was needed).
 */
export function pickQuestions(bank, { track, level, format, seed }) {
  const spec = FORMATS[format];
  const random = seededRandom(seed);
  const candidates = (bank.questions || []).filter((q) => q.track === track && spec.types.includes(q.type));
  const target = LEVELS.indexOf(level);
  const distance = (q) => {
    const index = LEVELS.indexOf(q.level);
    return index < 0 ? LEVELS.length : Math.abs(index - target);
  };
  const ranked = candidates
    .map((q) => ({ q, d: distance(q), r: random() }))
    .sort((a, b) => a.d - b.d || a.r - b.r)
    .map(({ q }) => q);
  const picked = shuffle(ranked.slice(0, spec.count), random);
  const atLevel = candidates.filter((q) => q.level === level).length;
  const notes = [];
  if (atLevel < spec.count && picked.length) {
    const others = [...new Set(picked.filter((q) => q.level !== level).map((q) => q.level))].sort();
    const what = `${spec.types.map((type) => TYPE_WORDS[type] || type).join(" or ")} questions`;
    notes.push(
      `${trackTitle(bank, track)} has ${atLevel === 0 ? "no" : `only ${atLevel}`} ${what} at ${level}` +
        (others.length ? `, so this interview also includes questions at ${others.join(" and ")}.` : "."),
    );
    if (picked.length < spec.count) {
      const only = picked.length === 1 ? "is only one such question" : `are only ${picked.length} such questions`;
      notes.push(`There ${only} in this track, so the interview has ${picked.length} instead of ${spec.count}.`);
    }
  }
  return { ids: picked.map((q) => q.id), note: notes.join(" ") };
}

export function loadSession() {
  try {
    const session = JSON.parse(localStorage.getItem(MOCK_KEY) || "null");
    if (session && Number.isFinite(session.started) && Number.isFinite(session.minutes) && Array.isArray(session.ids) && FORMATS[session.format]) {
      return session;
    }
  } catch {
    // unreadable: no session
  }
  return null;
}

function saveSession(session) {
  if (session) localStorage.setItem(MOCK_KEY, JSON.stringify(session));
  else localStorage.removeItem(MOCK_KEY);
}

function endOf(session) {
  return session.started + session.minutes * 60_000;
}

function clock(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

/** What a progress record says about a question: {text, points (0..1), solved, weak}. */
function outcome(record, session) {
  const hasScore = typeof record.score === "number" && Number.isFinite(record.score);
  const score = hasScore ? Math.min(1, Math.max(0, record.score)) : null;
  let text;
  if (record.solved) text = hasScore ? `Solved (self-score ${percent(score)})` : "Solved";
  else if (hasScore) text = `Self-score ${percent(score)}`;
  else if (record.attempts) text = `Attempted (${plural(record.attempts, "check")}), not solved`;
  else text = "Not attempted";
  const updated = Date.parse(record.updated || "");
  if (statusOf(record) !== "new" && Number.isFinite(updated) && updated < session.started) text += " — before this interview";
  const points = hasScore ? score : record.solved ? 1 : 0;
  const weak = !record.solved || (hasScore && score < SOLVED_SCORE);
  return { text, points, solved: Boolean(record.solved), weak };
}

let mockTimer = null;
let lastChoice = null;

function stopTimer() {
  if (mockTimer !== null) clearInterval(mockTimer);
  mockTimer = null;
}

function renderMock(container, bank) {
  stopTimer();
  const session = loadSession();
  if (!session) renderMockForm(container, bank);
  else if (session.finished || Date.now() >= endOf(session)) {
    if (!session.finished) {
      session.finished = endOf(session);
      session.timeUp = true;
      saveSession(session);
    }
    renderMockSummary(container, bank, session);
  } else renderMockActive(container, bank, session);
}

function renderMockForm(container, bank) {
  container.dataset.slMockState = "form";
  const tracks = Object.keys(bank.tracks || {});
  const choice = lastChoice || { track: tracks[0], level: "L5", format: "design" };
  const status = h("p", { className: "sl-practice__status", role: "status" });

  const trackSelect = h(
    "select",
    { id: "sl-mock-track", name: "track" },
    tracks.map((track) => h("option", { value: track }, trackTitle(bank, track))),
  );
  if (tracks.includes(choice.track)) trackSelect.value = choice.track;
  const levelSelect = h(
    "select",
    { id: "sl-mock-level", name: "level" },
    LEVELS.map((level) => h("option", { value: level }, LEVEL_NAMES[level])),
  );
  levelSelect.value = choice.level;
  const availability = {};
  const formatField = h(
    "fieldset",
    { className: "sl-practice__formats" },
    h("legend", {}, "Format"),
    Object.entries(FORMATS).map(([key, spec]) => {
      availability[key] = h("span", { className: "sl-practice__meta" });
      return h(
        "label",
        { className: "sl-practice__choice" },
        h("input", { type: "radio", name: "format", value: key, checked: key === choice.format }),
        " ",
        h("span", {}, spec.label),
        " ",
        availability[key],
      );
    }),
  );
  const showAvailability = () => {
    for (const [key, spec] of Object.entries(FORMATS)) {
      const n = (bank.questions || []).filter((q) => q.track === trackSelect.value && spec.types.includes(q.type)).length;
      availability[key].textContent = `(${plural(n, "question")} in this track)`;
    }
  };
  trackSelect.addEventListener("change", showAvailability);
  showAvailability();

  const form = h(
    "form",
    {
      className: "sl-practice__form",
      onsubmit: (event) => {
        event.preventDefault();
        const format = form.querySelector('input[name="format"]:checked')?.value || "design";
        const spec = FORMATS[format];
        const started = Date.now();
        const choiceNow = { track: trackSelect.value, level: levelSelect.value, format };
        lastChoice = choiceNow;
        const { ids, note } = pickQuestions(bank, { ...choiceNow, seed: started });
        if (!ids.length) {
          status.textContent = `${trackTitle(bank, choiceNow.track)} has no questions for the ${spec.short.toLowerCase()} yet. Pick another track or format.`;
          status.classList.add("sl-practice__status--error");
          return;
        }
        saveSession({ started, minutes: spec.minutes, ids, format, track: choiceNow.track, level: choiceNow.level, seed: started, note });
        renderMock(container, bank);
        container.querySelector("h2")?.focus();
      },
    },
    h("div", { className: "sl-practice__field" }, h("label", { for: "sl-mock-track" }, "Track"), trackSelect),
    h("div", { className: "sl-practice__field" }, h("label", { for: "sl-mock-level" }, "Level"), levelSelect),
    formatField,
    h("div", { className: "sl-practice__actions" }, h("button", { type: "submit", className: "sl-practice__btn sl-practice__btn--primary" }, "Start interview")),
    status,
  );
  container.replaceChildren(
    h("h2", { tabindex: "-1" }, "Start a mock interview"),
    h("p", {}, "The timer starts when you press Start. Open each question from the list, answer it on its page, then come back here and press Finish."),
    form,
  );
}

function questionItems(bank, session, root) {
  const byId = new Map((bank.questions || []).map((q) => [q.id, q]));
  const records = loadProgress().questions;
  return session.ids.map((id) => {
    const question = byId.get(id);
    if (!question) return h("li", { "data-question-id": id }, `${id} (no longer in the question bank)`);
    const status = statusOf(records[id] || {});
    return h(
      "li",
      { "data-question-id": id },
      questionLink(question, root),
      " ",
      meta(typeName(question.type), question.level, question.difficulty, status === "new" ? null : status),
    );
  });
}

function sessionHeading(bank, session) {
  return `${FORMATS[session.format].short} · ${trackTitle(bank, session.track)} · ${session.level}`;
}

function renderMockActive(container, bank, session) {
  container.dataset.slMockState = "active";
  const root = siteRoot();
  const timer = h("span", { className: "sl-practice__clock", role: "timer", "aria-live": "off", "data-sl-mock-timer": "" });
  const alert = h("span", { className: "sl-practice__sr", "aria-live": "polite" });
  // Announce "5 minutes left" and "1 minute left" to screen readers as they pass (not the ones already passed).
  const thresholds = [5, 1].filter((minutes) => endOf(session) - Date.now() > minutes * 60_000);
  const tick = () => {
    if (!container.isConnected) {
      stopTimer();
      return;
    }
    const left = endOf(session) - Date.now();
    if (left <= 0) {
      renderMock(container, bank);
      container.querySelector("h2")?.focus();
      return;
    }
    timer.textContent = clock(left);
    container.classList.toggle("sl-practice--hurry", left <= 5 * 60_000);
    while (thresholds.length && left <= thresholds[0] * 60_000) alert.textContent = `${plural(thresholds.shift(), "minute")} left.`;
  };
  tick();
  mockTimer = setInterval(tick, 500);

  const finish = h(
    "button",
    {
      type: "button",
      className: "sl-practice__btn sl-practice__btn--primary",
      onclick: () => {
        const current = loadSession() || session;
        current.finished = Date.now();
        saveSession(current);
        renderMock(container, bank);
        container.querySelector("h2")?.focus();
      },
    },
    "Finish",
  );

  container.replaceChildren(
    h("h2", { tabindex: "-1" }, sessionHeading(bank, session)),
    h("p", { className: "sl-practice__timer" }, "Time left ", timer, " of ", `${session.minutes} minutes`, alert),
    session.note ? h("p", { className: "sl-practice__note" }, session.note) : null,
    h("ol", { className: "sl-practice__list", "data-sl-list": "mock" }, questionItems(bank, session, root)),
    h("p", { className: "sl-practice__note" }, "The timer keeps running if you leave this page or reload it."),
    h("div", { className: "sl-practice__actions" }, finish),
  );
}

function renderMockSummary(container, bank, session) {
  container.dataset.slMockState = "finished";
  const root = siteRoot();
  const byId = new Map((bank.questions || []).map((q) => [q.id, q]));
  const records = loadProgress().questions;
  const rows = [];
  const weak = [];
  let points = 0;
  let solved = 0;
  for (const id of session.ids) {
    const question = byId.get(id);
    const result = outcome(records[id] || {}, session);
    points += result.points;
    if (result.solved) solved += 1;
    if (question && result.weak) weak.push(question);
    rows.push(
      h(
        "tr",
        { "data-question-id": id },
        h("th", { scope: "row" }, question ? questionLink(question, root) : id),
        h("td", {}, question ? `${typeName(question.type)} · ${question.level}` : "—"),
        h("td", {}, result.text),
      ),
    );
  }
  const total = session.ids.length;
  const score = total ? points / total : 0;
  const took = Math.max(0, Math.min(session.finished, endOf(session)) - session.started);

  // What to study next: the topics of the weak questions, with their lesson pages.
  const topics = new Map();
  for (const question of weak) {
    const key = `${question.track}/${question.topic}`;
    if (!topics.has(key)) topics.set(key, { question, questions: [], lessons: new Set() });
    const entry = topics.get(key);
    entry.questions.push(question);
    if (question.lesson_url) entry.lessons.add(question.lesson_url);
  }
  const study = topics.size
    ? h(
        "ul",
        { className: "sl-practice__list", "data-sl-list": "study" },
        [...topics.values()].map(({ question, questions, lessons }) =>
          h(
            "li",
            {},
            h("strong", {}, topicTitle(bank, question.track, question.topic)),
            " ",
            meta(trackTitle(bank, question.track)),
            h(
              "ul",
              {},
              [...lessons].map((url) => h("li", {}, "Lesson: ", h("a", { href: new URL(url, root).href }, lessonName(url)))),
              questions.map((q) => h("li", {}, "Revisit: ", questionLink(q, root))),
            ),
          ),
        ),
      )
    : h("p", { className: "sl-practice__empty" }, "Nothing: you solved every question. Try the next level up.");

  const again = h(
    "button",
    {
      type: "button",
      className: "sl-practice__btn sl-practice__btn--primary",
      onclick: () => {
        lastChoice = { track: session.track, level: session.level, format: session.format };
        saveSession(null);
        renderMock(container, bank);
        container.querySelector("h2")?.focus();
      },
    },
    "New interview",
  );

  container.replaceChildren(
    h("h2", { tabindex: "-1" }, `Summary: ${sessionHeading(bank, session)}`),
    h(
      "p",
      { className: "sl-practice__score" },
      session.timeUp ? "Time is up. " : `Finished after ${clock(took)} of ${session.minutes} minutes. `,
      "Overall score ",
      h("strong", { "data-sl-stat": "score" }, percent(score)),
      ` (${solved} of ${plural(total, "question")} solved).`,
    ),
    scrollTable("Result per question", ["Question", "Type", "Result"], rows),
    h("p", { className: "sl-practice__note" }, `Scores come from your progress: 1 for a solved question, the self-score for a self-graded one, 0 otherwise. Below ${percent(SOLVED_SCORE)} counts as not yet solved.`),
    section("What to study next", study),
    h("div", { className: "sl-practice__actions" }, again),
  );
}

function lessonName(url) {
  const parts = url.replace(/\/$/, "").split("/");
  const last = parts[parts.length - 1] || url;
  return last.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}

function mountMock(container) {
  container.replaceChildren(h("p", {}, "Loading the question bank…"));
  withBank(container, container, (bank) => {
    // A progress change does not concern a form the reader may be filling in: leave it alone.
    if (container.dataset.slMockState === "form" && !loadSession()) return;
    renderMock(container, bank);
  });
}

// ---------------------------------------------------------------------------------------------------------------

window.addEventListener("syslab:progress", refreshAll);
window.addEventListener("storage", (event) => {
  if (event.key === null || event.key === STORAGE_KEY || event.key === MOCK_KEY) refreshAll();
});

if (window.document$) window.document$.subscribe(mountAll);
else mountAll();
