"""Browser tests of the simulator diagrams on the Raft page: the recorded picture, stepping, crashing the leader
and seeing a new one elected in the rendered view, partitions, the time slider, and the SVG sanitizer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

PAGE = "/distributed-systems/raft/"
FIG = "[data-sim]"
TIMEOUT = 60_000


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + PAGE)
    page.wait_for_selector(f"{FIG}[data-sim-ready]")
    yield page
    assert not errors, errors
    context.close()


def roles(page) -> dict[str, str]:
    groups = page.locator(f"{FIG} >> nth=0").locator("[data-sim-view=cluster] [data-node]").all()
    return {g.get_attribute("data-node"): g.get_attribute("data-role") for g in groups}


def wait_ready(page) -> None:
    page.wait_for_function(
        "document.querySelector('[data-sim]').dataset.simState === 'ready'", timeout=TIMEOUT, polling=100
    )


def click(page, action: str) -> None:
    page.locator(f"{FIG} >> nth=0").locator(f"[data-sim-action={action}]").click()


def select(page, *names: str) -> None:
    for name in names:
        page.locator(f"{FIG} >> nth=0").locator(f"[data-sim-node={name}]").click()


def play_while_waiting_for(page, condition: str) -> None:
    """Press Play, wait until the JS `condition` over `fig` (the first diagram) holds, and pause."""
    click(page, "play")
    page.wait_for_function(
        f"() => {{ const fig = document.querySelector('[data-sim]'); return {condition}; }}",
        timeout=TIMEOUT,
        polling=100,
    )
    click(page, "play")


def play_until(page, condition: str) -> None:
    """Press Play, wait until the JS `condition` over the rendered roles holds, and pause."""
    click(page, "play")
    page.wait_for_function(
        "cond => { const roles = {}; for (const g of document.querySelector('[data-sim]').querySelectorAll("
        "'[data-sim-view=cluster] [data-node]')) roles[g.dataset.node] = g.dataset.role;"
        " return new Function('roles', 'return ' + cond)(roles); }",
        arg=condition,
        timeout=TIMEOUT,
        polling=100,
    )
    click(page, "play")
    wait_ready(page)


def test_recorded_picture_is_there_before_python_starts(page) -> None:
    figure = page.locator(FIG).first
    assert figure.get_attribute("data-sim-state") == "recorded"
    assert list(roles(page).values()).count("leader") == 1
    assert figure.locator("[data-sim-view=sequence] svg line").count() > 10
    assert figure.locator("[data-sim-view=timeline] svg rect").count() >= 5
    assert "leaders=1" in figure.locator("[data-sim-status]").text_content()


def test_crashing_the_leader_elects_a_new_one_in_the_rendered_view(page) -> None:
    click(page, "step")
    wait_ready(page)
    assert int(page.locator(FIG).first.get_attribute("data-sim-time")) > 1000
    before = roles(page)
    leader = next(name for name, role in before.items() if role == "leader")
    select(page, leader)
    click(page, "crash")
    page.wait_for_function(
        "n => document.querySelector('[data-sim]').querySelector(`[data-sim-view=cluster] [data-node=${n}]`)"
        ".dataset.role === 'down'",
        arg=leader,
        timeout=TIMEOUT,
    )
    play_until(page, f"Object.entries(roles).some(([n, r]) => r === 'leader' && n !== '{leader}')")
    after = roles(page)
    assert after[leader] == "down"
    assert [name for name, role in after.items() if role == "leader"] != [leader]
    status = page.locator(f"{FIG} [data-sim-status]").first.text_content()
    assert "terms=2" in status and status.endswith("ok")
    # The timeline shows the crashed node's down period.
    assert page.locator(FIG).first.locator("[data-sim-view=timeline] .sl-role-down").count() >= 1

    # Back in time: before the crash the old leader leads again; forward again replays the crash.
    horizon = int(page.locator(f"{FIG} [data-sim-slider]").first.get_attribute("max"))
    page.locator(f"{FIG} [data-sim-slider]").first.fill("600")
    page.wait_for_function("document.querySelector('[data-sim]').dataset.simTime === '600'", timeout=TIMEOUT)
    wait_ready(page)
    assert roles(page)[leader] == "leader"
    page.locator(f"{FIG} [data-sim-slider]").first.fill(str(horizon))
    page.wait_for_function(f"document.querySelector('[data-sim]').dataset.simTime === '{horizon}'", timeout=TIMEOUT)
    wait_ready(page)
    assert roles(page) == after


def test_a_partitioned_leader_is_replaced_and_steps_down_after_the_heal(page) -> None:
    click(page, "step")
    wait_ready(page)
    leader = next(name for name, role in roles(page).items() if role == "leader")
    follower = next(name for name, role in roles(page).items() if role == "follower")
    select(page, leader, follower)
    click(page, "partition")
    wait_ready(page)
    assert page.locator(FIG).first.locator("[data-sim-view=cluster] .sl-link-cut").count() == 6  # 2 x 3 cut links
    play_until(page, "Object.entries(roles).filter(([n, r]) => r === 'leader').length === 2")
    click(page, "heal")
    wait_ready(page)
    play_until(page, f"roles['{leader}'] === 'follower'")
    assert list(roles(page).values()).count("leader") == 1


def test_a_restart_with_an_empty_disk_forgets_term_vote_and_log(page) -> None:
    click(page, "step")
    wait_ready(page)
    follower = next(name for name, role in roles(page).items() if role == "follower")
    select(page, follower)
    click(page, "crash")
    wait_ready(page)
    click(page, "restart-empty")
    wait_ready(page)
    node = page.locator(FIG).first.locator(f"[data-sim-view=cluster] [data-node={follower}]")
    assert node.get_attribute("data-role") == "follower"
    assert "term 0" in node.text_content() and "(empty log)" in node.text_content()


def test_hide_heartbeats_leaves_them_out_of_the_pictures(page) -> None:
    figure = page.locator(FIG).first
    arrows = figure.locator("[data-sim-view=sequence] .sl-arrow.sl-msg-append")
    assert arrows.count() > 10  # the recorded picture: heartbeats only (this diagram has no client traffic)
    figure.locator("[data-sim-hide-routine]").check()
    page.wait_for_function(
        "document.querySelector('[data-sim]').querySelector('[data-sim-view=sequence] .sl-arrow') === null",
        timeout=TIMEOUT,
    )
    wait_ready(page)
    click(page, "client")
    wait_ready(page)
    play_while_waiting_for(page, "fig.querySelector('[data-sim-view=sequence] .sl-msg-append') !== null")


def test_client_requests_commit_and_reset_returns_to_the_scenario(page) -> None:
    click(page, "step")
    wait_ready(page)
    for _ in range(3):
        click(page, "client")
        wait_ready(page)
    play_while_waiting_for(page, "fig.querySelector('[data-sim-status]').textContent.includes('committed=3')")
    click(page, "reset")
    wait_ready(page)
    assert page.locator(FIG).first.get_attribute("data-sim-time") == "1000"
    assert "committed=0" in page.locator(f"{FIG} [data-sim-status]").first.text_content()


def test_the_sanitizer_keeps_only_drawing_elements(page) -> None:
    nasty = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" '
        'viewBox="0 0 10 10"><script>alert(2)</script><g class="ok" onclick="alert(3)" style="fill:red">'
        '<text x="1" y="2">&lt;b&gt;hello&lt;/b&gt;</text><a href="javascript:alert(4)"><circle r="1"/></a>'
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
        '<rect width="1" height="1" fill="url(javascript:alert(5))" class="url(x)"/>'
        '<image xlink:href="http://example.com/x.png"/></g></svg>'
    )
    html = page.evaluate(
        "async (svg) => { const m = await import(new URL('../../assets/javascripts/sim.mjs', document.baseURI).href);"
        " const el = m.sanitizeSvg(svg); return el ? el.outerHTML : null; }",
        nasty,
    )
    assert html is not None
    for bad in ("script", "onload", "onclick", "style", "href", "foreignObject", "image", "alert", "url("):
        assert bad not in html, (bad, html)
    assert "&lt;b&gt;hello&lt;/b&gt;" in html and 'class="ok"' in html and "<rect" in html


@pytest.mark.parametrize("lesson", ["cap-pacelc", "consistency-models", "clocks", "paxos", "byzantine"])
def test_every_diagram_of_the_track_opens_steps_and_plays(browser, site_url: str, lesson: str) -> None:
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/distributed-systems/{lesson}/")
    page.wait_for_selector("[data-sim][data-sim-ready]")
    figures = page.locator("[data-sim]")
    assert figures.count() >= 1
    for i in range(figures.count()):
        figure = figures.nth(i)
        recorded = figure.locator("[data-sim-view=cluster]").text_content()
        start = int(figure.get_attribute("data-sim-time"))
        figure.locator("[data-sim-action=step]").click()
        page.wait_for_function(
            "el => ['ready', 'error'].includes(el.dataset.simState)", arg=figure.element_handle(), timeout=TIMEOUT
        )
        assert figure.get_attribute("data-sim-state") == "ready", figure.locator("[data-sim-status]").text_content()
        assert int(figure.get_attribute("data-sim-time")) >= start
        # The live picture of the scenario's moment is the build-time one (same code in Pyodide and CPython).
        figure.locator("[data-sim-action=reset]").click()
        page.wait_for_function("el => el.dataset.simState === 'ready'", arg=figure.element_handle(), timeout=TIMEOUT)
        assert figure.locator("[data-sim-view=cluster]").text_content() == recorded
    assert not errors, errors
    context.close()
