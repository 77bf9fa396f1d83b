"""Browser tests for the practice pages (practice.mjs, review.mjs): the progress dashboard, export and import, the
spaced-repetition queue and the mock interview. Question ids come from the built site's question-bank.json."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

PROGRESS = "assets/javascripts/progress.mjs"
REVIEW = "assets/javascripts/review.mjs"
REVIEW_TYPES = ("concept", "design", "choice")
LEVELS = ("L3", "L4", "L5", "L6")
FORMATS = {  # name: (question types, count, minutes), as in practice.mjs
    "design": (("design",), 1, 45),
    "coding": (("sql", "python"), 3, 30),
    "concepts": (("concept", "choice"), 5, 20),
}

CALL = """async ([path, name, args]) => {
  const module = await import(new URL(path, location.origin + '/').href);
  return module[name](...args);
}"""


@pytest.fixture(scope="module")
def bank(built_site: Path) -> dict:
    return json.loads((built_site / "assets" / "question-bank.json").read_text())


@pytest.fixture(scope="module")
def questions(bank: dict) -> list[dict]:
    assert bank["questions"], "the question bank is empty"
    return bank["questions"]


@pytest.fixture
def context(browser) -> Iterator[object]:
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def open_page(context, url: str, container: str | None = None):
    """A new page at `url` that records uncaught errors and accepts confirm() dialogs; waits for `container`."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(url)
    if container:
        wait_ready(page, container)
    return page


def wait_ready(page, container: str) -> None:
    page.wait_for_selector(f"{container}[data-sl-practice=ready]")


def call(page, path: str, name: str, *args):
    """Call an exported function of a site module in the page (the same module instance the page uses)."""
    return page.evaluate(CALL, [path, name, list(args)])


def stat(page, key: str) -> str:
    return page.locator(f'#sl-progress-dashboard [data-sl-stat="{key}"]').text_content()


def test_dashboard_shows_recorded_progress_and_survives_reload(context, site_url: str, questions, bank) -> None:
    solved, attempted = questions[0], questions[-1]
    # Reach the dashboard through instant navigation (a link on the Practice page), as a reader does.
    page = open_page(context, site_url + "/practice/")
    page.locator("article a[href$='progress/']").first.click()
    page.wait_for_url("**/practice/progress/")
    wait_ready(page, "#sl-progress-dashboard")
    assert (stat(page, "solved"), stat(page, "attempted"), stat(page, "total")) == ("0", "0", str(len(questions)))

    call(page, PROGRESS, "updateRecord", solved["id"], {"attempts": 2, "solved": True, "last_verdict": "pass"})
    call(page, PROGRESS, "updateRecord", attempted["id"], {"attempts": 1, "last_verdict": "fail", "flagged": True})
    page.wait_for_function("document.querySelector('[data-sl-stat=solved]').textContent === '1'")
    assert stat(page, "attempted") == "2"

    page.reload()
    wait_ready(page, "#sl-progress-dashboard")
    assert (stat(page, "solved"), stat(page, "attempted"), stat(page, "total")) == ("1", "2", str(len(questions)))
    dashboard = page.locator("#sl-progress-dashboard")
    track_title = bank["tracks"][solved["track"]]["title"]
    in_track = sum(q["track"] == solved["track"] for q in questions)
    track_row = dashboard.locator("section", has_text="By track").locator("tbody tr", has_text=track_title)
    assert track_row.locator("td").all_text_contents()[:3] == [
        "1",
        "1" if attempted["track"] != solved["track"] else "2",
        str(in_track),
    ]
    level_row = dashboard.locator("section", has_text="By level").locator("tbody tr", has_text=solved["level"])
    assert level_row.locator("td").first.text_content() == "1"
    assert dashboard.locator("section", has_text="By topic").locator("tbody tr").count() >= 1
    flagged = dashboard.locator(f'li[data-question-id="{attempted["id"]}"] a')
    assert flagged.text_content() == attempted["title"]
    assert flagged.get_attribute("href").endswith(attempted["url"])
    assert not page.errors


