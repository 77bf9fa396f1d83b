"""The clocks model: clock rules, the checker on hand-made histories, LWW under skew, sync, crashes and the view."""

from __future__ import annotations

import json

import pytest

from syslab.sim.clocks import (
    ClockChecker,
    ClockCluster,
    PhysicalClock,
    compare_vectors,
    hlc_receive,
    hlc_send,
)

# The 200-seed chaos check and the broken-variant cases are in tests/test_sim_models.py.

NAMES = ["n1", "n2"]


def checker(epsilon: int = 100) -> tuple[ClockChecker, list[tuple[str, str]]]:
    failures: list[tuple[str, str]] = []
    return ClockChecker(NAMES, lambda prop, detail: failures.append((prop, detail)), lambda _: epsilon), failures


def props(failures: list[tuple[str, str]]) -> set[str]:
    return {prop for prop, _ in failures}


# Clock rules ----------------------------------------------------------------------------------------------------


def test_physical_clock_offset_drift_and_step() -> None:
    clock = PhysicalClock(offset=50, drift_ppm=200)
    assert clock.read(0) == 50
    assert clock.read(10_000) == 10_052  # 200 ppm of 10 s is 2 ms
    clock.step(10_000, -5)
    assert clock.read(10_000) == 9_995  # a step can move the wall clock backwards
    assert clock.error(20_000) == -3
    assert PhysicalClock(0, -200).read(10_000) == 9_998


def test_compare_vectors() -> None:
    assert compare_vectors([1, 0], [1, 1]) == "before"
    assert compare_vectors([2, 1], [1, 1]) == "after"
    assert compare_vectors([1, 1], [1, 1]) == "equal"
    assert compare_vectors([2, 0], [1, 1]) == "concurrent"


def test_hlc_rules_follow_the_paper() -> None:
    assert hlc_send((0, 0), 10) == (10, 0)  # the physical clock moved on: c resets
    assert hlc_send((10, 0), 10) == (10, 1)  # same millisecond: c counts
    assert hlc_send((10, 3), 7) == (10, 4)  # the wall clock went back: l stays, c counts
    assert hlc_receive((10, 2), (15, 4), 12) == (15, 5)  # the message's l is largest
    assert hlc_receive((15, 2), (15, 4), 12) == (15, 5)  # both equal: max of the counters, plus one
    assert hlc_receive((15, 2), (11, 9), 12) == (15, 3)  # own l largest
    assert hlc_receive((10, 2), (11, 9), 20) == (20, 0)  # the physical clock is ahead of both


# The checker on hand-made histories -----------------------------------------------------------------------------


def test_checker_accepts_a_correct_history() -> None:
    check, failures = checker()
    send = check.record(0, "n1", pt=100, lamport=1, vc=[1, 0], hlc=(100, 0), is_send=True)
    check.record(1, "n2", pt=20, lamport=1, vc=[0, 1], hlc=(20, 0))  # concurrent with the send
    check.record(5, "n2", pt=25, lamport=2, vc=[1, 2], hlc=(100, 1), send=send)
    check.record(6, "n1", pt=106, lamport=2, vc=[2, 0], hlc=(106, 0))  # concurrent with the receive
    assert failures == []
    assert check.events == 4


def test_lamport_receive_without_max_is_caught() -> None:
    check, failures = checker()
    send = check.record(0, "n1", pt=100, lamport=5, vc=[1, 0], hlc=(100, 0), is_send=True)
    check.record(5, "n2", pt=105, lamport=1, vc=[1, 1], hlc=(105, 0), send=send)
    assert props(failures) == {"lamport-clock-condition"}
    assert "n1#1 -> n2#1" in failures[0][1]


def test_vector_clock_that_forgets_to_merge_is_caught() -> None:
    check, failures = checker()
    send = check.record(0, "n1", pt=100, lamport=1, vc=[1, 0], hlc=(100, 0), is_send=True)
    check.record(5, "n2", pt=105, lamport=2, vc=[0, 1], hlc=(105, 0), send=send)
    assert props(failures) == {"vector-clock-causality"}


def test_vector_clock_that_orders_concurrent_events_is_caught() -> None:
    check, failures = checker()
    check.record(0, "n1", pt=100, lamport=1, vc=[1, 0], hlc=(100, 0))
    check.record(5, "n2", pt=105, lamport=1, vc=[1, 1], hlc=(105, 0))  # claims to have seen n1#1: it has not
    assert props(failures) == {"vector-clock-causality"}
    assert "causal past is [0, 1]" in failures[0][1]


