"""The visualizer's back end: replayable sessions, scenario validation, the SVG pictures and the `sim` fence."""

from __future__ import annotations

import re

import pytest
from pymdownx.superfences import SuperFencesException

from syslab.sim.session import Scenario, Session, handle, recorded_pictures
from syslab.sim.svg import cluster_svg, sequence_svg, timeline_svg
from syslab.site.fence import format_sim

RAFT = {"model": "raft", "seed": 3, "workload": False, "until": 1000}


def leader(session: Session) -> str:
    return next(n["name"] for n in session.frame()["nodes"] if n["role"] == "leader")


def test_going_back_replays_the_same_history_with_the_readers_actions() -> None:
    session = Session(Scenario.from_dict(RAFT))
    session.advance_to(1000)
    old = leader(session)
    session.act({"kind": "request"})
    session.step()
    session.act({"kind": "crash", "args": {"node": old}})
    session.advance_to(2500)
    forward = session.model.trace.to_json()
    assert leader(session) != old
    session.seek(500)
    assert session.clock == 500 and leader(session) == old
    session.advance_to(2500)
    assert session.model.trace.to_json() == forward


def test_acting_in_the_past_starts_a_new_timeline() -> None:
    session = Session(Scenario.from_dict(RAFT))
    session.advance_to(1000)
    session.act({"kind": "crash", "args": {"node": leader(session)}})
    session.advance_to(2000)
    session.seek(800)
    session.act({"kind": "heal"})
    assert len(session.log) == 1 and session.log[0][2]["kind"] == "heal"
    assert session.horizon == 800
    session.advance_to(2000)
    assert "crash" not in {e["kind"] for e in session.model.trace.events}


