"""The Byzantine agreement model: the quorum arithmetic, the checker on hand-made histories, the bound in runs."""

from __future__ import annotations

import pytest

from syslab.sim.byzantine import (
    AgreementChecker,
    ByzantineCluster,
    byzantine_quorum,
    quorum_intersection,
    tolerates,
)

# The 200-seed chaos check and the broken-variant cases are in tests/test_sim_models.py.


def run(seed: int, steps: int, **kwargs: object) -> ByzantineCluster:
    model = ByzantineCluster(seed, trace=False, **kwargs)  # type: ignore[arg-type]
    model.run(steps)
    return model


# The arithmetic ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "q", "overlap"),
    [(4, 3, 2), (3, 2, 1), (5, 3, 1), (7, 5, 3), (6, 4, 2), (5, 2, 0), (4, 2, 0), (1, 1, 1)],
)
def test_quorum_intersection(n: int, q: int, overlap: int) -> None:
    assert quorum_intersection(n, q) == overlap


def test_quorum_intersection_is_the_smallest_overlap_of_any_two_quorums() -> None:
    from itertools import combinations

    for n in range(1, 7):
        for q in range(1, n + 1):
            smallest = min(len(set(a) & set(b)) for a in combinations(range(n), q) for b in combinations(range(n), q))
            assert quorum_intersection(n, q) == smallest, (n, q)


def test_tolerates_is_exactly_n_at_least_3f_plus_1() -> None:
    assert tolerates(4, 1) and tolerates(7, 2) and tolerates(10, 3) and tolerates(1, 0)
    assert not tolerates(3, 1) and not tolerates(6, 2) and not tolerates(9, 3) and not tolerates(5, 2)
    for f in range(0, 6):
        for n in range(f + 1, 20):
            assert tolerates(n, f) == (n >= 3 * f + 1), (n, f)
            # Safe means the overlap of two (n - f)-quorums always holds an honest node.
            assert tolerates(n, f) == (quorum_intersection(n, byzantine_quorum(n, f)) - f >= 1)


def test_crash_majorities_overlap_in_one_node() -> None:
    for f in range(1, 6):
        assert quorum_intersection(2 * f + 1, f + 1) == 1  # enough against crashes, one liar fills it


# The checker on hand-made histories --------------------------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.failures: list[tuple[str, str]] = []

    def __call__(self, prop: str, detail: str) -> None:
        self.failures.append((prop, detail))


def checker() -> tuple[AgreementChecker, Recorder]:
    recorder = Recorder()
    return AgreementChecker(recorder, ["n1", "n2", "n3"]), recorder


def test_checker_accepts_matching_decisions() -> None:
    check, failures = checker()
    check.on_instance(1, "n1")
    check.on_propose(1, "n1", "A")
    for node in ("n1", "n2", "n3"):
        check.on_decide(1, node, "A")
    check.on_instance(2, "n4")  # a Byzantine leader: any common value is fine
    check.on_decide(2, "n2", "B")
    check.on_decide(2, "n3", "B")
    assert failures.failures == [] and check.split == []


def test_checker_catches_two_honest_nodes_deciding_differently() -> None:
    check, failures = checker()
    check.on_instance(4, "n4")
    check.on_decide(4, "n1", "A")
    check.on_decide(4, "n2", "B")
    assert failures.failures == [("agreement", "instance 4: n1 decided A, n2 decided B")]
    assert check.split == [4]


def test_checker_ignores_byzantine_decisions() -> None:
    check, failures = checker()
    check.on_instance(1, "n1")
    check.on_propose(1, "n1", "A")
    check.on_decide(1, "n1", "A")
    check.on_decide(1, "n4", "B")  # n4 is not honest: whatever it claims does not count
    assert failures.failures == []


def test_checker_catches_a_decision_the_honest_leader_did_not_propose() -> None:
    check, failures = checker()
    check.on_instance(1, "n1")
    check.on_propose(1, "n1", "A")
    check.on_decide(1, "n2", "B")
    assert failures.failures == [("validity", "instance 1: honest leader n1 proposed A, n2 decided B")]
    assert check.invalid == [1] and check.split == []
    check, failures = checker()
    check.on_instance(2, "n2")
    check.on_decide(2, "n3", "A")
    assert failures.failures == [("validity", "instance 2: honest leader n2 proposed nothing, n3 decided A")]