def test_export_then_import_into_a_fresh_browser_restores_progress(browser, context, site_url: str, questions) -> None:
    first, second = questions[0]["id"], questions[1]["id"]
    page = open_page(context, site_url + "/practice/progress/", "#sl-progress-dashboard")
    call(page, PROGRESS, "updateRecord", first, {"attempts": 1, "solved": True, "last_answer": "SELECT 1"})
    call(page, PROGRESS, "updateRecord", second, {"attempts": 3, "flagged": True, "score": 0.5})
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export progress").click()
    download = download_info.value
    assert download.suggested_filename == "systems-lab-progress.json"
    exported = Path(download.path())
    assert set(json.loads(exported.read_text())["questions"]) == {first, second}

    fresh = browser.new_context()
    try:
        other = open_page(fresh, site_url + "/practice/progress/", "#sl-progress-dashboard")
        assert stat(other, "attempted") == "0"
        status = other.locator("#sl-progress-dashboard [role=status]")
        other.set_input_files("#sl-progress-dashboard input[type=file]", str(exported))
        other.wait_for_function("document.querySelector('[data-sl-stat=solved]').textContent === '1'")
        assert "Imported progress for 2 questions" in status.text_content()
        assert stat(other, "attempted") == "2"
        assert call(other, PROGRESS, "getRecord", first)["last_answer"] == "SELECT 1"
        assert call(other, PROGRESS, "getRecord", second)["score"] == 0.5
        other.reload()
        wait_ready(other, "#sl-progress-dashboard")
        assert (stat(other, "solved"), stat(other, "attempted")) == ("1", "2")

        bad = {"name": "notes.json", "mimeType": "application/json", "buffer": b'{"hello": 1}'}
        other.set_input_files("#sl-progress-dashboard input[type=file]", files=[bad])
        other.wait_for_function(
            "document.querySelector('#sl-progress-dashboard [role=status]').textContent.includes('failed')"
        )
        assert "not a Systems Lab progress export" in status.text_content()

        other.get_by_role("button", name="Reset progress").click()  # the confirm() is accepted
        other.wait_for_function("document.querySelector('[data-sl-stat=attempted]').textContent === '0'")
        assert not other.errors
    finally:
        fresh.close()
    assert not page.errors


def test_schedule_intervals_and_caps(browser, site_url: str) -> None:
    # Berlin moves its clocks forward on 2024-03-31: due dates count calendar days across the change.
    berlin = browser.new_context(timezone_id="Europe/Berlin")
    try:
        page = open_page(berlin, site_url + "/practice/review/", "#sl-review-queue")
        results = page.evaluate(
            """async () => {
              const review = await import(new URL('assets/javascripts/review.mjs', location.origin + '/').href);
              const on = (y, m, d, hour = 12) => new Date(y, m - 1, d, hour);
              const s = (card, grade, day) => review.schedule(card, grade, day);
              let error = null;
              try { s(undefined, 'perfect', on(2024, 1, 1)); } catch (e) { error = e.message; }
              return {
                intervals: review.INTERVALS_DAYS,
                newGood: s(undefined, 'good', on(2024, 1, 31)),
                newAgain: s(undefined, 'again', on(2024, 1, 31)),
                newHard: s(undefined, 'hard', on(2024, 1, 31)),
                newEasy: s(undefined, 'easy', on(2024, 1, 31)),
                again: s({box: 4, due: '2024-01-01'}, 'again', on(2024, 1, 31)),
                hard: s({box: 3, due: '2024-01-01'}, 'hard', on(2024, 1, 31)),
                leap: s({box: 1, due: '2024-02-20'}, 'easy', on(2024, 2, 28)),
                capEasy: s({box: 4, due: '2024-01-01'}, 'easy', on(2024, 1, 31)),
                capGood: s({box: 5, due: '2024-12-01'}, 'good', on(2024, 12, 20)),
                dst: s({box: 2, due: '2024-03-30'}, 'good', on(2024, 3, 30, 23)),
                midnight: s({box: 0, due: '2024-03-30'}, 'good', on(2024, 3, 31, 0)),
                error,
              };
            }"""
        )
    finally:
        berlin.close()
    assert results["intervals"] == [0, 1, 3, 7, 16, 35]
    assert results["newGood"] == {"box": 1, "due": "2024-02-01"}
    assert results["newAgain"] == {"box": 0, "due": "2024-01-31"}
    assert results["newHard"] == {"box": 1, "due": "2024-02-01"}
    assert results["newEasy"] == {"box": 2, "due": "2024-02-03"}
    assert results["again"] == {"box": 0, "due": "2024-01-31"}
    assert results["hard"] == {"box": 3, "due": "2024-02-07"}
    assert results["leap"] == {"box": 3, "due": "2024-03-06"}
    assert results["capEasy"] == {"box": 5, "due": "2024-03-06"}
    assert results["capGood"] == {"box": 5, "due": "2025-01-24"}
    assert results["dst"] == {"box": 3, "due": "2024-04-06"}
    assert results["midnight"] == {"box": 1, "due": "2024-04-01"}
    assert "unknown grade" in results["error"]


