"""The discrete-event simulator: ordering, clock, limits and the trace's JSON form."""

from __future__ import annotations

import json

import pytest

from syslab.sim.core import Simulator
from syslab.sim.trace import Trace


def test_events_run_in_time_then_sequence_order() -> None:
    sim = Simulator(0)
    seen: list[tuple[int, str]] = []
    sim.schedule(10, lambda: seen.append((sim.now, "b")))
    sim.schedule(5, lambda: seen.append((sim.now, "a")))
    sim.schedule(10, lambda: seen.append((sim.now, "c")))
    sim.schedule(0, lambda: sim.schedule(5, lambda: seen.append((sim.now, "d"))))
    assert sim.run() == 5
    assert seen == [(5, "a"), (5, "d"), (10, "b"), (10, "c")]
    assert sim.now == 10


def test_run_stops_at_event_and_time_bounds() -> None:
    sim = Simulator(0)
    for delay in range(0, 100, 10):
        sim.schedule(delay, lambda: None)
    assert sim.run(max_events=3) == 3
    assert sim.run(until=55) == 3
    assert sim.now == 50
    assert sim.pending() == 4
    assert sim.processed == 6


def test_negative_delay_is_rejected() -> None:
    with pytest.raises(ValueError, match="delay must be"):
        Simulator(0).schedule(-1, lambda: None)


def test_same_seed_same_random_stream() -> None:
    assert [Simulator(3).rng.random() for _ in range(3)] == [Simulator(3).rng.random() for _ in range(3)]
    assert Simulator(3).rng.random() != Simulator(4).rng.random()


def test_trace_is_canonical_json() -> None:
    trace = Trace()
    trace.record(5, "send", "n1", src="n1", dst="n2", msg={"type": "x", "term": 1})
    assert json.loads(trace.to_json()) == [
        {"time": 5, "kind": "send", "node": "n1", "src": "n1", "dst": "n2", "msg": {"type": "x", "term": 1}}
    ]
    off = Trace(enabled=False)
    off.record(1, "heal", None)
    assert off.events == [] and off.count == 1
