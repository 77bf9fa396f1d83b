"""Each "Review my query" rule fires on the problem it names and stays quiet on the corrected query."""

from __future__ import annotations

import pytest

from syslab.sqlreview import RULES, review

CASES = {
    "select-star": ("SELECT * FROM orders", "SELECT id, status FROM orders"),
    "not-in-nullable": (
        "SELECT id FROM orders WHERE id NOT IN (SELECT order_id FROM payments)",
        "SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id)",
    ),
    "function-on-filtered-column": (
        "SELECT id FROM orders WHERE year(order_date) = 2024",
        "SELECT id FROM orders WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'",
    ),
    "implicit-cross-join": (
        "SELECT c.name, o.id FROM customers c, orders o",
        "SELECT c.name, o.id FROM customers c, orders o WHERE o.customer_id = c.id",
    ),
    "write-without-where": (
        "UPDATE orders SET status = 'shipped'",
        "UPDATE orders SET status = 'shipped' WHERE id = 7",
    ),
    "deep-offset": (
        "SELECT id FROM orders ORDER BY id LIMIT 20 OFFSET 40000",
        "SELECT id FROM orders WHERE id > 40000 ORDER BY id LIMIT 20",
    ),
    "correlated-subquery": (
        "SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS n FROM customers c",
        "SELECT c.id, count(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id",
    ),
}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_the_problem(rule: str) -> None:
    findings = review(CASES[rule][0])
    assert rule in [f.rule for f in findings]
    assert all(f.message.endswith(".") and len(f.message) < 220 for f in findings)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_is_quiet_on_the_fix(rule: str) -> None:
    assert [f.rule for f in review(CASES[rule][1])] == []


def test_not_in_is_quiet_when_the_schema_says_not_null() -> None:
    sql = CASES["not-in-nullable"][0]
    assert review(sql, {"payments": {"order_id": False}}) == []
    assert [f.rule for f in review(sql, {"payments": {"order_id": True}})] == ["not-in-nullable"]


def test_a_parse_error_is_reported_not_raised() -> None:
    (finding,) = review("SELEC id FRM orders")
    assert finding.rule == "parse-error"


def test_count_star_and_derived_tables_are_not_select_star() -> None:
    assert review("SELECT count(*) AS n FROM orders") == []
    assert review("SELECT t.id FROM (SELECT * FROM orders) AS t") == []
