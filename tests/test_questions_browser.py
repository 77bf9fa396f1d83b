"""Browser tests of the question bank: grading in the page, progress that survives a reload, and the filters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from syslab.grading import GRADE_MAX_ROWS
from syslab.questions import load_bank
from syslab.runner.sql import run_sql
from tests.test_questions import ROOT, _literal_query

BANK = load_bank(ROOT / "questions")
SQL = next(q for q in BANK if q.type == "sql" and not q.order_matters)
PYTHON = next(q for q in BANK if q.type == "python")
EDITOR = ".sl-run[data-question-id]"


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    context = browser.new_context()
    page = context.new_page()
    page.site = site_url
    yield page
    context.close()


def open_question(page, question) -> None:
    page.goto(f"{page.site}/{question.url_path}")
    page.wait_for_selector(f'{EDITOR}[data-run-ready="true"]')


def check(page, code: str) -> tuple[str, str]:
    """Type an answer, press Check, and return (data-run-verdict, the verdict's text)."""
    page.locator(f"{EDITOR} [data-run-editor]").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)
    page.locator(f"{EDITOR} [data-run-action=check]").click()
    page.wait_for_function(
        "s => ['done', 'error'].includes(document.querySelector(s).dataset.runState)", arg=EDITOR, timeout=60_000
    )
    return page.locator(EDITOR).get_attribute("data-run-verdict"), page.locator(f"{EDITOR} .sl-verdict").text_content()


def test_sql_question_grades_right_wrong_and_hard_coded_answers(page) -> None:
    open_question(page, SQL)
    assert page.locator(EDITOR).get_attribute("data-question-id") == SQL.id
    verdict, message = check(page, SQL.answer)
    assert verdict == "pass", message
    verdict, message = check(page, SQL.wrong_answers[0].code)
    assert verdict == "fail"
    assert any(word in message for word in ("rows", "column", "Missing", "Unexpected", "order")), message
    shown = run_sql(SQL.answer, dataset=SQL.dataset, max_rows=GRADE_MAX_ROWS)
    verdict, message = check(page, _literal_query(shown))
    assert verdict == "fail" and "second copy" in message, message


def test_sql_column_count_is_named(page) -> None:
    open_question(page, SQL)
    verdict, message = check(page, "SELECT 1 AS a, 2 AS b, 3 AS c, 4 AS d, 5 AS e, 6 AS f, 7 AS g, 8 AS h")
    assert verdict == "fail" and "8 columns" in message, message


def test_python_question_runs_public_and_hidden_tests_in_pyodide(page) -> None:
    open_question(page, PYTHON)
    verdict, message = check(page, PYTHON.answer)
    assert verdict == "pass" and "hidden test" in message, message
    verdict, message = check(page, PYTHON.starter)
    assert verdict == "fail" and "Public test" in message, message


def test_progress_survives_a_reload_and_shows_in_the_index(page) -> None:
    open_question(page, SQL)
    assert check(page, SQL.answer)[0] == "pass"
    page.locator("[data-flag-question]").click()
    page.reload()
    page.wait_for_selector(f'{EDITOR}[data-run-ready="true"]')
    # the last checked answer is back in the editor
    assert "FROM" in page.locator(f"{EDITOR} [data-run-editor]").text_content()
    assert page.locator("[data-flag-question]").get_attribute("aria-pressed") == "true"
    page.goto(f"{page.site}/questions/")
    page.wait_for_selector(".sl-bank select")
    assert page.locator(f'tr[data-question-id="{SQL.id}"] [data-status]').text_content().startswith("solved")
    page.select_option('select[data-filter="status"]', "solved")
    assert page.locator(".sl-bank__count").text_content() == f"Showing 1 of {len(BANK)} questions."


def test_filters_combine_and_count(page) -> None:
    page.goto(f"{page.site}/questions/")
    page.wait_for_selector(".sl-bank select")
    total = len(BANK)
    assert page.locator(".sl-bank__count").text_content() == f"Showing {total} of {total} questions."
    page.select_option('select[data-filter="type"]', "sql")
    sql = sum(q.type == "sql" for q in BANK)
    assert page.locator(".sl-bank__count").text_content() == f"Showing {sql} of {total} questions."
    assert page.locator(".sl-bank__list tbody tr:visible").count() == sql
    level = SQL.level
    expected = sum(q.type == "sql" and q.level == level for q in BANK)
    option = page.locator(f'select[data-filter="level"] option[value="{level}"]').text_content()
    assert option == f"{level} ({expected})"  # counts follow the other filters
    page.select_option('select[data-filter="level"]', level)
    assert page.locator(".sl-bank__list tbody tr:visible").count() == expected
    page.get_by_role("button", name="Clear filters").click()
    assert page.locator(".sl-bank__list tbody tr:visible").count() == total


def test_choice_question_checks_and_explains_every_option(page) -> None:
    question = next(q for q in BANK if q.type == "choice")
    page.goto(f"{page.site}/{question.url_path}")
    page.wait_for_selector("form.sl-choice[data-ready]")
    wrong = next(i for i, option in enumerate(question.options) if not option.correct)
    page.locator(f'form.sl-choice input[value="{wrong}"]').check()
    page.locator("form.sl-choice [data-run-action=check]").click()
    assert page.locator("form.sl-choice").get_attribute("data-run-verdict") == "fail"
    assert page.locator(".sl-choice__why:visible").count() == len(question.options)
