"""Browser tests: Playwright drives Debian's Chromium against the built site on 127.0.0.1, through the DOM contract
(data-run-lang, data-run-state, data-run-action, data-run-output)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

PAGE = "/how-it-works/"
SQL_BLOCK = '.sl-run[data-snippet="site/how-it-works/02-create-accounts.sql"]'
SQL_STEP3 = '.sl-run[data-snippet="site/how-it-works/04-check-violation.sql"]'
PY_BLOCK = '.sl-run[data-snippet="site/how-it-works/05-output-and-errors.py"]'
SQL_HTML = '.sl-run[data-snippet="site/how-it-works/06-escaping.sql"]'
PY_HTML = '.sl-run[data-snippet="site/how-it-works/07-escaping.py"]'
FINISHED = ("done", "error")


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    """A fresh browser context on the How-it-works page; records every request and any dialog."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.requests = []
    page.dialogs = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + PAGE)
    page.wait_for_selector('.sl-run[data-run-ready="true"]')
    yield page
    context.close()


def run(page, block: str, timeout_ms: int = 60_000) -> str:
    """Click Run on a block and wait until it has finished; return its final data-run-state."""
    page.locator(f"{block} [data-run-action=run]").click()
    page.wait_for_function(
        "([sel, states]) => states.includes(document.querySelector(sel).dataset.runState)",
        arg=[block, list(FINISHED)],
        timeout=timeout_ms,
    )
    return page.locator(block).get_attribute("data-run-state")


def output(page, block: str) -> str:
    return page.locator(f"{block} [data-run-output]").text_content()


def set_code(page, block: str, code: str) -> None:
    """Replace the editor's code the way a reader does: click, select all, type."""
    page.locator(f"{block} [data-run-editor]").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def test_sql_block_runs_in_duckdb_wasm(page) -> None:
    assert page.locator(SQL_BLOCK).get_attribute("data-run-lang") == "sql"
    assert page.locator(SQL_BLOCK).get_attribute("data-run-state") == "idle"
    assert run(page, SQL_BLOCK) == "done"
    text = output(page, SQL_BLOCK)
    assert "chen" in text and "120.00" in text and "3 rows" in text
    assert "Recorded output" not in text


def test_edited_sql_runs_and_ctrl_enter_runs(page) -> None:
    set_code(page, SQL_BLOCK, "SELECT 6 * 7 AS answer, [1, 2] AS list")
    page.keyboard.press("Control+Enter")
    page.wait_for_function(f"document.querySelector('{SQL_BLOCK}').dataset.runState === 'done'", timeout=60_000)
    text = output(page, SQL_BLOCK)
    assert "42" in text and "[1, 2]" in text and "1 row" in text


def test_python_block_runs_in_pyodide(page) -> None:
    assert page.locator(PY_BLOCK).get_attribute("data-run-lang") == "python"
    assert run(page, PY_BLOCK) == "error"  # the snippet ends in an uncaught KeyError, shown as an error
    text = output(page, PY_BLOCK)
    assert text.index("order 101: 25.00") < text.index("order 102 has no total") < text.index("order 103: 12.50")
    assert "KeyError: 104" in text


def test_stop_ends_an_endless_loop_and_the_next_run_works(page) -> None:
    set_code(page, PY_HTML, "while True:\n    pass\n")
    page.locator(f"{PY_HTML} [data-run-action=run]").click()
    page.wait_for_function(f"document.querySelector('{PY_HTML}').dataset.runState === 'running'", timeout=60_000)
    page.wait_for_timeout(300)
    assert page.evaluate("1 + 1") == 2  # the page still responds while the worker spins
    page.locator(f"{PY_HTML} [data-run-action=stop]").click()
    page.wait_for_function(f"document.querySelector('{PY_HTML}').dataset.runState === 'error'", timeout=5_000)
    assert "Stopped" in output(page, PY_HTML)
    page.locator(f"{PY_HTML} [data-run-action=reset]").click()
    assert run(page, PY_HTML) == "done"
    assert "<script>alert('this never runs')</script>" in output(page, PY_HTML)


