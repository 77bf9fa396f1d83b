"""Raft's safety properties, checked while a run goes.

The Raft model reports to a `RaftSafetyChecker` at the moments that matter, and the checker remembers the first
violation it sees:

- **election safety**: at most one leader is elected in a term. Checked whenever a node becomes leader.
- **log matching**: if two logs have an entry with the same index and term, the logs are identical up to that
  index. Checked over every pair of logs whenever a leader is elected and at the end of the run.
- **leader completeness**: an entry committed in term T is in the log of every leader of a term after T. The
  checker keeps every entry a leader declared committed, with the leader's term, and each leader's log as it was
  when elected; it checks a new leader against the commits known so far, and a new commit against the leaders of
  later terms elected before it was declared (a deposed leader may learn of its commit late).
- **state machine safety**: no two nodes apply different commands at the same log index. Checked on every apply
  (a restarted node applies its log again from the start, which is fine as long as the commands are the same).

A log is a list of `(term, command)` pairs; index 1 is the first entry, as in the Raft paper.
"""

from __future__ import annotations

from collections.abc import Callable

Entry = tuple[int, str]

PROPERTIES = ("election-safety", "log-matching", "leader-completeness", "state-machine-safety")


class RaftSafetyChecker:
    """Collects what leaders, commits and applies a run produced, and reports violated properties to `fail`.

    `fail(prop, detail)` is the model's `Model.fail`, which keeps the first violation with its virtual time.
    """

    def __init__(self, fail: Callable[[str, str], None]) -> None:
        """Start with no leaders, commits or applies."""
        self.leaders: dict[int, list[str]] = {}
        self.elected: dict[int, list[tuple[str, tuple[Entry, ...]]]] = {}  # term -> (leader, its log when elected)
        self.max_elected_term = 0
        self.committed: dict[int, tuple[Entry, int]] = {}
        self.applied: dict[int, tuple[str, str]] = {}
        self.failed = False
        self._report = fail

    def _fail(self, prop: str, time: int, detail: str) -> None:
        self.failed = True
        self._report(prop, detail)

    def on_leader(self, time: int, term: int, node: str, log: list[Entry], logs: dict[str, list[Entry]]) -> None:
        """`node` became leader of `term` with `log`; `logs` holds every node's log at that moment."""
        others = self.leaders.setdefault(term, [])
        if others:
            self._fail("election-safety", time, f"term {term} has leaders {', '.join([*others, node])}")
        others.append(node)
        self.elected.setdefault(term, []).append((node, tuple(log)))
        self.max_elected_term = max(self.max_elected_term, term)
        for index in sorted(self.committed):
            entry, commit_term = self.committed[index]
            if commit_term < term and (index > len(log) or log[index - 1] != entry):
                self._fail(
                    "leader-completeness",
                    time,
                    f"{node} leads term {term} without entry {index} {entry} committed in term {commit_term}",
                )
        self.check_logs(time, logs)

    def on_commit(self, time: int, term: int, index: int, entry: Entry) -> None:
        """A leader of `term` declared `entry` at `index` committed."""
        known = self.committed.get(index)
        if known is None:
            self.committed[index] = (entry, term)
            for later in range(term + 1, self.max_elected_term + 1):
                for leader, log in self.elected.get(later, ()):
                    if index > len(log) or log[index - 1] != entry:
                        self._fail(
                            "leader-completeness",
                            time,
                            f"{leader} led term {later} without entry {index} {entry}, committed later in term {term}",
                        )
        elif known[0] != entry:
            self._fail("state-machine-safety", time, f"index {index} committed as {known[0]} and as {entry}")

    def on_apply(self, time: int, node: str, index: int, command: str) -> None:
        """`node` applied `command` at `index` to its state machine."""
        known = self.applied.get(index)
        if known is None:
            self.applied[index] = (node, command)
        elif known[1] != command:
            self._fail(
                "state-machine-safety",
                time,
                f"index {index}: {known[0]} applied {known[1]!r} but {node} applied {command!r}",
            )

    def check_logs(self, time: int, logs: dict[str, list[Entry]]) -> None:
        """Check log matching over every pair of logs."""
        names = sorted(logs)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                la, lb = logs[a], logs[b]
                n = min(len(la), len(lb))
                # The last index where both logs hold an entry of the same term: everything before must agree.
                k = n
                while k > 0 and la[k - 1][0] != lb[k - 1][0]:
                    k -= 1
                if la[:k] != lb[:k]:
                    first = next(j for j in range(k) if la[j] != lb[j]) + 1
                    self._fail(
                        "log-matching",
                        time,
                        f"{a} and {b} agree on entry {k} but differ at index {first}",
                    )
                    return

    @property
    def ok(self) -> bool:
        """True while no property has been violated."""
        return not self.failed