def test_due_cards_order_and_new_cards(context, site_url: str) -> None:
    page = open_page(context, site_url + "/practice/review/", "#sl-review-queue")
    result = page.evaluate(
        """async () => {
          const review = await import(new URL('assets/javascripts/review.mjs', location.origin + '/').href);
          const q = (id, type) => ({id, type, title: id, track: 't', topic: 'x', level: 'L4', url: `q/${id}/`});
          const bank = {tracks: {}, questions: [
            q('sql-one', 'sql'), q('late', 'concept'), q('early', 'design'), q('future', 'choice'),
            q('today', 'choice'), q('python-due', 'python'),
            ...Array.from({length: 12}, (_, i) => q(`new-${i}`, i % 2 ? 'concept' : 'choice')),
          ]};
          const progress = {version: 1, questions: {
            'late': {review: {box: 2, due: '2024-05-03'}}, 'early': {review: {box: 1, due: '2024-04-01'}},
            'future': {review: {box: 3, due: '2024-05-20'}}, 'today': {review: {box: 0, due: '2024-05-10'}},
            'python-due': {review: {box: 1, due: '2024-01-01'}}, 'new-0': {attempts: 1},
          }};
          const {due, fresh} = review.dueCards(progress, bank, new Date(2024, 4, 10, 8));
          return {due: due.map((c) => c.id), fresh: fresh.map((c) => c.id),
                  next: review.nextDueDate(progress, bank, new Date(2024, 4, 10))};
        }"""
    )
    assert result["due"] == ["early", "late", "today"]
    assert result["fresh"] == [f"new-{i}" for i in range(10)]
    assert result["next"] == "2024-05-20"


def test_grading_a_card_moves_it_out_of_todays_queue(context, site_url: str, questions) -> None:
    cards = [q for q in questions if q["type"] in REVIEW_TYPES]
    assert cards, "the bank has no concept, design or choice question"
    card = cards[0]
    page = open_page(context, site_url + "/practice/review/", "#sl-review-queue")
    queue = page.locator("#sl-review-queue")
    assert queue.locator(f'[data-sl-list=fresh] li[data-question-id="{card["id"]}"]').count() == 1
    assert queue.locator("[data-sl-empty=due]").count() == 1  # nothing scheduled yet

    call(page, PROGRESS, "updateRecord", card["id"], {"review": {"box": 2, "due": "2020-01-02"}})
    item = queue.locator(f'[data-sl-list=due] li[data-question-id="{card["id"]}"]')
    item.wait_for()
    assert "2020-01-02" in item.text_content() and "overdue" in item.text_content()
    assert item.locator("a").get_attribute("href").endswith(card["url"])
    assert queue.locator(f'[data-sl-list=fresh] li[data-question-id="{card["id"]}"]').count() == 0

    review = call(page, REVIEW, "gradeCard", card["id"], "good")
    due = (date.today() + timedelta(days=7)).isoformat()
    assert review == {"box": 3, "due": due}
    assert call(page, PROGRESS, "getRecord", card["id"])["review"] == review
    item.wait_for(state="detached")
    empty = queue.locator("[data-sl-empty=due]")
    assert due in empty.text_content() and "7 days" in empty.text_content()

    page.reload()
    wait_ready(page, "#sl-review-queue")
    assert queue.locator(f'li[data-question-id="{card["id"]}"]').count() == 0
    assert queue.locator("section", has_text="How the queue is scheduled").locator("td").all_text_contents() == [
        "0",
        "1",
        "3",
        "7",
        "16",
        "35",
    ]
    assert not page.errors


def choose_interview(questions: list[dict]) -> tuple[str, str, str, list[dict]]:
    """The format and track with the most questions in the bank, and the level most of them are at."""
    best = None
    for name, (types, _count, _minutes) in FORMATS.items():
        for track in sorted({q["track"] for q in questions}):
            pool = [q for q in questions if q["track"] == track and q["type"] in types]
            if pool and (best is None or len(pool) > len(best[3])):
                level = Counter(q["level"] for q in pool).most_common(1)[0][0]
                best = (name, track, level, pool)
    assert best, "the bank has no question for any mock interview format"
    return best