def test_step_runs_exactly_one_event() -> None:
    session = Session(Scenario.from_dict(RAFT))
    session.advance_to(1000)
    before = session.model.sim.processed
    session.step()
    assert session.model.sim.processed == before + 1
    assert session.clock == session.model.sim.now


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"model": "nope"}, "is not a model"),
        ({"model": "raft", "colour": 1}, "unknown key 'colour'"),
        ({"model": "raft", "until": -5}, "`until` must be"),
        ({"model": "raft", "faults": "meteor"}, "`faults`"),
        ({"model": "raft", "variant": "bogus"}, "unknown variant"),
        ({"model": "raft", "options": {"r": 1}}, "has no option"),
        ({"model": "raft", "actions": [{"kind": "crash", "node": "n1"}]}, "needs `at`"),
        ({"model": "raft", "actions": [{"at": 5, "kind": "crash", "node": "n9"}]}, "names 'n9'"),
        ("just text", "YAML mapping"),
    ],
)
def test_bad_scenarios_say_what_is_wrong(body: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Scenario.from_dict(body)


def test_handle_reports_errors_instead_of_raising() -> None:
    assert "no open diagram" in handle({"op": "step", "id": "missing"})["error"]
    frame = handle({"op": "open", "id": "t", "scenario": RAFT})
    assert frame["time"] == 1000 and "cluster" in frame
    assert "unknown action" in handle({"op": "act", "id": "t", "action": {"kind": "explode"}})["error"]
    assert "unknown op" in handle({"op": "dance", "id": "t"})["error"]
    assert handle({"op": "reset", "id": "t"})["time"] == 1000


def test_pictures_escape_every_text_and_use_only_allowed_elements() -> None:
    view = {"nodes": [{"name": "n1", "role": "<script>", "lines": ["<img src=x onerror=alert(1)>"]}], "notes": ["&"]}
    svg = cluster_svg(view, [], [["n1"]], 0)
    assert "<script>" not in svg and "<img" not in svg and "&lt;img src=x" in svg
    events = [
        {"time": 0, "kind": "state", "node": "n1", "change": "role", "role": "<b>", "term": 1},
        {"time": 1, "kind": "send", "node": "n1", "mid": 1, "src": "n1", "dst": "n2", "msg": {"type": 'x"y'}},
        {"time": 5, "kind": "deliver", "node": "n2", "mid": 1, "src": "n1", "dst": "n2", "msg": {"type": 'x"y'}},
    ]
    for picture in (svg, sequence_svg(events, ["n1", "n2"], 0, 10), timeline_svg(events, ["n1", "n2"], 10)):
        tags = set(re.findall(r"<([a-zA-Z]+)", picture))
        assert tags <= {"svg", "g", "rect", "circle", "line", "path", "polygon", "text", "title"}, tags
        assert "<b>" not in picture


def test_recorded_pictures_show_the_scenario_at_its_end() -> None:
    pictures = recorded_pictures(Scenario.from_dict(RAFT))
    assert pictures["cluster"].count('data-role="leader"') == 1
    assert "time=1000ms" in pictures["summary"]
    assert pictures["sequence"].count("<line") > 10


def test_a_bad_sim_fence_fails_the_build_naming_the_page() -> None:
    from syslab.site import state

    state.set_page("docs/distributed-systems/example.md")
    with pytest.raises(SuperFencesException, match=r"docs/distributed-systems/example.md: `sim` fence: .*not a model"):
        format_sim("model: nope\n", "sim", "sim", {}, None)
    with pytest.raises(SuperFencesException, match="not valid YAML"):
        format_sim("model: [raft\n", "sim", "sim", {}, None)
    html = format_sim("model: raft\nuntil: 300\ncaption: <b>hi</b>\n", "sim", "sim", {}, None)
    assert "&lt;b&gt;hi&lt;/b&gt;" in html and 'data-sim-model="raft"' in html


def test_an_action_in_a_quiet_gap_replays_at_its_own_time() -> None:
    # Byzantine's first event comes after a few ms: crash a node before it, go back before the crash, play on.
    session = Session(Scenario.from_dict({"model": "byzantine", "seed": 4, "until": 0}))
    session.advance_to(1)
    session.act({"kind": "crash", "args": {"node": "n1"}})
    session.seek(0)
    assert session.frame()["nodes"][0]["up"]
    for time in range(1, 6):
        session.advance_to(time)
    assert not session.frame()["nodes"][0]["up"]


def test_a_rejected_action_is_not_remembered() -> None:
    session = Session(Scenario.from_dict({"model": "quorum", "seed": 1, "until": 100}))
    session.advance_to(100)
    with pytest.raises((ValueError, KeyError)):
        session.act({"kind": "write", "args": {}})
    assert session.log == []
    session.seek(50)
    session.advance_to(300)


def test_a_diagram_of_a_broken_variant_reports_the_violation_as_it_happens() -> None:
    frame = handle(
        {
            "op": "open",
            "id": "v",
            "to": 20_000,
            "scenario": {"model": "quorum", "variant": "r-plus-w-le-n", "faults": "chaos", "until": 20_000},
        }
    )
    assert frame["violation"]["prop"] == "linearizability"


def test_a_session_stops_at_its_event_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    import syslab.sim.session as session_module

    monkeypatch.setattr(session_module, "MAX_EVENTS", 500)
    session = Session(Scenario.from_dict({"model": "raft", "seed": 1, "faults": "chaos", "until": 10}))
    with pytest.raises(ValueError, match="500 events"):
        session.advance_to(60_000)
    assert session.model.sim.processed == 500


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ({"at": 5000, "kind": "explode"}, "unknown action 'explode'"),
        ({"at": 5000, "kind": "crash"}, "needs `node`"),
        ({"at": 5, "kind": "partition", "groups": 5}, "needs `groups`"),
        ({"at": 5, "kind": "partition", "groups": ["n2"]}, "needs `groups`"),
        ({"at": 5, "kind": "partition", "groups": [["n1"], ["n1", "n2"]]}, "names a node twice"),
    ],
)
def test_scripted_actions_are_checked_when_the_page_is_built(action: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Scenario.from_dict({"model": "raft", "until": 100, "actions": [action]})


def test_two_identical_fences_on_a_page_get_different_ids() -> None:
    from syslab.site import state

    state.set_page("docs/distributed-systems/example.md")
    first = format_sim("model: raft\nuntil: 100\n", "sim", "sim", {}, None)
    second = format_sim("model: raft\nuntil: 100\n", "sim", "sim", {}, None)
    ids = [re.search(r'id="(sim-[^"]+)"', html).group(1) for html in (first, second)]
    assert ids[0] != ids[1]
    with pytest.raises(SuperFencesException, match="needs `groups`"):
        format_sim("model: raft\nactions:\n  - {at: 5, kind: partition, groups: 5}\n", "sim", "sim", {}, None)


def test_hiding_heartbeats_leaves_the_other_messages() -> None:
    frame = handle({"op": "open", "id": "h", "scenario": {"model": "raft", "seed": 3, "until": 1500}})
    arrows = frame["sequence"].count('<g class="sl-arrow')
    assert arrows > 0 and not frame["hides_routine"]
    hidden = handle({"op": "view", "id": "h", "hide_routine": True})
    assert hidden["hides_routine"]
    # The workload's requests still travel in AppendEntries with entries; heartbeats and their replies are gone.
    assert 0 < hidden["sequence"].count('<g class="sl-arrow') < arrows
    assert handle({"op": "reset", "id": "h"})["hides_routine"]


def test_raft_marks_only_empty_appends_and_their_successful_replies_as_routine() -> None:
    from syslab.sim.raft import RaftCluster

    cluster = RaftCluster(0, workload=False)
    assert cluster.routine({"type": "append", "entries": []})
    assert not cluster.routine({"type": "append", "entries": [(1, "c1")]})
    assert cluster.routine({"type": "append_reply", "success": True, "heartbeat": True})
    assert not cluster.routine({"type": "append_reply", "success": False, "heartbeat": True})
    assert not cluster.routine({"type": "request_vote"})
