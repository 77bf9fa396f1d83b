"""The Raft model: determinism, liveness, safety under chaos, the broken variants, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from syslab.sim.raft import RaftCluster, run_raft

# The 200-seed chaos check of every model, Raft included, is in tests/test_sim_models.py.

# Seeds (found by a sweep, see the issue 5 report) where a broken variant is caught, and by which property.
DOUBLE_VOTE_CAUGHT = {("partitions", 5), ("partitions", 11), ("chaos", 2), ("chaos", 5)}


def test_same_seed_gives_identical_trace() -> None:
    first, trace_a = run_raft(11, 3000, faults="chaos")
    second, trace_b = run_raft(11, 3000, faults="chaos")
    assert trace_a.to_json() == trace_b.to_json()
    assert first == second
    json.loads(trace_a.to_json())  # plain JSON all the way down


def test_different_seeds_give_different_traces() -> None:
    assert run_raft(1, 2000, faults="chaos")[1].to_json() != run_raft(2, 2000, faults="chaos")[1].to_json()
    assert run_raft(1, 2000)[1].to_json() != run_raft(2, 2000)[1].to_json()


def test_trace_has_every_kind_under_chaos() -> None:
    _, trace = run_raft(3, 5000, faults="chaos")
    kinds = {event["kind"] for event in trace.events}
    assert kinds == {"send", "deliver", "drop", "crash", "restart", "partition", "heal", "state"}


def test_without_faults_one_leader_is_elected_and_commands_commit() -> None:
    cluster = RaftCluster(seed=0)
    result = cluster.run(3000)
    assert result.violation is None
    assert result.leaders == 1 and result.terms == 1
    assert result.committed >= 50
    # Every node applied the same committed prefix (followers lag by at most a heartbeat).
    logs = {node.name: node.log for node in cluster.nodes}
    assert len({tuple(log[: result.committed - 5]) for log in logs.values()}) == 1


def test_durable_state_survives_a_restart_but_commit_index_does_not() -> None:
    cluster = RaftCluster(seed=0)
    cluster.run(2000)
    node = next(n for n in cluster.nodes if n.role != "leader")
    term, vote, log = node.current_term, node.voted_for, list(node.log)
    assert node.commit_index > 0
    cluster.network.crash(node.name)
    node.crash()
    cluster.network.restart(node.name)
    node.restart()
    assert (node.current_term, node.voted_for, node.log) == (term, vote, log)
    assert node.commit_index == 0 and node.last_applied == 0 and node.role == "follower"
    result = cluster.run(2000)
    assert result.violation is None and node.commit_index > 0


@pytest.mark.parametrize("faults", ["none", "partitions"])
def test_safety_holds_under_lighter_faults(faults: str) -> None:
    for seed in range(20):
        result, _ = run_raft(seed, 5000, faults=faults, trace=False)
        assert result.violation is None, result.summary()


@pytest.mark.parametrize(("faults", "seed"), sorted(DOUBLE_VOTE_CAUGHT))
def test_double_vote_breaks_election_safety(faults: str, seed: int) -> None:
    result, _ = run_raft(seed, 3000, faults=faults, variant="double-vote", trace=False)
    assert result.violation is not None and result.violation.prop == "election-safety"
    correct, _ = run_raft(seed, 3000, faults=faults, trace=False)
    assert correct.violation is None


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m syslab.sim` with `args` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "syslab.sim", *args], capture_output=True, text=True, check=False, timeout=60
    )


def test_cli_check_ok_exits_zero() -> None:
    done = run_cli("raft", "--seed", "4", "--steps", "3000", "--faults", "chaos", "--check")
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line.startswith("raft seed=4 faults=chaos events=3000 ") and line.endswith(" ok")
    assert "leaders=" in line and "terms=" in line and "committed=" in line


def test_cli_check_violation_exits_nonzero_naming_the_property() -> None:
    done = run_cli("raft", "--seed", "5", "--steps", "3000", "--faults", "partitions", "--variant", "double-vote")
    assert done.returncode == 0 and "VIOLATED election-safety" in done.stdout  # no --check: report only
    done = run_cli(
        "raft", "--seed", "5", "--steps", "3000", "--faults", "partitions", "--variant", "double-vote", "--check"
    )
    assert done.returncode == 1
    assert "VIOLATED election-safety" in done.stdout


def test_cli_usage_error_and_trace_file(tmp_path: Path) -> None:
    assert run_cli("raft", "--faults", "storm").returncode == 2
    out = tmp_path / "trace.json"
    done = run_cli("raft", "--seed", "1", "--steps", "200", "--trace", str(out))
    assert done.returncode == 0
    events = json.loads(out.read_text(encoding="utf-8"))
    assert events and events[0]["time"] <= events[-1]["time"]


def figure8(variant: str) -> RaftCluster:
    """Replay Figure 8 of the Raft paper on five nodes and return the cluster.

    Start from the paper's state (c): n1 and n2 hold an entry of term 2 at index 2, n5 holds a conflicting entry of
    term 3 there, n3 and n4 only have index 1; n5 is down. n1 wins term 4 and copies its term-2 entry to n3 and n4.
    As soon as index 2 counts as committed (or after 500 events), n1 crashes, n5 comes back and runs for term 5:
    its last term (3) beats the term-2 entries of n2-n4, so it can win and overwrite index 2.
    """
    cluster = RaftCluster(seed=0, variant=variant)
    logs: dict[str, list[tuple[int, str]]] = {
        "n1": [(1, "a"), (2, "b")],
        "n2": [(1, "a"), (2, "b")],
        "n3": [(1, "a")],
        "n4": [(1, "a")],
        "n5": [(1, "a"), (3, "x")],
    }
    for node in cluster.nodes:
        node.current_term, node.voted_for, node.log = 3, None, list(logs[node.name])
    n1, n5 = cluster.node("n1"), cluster.node("n5")
    cluster.network.crash("n5")
    n5.crash()
    n1._start_election()
    while 2 not in cluster.checker.committed and cluster.sim.processed < 500:
        cluster.sim.step()
    cluster.network.crash("n1")
    n1.crash()
    cluster.network.restart("n5")
    n5.restart()
    n5.current_term = max(node.current_term for node in cluster.nodes)
    n5._start_election()
    cluster.run(1000)
    return cluster


def test_commit_old_term_breaks_leader_completeness_in_figure_8() -> None:
    broken = figure8("commit-old-term")
    assert broken.violation is not None
    assert broken.violation.prop == "leader-completeness"
    correct = figure8("correct")
    assert correct.violation is None
    assert correct.checker.committed[2][0] == (2, "b")  # committed later, together with a term-4 entry


@pytest.mark.parametrize(("nodes", "seed"), [(3, 140), (3, 248), (3, 260), (5, 157), (5, 292)])
def test_commit_old_term_is_caught_on_random_chaos_seeds(nodes: int, seed: int) -> None:
    # Found by sweeping chaos seeds for 20,000 events (0-299 on three nodes, 0-599 on five); the Figure 8 window is
    # narrow, so only a few seeds hit it. The same runs of the correct model pass.
    result, _ = run_raft(seed, 20_000, faults="chaos", variant="commit-old-term", nodes=nodes, trace=False)
    assert result.violation is not None and result.violation.prop == "leader-completeness"
    correct, _ = run_raft(seed, 20_000, faults="chaos", nodes=nodes, trace=False)
    assert correct.violation is None


def test_a_commit_declared_after_a_later_leader_was_elected_is_checked_against_it() -> None:
    from syslab.sim.raft_checks import RaftSafetyChecker

    failures: list[tuple[str, str]] = []
    checker = RaftSafetyChecker(lambda prop, detail: failures.append((prop, detail)))
    checker.on_leader(0, 2, "n1", [(1, "a")], {"n1": [(1, "a")]})
    checker.on_leader(5, 3, "n2", [(1, "a")], {"n2": [(1, "a")]})  # elected without n1's entry 2
    checker.on_commit(9, 2, 2, (2, "b"))  # the deposed n1 declares entry 2 committed, too late
    assert [prop for prop, _ in failures] == ["leader-completeness"]
    assert "n2 led term 3 without entry 2" in failures[0][1]