def test_a_vector_that_claims_an_older_event_of_a_busy_node_is_caught() -> None:
    # n1 has moved on to its third event; n2's event claims to follow n1's first one, with which it is concurrent.
    check, failures = checker()
    for k in (1, 2, 3):
        check.record(k, "n1", pt=100 + k, lamport=k, vc=[k, 0], hlc=(100 + k, 0))
    check.record(5, "n2", pt=105, lamport=1, vc=[1, 1], hlc=(105, 0))
    assert props(failures) == {"vector-clock-causality"}


def test_wall_clock_as_hlc_fails_under_skew() -> None:
    check, failures = checker()
    send = check.record(0, "n1", pt=100, lamport=1, vc=[1, 0], hlc=(100, 0), is_send=True)
    check.record(5, "n2", pt=30, lamport=2, vc=[1, 1], hlc=(30, 0), send=send)  # receive stamped before its send
    assert props(failures) == {"hlc-causality"}


def test_hlc_must_grow_in_program_order_even_within_a_millisecond() -> None:
    check, failures = checker()
    check.record(0, "n1", pt=100, lamport=1, vc=[1, 0], hlc=(100, 0))
    check.record(0, "n1", pt=100, lamport=2, vc=[2, 0], hlc=(100, 0))
    assert props(failures) == {"hlc-causality"}


@pytest.mark.parametrize(
    ("pt", "hlc", "why"),
    [(10, (200, 0), "l - pt = 190"), (50, (40, 0), "l - pt = -10"), (10, (10, 500), "c = 500")],
)
def test_hlc_bounds_are_checked(pt: int, hlc: tuple[int, int], why: str) -> None:
    check, failures = checker(epsilon=100)
    check.record(0, "n1", pt=pt, lamport=1, vc=[1, 0], hlc=hlc)
    assert props(failures) == {"hlc-bounded"}
    assert why in failures[0][1]


def test_unknown_send_is_an_error() -> None:
    check, _ = checker()
    with pytest.raises(ValueError, match="unknown send"):
        check.record(0, "n1", pt=0, lamport=1, vc=[1, 0], hlc=(0, 0), send=99)


def test_lost_updates_count_writes_beaten_by_a_causally_earlier_write() -> None:
    check, failures = checker(epsilon=500)
    w1 = check.record(0, "n1", pt=300, lamport=1, vc=[1, 0], hlc=(300, 0), write=(300, "n1", 1), is_send=True)
    check.record(5, "n2", pt=100, lamport=2, vc=[1, 1], hlc=(300, 1), send=w1)
    check.record(9, "n2", pt=104, lamport=3, vc=[1, 2], hlc=(300, 2), write=(104, "n2", 2))  # saw w1, loses to it
    check.record(10, "n1", pt=310, lamport=2, vc=[2, 0], hlc=(310, 0), write=(310, "n1", 3))  # wins over w1
    check.record(11, "n2", pt=106, lamport=4, vc=[1, 3], hlc=(300, 3), write=(50, "n2", 4))  # after w1, so lost
    assert failures == []
    assert (check.writes, check.lost_updates) == (4, 2)


# The model ------------------------------------------------------------------------------------------------------


def two_writes(lww: str) -> ClockCluster:
    """n1's clock is 200 ms ahead of n2's; n2 writes after it has received n1's write."""
    model = ClockCluster(1, workload=False, options={"lww": lww})
    model.node("n1").clock = PhysicalClock(100, 0)
    model.node("n2").clock = PhysicalClock(-100, 0)
    model.node("n3").clock = PhysicalClock(0, 0)
    model.act({"kind": "write", "args": {"node": "n1"}})
    model.sim.run(until=100)
    model.act({"kind": "write", "args": {"node": "n2"}})
    model.sim.run(until=200)
    return model


def test_wall_clock_lww_loses_a_causally_later_write_everywhere() -> None:
    model = two_writes("wall")
    assert [node.value[1] for node in model.nodes if node.value] == ["w1", "w1", "w1"]
    assert model.result().lww_lost_updates == 1
    assert model.violation is None
    labels = [e["label"] for e in model.trace.events if e["kind"] == "state" and e["change"] == "lww"]
    assert "w2 loses to w1" in labels


