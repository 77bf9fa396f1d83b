// Spaced repetition for the question bank: a Leitner scheduler over the reader's progress (progress.mjs).
//
// Review cards are the questions a reader grades from memory: types "concept", "design" and "choice". Each card
// sits in one of six boxes, 0 to 5; the box decides how many days pass before the card is due again:
//
//   box        0   1   2   3   4    5
//   interval   0   1   3   7   16   35   days (INTERVALS_DAYS)
//
// After looking at a card the reader grades their recall, and the card moves:
//
//   again   back to box 0, due today (see it again in this session)
//   hard    stays in its box (at least box 1), due after that box's interval
//   good    one box up, due after the new box's interval
//   easy    two boxes up, due after the new box's interval
//
// Boxes are capped at 5, so a card the reader knows well comes back every 35 days. A card that has never been
// graded is in no box; its first grade treats it as box 0 ("good" puts it in box 1, due tomorrow).
//
// The schedule is stored in the question's progress record as `review: {box, due}`, where `due` is a local calendar
// date "YYYY-MM-DD" (not a timestamp: a card due on a day is due all that day, whatever the time zone). A card is
// due when its date is today or earlier; the most overdue cards come first.

import { getRecord, updateRecord } from "./progress.mjs";

/** Days until a card in box i is due again. */
export const INTERVALS_DAYS = Object.freeze([0, 1, 3, 7, 16, 35]);

/** The highest box. */
export const MAX_BOX = INTERVALS_DAYS.length - 1;

/** The grades a reader can give a card, from worst to best. */
export const GRADES = Object.freeze(["again", "hard", "good", "easy"]);

/** Question types that are review cards (graded from memory). */
export const REVIEW_TYPES = Object.freeze(["concept", "design", "choice"]);

/** How many never-reviewed cards dueCards() offers at a time. */
export const FRESH_LIMIT = 10;

/** A Date's local calendar date as "YYYY-MM-DD". */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local date `days` calendar days after `date` (safe across daylight-saving changes), as "YYYY-MM-DD". */
export function addDays(date, days) {
  return isoDate(new Date(date.getFullYear(), date.getMonth(), date.getDate() + days));
}

/** Calendar days from local date `from` ("YYYY-MM-DD" or Date) to `to` (negative when `to` is earlier). */
export function daysBetween(from, to) {
  const day = (value) => {
    const [y, m, d] = (typeof value === "string" ? value : isoDate(value)).split("-").map(Number);
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  return Math.round(day(to) - day(from));
}

function currentBox(review) {
  const box = Number(review && review.box);
  if (!Number.isFinite(box)) return 0;
  return Math.min(MAX_BOX, Math.max(0, Math.trunc(box)));
}

/**
 * The next schedule of a card: `review` is its current {box, due} (undefined for a new card), `grade` one of GRADES,
 * `today` a Date. Returns {box, due} with `due` a local "YYYY-MM-DD" date.
 */
export function schedule(review, grade, today = new Date()) {
  const box = currentBox(review);
  let next;
  switch (grade) {
    case "again":
      next = 0;
      break;
    case "hard":
      next = Math.max(1, box);
      break;
    case "good":
      next = box + 1;
      break;
    case "easy":
      next = box + 2;
      break;
    default:
      throw new Error(`unknown grade ${JSON.stringify(grade)}: expected one of ${GRADES.join(", ")}`);
  }
  next = Math.min(MAX_BOX, next);
  return { box: next, due: addDays(today, INTERVALS_DAYS[next]) };
}

/** Grade question `id`'s card and store the new schedule in its progress record (`review`). Returns {box, due}. */
export function gradeCard(id, grade, today = new Date()) {
  const review = schedule(getRecord(id).review, grade, today);
  updateRecord(id, { review });
  return review;
}

/** Whether a bank question is a review card. */
export function isReviewCard(question) {
  return REVIEW_TYPES.includes(question.type);
}

function bankQuestions(bank) {
  return Array.isArray(bank) ? bank : (bank && bank.questions) || [];
}

function hasSchedule(record) {
  return Boolean(record && record.review && typeof record.review.due === "string");
}

/**
 * Today's review queue. `progress` is loadProgress()'s object, `bank` the question index (or its `questions` array),
 * `today` a Date. Returns {due, fresh}: `due` holds the review cards whose `review.due` is today or earlier, oldest
 * first; `fresh` up to FRESH_LIMIT review cards never graded, in bank order.
 */
export function dueCards(progress, bank, today = new Date()) {
  const records = (progress && progress.questions) || {};
  const todayIso = isoDate(today);
  const cards = bankQuestions(bank).filter(isReviewCard);
  const due = cards
    .map((question, index) => ({ question, index, record: records[question.id] }))
    .filter(({ record }) => hasSchedule(record) && record.review.due <= todayIso)
    .sort((a, b) => a.record.review.due.localeCompare(b.record.review.due) || a.index - b.index)
    .map(({ question }) => question);
  const fresh = cards.filter((question) => !hasSchedule(records[question.id])).slice(0, FRESH_LIMIT);
  return { due, fresh };
}

/** The earliest due date ("YYYY-MM-DD") among scheduled review cards after today, or null when there is none. */
export function nextDueDate(progress, bank, today = new Date()) {
  const records = (progress && progress.questions) || {};
  const todayIso = isoDate(today);
  let next = null;
  for (const question of bankQuestions(bank).filter(isReviewCard)) {
    const record = records[question.id];
    if (hasSchedule(record) && record.review.due > todayIso && (next === null || record.review.due < next)) {
      next = record.review.due;
    }
  }
  return next;
}
