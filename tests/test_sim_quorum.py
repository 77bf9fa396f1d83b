"""The replicated register: options, each mode's behaviour in a partition, write-back, hinted handoff, the checkers.

The 200-seed chaos check of the default mode (quorum) and the broken variants are in tests/test_sim_models.py; here
the other two modes get their own seed sweeps.
"""

from __future__ import annotations

import json

import pytest

from syslab.sim.history import check_linearizable
from syslab.sim.quorum import QuorumRegister, Replica

MINORITY_FIRST = [["n1", "n2"], ["n3", "n4", "n5"]]


def quiet(mode: str, **kwargs: object) -> QuorumRegister:
    """A cluster without faults or workload: the test drives it."""
    options = {"mode": mode, **kwargs.pop("options", {})}  # type: ignore[dict-item]
    return QuorumRegister(1, workload=False, options=options, **kwargs)  # type: ignore[arg-type]


def do(model: QuorumRegister, kind: str, node: str, wait: int = 400) -> str:
    """Make the reader's call through `node`, let it finish, and return the newest note (the client's result)."""
    model.act({"kind": kind, "args": {"node": node}})
    model.sim.run(until=model.sim.now + wait)
    return model.notes[-1]


# Options ----------------------------------------------------------------------------------------------------------


def test_r_and_w_default_to_a_majority_of_the_replicas() -> None:
    assert (QuorumRegister(0).r, QuorumRegister(0).w) == (3, 3)
    assert (QuorumRegister(0, nodes=3).r, QuorumRegister(0, nodes=3).w) == (2, 2)
    sloppy = QuorumRegister(0, options={"mode": "sloppy"})
    assert (sloppy.homes, sloppy.fallbacks, sloppy.r, sloppy.w) == (["n1", "n2", "n3"], ["n4", "n5"], 2, 2)
    assert QuorumRegister(0, options={"r": 1, "w": 5}).r == 1
    forced = QuorumRegister(0, variant="r-plus-w-le-n", options={"mode": "primary", "r": 3})
    assert (forced.mode, forced.r, forced.w) == ("quorum", 1, 1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"r": -1}, "'r' must be between 1 and the number of replicas \\(5\\), got -1"),
        ({"w": 6}, "'w' must be between 1 and the number of replicas \\(5\\), got 6"),
        ({"mode": "sloppy", "r": 4}, "replicas \\(3\\), got 4"),
        ({"mode": "eventual"}, "'mode' must be one of quorum, sloppy, primary"),
        ({"r": "3"}, "option 'r' must be int"),
    ],
)
def test_bad_options_are_clear_errors(options: dict[str, int | str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        QuorumRegister(0, options=options)


# Behaviour of each mode ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["quorum", "sloppy", "primary"])
def test_without_faults_every_call_succeeds_and_reads_are_fresh(mode: str) -> None:
    model = QuorumRegister(2, options={"mode": mode})
    result = model.run(3000)
    assert result.violation is None
    assert result.ops_failed == 0 and result.reads_stale == 0 and result.ops_ok > 200
    assert check_linearizable(model.history).ok


def test_quorum_mode_in_a_partition_the_majority_side_answers_and_the_minority_side_fails() -> None:
    model = quiet("quorum")
    assert do(model, "write", "n1") == "you write w1 via n1: ok"
    model.act({"kind": "partition", "args": {"groups": MINORITY_FIRST}})
    assert do(model, "write", "n4") == "you write w2 via n4: ok"
    assert do(model, "read", "n1") == "you read via n1 failed: no quorum in time"
    assert do(model, "write", "n2") == "you write w3 via n2 failed: no quorum in time"
    assert [node.value for node in model.nodes] == ["w1", "w1", "w2", "w2", "w2"]
    model.act({"kind": "heal"})
    assert do(model, "read", "n1") == "you read via n1 -> w2"
    model.finish()
    assert model.violation is None


def test_a_quorum_read_writes_back_a_value_fewer_than_w_replicas_hold() -> None:
    model = quiet("quorum")
    model.node("n1").store((7, "c9"), "w9")  # a write that reached only n1
    assert do(model, "read", "n1") == "you read via n1 -> w9"
    assert model.write_backs == 1
    assert sum(node.value == "w9" for node in model.nodes) >= 3


def test_without_the_write_back_a_later_read_can_go_back_in_time() -> None:
    """n1 alone holds w1 (a write whose client gave up); one read sees it, a later read that misses n1 does not."""
    for variant, caught in (("no-write-back", True), ("correct", False)):
        model = QuorumRegister(1, workload=False, variant=variant)
        model.act({"kind": "partition", "args": {"groups": [["n1", "n2", "n3"], ["n4", "n5"]]}})
        model.call("c1", "write", "n1")
        model.sim.run(until=model.sim.now + 15)  # the versions are back and the stores are in flight
        model.act({"kind": "partition", "args": {"groups": [["n1"], ["n2", "n3", "n4", "n5"]]}})
        model.sim.run(until=model.sim.now + 400)
        assert model.calls[0].failed and [node.value for node in model.nodes] == ["w1", None, None, None, None]
        model.act({"kind": "heal"})
        assert do(model, "read", "n1") == "you read via n1 -> w1"
        model.act({"kind": "partition", "args": {"groups": [["n1"], ["n2", "n3", "n4", "n5"]]}})
        assert do(model, "read", "n2") == ("you read via n2 -> initial" if caught else "you read via n2 -> w1")
        model.finish()
        assert (model.violation is not None) == caught
        if caught:
            assert model.violation is not None and model.violation.prop == "linearizability"
            assert "went back in time" in model.violation.detail or "stale" in model.violation.detail


def test_primary_mode_only_the_primary_with_a_majority_answers() -> None:
    model = quiet("primary")
    assert do(model, "write", "n4") == "you write w1 via n4: ok"
    model.act({"kind": "partition", "args": {"groups": [["n1", "n2", "n3"], ["n4", "n5"]]}})
    assert do(model, "read", "n2") == "you read via n2 -> w1"
    assert do(model, "read", "n5") == "you read via n5 failed: primary unreachable"
    model.act({"kind": "partition", "args": {"groups": MINORITY_FIRST}})
    assert do(model, "read", "n1") == "you read via n1 failed: primary unreachable"  # no majority behind it
    assert do(model, "write", "n4") == "you write w2 via n4 failed: primary unreachable"
    model.act({"kind": "heal"})
    model.act({"kind": "crash", "args": {"node": "n1"}})
    assert do(model, "read", "n3") == "you read via n3 failed: primary unreachable"
    assert do(model, "read", "n1") == "you read via n1 failed: n1 is down"
    model.act({"kind": "restart", "args": {"node": "n1"}})
    assert do(model, "read", "n3") == "you read via n3 -> w1"
    assert model.view()["nodes"][0]["role"] == "primary"


def test_sloppy_mode_stays_writable_on_both_sides_and_converges_after_the_heal() -> None:
    model = quiet("sloppy")
    assert do(model, "write", "n1") == "you write w1 via n1: ok"
    model.act({"kind": "partition", "args": {"groups": [["n1", "n2"], ["n3", "n4", "n5"]]}})
    assert do(model, "write", "n4") == "you write w2 via n4: ok"  # n3 plus hinted copies on n4 and n5
    assert model.node("n4").hints == {"n1": ((model.calls[-1].version), "w2")}
    assert model.node("n4").role == "fallback" and model.view()["nodes"][3]["role"] == "fallback"
    assert do(model, "read", "n2") == "you read via n2 -> w1 (stale)"
    assert model.calls[-1].stale
    model.act({"kind": "heal"})
    model.sim.run(until=model.sim.now + 500)  # hinted handoff and anti-entropy
    assert [node.value for node in model.nodes[:3]] == ["w2", "w2", "w2"]
    assert not model.node("n4").hints and not model.node("n5").hints and model.handoffs == 2
    assert model.divergence() == ""
    assert not check_linearizable(model.history).ok  # the stale read
    model.finish()
    assert model.violation is None


def test_a_client_has_one_call_at_a_time_and_a_down_coordinator_fails_at_once() -> None:
    model = quiet("quorum")
    model.act({"kind": "write", "args": {"node": "n1"}})
    model.act({"kind": "read", "args": {"node": "n2"}})
    assert model.notes[-1] == "you: wait for your last call to return"
    model.sim.run(until=model.sim.now + 100)
    model.act({"kind": "crash", "args": {"node": "n3"}})
    assert do(model, "read", "n3", wait=0) == "you read via n3 failed: n3 is down"


def test_a_crashed_coordinator_fails_its_calls_and_keeps_its_durable_copy() -> None:
    model = quiet("quorum")
    do(model, "write", "n2")
    model.act({"kind": "write", "args": {"node": "n2"}})
    model.act({"kind": "crash", "args": {"node": "n2"}})
    assert model.notes[-1] == "you write w2 via n2 failed: n2 crashed"
    model.act({"kind": "restart", "args": {"node": "n2"}})
    assert model.node("n2").value in ("w1", "w2") and model.node("n2").work == {}


# The checkers can fail -------------------------------------------------------------------------------------------


def test_finish_reports_a_non_linearizable_history() -> None:
    model = quiet("quorum")
    do(model, "write", "n1")
    for node in model.nodes:  # lose the write everywhere: the next read returns the initial value
        node.version, node.value = (0, ""), None
    assert do(model, "read", "n2") == "you read via n2 -> initial (stale)"
    model.finish()
    assert model.violation is not None and model.violation.prop == "linearizability"
    assert "initial value" in model.violation.detail


def test_convergence_catches_diverged_homes_and_undelivered_hints() -> None:
    model = quiet("sloppy")
    model.node("n2").store((5, "c1"), "w7")
    assert model.divergence().startswith("home replicas differ after the quiet period: n1 has nothing")
    for node in model.nodes[:3]:
        node.store((5, "c1"), "w7")
    assert model.divergence() == ""
    model.node("n5").hints["n1"] = ((6, "c2"), "w8")
    assert model.divergence() == "n5 still holds a hint for n1 (w8 v6.c2)"


def test_sloppy_mode_without_hinted_handoff_fails_convergence(monkeypatch: pytest.MonkeyPatch) -> None:
    tick = Replica._tick

    def forgetful(self: Replica, epoch: int) -> None:  # keeps its hints to itself
        hints, self.hints = self.hints, {}
        tick(self, epoch)
        self.hints = hints

    monkeypatch.setattr(Replica, "_tick", forgetful)
    model = QuorumRegister(0, faults="chaos", trace=False, options={"mode": "sloppy"})
    result = model.run(4000)
    assert result.violation is not None and result.violation.prop == "convergence"


# Sweeps, determinism, pictures -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sloppy", "primary"])
def test_no_violation_over_chaos_seeds(mode: str) -> None:
    failures = []
    for seed in range(60):
        model = QuorumRegister(seed, faults="chaos", trace=False, options={"mode": mode})
        result = model.run(QuorumRegister.check_steps)
        if result.violation is not None:
            failures.append(result.summary())
        if mode == "primary":
            assert result.reads_stale == 0
    assert not failures, "\n".join(failures)


def test_sloppy_histories_are_often_not_linearizable_and_stale_reads_are_counted() -> None:
    verdicts, stale = [], 0
    for seed in range(10):
        model = QuorumRegister(seed, faults="partitions", trace=False, options={"mode": "sloppy"})
        model.sim.run(max_events=2000)
        verdicts.append(check_linearizable(model.history).ok)
        stale += model.stats()["reads_stale"]
    assert False in verdicts and stale > 0


def test_a_stale_read_always_means_a_non_linearizable_history() -> None:
    for seed in range(10):
        model = QuorumRegister(seed, faults="chaos", trace=False, options={"r": 1, "w": 1})
        model.sim.run(max_events=1500)
        stale = model.stats()["reads_stale"]
        assert stale > 0 and not check_linearizable(model.history).ok


@pytest.mark.parametrize("mode", ["sloppy", "primary"])
def test_same_seed_same_trace_in_every_mode(mode: str) -> None:
    traces = []
    for seed in (5, 5, 6):
        model = QuorumRegister(seed, faults="chaos", options={"mode": mode})
        model.run(1500)
        traces.append(model.trace.to_json())
    assert traces[0] == traces[1] != traces[2]


@pytest.mark.parametrize("mode", ["quorum", "sloppy", "primary"])
def test_view_is_short_json_in_every_mode(mode: str) -> None:
    model = QuorumRegister(3, faults="chaos", options={"mode": mode})
    for _ in range(20):
        model.sim.run(max_events=100)
        view = model.view()
        json.dumps(view)
        assert [node["name"] for node in view["nodes"]] == model.names
        assert all(len(node["lines"]) <= 4 for node in view["nodes"])
        assert len(view["notes"]) <= 5
    labels = [e["label"] for e in model.trace.events if e["kind"] == "state"]
    assert labels and max(len(label) for label in labels) < 24


def test_converging_on_a_value_older_than_an_acknowledged_write_is_a_divergence() -> None:
    from syslab.sim.quorum import QuorumRegister

    model = QuorumRegister(3, options={"mode": "sloppy"}, trace=False)
    model.run(2000)
    assert model.violation is None and any(c.kind == "write" and c.complete for c in model.calls)
    for name in model.homes:  # every home "forgets" the acknowledged writes in the same way
        node = model.node(name)
        node.version, node.value = (0, ""), None
    assert "older than the acknowledged write" in model.divergence()
