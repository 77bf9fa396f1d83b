"""Histories of register operations, a fast linearizability checker, and a classifier for small histories.

A *history* is what clients saw: for each call, who made it, whether it wrote or read, the value, and when it
started and returned (virtual milliseconds). Nothing in it says what happened inside the system; a consistency
model is a rule about which histories are allowed.

Conventions used throughout:

- Every key is an independent read/write register. Written values are unique per key (the caller guarantees it;
  the functions raise `ValueError` otherwise), so a read's value names the write it saw. A read that returns `None`
  (or the initial value) saw the initial value; writing `None` or the initial value is an error.
- **Real time.** Operation A *precedes* B when A returned strictly before B was invoked (`A.complete < B.invoke`).
  Intervals that touch or overlap are concurrent. This is the convention of Porcupine, among others.
- **Calls that never returned** (`complete=None`): a read is ignored (nobody learnt its result); a write may take
  effect at any point after its invoke, or never. A pending write that no read returned is dropped, which allows
  at least as much as keeping it; one that some read returned must take effect, before the first such read returns.
- **Program order** is the order of a process's operations by invoke time (ties: their order in the list).

`check_linearizable` scales to long histories (thousands of operations from a few concurrent clients) and returns
one valid order as a witness. `classify` decides six models by brute force, for hand-written histories of up to
`MAX_CLASSIFY_OPS` operations; its definitions are in its docstring and on the "Consistency models" lesson.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

MAX_TIME = 1 << 62  # the completion time given to a pending write that must take effect


@dataclass(frozen=True)
class Op:
    """One call a client made on a register, as the client saw it.

    Attributes:
        process: the client or session that issued it; a process issues one call at a time.
        kind: `"write"` or `"read"`.
        value: the value written, or the value the read returned (`None` = the initial value). Must be hashable.
        invoke: virtual time (ms) the call started.
        complete: virtual time it returned; `None` = it never returned (outcome unknown).
        key: the register's name; each key is checked as an independent register.
        final: for `classify` only: a read made after the system went quiet (no more writes, replicas had time to
            converge); every final read of a key must return the same value for the history to be eventually
            consistent.
    """

    process: str
    kind: str
    value: object
    invoke: int
    complete: int | None
    key: str = "x"
    final: bool = False

    @classmethod
    def w(cls, process: str, value: object, invoke: int, complete: int | None, key: str = "x") -> Op:
        """A write: `Op.w("p1", 1, 0, 10)` is p1 writing 1 to x, called at 0 ms, returned at 10 ms."""
        return cls(process, "write", value, invoke, complete, key)

    @classmethod
    def r(
        cls, process: str, value: object, invoke: int, complete: int | None, key: str = "x", final: bool = False
    ) -> Op:
        """A read: `Op.r("p2", 1, 5, 15)` is p2 reading x between 5 and 15 ms and getting 1 (`None`: initial)."""
        return cls(process, "read", value, invoke, complete, key, final)

    def describe(self) -> str:
        """The operation in plain words, e.g. `p2's read of x at 5-15 ms (returned 1)`."""
        end = "no reply" if self.complete is None else f"{self.complete}"
        span = f"{self.invoke}-{end} ms" if self.complete is not None else f"{self.invoke} ms-no reply"
        if self.kind == "write":
            return f"{self.process}'s write of {self.value!r} to {self.key} at {span}"
        seen = "the initial value" if self.value is None else repr(self.value)
        return f"{self.process}'s read of {self.key} at {span} (returned {seen})"


@dataclass(frozen=True)
class Verdict:
    """The answer of `check_linearizable`.

    Attributes:
        ok: whether the history is linearizable.
        reason: `""` when ok; otherwise one line naming the offending operation(s) in plain words.
        order: when ok, indexes into the ops list of one valid linearization: every operation that took effect
            (completed ones and pending writes that some read returned), in an order that respects real time
            across all keys and register semantics on each key. `None` when not ok.
    """

    ok: bool
    reason: str
    order: tuple[int, ...] | None = None


def parse_history(text: str) -> list[Op]:
    """Build a history from compact text, one operation per line (blank lines and `#` comments are skipped).

    Each line is `process kind value invoke complete [key=K] [final]`, where kind is `w`/`write` or `r`/`read`,
    value `-` means `None` (the initial value, for a read), and complete `?` means the call never returned.
    Values that look like integers become `int`s. Example:

    ```
    p1 w 1 0 10
    p2 r - 2 4
    p2 r 1 12 15 final
    ```

    Args:
        text: the history.

    Returns:
        The operations, in the order written.

    Raises:
        ValueError: a line that does not follow the format, with its line number.
    """
    ops = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        flags = [p for p in parts[5:] if not p.startswith("key=")]
        keys = [p[4:] for p in parts[5:] if p.startswith("key=")]
        kinds = {"w": "write", "write": "write", "r": "read", "read": "read"}
        if len(parts) < 5 or parts[1] not in kinds or any(f != "final" for f in flags) or len(keys) > 1:
            raise ValueError(f"line {number}: expected 'process w|r value invoke complete [key=K] [final]': {raw!r}")
        try:
            invoke = int(parts[3])
            complete = None if parts[4] == "?" else int(parts[4])
        except ValueError:
            raise ValueError(
                f"line {number}: invoke and complete must be integers (complete may be ?): {raw!r}"
            ) from None
        value: object = None if parts[2] == "-" else _atom(parts[2])
        ops.append(Op(parts[0], kinds[parts[1]], value, invoke, complete, keys[0] if keys else "x", bool(flags)))
    return ops


def _atom(text: str) -> object:
    """An integer if the text is one, else the text."""
    try:
        return int(text)
    except ValueError:
        return text


def _validate(ops: Sequence[Op], initial: object) -> None:
    """Raise `ValueError` for a malformed history: bad kind or times, written `None`/initial, or duplicate writes."""
    written: set[tuple[str, object]] = set()
    for op in ops:
        if op.kind not in ("write", "read"):
            raise ValueError(f"unknown kind {op.kind!r} in {op!r}: expected 'write' or 'read'")
        if op.complete is not None and op.complete < op.invoke:
            raise ValueError(f"{op.describe()} returns before it is invoked")
        if op.kind == "write":
            if op.value is None or op.value == initial:
                raise ValueError(f"{op.describe()} writes the initial value; written values must differ from it")
            if (op.key, op.value) in written:
                raise ValueError(f"the value {op.value!r} is written twice to {op.key}; written values must be unique")
            written.add((op.key, op.value))


def _keys(ops: Sequence[Op]) -> list[str]:
    """The distinct keys, in order of first appearance."""
    return list(dict.fromkeys(op.key for op in ops))


# Linearizability ---------------------------------------------------------------------------------------------


def _prepare(ops: Sequence[Op], key: str, initial: object) -> tuple[list[int], dict[int, int]]:
    """The operations of one key that take part, and each one's effective completion time.

    Drops reads that never returned and pending writes that no completed read returned. A pending write that was
    read must be linearized before every read of its value, so its completion is the earliest such read's return.
    """
    first_read: dict[object, int] = {}
    for op in ops:
        if op.key == key and op.kind == "read" and op.complete is not None:
            seen = _seen(op, initial)
            first_read[seen] = min(first_read.get(seen, MAX_TIME), op.complete)
    chosen: list[int] = []
    end: dict[int, int] = {}
    for i, op in enumerate(ops):
        if op.key != key:
            continue
        if op.complete is not None:
            chosen.append(i)
            end[i] = op.complete
        elif op.kind == "write" and op.value in first_read:
            chosen.append(i)
            end[i] = first_read[op.value]
    return chosen, end


def _search(ops: Sequence[Op], chosen: list[int], end: dict[int, int], initial: object) -> tuple[list[int] | None, int]:
    """Wing & Gong's search with Lowe's memoization (as in Porcupine) over one key's operations.

    Events (calls and returns) are kept in a doubly linked list sorted by time, calls before returns at equal
    times. The search walks the list: at a call it tries to linearize that operation now (a write always can; a
    read only if it returns the current value); a new (linearized set, value) pair is pushed and the operation's
    call and return are unlinked; a pair seen before is skipped, since its future was already explored. Reaching a
    return means that operation had to be linearized already: backtrack.

    Returns:
        (the ops indexes in linearization order, or None; the op index whose return blocked the deepest attempt).
    """
    n = len(chosen)
    # Values as small integers: 0 = initial.
    ids: dict[object, int] = {initial: 0}
    for i in chosen:
        if ops[i].kind == "write":
            ids[ops[i].value] = len(ids)
    is_write = [ops[i].kind == "write" for i in chosen]
    value = [ids.get(_seen(ops[i], initial), -1) for i in chosen]
    # Events: entry e in 1..2n; entry 0 is the head sentinel. Call of op k is entry with kind 0.
    events = sorted(
        [(ops[chosen[k]].invoke, 0, k) for k in range(n)] + [(end[chosen[k]], 1, k) for k in range(n)],
    )
    size = 2 * n + 1
    nxt = [0] * size
    prv = [0] * size
    ev_op = [0] * size
    ev_call = [False] * size
    match = [0] * size  # call entry -> its return entry
    call_of = [0] * n
    ret_of = [0] * n
    for pos, (_, kind, k) in enumerate(events, 1):
        ev_op[pos] = k
        ev_call[pos] = kind == 0
        if kind == 0:
            call_of[k] = pos
        else:
            ret_of[k] = pos
    for k in range(n):
        match[call_of[k]] = ret_of[k]
    for pos in range(size):
        nxt[pos] = pos + 1 if pos + 1 < size else -1
        prv[pos] = pos - 1
    bit = [1 << k for k in range(n)]
    cache: set[tuple[int, int]] = set()
    stack: list[tuple[int, int, int]] = []  # (call entry, value before, linearized set before)
    linearized = 0
    state = 0
    entry = nxt[0]
    best_depth, blocker = -1, chosen[0] if chosen else -1
    while nxt[0] != -1:
        if entry == -1:  # cannot happen: the list always ends with a return
            break
        k = ev_op[entry]
        if ev_call[entry]:
            if is_write[k] or value[k] == state:
                new_state = value[k] if is_write[k] else state
                new_lin = linearized | bit[k]
                if (new_lin, new_state) not in cache:
                    cache.add((new_lin, new_state))
                    stack.append((entry, state, linearized))
                    state, linearized = new_state, new_lin
                    # Lift the call and its return out of the list.
                    ret = match[entry]
                    nxt[prv[entry]] = nxt[entry]
                    if nxt[entry] != -1:
                        prv[nxt[entry]] = prv[entry]
                    nxt[prv[ret]] = nxt[ret]
                    if nxt[ret] != -1:
                        prv[nxt[ret]] = prv[ret]
                    entry = nxt[0]
                    continue
            entry = nxt[entry]
        else:
            if len(stack) > best_depth:
                best_depth, blocker = len(stack), chosen[k]
            if not stack:
                return None, blocker
            entry, state, linearized = stack.pop()
            # Put the return back, then the call (reverse order of lifting).
            ret = match[entry]
            nxt[prv[ret]] = ret
            if nxt[ret] != -1:
                prv[nxt[ret]] = ret
            nxt[prv[entry]] = entry
            if nxt[entry] != -1:
                prv[nxt[entry]] = entry
            entry = nxt[entry]
    return [chosen[ev_op[e]] for e, _, _ in stack], blocker


def _anomaly(ops: Sequence[Op], key: str, chosen: list[int], end: dict[int, int], initial: object) -> str:
    """One line naming a classic anomaly in one key's history, or `""` if there is none.

    Each anomaly proves on its own that the history is not linearizable: a value never written, a read that
    returned before its write started, a stale read (a newer write finished between the read's write and the
    read), and a new-then-old pair of reads. Found in O(n log n), before the (costlier) search.
    """
    writes = {ops[i].value: i for i in chosen if ops[i].kind == "write"}
    reads = [i for i in chosen if ops[i].kind == "read"]
    seen = {r: _seen(ops[r], initial) for r in reads}
    never = -(1 << 62)
    for r in reads:
        if seen[r] != initial and seen[r] not in writes:
            return f"{ops[r].describe()}, a value never written to {key}"
    for r in reads:
        if seen[r] != initial and ops[writes[seen[r]]].invoke > end[r]:
            return f"{ops[r].describe()} before {ops[writes[seen[r]]].describe()} had started"
    # Stale read: some write w2 started after the read's write finished, and finished before the read started.
    by_invoke = sorted((ops[w].invoke, w) for w in writes.values())
    suffix_min: list[tuple[int, int]] = [(MAX_TIME, -1)] * (len(by_invoke) + 1)  # (earliest end, write) from j on
    for j in range(len(by_invoke) - 1, -1, -1):
        w = by_invoke[j][1]
        suffix_min[j] = min(suffix_min[j + 1], (end[w], w))
    for r in reads:
        w_end = never if seen[r] == initial else end[writes[seen[r]]]
        w2_end, w2 = suffix_min[bisect.bisect_right(by_invoke, (w_end, MAX_TIME))]
        if w2_end < ops[r].invoke:
            return f"{ops[r].describe()} is stale: {ops[w2].describe()} had already replaced that value"
    # New-then-old: read a returned before read b started, and a's write started after b's write finished.
    by_end = sorted((end[a], a) for a in reads if seen[a] != initial)
    prefix_max: list[tuple[int, int]] = [(never, -1)]  # (latest invoke of a read's write, read) up to j
    for _, a in by_end:
        prefix_max.append(max(prefix_max[-1], (ops[writes[seen[a]]].invoke, a)))
    for b in reads:
        w_invoke, a = prefix_max[bisect.bisect_left(by_end, (ops[b].invoke, -1))]
        if a >= 0 and (seen[b] == initial or end[writes[seen[b]]] < w_invoke):
            return f"{ops[b].describe()} went back in time: {ops[a].describe()} had already returned a newer value"
    return ""


def _seen(op: Op, initial: object) -> object:
    """The value a read returned, with `None` meaning the initial value."""
    return initial if op.value is None else op.value


def check_linearizable(ops: Sequence[Op], initial: object = None) -> Verdict:
    """Check that a history of register operations is linearizable, and find a witness order if it is.

    Linearizable: there is a total order of the operations that took effect which (1) respects real time (if A
    returned before B was invoked, A comes first), and (2) obeys register semantics on each key (every read
    returns the latest write before it in the order, or the initial value if there is none). Linearizability is
    compositional, so each key is checked on its own; the witness for all keys is built by giving each operation a
    point in its interval consistent with its key's order, and sorting by those points.

    The search is Wing & Gong's, with the memoization of (set of linearized operations, register value) from
    Lowe's "Testing for linearizability" (2017) as in the Porcupine checker; operations are visited in invoke
    order. Its cost grows with the number of operations times the number of concurrent ones, so histories of
    thousands of operations from a few clients take milliseconds.

    Args:
        ops: the history, in any order. Reads that never returned are ignored; see the module docstring for
            pending writes.
        initial: each register's value before any write.

    Returns:
        A `Verdict`: ok with one valid order, or not ok with a one-line reason naming the offending operation(s).

    Raises:
        ValueError: a malformed history (unknown kind, return before invoke, a value written twice to a key, or
            a write of `None`/the initial value).
    """
    _validate(ops, initial)
    per_key: list[tuple[list[int], dict[int, int]]] = []
    for key in _keys(ops):
        chosen, end = _prepare(ops, key, initial)
        anomaly = _anomaly(ops, key, chosen, end, initial)
        if anomaly:
            return Verdict(False, anomaly)
        order, blocker = _search(ops, chosen, end, initial)
        if order is None:
            reason = f"no valid order of {key}'s operations exists; the search cannot place {ops[blocker].describe()}"
            return Verdict(False, reason)
        per_key.append((order, end))
    # Merge the per-key orders: give each op the latest invoke so far in its key's order as its point.
    points: list[tuple[int, int, int, int]] = []
    for key_index, (order, end) in enumerate(per_key):
        point = -(1 << 62)
        for position, i in enumerate(order):
            point = max(point, ops[i].invoke)
            points.append((point, key_index, position, i))
            assert point <= end[i], "a linearization that does not respect real time"
    points.sort()
    return Verdict(True, "", tuple(p[3] for p in points))


# Classification ------------------------------------------------------------------------------------------------

MODELS = ("linearizable", "sequential", "causal", "read-your-writes", "monotonic-reads", "eventual")
"""The models `classify` decides, strongest first (read-your-writes and monotonic-reads are incomparable)."""

MAX_CLASSIFY_OPS = 12
"""The largest history `classify` accepts: it searches orders exhaustively."""


@dataclass(frozen=True)
class Classification:
    """The answer of `classify`: which models allow the history, why the others forbid it, and the strongest.

    Attributes:
        allowed: `(model, allowed)` for every model of `MODELS`, in that order.
        reasons: `(model, reason)` for every model that forbids the history: one line in plain words.
        strongest: the first model of `MODELS` that allows the history, or `None` if even eventual consistency
            forbids it. Read-your-writes comes before monotonic-reads in that list although neither implies the
            other: when both hold and causal does not, `strongest` is `"read-your-writes"` and `allows` tells the rest.
    """

    allowed: tuple[tuple[str, bool], ...]
    reasons: tuple[tuple[str, str], ...]
    strongest: str | None

    def allows(self, model: str) -> bool:
        """Whether `model` (one of `MODELS`) allows the history."""
        for name, ok in self.allowed:
            if name == model:
                return ok
        raise ValueError(f"unknown model {model!r}: expected one of {', '.join(MODELS)}")

    def __str__(self) -> str:
        """A small table, one model a line with yes/no and the reason, then the strongest model."""
        reasons = dict(self.reasons)
        lines = [f"{name:<17} {'yes' if ok else 'no ':<4}{reasons.get(name, '')}".rstrip() for name, ok in self.allowed]
        lines.append(f"strongest: {self.strongest or 'none (not even eventual)'}")
        return "\n".join(lines)


class _History:
    """A small history prepared for `classify`: the operations that take part and the relations between them.

    Every relation is a list of bitmasks over the local indexes 0..m-1: `rel[j]` is the set of operations that must
    come before operation j.
    """

    def __init__(self, ops: Sequence[Op], initial: object) -> None:
        """Select the operations that take part and compute program, writes-into, causal and real-time orders."""
        self.initial = initial
        read_values = {(op.key, _seen(op, initial)) for op in ops if op.kind == "read" and op.complete is not None}
        self.ops = [
            op for op in ops if op.complete is not None or (op.kind == "write" and (op.key, op.value) in read_values)
        ]
        ops_ = self.ops
        m = len(ops_)
        self.m = m
        self.keys = _keys(ops_)
        self.processes = list(dict.fromkeys(op.process for op in ops_))
        self.writes = [j for j in range(m) if ops_[j].kind == "write"]
        self.mine = {p: sum(1 << j for j in range(m) if ops_[j].process == p) for p in self.processes}
        self.write_mask = sum(1 << j for j in self.writes)
        writer = {(ops_[j].key, ops_[j].value): j for j in self.writes}
        program = sorted(range(m), key=lambda j: (ops_[j].invoke, j))
        self.po = [0] * m
        seen_so_far: dict[str, int] = {}
        for j in program:
            p = ops_[j].process
            self.po[j] = seen_so_far.get(p, 0)
            seen_so_far[p] = self.po[j] | (1 << j)
        self.wi = [0] * m
        for j in range(m):
            source = writer.get((ops_[j].key, _seen(ops_[j], initial)))
            if ops_[j].kind == "read" and source is not None:
                self.wi[j] = 1 << source
        # Causal order: the transitive closure of program order and writes-into.
        co = [self.po[j] | self.wi[j] for j in range(m)]
        for k in range(m):
            for j in range(m):
                if co[j] >> k & 1:
                    co[j] |= co[k]
        self.co = co
        self.rt = [
            sum(1 << i for i in range(m) if ops_[i].complete is not None and ops_[i].complete < ops_[j].invoke)
            for j in range(m)
        ]
        self.fin = [
            sum(1 << i for i in self.writes if ops_[i].key == ops_[j].key) if ops_[j].final else 0 for j in range(m)
        ]

    def order_exists(self, subset: int, before: list[int]) -> bool:
        """Whether some order of the operations in `subset` puts every `before[j]` ahead of j and obeys registers."""
        ops_ = self.ops
        key_index = {key: n for n, key in enumerate(self.keys)}
        value = [_seen(op, self.initial) for op in ops_]
        members = [j for j in range(self.m) if subset >> j & 1]
        need = {j: before[j] & subset for j in members}
        seen: set[tuple[int, tuple[object, ...]]] = set()

        def extend(placed: int, current: tuple[object, ...]) -> bool:
            if placed == subset:
                return True
            if (placed, current) in seen:
                return False
            seen.add((placed, current))
            for j in members:
                if placed >> j & 1 or need[j] & ~placed:
                    continue
                k = key_index[ops_[j].key]
                if ops_[j].kind == "write":
                    if extend(placed | 1 << j, (*current[:k], value[j], *current[k + 1 :])):
                        return True
                elif current[k] == value[j] and extend(placed | 1 << j, current):
                    return True
            return False

        return extend(0, tuple(self.initial for _ in self.keys))

    def view_fails(self, extra: list[int]) -> str | None:
        """The first process that cannot explain its reads with a view respecting `extra` and final reads, if any.

        A process's view is an order of every write plus its own operations.
        """
        before = [self.fin[j] | extra[j] for j in range(self.m)]
        for p in self.processes:
            if not self.order_exists(self.write_mask | self.mine[p], before):
                return p
        return None

    def convergence(self) -> str:
        """Why the reads do not meet eventual consistency's two conditions, or `""` if they do."""
        values = {(self.ops[j].key, self.ops[j].value) for j in self.writes}
        has_write = {self.ops[j].key for j in self.writes}
        final: dict[str, Op] = {}
        for op in self.ops:
            if op.kind != "read":
                continue
            seen = _seen(op, self.initial)
            if seen != self.initial and (op.key, seen) not in values:
                return f"{op.describe()}, a value never written to {op.key}"
            if op.final:
                if seen == self.initial and op.key in has_write:
                    return f"final {op.describe()} after writes took effect"
                first = final.setdefault(op.key, op)
                if _seen(first, self.initial) != seen:
                    return f"final reads disagree: {first.describe()}, but {op.describe()}"
        return ""