def test_watchdog_stops_a_runaway_run(page) -> None:
    page.evaluate(f"document.querySelector('{PY_HTML}').dataset.timeout = '2'")
    set_code(page, PY_HTML, "n = 0\nwhile True:\n    n += 1\n")
    assert run(page, PY_HTML, timeout_ms=60_000) == "error"
    assert "watchdog" in output(page, PY_HTML)
    assert page.evaluate("1 + 1") == 2
    set_code(page, PY_HTML, "print(sum(range(10)))")
    assert run(page, PY_HTML) == "done"
    assert "45" in output(page, PY_HTML)


def test_sql_watchdog_and_stop(page) -> None:
    page.evaluate(f"document.querySelector('{SQL_HTML}').dataset.timeout = '2'")
    set_code(page, SQL_HTML, "SELECT count(*) FROM range(1000000000000) a")
    assert run(page, SQL_HTML) == "error"
    assert "watchdog" in output(page, SQL_HTML)
    set_code(page, SQL_HTML, "SELECT 1 + 1 AS two")
    assert run(page, SQL_HTML) == "done"
    assert "2" in output(page, SQL_HTML)


def test_output_is_text_never_html(page) -> None:
    assert run(page, SQL_HTML) == "done"
    assert run(page, PY_HTML) == "done"
    assert "<img src=x onerror=alert(1)>" in output(page, SQL_HTML)
    assert "<script>alert('this never runs')</script>" in output(page, PY_HTML)
    for block in (SQL_HTML, PY_HTML):
        assert (
            page.locator(
                f"{block} [data-run-output] img, {block} [data-run-output] script, {block} [data-run-output] b"
            ).count()
            == 0
        )
    page.wait_for_timeout(200)
    assert page.dialogs == []


def test_reset_restores_code_and_recorded_output(page) -> None:
    original = page.locator(f"{SQL_BLOCK} [data-run-editor]").inner_text()
    recorded = output(page, SQL_BLOCK)
    set_code(page, SQL_BLOCK, "SELECT 1 AS changed")
    assert run(page, SQL_BLOCK) == "done"
    page.locator(f"{SQL_BLOCK} [data-run-action=reset]").click()
    assert page.locator(f"{SQL_BLOCK} [data-run-editor]").inner_text() == original
    assert output(page, SQL_BLOCK) == recorded
    assert page.locator(SQL_BLOCK).get_attribute("data-run-state") == "idle"


def test_chained_block_replays_the_edited_earlier_block(page) -> None:
    assert run(page, SQL_STEP3) == "error"  # as recorded: bo's 35.50 cannot pay 50.00
    assert "CHECK constraint failed" in output(page, SQL_STEP3)
    code = page.locator(f"{SQL_BLOCK} [data-run-editor]").inner_text().replace("35.50", "95.50")
    set_code(page, SQL_BLOCK, code)
    assert run(page, SQL_STEP3) == "done"  # with step 1 edited, bo can pay


def test_copy_copies_the_current_code(page) -> None:
    set_code(page, SQL_BLOCK, "SELECT 'copied' AS what")
    page.locator(f"{SQL_BLOCK} [data-run-action=copy]").click()
    page.wait_for_function(f"document.querySelector('{SQL_BLOCK} [data-run-action=copy]').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == "SELECT 'copied' AS what"


def test_running_both_runtimes_requests_only_the_local_site(page, site_url: str) -> None:
    assert run(page, SQL_BLOCK) == "done"
    assert run(page, PY_BLOCK) == "error"
    page.wait_for_timeout(500)
    outside = [url for url in page.requests if not url.startswith(site_url) and not url.startswith("data:")]
    assert outside == []
    assert any("/assets/vendor/duckdb/" in url for url in page.requests)
    assert any("/assets/vendor/pyodide/" in url for url in page.requests)


def test_page_without_javascript_shows_code_and_recorded_output(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    text = page.locator(SQL_BLOCK).text_content()
    assert "CREATE TABLE accounts" in text and "Recorded output" in text and "3 rows" in text
    assert page.locator(f"{SQL_BLOCK} .sl-run__bar").is_hidden()
    context.close()