def test_mock_interview_runs_and_summarises(context, site_url: str, questions, bank) -> None:
    format_name, track, level, pool = choose_interview(questions)
    types, count, minutes = FORMATS[format_name]
    page = open_page(context, site_url + "/practice/mock-interview/", "#sl-mock-interview")
    mock = page.locator("#sl-mock-interview")
    assert mock.get_attribute("data-sl-mock-state") == "form"
    assert mock.locator("#sl-mock-track option").count() == len(bank["tracks"])
    mock.locator("#sl-mock-track").select_option(track)
    mock.locator("#sl-mock-level").select_option(level)
    mock.locator(f'input[name=format][value="{format_name}"]').check()
    mock.get_by_role("button", name="Start interview").click()

    page.wait_for_selector("#sl-mock-interview[data-sl-mock-state=active]")
    timer = mock.locator("[data-sl-mock-timer]")
    assert re.fullmatch(r"\d\d:\d\d", timer.text_content())
    assert int(timer.text_content().split(":")[0]) in (minutes - 1, minutes)
    items = mock.locator("[data-sl-list=mock] li")
    ids = items.evaluate_all("items => items.map((li) => li.dataset.questionId)")
    assert len(ids) == min(count, len(pool)) and len(set(ids)) == len(ids)
    by_id = {q["id"]: q for q in questions}
    assert all(by_id[i]["track"] == track and by_id[i]["type"] in types for i in ids)
    at_level = sum(q["level"] == level for q in pool)
    note = mock.locator(".sl-practice__note", has_text="also includes")
    assert note.count() == (1 if at_level < count and len(pool) > at_level else 0)  # nearer levels filled the gap

    session = page.evaluate("JSON.parse(localStorage.getItem('syslab.mock.v1'))")
    assert session["ids"] == ids and session["minutes"] == minutes
    assert (session["format"], session["track"], session["level"]) == (format_name, track, level)

    # The clock is computed from the stored start: it survives a reload and keeps counting down.
    page.evaluate(
        "s => localStorage.setItem('syslab.mock.v1', JSON.stringify({...s, started: s.started - 90000}))", session
    )
    page.reload()
    wait_ready(page, "#sl-mock-interview")
    assert mock.get_attribute("data-sl-mock-state") == "active"
    assert items.evaluate_all("items => items.map((li) => li.dataset.questionId)") == ids
    assert int(timer.text_content().split(":")[0]) in (minutes - 2, minutes - 3)

    solved = ids[0]
    call(page, PROGRESS, "updateRecord", solved, {"attempts": 1, "solved": True})
    mock.get_by_role("button", name="Finish").click()
    page.wait_for_selector("#sl-mock-interview[data-sl-mock-state=finished]")
    rows = mock.locator("tbody tr")
    assert rows.count() == len(ids)
    assert "Solved" in mock.locator(f'tr[data-question-id="{solved}"]').text_content()
    for other in ids[1:]:
        assert "Not attempted" in mock.locator(f'tr[data-question-id="{other}"]').text_content()
    assert mock.locator("[data-sl-stat=score]").text_content() == f"{round(100 / len(ids))}%"
    study = mock.locator("section", has_text="What to study next")
    assert study.count() == 1
    if len(ids) > 1:
        weak = by_id[ids[1]]
        assert bank["tracks"][weak["track"]]["topics"][weak["topic"]] in study.text_content()
        if weak["lesson_url"]:
            assert study.locator(f'a[href$="{weak["lesson_url"]}"]').count() >= 1

    mock.get_by_role("button", name="New interview").click()
    page.wait_for_selector("#sl-mock-interview[data-sl-mock-state=form]")
    assert page.evaluate("localStorage.getItem('syslab.mock.v1')") is None
    assert not page.errors


def test_mock_interview_ends_when_time_is_up(context, site_url: str, questions) -> None:
    format_name, track, level, _pool = choose_interview(questions)
    page = open_page(context, site_url + "/practice/mock-interview/", "#sl-mock-interview")
    mock = page.locator("#sl-mock-interview")
    mock.locator("#sl-mock-track").select_option(track)
    mock.locator("#sl-mock-level").select_option(level)
    mock.locator(f'input[name=format][value="{format_name}"]').check()
    mock.get_by_role("button", name="Start interview").click()
    page.wait_for_selector("#sl-mock-interview[data-sl-mock-state=active]")
    page.evaluate(
        """() => {
          const s = JSON.parse(localStorage.getItem('syslab.mock.v1'));
          s.started -= s.minutes * 60000 - 1500;  // 1.5 seconds left
          localStorage.setItem('syslab.mock.v1', JSON.stringify(s));
        }"""
    )
    page.reload()
    wait_ready(page, "#sl-mock-interview")
    page.wait_for_selector("#sl-mock-interview[data-sl-mock-state=finished]", timeout=10_000)
    assert "Time is up" in mock.text_content()
    assert "What to study next" in mock.text_content()
    assert not page.errors