def test_hlc_lww_keeps_the_causally_later_write() -> None:
    model = two_writes("hlc")
    assert [node.value[1] for node in model.nodes if node.value] == ["w2", "w2", "w2"]
    assert model.result().lww_lost_updates == 0


def test_default_skew_loses_updates_and_hlc_does_not() -> None:
    wall = [ClockCluster(seed, trace=False).run(1500) for seed in range(3)]
    hlc = [ClockCluster(seed, trace=False, options={"lww": "hlc"}).run(1500) for seed in range(3)]
    assert sum(r.lww_lost_updates for r in wall) > 0
    assert sum(r.lww_lost_updates for r in hlc) == 0
    assert all(r.violation is None for r in wall + hlc)
    synced = ClockCluster(0, trace=False, options={"max_skew_ms": 0, "max_drift_ppm": 0}).run(1500)
    assert synced.lww_lost_updates == 0 and synced.max_skew_ms == 0


def test_ntp_sync_bounds_the_error_but_does_not_remove_it() -> None:
    options = {"max_skew_ms": 150, "max_drift_ppm": 1000, "sync_every_ms": 1000, "sync_error_ms": 10}
    model = ClockCluster(2, trace=True, options=options)
    errors = []
    for _ in range(40):
        model.sim.run(until=model.sim.now + 250)
        if model.sim.now > 1200:  # every clock has been stepped at least once
            errors += [node.clock.error(model.sim.now) for node in model.nodes]
    assert max(abs(e) for e in errors) <= 10 + 2  # residual error plus at most 1.1 s of 1000 ppm drift
    assert any(e != 0 for e in errors)
    steps = [e for e in model.trace.events if e["kind"] == "state" and e["change"] == "sync"]
    assert steps and any(e["step"] < 0 for e in steps)  # some steps move a clock backwards
    assert model.violation is None


def test_logical_clocks_and_value_survive_a_crash() -> None:
    model = ClockCluster(4)
    model.run(400)
    node = model.node("n2")
    before = (node.lamport, list(node.vc), node.hlc, node.value)
    model.crash("n2")
    model.run(50)
    assert (node.lamport, node.vc, node.hlc, node.value) == before  # a down node stamps nothing
    model.restart("n2")
    model.run(400)
    assert node.lamport > before[0] and node.hlc > before[2]
    assert model.violation is None


def test_broken_variants_fail_for_the_stated_reason() -> None:
    wall = ClockCluster(4, faults="chaos", variant="wall-clock", trace=False).run(500)
    assert wall.violation is not None and wall.violation.prop == "hlc-causality"
    assert "n3#1 -> n1#1" in wall.violation.detail  # a receive stamped earlier than its send
    lamport = ClockCluster(6, faults="chaos", variant="lamport-no-max", trace=False).run(500)
    assert lamport.violation is not None and lamport.violation.prop == "lamport-clock-condition"


def test_view_actions_and_bad_arguments() -> None:
    model = ClockCluster(3, workload=False)
    assert model.sim.pending() == 0  # no workload and no sync: nothing happens until the reader acts
    labels = [action.label for action in model.client_actions()]
    assert labels == ["Write via n1", "Write via n2", "Write via n3", "Send n1->n2", "Send n2->n3", "Send n3->n1"]
    model.act({"kind": "send", "args": {"src": "n1", "dst": "n3"}})
    model.sim.run()
    assert model.node("n3").vc == [1, 0, 1]
    view = model.view()
    json.dumps(view)
    assert all(len(node["lines"]) <= 4 for node in view["nodes"])
    assert view["nodes"][2]["lines"][1] == "L 2  V [1,0,1]"
    model.crash("n1")
    model.act({"kind": "write", "args": {"node": "n1"}})  # a down node takes no write
    assert model.result().writes == 0
    with pytest.raises(ValueError, match="itself"):
        model.act({"kind": "send", "args": {"src": "n1", "dst": "n1"}})
    with pytest.raises(ValueError, match="no action"):
        model.act({"kind": "read", "args": {}})
    with pytest.raises(ValueError, match="lww"):
        ClockCluster(0, options={"lww": "vector"})


def test_same_seed_same_trace() -> None:
    traces = []
    for _ in range(2):
        model = ClockCluster(9, faults="chaos", options={"sync_every_ms": 500})
        model.run(1500)
        traces.append(model.trace.to_json())
    assert traces[0] == traces[1]
