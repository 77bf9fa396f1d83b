"""The history checker: linearizability (against a brute-force definition) and the consistency-model classifier."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Sequence

import pytest

from syslab.sim.history import MAX_CLASSIFY_OPS, MODELS, Op, check_linearizable, classify, parse_history

INF = 1 << 62


# A brute-force reading of the definitions, for comparison ------------------------------------------------------


def brute_linearizable(ops: Sequence[Op], initial: object = None) -> bool:
    """Linearizability straight from the definition: some subset of pending writes plus every completed operation,
    in some order that respects real time and in which every read returns the latest write before it."""
    done = [i for i, op in enumerate(ops) if op.complete is not None]
    pending = [i for i, op in enumerate(ops) if op.complete is None and op.kind == "write"]
    for size in range(len(pending) + 1):
        for extra in itertools.combinations(pending, size):
            chosen = done + list(extra)
            for perm in itertools.permutations(chosen):
                if respects_real_time(ops, perm) and obeys_registers(ops, perm, initial):
                    return True
    return False


def respects_real_time(ops: Sequence[Op], order: Sequence[int]) -> bool:
    """No operation comes after one that was invoked after it returned."""
    for p, a in enumerate(order):
        for b in order[:p]:
            a_end = INF if ops[a].complete is None else ops[a].complete
            if a_end < ops[b].invoke:
                return False
    return True


def obeys_registers(ops: Sequence[Op], order: Sequence[int], initial: object = None) -> bool:
    """Every read in the order returns the latest write to its key before it, or the initial value."""
    current: dict[str, object] = {}
    for i in order:
        op = ops[i]
        if op.kind == "write":
            current[op.key] = op.value
        elif current.get(op.key, initial) != (initial if op.value is None else op.value):
            return False
    return True


def random_history(rng: random.Random, count: int, keys: str = "x", processes: int = 3) -> list[Op]:
    """A small random concurrent history: overlapping calls, some pending, reads of recent, old or bogus values."""
    ops: list[Op] = []
    free = dict.fromkeys((f"p{i + 1}" for i in range(processes)), 0)
    written: dict[str, list[int]] = {}
    next_value = 1
    for _ in range(count):
        process = rng.choice(sorted(free))
        invoke = free[process] + rng.randint(0, 3)
        complete = None if rng.random() < 0.1 else invoke + rng.randint(0, 6)
        key = rng.choice(keys)
        if rng.random() < 0.5:
            ops.append(Op.w(process, next_value, invoke, complete, key))
            written.setdefault(key, []).append(next_value)
            next_value += 1
        else:
            choices: list[object] = [None, *written.get(key, [])[-3:]]
            if rng.random() < 0.05:
                choices.append(999)  # never written
            ops.append(Op.r(process, rng.choice(choices), invoke, complete, key))
        free[process] = (INF if complete is None else complete) + 1
        if complete is None:
            del free[process]
            if not free:
                break
    return ops


def atomic_history(rng: random.Random, count: int, clients: int, keys: str = "x") -> list[Op]:
    """A history produced by a truly atomic register: each call takes effect at a random instant in its interval."""
    free = {f"c{i}": rng.randint(0, 5) for i in range(clients)}
    planned = []
    value = 0
    for _ in range(count):
        client = min(free, key=lambda c: (free[c], c))
        invoke = free[client]
        complete = invoke + rng.randint(1, 20)
        point = rng.uniform(invoke, complete)
        key = rng.choice(keys)
        if rng.random() < 0.5:
            value += 1
            planned.append((point, client, "write", value, invoke, complete, key))
        else:
            planned.append((point, client, "read", None, invoke, complete, key))
        free[client] = complete + rng.randint(0, 5)
    planned.sort()
    current: dict[str, object] = {}
    ops = []
    for _, client, kind, v, invoke, complete, key in planned:
        if kind == "write":
            current[key] = v
        ops.append(Op(client, kind, v if kind == "write" else current.get(key), invoke, complete, key))
    rng.shuffle(ops)
    return ops


def assert_valid_witness(ops: Sequence[Op], order: Sequence[int], initial: object = None) -> None:
    """The witness contains every completed operation, respects real time and obeys register semantics."""
    assert len(set(order)) == len(order)
    assert {i for i, op in enumerate(ops) if op.complete is not None} <= set(order)
    assert all(ops[i].complete is not None or ops[i].kind == "write" for i in order)
    assert respects_real_time(ops, order)
    assert obeys_registers(ops, order, initial)


# check_linearizable --------------------------------------------------------------------------------------------


def test_sequential_history_is_linearizable_with_its_own_order() -> None:
    ops = [Op.w("p1", 1, 0, 10), Op.r("p2", 1, 20, 30), Op.w("p1", 2, 40, 50), Op.r("p2", 2, 60, 70)]
    verdict = check_linearizable(ops)
    assert verdict == check_linearizable(ops) and verdict.ok and verdict.reason == ""
    assert verdict.order == (0, 1, 2, 3)


def test_concurrent_read_may_see_old_or_new_value() -> None:
    for seen in (None, 1):
        verdict = check_linearizable([Op.w("p1", 1, 0, 10), Op.r("p2", seen, 5, 15)])
        assert verdict.ok
        assert_valid_witness([Op.w("p1", 1, 0, 10), Op.r("p2", seen, 5, 15)], verdict.order or ())


def test_stale_read_after_write_returned_is_not_linearizable() -> None:
    verdict = check_linearizable([Op.w("p1", 1, 0, 10), Op.r("p2", None, 20, 30)])
    assert not verdict.ok and verdict.order is None
    assert "p2's read of x at 20-30 ms" in verdict.reason and "stale" in verdict.reason
    assert "p1's write of 1" in verdict.reason


def test_new_then_old_reads_are_not_linearizable() -> None:
    # p3 saw the new value, then p4 (starting after p3 returned) saw the old one: a linearizable register forbids it.
    ops = [Op.w("p1", 1, 0, 10), Op.w("p2", 2, 20, 100), Op.r("p3", 2, 30, 40), Op.r("p4", 1, 50, 60)]
    verdict = check_linearizable(ops)
    assert not verdict.ok
    assert "p4's read" in verdict.reason and "back in time" in verdict.reason and "p3's read" in verdict.reason


def test_value_never_written_and_read_from_the_future() -> None:
    verdict = check_linearizable([Op.w("p1", 1, 0, 10), Op.r("p2", 7, 20, 30)])
    assert not verdict.ok and "never written" in verdict.reason and "p2's read" in verdict.reason
    verdict = check_linearizable([Op.r("p2", 1, 0, 5), Op.w("p1", 1, 10, 20)])
    assert not verdict.ok and "had started" in verdict.reason


def test_anomaly_only_the_search_finds() -> None:
    # Two concurrent writes seen in opposite orders by two readers: every pair of reads is fine on its own.
    ops = parse_history(
        """
        p1 w 1 0 100
        p2 w 2 0 100
        p3 r 1 10 20
        p3 r 2 30 40
        p4 r 2 10 20
        p4 r 1 30 40
        """
    )
    verdict = check_linearizable(ops)
    assert not verdict.ok and verdict.reason.startswith("no valid order of x's operations exists")
    assert check_linearizable(ops[:5]).ok


def test_pending_operations() -> None:
    # A pending write that someone read took effect; one nobody read may be dropped.
    read_it = [Op.w("p1", 1, 0, None), Op.r("p2", 1, 50, 60), Op.r("p3", 1, 70, 80)]
    verdict = check_linearizable(read_it)
    assert verdict.ok and verdict.order == (0, 1, 2)
    assert check_linearizable([Op.w("p1", 1, 0, None), Op.r("p2", None, 50, 60)]).order == (1,)
    # Once a read saw the pending write, a later read cannot see the initial value again.
    assert not check_linearizable([Op.w("p1", 1, 0, None), Op.r("p2", 1, 50, 60), Op.r("p3", None, 70, 80)]).ok
    # A read that never returned is ignored, whatever value it carries.
    assert check_linearizable([Op.w("p1", 1, 0, 10), Op.r("p2", 42, 20, None)]).order == (0,)
    # A pending write cannot take effect before it was invoked.
    assert not check_linearizable([Op.r("p2", 1, 0, 5), Op.w("p1", 1, 10, None)]).ok


def test_touching_intervals_are_concurrent() -> None:
    assert check_linearizable([Op.w("p1", 1, 0, 10), Op.r("p2", None, 10, 20)]).ok
    assert not check_linearizable([Op.w("p1", 1, 0, 10), Op.r("p2", None, 11, 20)]).ok


def test_keys_are_independent_and_witness_respects_real_time_across_keys() -> None:
    ops = [
        Op.w("p1", 1, 0, 10, key="x"),
        Op.w("p2", 1, 0, 10, key="y"),  # the same value on another key is fine
        Op.r("p3", 1, 5, 25, key="y"),
        Op.r("p1", 1, 20, 30, key="x"),
        Op.w("p2", 2, 35, 40, key="y"),
    ]
    verdict = check_linearizable(ops)
    assert verdict.ok
    assert_valid_witness(ops, verdict.order or ())
    bad = [*ops, Op.r("p3", 1, 50, 60, key="y")]
    verdict = check_linearizable(bad)
    assert not verdict.ok and "of y" in verdict.reason


def test_initial_value_argument() -> None:
    assert check_linearizable([Op.r("p1", 0, 0, 5), Op.r("p2", None, 6, 8)], initial=0).ok
    assert not check_linearizable([Op.w("p1", 1, 0, 5), Op.r("p2", 0, 6, 8)], initial=0).ok


def test_malformed_histories_raise() -> None:
    with pytest.raises(ValueError, match="written twice"):
        check_linearizable([Op.w("p1", 1, 0, 10), Op.w("p2", 1, 20, 30)])
    with pytest.raises(ValueError, match="initial value"):
        check_linearizable([Op.w("p1", None, 0, 10)])
    with pytest.raises(ValueError, match="before it is invoked"):
        check_linearizable([Op.r("p1", None, 10, 5)])
    with pytest.raises(ValueError, match="unknown kind"):
        check_linearizable([Op("p1", "cas", 1, 0, 5)])


def test_parse_history() -> None:
    ops = parse_history(
        """
        # a comment
        p1 w 1 0 10
        p2 read - 5 ? key=y
        p3 r hello 12 15 final
        """
    )
    assert ops == [Op.w("p1", 1, 0, 10), Op.r("p2", None, 5, None, key="y"), Op.r("p3", "hello", 12, 15, final=True)]
    with pytest.raises(ValueError, match="line 1"):
        parse_history("p1 x 1 0 10")
    with pytest.raises(ValueError, match="line 2"):
        parse_history("p1 w 1 0 10\np1 w 2 zero 10")


def test_agrees_with_brute_force_on_random_small_histories() -> None:
    rng = random.Random(2024)
    counts = {True: 0, False: 0}
    for _ in range(400):
        ops = random_history(rng, rng.randint(1, 7), keys=rng.choice(["x", "xy"]))
        verdict = check_linearizable(ops)
        assert verdict.ok == brute_linearizable(ops), ops
        counts[verdict.ok] += 1
        if verdict.ok:
            assert_valid_witness(ops, verdict.order or ())
        else:
            assert verdict.reason and verdict.order is None
    assert min(counts.values()) >= 80  # both outcomes are well represented


def test_specific_reasons_are_proofs() -> None:
    # The named anomalies (checked before the search) are never found in a linearizable history.
    from syslab.sim.history import _anomaly, _prepare

    rng = random.Random(5)
    for _ in range(300):
        ops = random_history(rng, rng.randint(1, 7))
        if not check_linearizable(ops).ok:
            continue
        chosen, end = _prepare(ops, "x", None)
        if chosen:
            assert _anomaly(ops, "x", chosen, end, None) == ""


@pytest.mark.parametrize(("count", "clients"), [(500, 3), (600, 5), (2000, 4)])
def test_long_histories_are_fast(count: int, clients: int) -> None:
    rng = random.Random(count + clients)
    ops = atomic_history(rng, count, clients, keys="xy")
    start = time.perf_counter()
    verdict = check_linearizable(ops)
    elapsed = time.perf_counter() - start
    assert verdict.ok and len(verdict.order or ()) == count
    assert elapsed < (0.1 if count <= 600 else 0.5)
    # Make one late read stale: caught, with a reason, as fast.
    late = max(
        (i for i, op in enumerate(ops) if op.kind == "read" and isinstance(op.value, int) and op.value > 5),
        key=lambda i: ops[i].invoke,
    )
    old = ops[late]
    ops[late] = Op.r(old.process, old.value - 5, old.invoke, old.complete, old.key)  # type: ignore[operator]
    start = time.perf_counter()
    verdict = check_linearizable(ops)
    assert not verdict.ok and old.process in verdict.reason
    assert time.perf_counter() - start < (0.1 if count <= 600 else 0.5)


# classify ------------------------------------------------------------------------------------------------------

CLASSIC = {
    # name: (history, strongest model, models that forbid it)
    "linearizable": ("p1 w 1 0 10\np2 r - 2 8\np2 r 1 20 30", "linearizable", set()),
    "stale read": ("p1 w 1 0 10\np2 r - 20 30", "sequential", {"linearizable"}),
    "opposite orders": (
        "p1 w 1 0 10\np2 w 2 0 10\np3 r 1 20 30\np3 r 2 40 50\np4 r 2 20 30\np4 r 1 40 50",
        "causal",
        {"linearizable", "sequential"},
    ),
    "answer before question": (
        "p1 w q 0 10 key=x\np2 r q 20 30 key=x\np2 w a 40 50 key=y\np3 r a 60 70 key=y\np3 r - 80 90 key=x",
        "read-your-writes",
        {"linearizable", "sequential", "causal"},
    ),
    "reads go back": (
        "p1 w 1 0 10\np2 r 1 20 30\np2 r - 40 50",
        "read-your-writes",
        {"linearizable", "sequential", "causal", "monotonic-reads"},
    ),
    "lost own write": (
        "p1 w 1 0 10\np1 r - 20 30",
        "monotonic-reads",
        {"linearizable", "sequential", "causal", "read-your-writes"},
    ),
    "never written": ("p1 w 1 0 10\np2 r 5 20 30", None, set(MODELS)),
    "replicas diverge": ("p1 w 1 0 10\np2 w 2 0 10\np3 r 1 100 110 final\np4 r 2 100 110 final", None, set(MODELS)),
    "replicas converge": (
        "p1 w 1 0 10\np2 w 2 0 10\np3 r 1 5 8\np3 r 2 100 110 final\np4 r 2 100 110 final",
        "linearizable",
        set(),
    ),
}


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_classic_histories(name: str) -> None:
    text, strongest, forbidden = CLASSIC[name]
    result = classify(parse_history(text))
    assert result.strongest == strongest
    assert {model for model, ok in result.allowed if not ok} == forbidden
    assert [model for model, _ in result.reasons] == [m for m in MODELS if m in forbidden]
    assert all(reason for _, reason in result.reasons)
    assert str(result).splitlines()[-1].startswith("strongest: ")


def test_each_model_allows_a_history_the_stronger_one_forbids() -> None:
    pairs = [
        ("linearizable", "sequential", "stale read"),
        ("sequential", "causal", "opposite orders"),
        ("causal", "read-your-writes", "answer before question"),
        ("causal", "monotonic-reads", "answer before question"),
        ("read-your-writes", "eventual", "lost own write"),
        ("monotonic-reads", "eventual", "reads go back"),
        ("monotonic-reads", "read-your-writes", "reads go back"),  # incomparable, both ways
        ("read-your-writes", "monotonic-reads", "lost own write"),
    ]
    for stronger, weaker, name in pairs:
        result = classify(parse_history(CLASSIC[name][0]))
        assert not result.allows(stronger) and result.allows(weaker), (stronger, weaker, name)


def test_reasons_name_the_culprit() -> None:
    result = classify(parse_history(CLASSIC["answer before question"][0]))
    assert dict(result.reasons)["causal"].startswith("p3 ")
    assert "stale" in dict(result.reasons)["linearizable"]
    assert "final reads disagree" in dict(classify(parse_history(CLASSIC["replicas diverge"][0])).reasons)["eventual"]
    with pytest.raises(ValueError, match="unknown model"):
        result.allows("strong")


def test_classify_rejects_large_or_malformed_histories() -> None:
    big = [Op.w("p1", i, 10 * i, 10 * i + 5) for i in range(1, MAX_CLASSIFY_OPS + 2)]
    with pytest.raises(ValueError, match="at most 12 operations"):
        classify(big)
    classify(big[:MAX_CLASSIFY_OPS])
    with pytest.raises(ValueError, match="one call at a time"):
        classify([Op.w("p1", 1, 0, 10), Op.r("p1", 1, 5, 15)])
    with pytest.raises(ValueError, match="only reads can be final"):
        classify([Op("p1", "write", 1, 0, 10, final=True)])
    with pytest.raises(ValueError, match="written twice"):
        classify([Op.w("p1", 1, 0, 10), Op.w("p2", 1, 0, 10)])


def brute_sequential(ops: Sequence[Op]) -> bool:
    """Sequential consistency from the definition, by permutations: program order and registers, final reads last."""
    taking_part = [
        i
        for i, op in enumerate(ops)
        if op.complete is not None
        or (
            op.kind == "write"
            and any(
                r.kind == "read" and r.complete is not None and r.value == op.value and r.key == op.key for r in ops
            )
        )
    ]
    for perm in itertools.permutations(taking_part):
        position = {i: n for n, i in enumerate(perm)}
        in_program_order = all(
            position[a] < position[b]
            for a in perm
            for b in perm
            if ops[a].process == ops[b].process and (ops[a].invoke, a) < (ops[b].invoke, b)
        )
        finals_last = all(
            position[w] < position[r]
            for r in perm
            if ops[r].final
            for w in perm
            if ops[w].kind == "write" and ops[w].key == ops[r].key
        )
        if in_program_order and finals_last and obeys_registers(ops, perm):
            return True
    return False


def test_hierarchy_and_agreement_on_random_small_histories() -> None:
    rng = random.Random(1995)
    strongest_seen = set()
    implications = [
        ("linearizable", "sequential"),
        ("sequential", "causal"),
        ("causal", "read-your-writes"),
        ("causal", "monotonic-reads"),
        ("read-your-writes", "eventual"),
        ("monotonic-reads", "eventual"),
    ]
    for case in range(500):
        ops = random_history(rng, rng.randint(1, 8), keys=rng.choice(["x", "x", "xy"]), processes=rng.choice([2, 3]))
        if case % 2:  # mark the last read of some processes final
            last: dict[str, int] = {}
            for i, op in enumerate(ops):
                if op.kind == "read" and op.complete is not None:
                    last[op.process] = i
            for i in last.values():
                if rng.random() < 0.7:
                    ops[i] = Op.r(ops[i].process, ops[i].value, ops[i].invoke, ops[i].complete, ops[i].key, True)
        result = classify(ops)
        for stronger, weaker in implications:
            assert not result.allows(stronger) or result.allows(weaker), (stronger, weaker, ops)
        if not any(op.final for op in ops):
            assert result.allows("linearizable") == check_linearizable(ops).ok, ops
        if len(ops) <= 6:
            assert result.allows("sequential") == brute_sequential(ops), ops
        strongest_seen.add(result.strongest)
    # Every outcome but causal-and-no-stronger occurs (that one needs a longer history, see CLASSIC).
    assert strongest_seen >= {*MODELS, None} - {"causal"}, strongest_seen