def test_checker_keeps_counting_splits_after_the_first() -> None:
    check, failures = checker()
    for inst in (1, 2, 3):
        check.on_instance(inst, "n4")
        check.on_decide(inst, "n1", "A")
        check.on_decide(inst, "n3", "B")
    assert check.split == [1, 2, 3] and len(failures.failures) == 3  # Model.fail keeps only the first


# The protocol in runs ------------------------------------------------------------------------------------------


def test_without_faults_honest_nodes_decide_and_agree() -> None:
    model = run(0, 5000)
    assert model.violation is None
    assert model.byzantine == ["n4"] and model.quorum == 3
    # 100 instances; n4 leads every fourth and lies: the two honest nodes it told A decide A, the third cannot.
    assert model.instances == 100
    assert model.stats()["decisions"] == 75 * 3 + 25 * 2
    for inst in range(1, 101):
        values = {node.decided.get(inst) for node in model.nodes if not node.byzantine} - {None}
        assert len(values) == 1


def test_honest_nodes_never_vote_for_two_values() -> None:
    model = ByzantineCluster(3, faults="chaos")
    model.run(4000)
    votes: dict[tuple[str, str, int], str] = {}
    for event in model.trace.events:
        if event["kind"] == "state" and event["change"] in ("prepare", "commit", "propose"):
            key = (event["node"], "prepare" if event["change"] == "propose" else event["change"], event["inst"])
            assert votes.setdefault(key, event["value"]) == event["value"], key
        if event["kind"] == "state":
            assert len(event["label"]) < 24


@pytest.mark.parametrize(("n", "f"), [(4, 1), (7, 2), (10, 3)])
def test_n_equal_to_3f_plus_1_stays_safe_under_chaos(n: int, f: int) -> None:
    for seed in range(8):
        model = run(seed, 3000, faults="chaos", nodes=n, options={"f": f})
        assert model.violation is None, model.result().summary()
    assert model.stats()["decided"] > 0


def test_one_node_short_of_the_bound_splits_even_in_the_correct_protocol() -> None:
    model = run(0, 2000, nodes=3)  # f=1 needs 4 nodes
    assert model.violation is not None and model.violation.prop == "agreement"
    model = run(0, 2000, nodes=6, options={"f": 2})
    assert model.violation is not None and model.violation.prop == "agreement"


@pytest.mark.parametrize("f", [1, 2, 3])
def test_n_equals_3f_variant_overlaps_only_in_liars(f: int) -> None:
    model = run(0, 5000, variant="n-equals-3f", nodes=10, options={"f": f})  # nodes is overridden
    assert len(model.names) == 3 * f and model.quorum == 2 * f and len(model.byzantine) == f
    assert quorum_intersection(len(model.names), model.quorum) == f
    assert model.violation is not None and model.violation.prop == "agreement"


@pytest.mark.parametrize("f", [1, 2, 3])
def test_crash_quorums_break_with_a_single_liar(f: int) -> None:
    model = run(0, 5000, variant="crash-quorums", options={"f": f})
    assert len(model.names) == 2 * f + 1 and model.quorum == f + 1 and model.byzantine == [model.names[-1]]
    assert model.violation is not None and model.violation.prop == "agreement"
    assert model.stats()["splits"] > 0


def test_votes_are_durable_and_tallies_are_not() -> None:
    model = ByzantineCluster(0)
    model.run(300)
    node = model.node("n2")
    prepared, committed, decided = dict(node.prepared), dict(node.committed), dict(node.decided)
    assert prepared and committed and decided and node.prepares
    model.crash("n2")
    assert node.prepares == {} and node.commits == {}
    model.restart("n2")
    assert (node.prepared, node.committed, node.decided) == (prepared, committed, decided)
    assert model.run(2000).violation is None


def test_reader_starts_instances_by_hand() -> None:
    model = ByzantineCluster(1, workload=False)
    model.run(100)
    assert model.instances == 0
    for _ in range(4):
        model.act({"kind": "instance"})
        model.run(200)
    assert model.instances == 4 and model.stats()["decided"] == 4
    assert model.view()["notes"][0] == "n=4, f=1, quorum q=3"
    with pytest.raises(ValueError, match="no action"):
        model.act({"kind": "nope"})


@pytest.mark.parametrize(
    ("variant", "nodes", "f"), [("correct", 4, -1), ("correct", 2, 2), ("n-equals-3f", 4, 0), ("crash-quorums", 4, 0)]
)
def test_bad_configurations_are_refused(variant: str, nodes: int, f: int) -> None:
    with pytest.raises(ValueError, match="byzantine"):
        ByzantineCluster(0, variant=variant, nodes=nodes, options={"f": f})
