"""Browser tests of the SQL playground: schema, Run, Explain, Review my query, translation, history, share links."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

PAGE = "/databases/sql/playground/"
EDITOR = "[data-playground-editor]"


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.site = site_url
    page.goto(site_url + PAGE)
    page.wait_for_selector("[data-playground][data-ready]")
    page.wait_for_selector(".sl-playground__table")
    yield page
    context.close()


def type_query(page, sql: str) -> None:
    page.locator(f"{EDITOR} [data-run-editor]").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(sql)


def panel_text(page, needle: str) -> str:
    page.wait_for_function(
        "n => document.querySelector('[data-playground-panel]').textContent.includes(n)", arg=needle, timeout=60_000
    )
    return page.locator("[data-playground-panel]").text_content()


def test_schema_run_and_dataset_switch(page) -> None:
    tables = page.locator(".sl-playground__table summary").all_text_contents()
    assert any(t.startswith("orders (") for t in tables)
    page.locator(f"{EDITOR} [data-run-action=run]").click()
    page.wait_for_function(f"document.querySelector('{EDITOR}').dataset.runState === 'done'", timeout=60_000)
    assert "12 rows" in page.locator(f"{EDITOR} [data-run-output]").text_content()
    page.select_option("[data-playground-dataset]", "")
    page.wait_for_function("document.querySelector('[data-playground-schema]').textContent.includes('No tables')")


def test_explain_shows_the_plan(page) -> None:
    page.locator("[data-playground-action=explain]").click()
    text = panel_text(page, "HASH_GROUP_BY")
    assert "Plan of the last statement" in text


def test_review_and_translation_run_sqlglot_in_the_browser(page) -> None:
    type_query(page, "SELECT * FROM orders WHERE year(order_date) = 2024 ORDER BY id LIMIT 10 OFFSET 5000")
    page.locator("[data-playground-action=review]").click()
    text = panel_text(page, "finding")
    for rule in ("select-star", "function-on-filtered-column", "deep-offset"):
        assert rule in text
    page.locator("[data-playground-action=dialects]").click()
    text = panel_text(page, "Translated by sqlglot")
    assert "EXTRACT(YEAR FROM order_date)" in text or "YEAR(order_date)" in text


def test_share_link_fills_the_editor_without_running(page) -> None:
    type_query(page, "SELECT 'shared' AS what")
    page.locator("[data-playground-action=share]").click()
    link = page.locator(".sl-playground__link").input_value()
    assert "#q=" in link
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_selector("[data-playground][data-ready]")
    assert "SELECT 'shared' AS what" in other.locator(f"{EDITOR} [data-run-editor]").text_content()
    assert other.locator(EDITOR).get_attribute("data-run-state") == "idle"


def test_history_keeps_run_queries(page) -> None:
    type_query(page, "SELECT 41 + 1 AS answer")
    page.locator(f"{EDITOR} [data-run-action=run]").click()
    page.wait_for_function(f"document.querySelector('{EDITOR}').dataset.runState === 'done'", timeout=60_000)
    page.reload()
    page.wait_for_selector("[data-playground][data-ready]")
    assert "SELECT 41 + 1 AS answer" in page.locator("[data-playground-history]").text_content()