def classify(ops: Sequence[Op], initial: object = None) -> Classification:
    """Decide which of six consistency models allow a small history of register operations.

    Operations take part as in `check_linearizable` (reads that never returned are ignored; a pending write takes
    effect if some read returned its value, and is dropped otherwise). *Program order* orders each process's
    operations by invoke time; *writes-into* links a write to every read that returned its value; the *causal order*
    is the transitive closure of both. An order of operations is *legal* when every read returns the latest write
    to its key before it (or the initial value if there is none). A read marked `final` was made after quiescence:
    in every model it comes after every write of its key that took effect.

    A *view* of process p is a legal order of every write plus p's own operations (p's explanation of what it saw).
    The models, from strongest to weakest:

    - **linearizable**: one legal order of all operations respecting real time (A returned before B was invoked,
      so A comes first) and program order.
    - **sequential**: one legal order of all operations respecting program order (real time is ignored).
    - **causal** (causal memory, Ahamad et al. 1995): every process has a view respecting the causal order;
      different processes may order concurrent writes differently.
    - **read-your-writes** (a session guarantee, Terry et al. 1994): every process has a view in which its own
      writes come before its later reads.
    - **monotonic-reads** (session guarantee): every process has a view in which its reads are in program order, so
      a later read never sees less than an earlier one saw.
    - **eventual**: every read returns a value that was written to its key (or the initial value), and all final
      reads of a key return the same value (not the initial one if a write took effect).

    The four view-based models also require eventual consistency's agreement of final reads: the session
    guarantees are layered on an eventually consistent store, and causal here is causal memory whose replicas
    converge. Each process's view may order writes its own way; requiring one arbitration order for all
    processes would make the classic causal history (two readers seeing two concurrent writes in opposite orders)
    violate monotonic reads, and causal would no longer imply the session guarantees. With these definitions
    linearizable => sequential => causal => (read-your-writes and monotonic-reads) => eventual.

    Args:
        ops: the history, at most `MAX_CLASSIFY_OPS` operations, in any order.
        initial: each register's value before any write.

    Returns:
        A `Classification`; `print` it for a table.

    Raises:
        ValueError: a malformed history (as in `check_linearizable`), a write marked final, a process with two
            calls in flight, or more than `MAX_CLASSIFY_OPS` operations.
    """
    if len(ops) > MAX_CLASSIFY_OPS:
        raise ValueError(
            f"classify searches orders exhaustively and accepts at most {MAX_CLASSIFY_OPS} operations, "
            f"not {len(ops)}; use check_linearizable for long histories"
        )
    _validate(ops, initial)
    last_return: dict[str, Op] = {}
    for op in sorted(ops, key=lambda o: o.invoke):
        if op.final and op.kind != "read":
            raise ValueError(f"{op.describe()} is marked final; only reads can be final")
        prev = last_return.get(op.process)
        if prev is not None and prev.complete is not None and op.invoke < prev.complete:
            raise ValueError(
                f"{op.describe()} starts before {prev.describe()} returned; a process makes one call at a time"
            )
        last_return[op.process] = op
    h = _History(ops, initial)
    everything = (1 << h.m) - 1
    reasons: dict[str, str] = {}
    before = [h.po[j] | h.rt[j] | h.fin[j] for j in range(h.m)]
    if not h.order_exists(everything, before):
        verdict = check_linearizable(ops, initial)
        reasons["linearizable"] = verdict.reason or "no order respects real time with final reads after every write"
    if not h.order_exists(everything, [h.po[j] | h.fin[j] for j in range(h.m)]):
        if h.order_exists(everything, h.po):
            reasons["sequential"] = "no single order puts every final read after every write"
        else:
            reasons["sequential"] = "no single order of all operations respects every process's program order"
    converged = h.convergence()
    views = {
        "causal": (h.co, "cannot explain its reads with an order of the writes that respects causality"),
        "read-your-writes": (
            [h.po[j] & h.write_mask if h.ops[j].kind == "read" else 0 for j in range(h.m)],
            "does not see its own earlier write",
        ),
        "monotonic-reads": (
            [h.po[j] & ~h.write_mask if h.ops[j].kind == "read" else 0 for j in range(h.m)],
            "saw an older state after a newer one (its reads go back in time)",
        ),
    }
    for model, (extra, words) in views.items():
        failing = h.view_fails(extra)
        if converged:
            reasons[model] = converged
        elif failing is not None:
            reasons[model] = f"{failing} {words}"
    if converged:
        reasons["eventual"] = converged
    allowed = tuple((model, model not in reasons) for model in MODELS)
    strongest = next((model for model, ok in allowed if ok), None)
    return Classification(allowed, tuple((m, reasons[m]) for m in MODELS if m in reasons), strongest)
