"""A replicated register in three modes: strict quorums, sloppy quorums with hinted handoff, and a single primary.

The register holds one key, `x`. Clients (`c1`-`c3` for the automatic workload, `you` for the reader's buttons) are
not network nodes: a client hands each call to a coordinator node it picks (the hop is local), waits at most
`OP_TIMEOUT_MS` for the answer, and has at most one call outstanding. Every call is recorded as the client saw it
(invoke and return times, the value written or read) in `QuorumRegister.history`; written values are unique (`w1`,
`w2`, ...). A version is a pair (counter, writer) compared as a tuple: the writer is the client, and each client
remembers the highest counter it used and goes above it, so no two writes share a version.

Modes (the `mode` option):

- **quorum** (strict quorums, ABD). Every node is a replica of `x`. A write first asks all replicas for their
  version and waits for R answers, picks a counter above the highest it saw, then stores the new version on the
  replicas and waits for W acknowledgements. A read asks all replicas, waits for R answers and takes the highest
  version; before returning, it writes that version back until W replicas hold it (replicas that already reported
  it count). With R + W > N every read quorum meets every write quorum, and the write-back makes sure a later read
  cannot see an older value than an earlier read did: the history is linearizable. A call that does not collect
  its quorum within the timeout fails (a failed write's outcome is unknown: it may still take effect). Checked
  property: `linearizability` of the client history (`syslab.sim.history.check_linearizable`).
- **sloppy** (Dynamo-style). `x` has home replicas `n1`-`n3` (the first `SLOPPY_HOMES` nodes, Dynamo's replication
  factor 3); the other nodes are fallbacks. A coordinator stamps a write with its clock in milliseconds (the clocks
  here agree perfectly; the clocks lesson shows what skew does to last-writer-wins) and sends it to the homes; if
  fewer than W have acknowledged after `FALLBACK_AFTER_MS`, it sends a copy to a fallback for each silent home, with
  a hint naming that home. A fallback keeps hinted copies apart and keeps offering each one to its home (hinted
  handoff) until the home acknowledges it. Reads ask the homes (and the fallbacks, if the homes are slow), return
  the highest version among the first R answers (last writer wins) and repair the homes that answered with an
  older one. Every home also exchanges its version with another home every 100 ms or so (anti-entropy). Checked
  property: `convergence`: `finish` stops the faults, heals the network, restarts every node, lets the cluster run
  quietly for `QUIET_MS`, and then requires every home to hold the same version and no hint to be left undelivered.
  Sloppy mode is not linearizable and does not claim to be: the lesson counts how often its histories fail the
  check.
- **primary**. `n1` is a fixed primary (there is no failover). Any other coordinator forwards the call to it. The
  primary serialises writes (each gets the next counter), stores them, replicates them to the others and answers
  once a majority (itself included) holds the write; it answers a read from its own copy once a majority has
  confirmed it is still reachable, the rule a real leader follows so that a deposed one stops answering (the
  confirmation carries the primary's copy, which also brings followers that missed a write up to date). A client
  whose coordinator cannot reach the primary, or whose primary cannot reach a majority, gets no answer in time:
  unavailable. Checked property: `linearizability`.

Options: `mode`, `r` and `w`. R and W default to a majority of the key's replicas (3 of 5 nodes in quorum mode,
2 of the 3 homes in sloppy mode); explicit values must lie between 1 and the number of replicas. Primary mode
ignores them (it always uses a majority).

Durable state (kept across a crash): a replica's version and value, its hints, and the primary's set of calls
already executed (a duplicated or late `forward` message must not run a write twice). Volatile: the calls a
coordinator or the primary is working on (their clients see them fail at once) and the timers (epoch-guarded).

Counts (`stats`): calls that returned (`ops_ok`) and failed (`ops_failed`), and `reads_stale`: reads that returned a
value whose write had finished before another write started, which in turn had finished before the read began (a
newer value was complete before the read started, so no linearizable store could return the old one).

Broken variants, for showing that the checker can fail (both force mode quorum):

- `r-plus-w-le-n`: R = W = 1 whatever the options: a read asks only its coordinator and misses recent writes.
- `no-write-back`: reads return without writing the value back, so a write that reached only some replicas can be
  seen by one read and missed by a later one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from syslab.sim.history import Op, check_linearizable
from syslab.sim.model import Broken, ClientAction, Model
from syslab.sim.network import Message, NetworkConfig

MODES = ("quorum", "sloppy", "primary")
VARIANTS = ("correct", "r-plus-w-le-n", "no-write-back")
PROPERTIES = ("linearizability", "convergence")
KEY = "x"
CLIENTS = ("c1", "c2", "c3")
READER = "you"
CLIENT_GAP_MS = (20, 120)
"""A workload client waits this long (uniform) after a call returns before it makes the next one."""
OP_TIMEOUT_MS = 300
"""A client gives up on a call after this long; the call counts as failed (unavailable)."""
FALLBACK_AFTER_MS = 50
"""Sloppy mode: how long a coordinator waits for the homes before it turns to the fallbacks."""
TICK_MS = (80, 120)
"""Sloppy mode: the period of each node's background work (hinted handoff, anti-entropy)."""
QUIET_MS = 10_000
"""Sloppy mode: the fault-free quiet period `finish` runs before checking convergence (longer than any delay)."""
SLOPPY_HOMES = 3
"""Sloppy mode: how many nodes are home replicas of the key (the rest are fallbacks)."""
NOTES = 4

Version = tuple[int, str]
ZERO: Version = (0, "")


def _version(raw: Any) -> Version:
    """A version from a message (JSON turns tuples into lists)."""
    return (int(raw[0]), str(raw[1]))


def show_version(version: Version) -> str:
    """A version as short text: `3.c1` (counter 3, written by c1), `-` for none."""
    return "-" if version == ZERO else f"{version[0]}.{version[1]}"


@dataclass
class Call:
    """One client call, as the client saw it.

    Attributes:
        op: the call's id (unique in the run; messages about it carry it).
        process: the client (`c1`, `you`, ...).
        kind: `"write"` or `"read"`.
        node: the coordinator the client chose.
        invoke: virtual time the call started.
        value: the value written, or the value a read returned (None: the initial value or no answer).
        version: the version written or read.
        complete: virtual time it returned successfully; None while pending or when it failed.
        failed: the client gave up (timeout, or the coordinator was down or crashed).
        reason: why it failed, in a few words.
        stale: a read that returned a value older than a write which had finished before the read began.
        newest_start: for reads, the latest invoke time of a write that had finished before the read began.
    """

    op: int
    process: str
    kind: str
    node: str
    invoke: int
    value: str | None = None
    version: Version = ZERO
    complete: int | None = None
    failed: bool = False
    reason: str = ""
    stale: bool = False
    newest_start: int | None = None

    @property
    def done(self) -> bool:
        """Whether the call has returned or failed."""
        return self.complete is not None or self.failed

    def to_op(self) -> Op:
        """The call as a history operation for the linearizability checker (a failed call never returned)."""
        return Op(self.process, self.kind, self.value, self.invoke, self.complete, KEY)


@dataclass
class Work:
    """A call a node is working on: as coordinator (quorum, sloppy, forwarding) or as the primary.

    `phase` is `query` (collecting versions), `store` (collecting store acknowledgements), `forward` (waiting for
    the primary), `replicate` or `confirm` (the primary waiting for a majority).
    """

    op: int
    kind: str
    phase: str
    writer: str = ""
    floor: int = 0
    value: str | None = None
    version: Version = ZERO
    origin: str = ""
    replies: dict[str, Version] = field(default_factory=dict)
    values: dict[str, str | None] = field(default_factory=dict)
    acks: dict[str, bool] = field(default_factory=dict)
    started: int = 0


class Replica:
    """One node: a copy of the register, hints held for other nodes, and the calls it coordinates."""

    def __init__(self, name: str, cluster: QuorumRegister) -> None:
        """Create a node holding nothing (version 0, the initial value)."""
        self.name = name
        self.cluster = cluster
        self.sim = cluster.sim
        # Durable state.
        self.version: Version = ZERO
        self.value: str | None = None
        self.hints: dict[str, tuple[Version, str | None]] = {}  # home -> the newest copy held for it
        self.executed: set[int] = set()  # primary: calls already run (only membership is ever tested)
        # Volatile state.
        self.up = True
        self.epoch = 0
        self.work: dict[int, Work] = {}  # as coordinator
        self.serving: dict[int, Work] = {}  # as the primary
        self.peer_turn = 0

    # Helpers ---------------------------------------------------------------------------------------------------

    @property
    def role(self) -> str:
        """`primary`, `fallback` (holding hints) or `replica`."""
        if self.cluster.mode == "primary" and self.name == self.cluster.primary:
            return "primary"
        return "fallback" if self.hints else "replica"

    def _record(self, change: str, label: str, **fields: Any) -> None:
        self.cluster.trace.record(self.sim.now, "state", self.name, change=change, label=label, **fields)

    def _send(self, dst: str, msg: Message) -> None:
        self.cluster.network.send(self.name, dst, msg)

    def store(self, version: Version, value: str | None) -> bool:
        """Keep (`version`, `value`) if it is newer than the copy held; return whether it was."""
        if version <= self.version:
            return False
        self.version, self.value = version, value
        self._record("store", f"store {value}", version=list(version), value=value)
        return True

    def _hold_hint(self, home: str, version: Version, value: str | None) -> None:
        held = self.hints.get(home)
        if held is not None and held[0] >= version:
            return
        was_empty = not self.hints
        self.hints[home] = (version, value)
        self._record("hint", f"hint {value} for {home}", home=home, version=list(version), value=value)
        if was_empty:
            self._record("role", "fallback", role="fallback")
        self.cluster.hints_stored += 1

    def _best_local(self) -> tuple[Version, str | None]:
        """This node's newest copy: its own, or (sloppy fallbacks) the newest hint it holds."""
        best: tuple[Version, str | None] = (self.version, self.value)
        for held in self.hints.values():
            if held[0] > best[0]:
                best = held
        return best

    # Timers ----------------------------------------------------------------------------------------------------

    def start_timers(self) -> None:
        """Start the background tick (sloppy mode only) for the current epoch."""
        if self.cluster.mode == "sloppy":
            epoch = self.epoch
            self.sim.schedule(self.sim.rng.randint(*TICK_MS), lambda: self._tick(epoch))

    def _tick(self, epoch: int) -> None:
        if epoch != self.epoch or not self.up:
            return
        for home, (version, value) in list(self.hints.items()):
            self._send(home, {"type": "handoff", "home": home, "version": list(version), "value": value})
        homes = self.cluster.homes
        if self.name in homes and len(homes) > 1:
            peers = [h for h in homes if h != self.name]
            peer = peers[self.peer_turn % len(peers)]
            self.peer_turn += 1
            self._send(peer, {"type": "gossip", "version": list(self.version), "value": self.value})
        self.sim.schedule(self.sim.rng.randint(*TICK_MS), lambda: self._tick(epoch))

    def _after(self, delay: int, op: int, action: Any) -> None:
        """Run `action` after `delay` ms if this node has not crashed meanwhile and still works on call `op`."""
        epoch = self.epoch

        def fire() -> None:
            if epoch == self.epoch and self.up and op in self.work:
                action(self.work[op])

        self.sim.schedule(delay, fire)

    # Coordinating a call ---------------------------------------------------------------------------------------

    def begin(self, call: Call, floor: int) -> None:
        """Start coordinating `call` (a write carries `call.value`); `floor` is the client's highest counter."""
        mode = self.cluster.mode
        work = Work(call.op, call.kind, "query", writer=call.process, floor=floor, value=call.value)
        work.started = self.sim.now
        self._record("call", f"{call.process} {call.kind}" + (f" {call.value}" if call.kind == "write" else ""))
        if mode == "primary":
            if self.name == self.cluster.primary:
                self.serve(call.op, call.kind, call.value, call.process, origin="")
                return
            work.phase = "forward"
            self.work[call.op] = work
            msg = {"type": "forward", "op": call.op, "kind": call.kind, "value": call.value, "writer": call.process}
            self._send(self.cluster.primary, msg)
            return
        self.work[call.op] = work
        if mode == "sloppy" and call.kind == "write":
            counter = max(self.sim.now, floor + 1)  # the coordinator's clock (all clocks agree here)
            self.cluster.used_counter(call.process, counter)
            work.version = (counter, call.process)
            self._store_phase(work, self.cluster.homes)
            self._after(FALLBACK_AFTER_MS, call.op, self._use_fallbacks)
            self._progress(work)
            return
        targets = self.cluster.homes if mode == "sloppy" else self.cluster.names
        for target in targets:
            if target == self.name:
                self._note_reply(work, self.name, *self._best_local())
            else:
                self._send(target, {"type": "query", "op": call.op})
        if mode == "sloppy":
            self._after(FALLBACK_AFTER_MS, call.op, self._query_fallbacks)
        self._progress(work)

    def _store_phase(self, work: Work, targets: list[str]) -> None:
        work.phase = "store"
        msg = {"type": "store", "op": work.op, "version": list(work.version), "value": work.value}
        for target in targets:
            if target in work.acks:
                continue
            if target == self.name:
                self.store(work.version, work.value)
                work.acks[self.name] = True
            else:
                self._send(target, msg)

    def _use_fallbacks(self, work: Work) -> None:
        """Sloppy write: send a hinted copy to a fallback for each home that has not acknowledged yet."""
        if work.phase != "store" or len(work.acks) >= self.cluster.w:
            return
        silent = [home for home in self.cluster.homes if home not in work.acks]
        for home, fallback in zip(silent, self.cluster.fallbacks, strict=False):
            if fallback == self.name:
                self._hold_hint(home, work.version, work.value)
                work.acks[self.name] = True
            else:
                msg = {"type": "store", "op": work.op, "version": list(work.version), "value": work.value}
                msg["hint"] = home
                self._send(fallback, msg)
        self._progress(work)

    def _query_fallbacks(self, work: Work) -> None:
        """Sloppy read: the homes are slow, so ask the fallbacks too (they answer with hinted copies)."""
        if work.phase != "query" or len(work.replies) >= self.cluster.r:
            return
        for fallback in self.cluster.fallbacks:
            if fallback == self.name:
                self._note_reply(work, self.name, *self._best_local())
            else:
                self._send(fallback, {"type": "query", "op": work.op})
        self._progress(work)

    def _note_reply(self, work: Work, src: str, version: Version, value: str | None) -> None:
        if work.phase == "query" and src not in work.replies:
            work.replies[src] = version
            work.values[src] = value

    def _progress(self, work: Work) -> None:
        """Move `work` on if its current phase has its quorum."""
        cluster = self.cluster
        if work.phase == "query" and len(work.replies) >= cluster.r:
            best = max(work.replies.values())
            holder = next(src for src, version in work.replies.items() if version == best)
            if work.kind == "write":
                counter = max(best[0], work.floor) + 1
                cluster.used_counter(work.writer, counter)
                work.version = (counter, work.writer)
                self._store_phase(work, cluster.names)
            else:
                work.version, work.value = best, work.values[holder]
                if cluster.mode == "sloppy":
                    self._repair(work)
                    self._finish(work)
                    return
                holders = [src for src, version in work.replies.items() if version == best]
                if cluster.variant == "no-write-back" or len(holders) >= cluster.w:
                    self._finish(work)
                    return
                work.acks = dict.fromkeys(holders, True)
                cluster.write_backs += 1
                self._record("writeback", f"write back {work.value}")
                self._store_phase(work, cluster.names)
        if work.phase == "store" and len(work.acks) >= cluster.w:
            self._finish(work)

    def _repair(self, work: Work) -> None:
        """Sloppy read repair: push the newest version to the homes that answered with an older one."""
        for src, version in work.replies.items():
            if src in self.cluster.homes and version < work.version:
                self.cluster.repairs += 1
                if src == self.name:
                    self.store(work.version, work.value)
                else:
                    msg = {"type": "store", "op": 0, "version": list(work.version), "value": work.value}
                    self._send(src, msg)

    def _finish(self, work: Work) -> None:
        del self.work[work.op]
        self.cluster.returned(work.op, work.value, work.version)

    # The primary -----------------------------------------------------------------------------------------------

    def serve(self, op: int, kind: str, value: str | None, writer: str, origin: str) -> None:
        """As the primary, run call `op` (once) for the coordinator `origin` ("" when the primary is it)."""
        if op in self.executed:
            return
        self.executed.add(op)
        work = Work(op, kind, "confirm", writer=writer, value=value, origin=origin)
        work.started = self.sim.now
        work.acks[self.name] = True
        self.serving[op] = work
        if kind == "write":
            work.phase = "replicate"
            work.version = (self.version[0] + 1, writer)
            self.store(work.version, value)
            msg = {"type": "store", "op": op, "version": list(work.version), "value": value}
        else:  # the confirmation also carries the primary's copy, which brings a lagging follower up to date
            msg = {"type": "confirm", "op": op, "version": list(self.version), "value": self.value}
        for peer in self.cluster.names:
            if peer != self.name:
                self._send(peer, msg)
        epoch = self.epoch
        self.sim.schedule(OP_TIMEOUT_MS, lambda: self._forget(epoch, op))
        self._serve_progress(work)

    def _forget(self, epoch: int, op: int) -> None:
        if epoch == self.epoch:
            self.serving.pop(op, None)

    def _serve_progress(self, work: Work) -> None:
        if len(work.acks) < self.cluster.majority:
            return
        del self.serving[work.op]
        if work.kind == "read":
            work.version, work.value = self.version, self.value
        if work.origin == "":
            self.cluster.returned(work.op, work.value, work.version)
        else:
            msg = {"type": "forward_reply", "op": work.op, "version": list(work.version), "value": work.value}
            self._send(work.origin, msg)

    # Messages --------------------------------------------------------------------------------------------------

    def receive(self, src: str, msg: Message) -> None:
        """Handle a delivered message, dispatching on `msg["type"]`."""
        kind = msg["type"]
        if kind == "query":
            version, value = self._best_local()
            self._send(src, {"type": "query_reply", "op": msg["op"], "version": list(version), "value": value})
        elif kind == "query_reply":
            work = self.work.get(msg["op"])
            if work is not None:
                self._note_reply(work, src, _version(msg["version"]), msg["value"])
                self._progress(work)
        elif kind == "store":
            version = _version(msg["version"])
            if "hint" in msg:
                self._hold_hint(msg["hint"], version, msg["value"])
            else:
                self.store(version, msg["value"])
            self._send(src, {"type": "store_ack", "op": msg["op"]})
        elif kind == "store_ack":
            self._on_ack(src, msg["op"])
        elif kind == "confirm":
            self.store(_version(msg["version"]), msg["value"])
            self._send(src, {"type": "confirm_ack", "op": msg["op"]})
        elif kind == "confirm_ack":
            self._on_ack(src, msg["op"])
        elif kind == "forward":
            self.serve(msg["op"], msg["kind"], msg["value"], msg["writer"], origin=src)
        elif kind == "forward_reply":
            work = self.work.get(msg["op"])
            if work is not None:
                work.version, work.value = _version(msg["version"]), msg["value"]
                self._finish(work)
        elif kind == "handoff":
            self.store(_version(msg["version"]), msg["value"])
            self._send(src, {"type": "handoff_ack", "home": msg["home"], "version": msg["version"]})
        elif kind == "handoff_ack":
            self._on_handoff_ack(msg["home"], _version(msg["version"]))
        elif kind == "gossip":
            self.store(_version(msg["version"]), msg["value"])
            if self.version > _version(msg["version"]):
                self._send(src, {"type": "gossip_reply", "version": list(self.version), "value": self.value})
        elif kind == "gossip_reply":
            self.store(_version(msg["version"]), msg["value"])

    def _on_ack(self, src: str, op: int) -> None:
        work = self.work.get(op)
        if work is not None and work.phase == "store":
            work.acks[src] = True
            self._progress(work)
            return
        work = self.serving.get(op)
        if work is not None:
            work.acks[src] = True
            self._serve_progress(work)

    def _on_handoff_ack(self, home: str, version: Version) -> None:
        held = self.hints.get(home)
        if held is None or held[0] != version:
            return  # a newer hint arrived meanwhile: keep offering it
        del self.hints[home]
        self.cluster.handoffs += 1
        self._record("handoff", f"handed {held[1]} to {home}", home=home)
        if not self.hints:
            self._record("role", "replica", role="replica")

    # Faults ----------------------------------------------------------------------------------------------------

    def crash(self) -> list[int]:
        """Stop: timers die and the calls in progress are forgotten; return the ids of the calls coordinated here."""
        self.up = False
        self.epoch += 1
        lost = [*self.work, *(op for op, work in self.serving.items() if work.origin == "")]
        self.work = {}
        self.serving = {}
        return lost

    def restart(self) -> None:
        """Come back with the durable state and restart the background tick."""
        self.up = True
        self.epoch += 1
        self._record("role", self.role, role=self.role)
        self.start_timers()


class QuorumRegister(Model):
    """A replicated register: N nodes, a client workload, and the mode's checker (see the module docstring)."""

    name = "quorum"
    variants = VARIANTS
    properties = PROPERTIES
    default_nodes = 5
    check_steps = 4000
    broken = (
        Broken("r-plus-w-le-n", "linearizability", "chaos", seed=0, steps=4000),
        Broken("no-write-back", "linearizability", "chaos", seed=6, steps=4000),
    )
    option_defaults: ClassVar[dict[str, int | str]] = {"mode": "quorum", "r": 0, "w": 0}
    option_help = "mode: quorum, sloppy or primary; r, w: replicas a read and a write wait for (0: a majority)"
    check_options: ClassVar[tuple[dict[str, int | str], ...]] = (
        {"mode": "quorum"},
        {"mode": "sloppy"},
        {"mode": "primary"},
    )

    def setup(self) -> None:
        """Check the options, create the nodes and the client bookkeeping."""
        mode = str(self.options["mode"])
        if mode not in MODES:
            raise ValueError(f"quorum option 'mode' must be one of {', '.join(MODES)}, got {mode!r}")
        if self.variant != "correct":
            mode = "quorum"
        self.mode = mode
        self.primary = self.names[0]
        self.homes = self.names[: min(SLOPPY_HOMES, len(self.names))] if mode == "sloppy" else list(self.names)
        self.fallbacks = [n for n in self.names if n not in self.homes]
        size = len(self.homes)
        quorum = {key: int(self.options[key]) if self.options[key] else size // 2 + 1 for key in ("r", "w")}
        for key, value in quorum.items():
            if not 1 <= value <= size:
                raise ValueError(
                    f"quorum option {key!r} must be between 1 and the number of replicas ({size}), got {value}"
                )
        if self.variant == "r-plus-w-le-n":
            quorum = {"r": 1, "w": 1}
        self.r, self.w = quorum["r"], quorum["w"]
        self.nodes = [Replica(name, self) for name in self.names]
        self.add_nodes(self.nodes)
        for node in self.nodes:
            node.start_timers()
        self.calls: list[Call] = []
        self._open: dict[int, Call] = {}
        self._busy: dict[str, bool] = {}
        self._counters: dict[str, int] = {}
        self._by_value: dict[str, Call] = {}
        self._written = 0
        self._writes_done: list[Call] = []
        self.notes: list[str] = []
        self.write_backs = 0
        self.repairs = 0
        self.hints_stored = 0
        self.handoffs = 0
        self._calm = False

    def start(self) -> None:
        """Start the workload clients (if `self.workload`): each makes a call 20-120 ms after the last returned."""
        if self.workload:
            for client in CLIENTS:
                self._schedule_client(client)

    @property
    def history(self) -> list[Op]:
        """Every client call so far as a history operation (failed and pending calls never returned)."""
        return [call.to_op() for call in self.calls]

    # Clients ---------------------------------------------------------------------------------------------------

    def _schedule_client(self, client: str) -> None:
        self.sim.schedule(self.sim.rng.randint(*CLIENT_GAP_MS), lambda: self._client(client))

    def _client(self, client: str) -> None:
        if self._calm:
            return
        kind = "write" if self.sim.rng.random() < 0.5 else "read"
        self.call(client, kind, self.sim.rng.choice(self.names))

    def used_counter(self, client: str, counter: int) -> None:
        """Remember that `client` stamped a write with `counter` (its next write goes higher)."""
        self._counters[client] = max(self._counters.get(client, 0), counter)

    def call(self, client: str, kind: str, node: str) -> Call | None:
        """Make `client` call `kind` ("write" or "read") through coordinator `node`; None if the client is busy."""
        if self._busy.get(client):
            return None
        call = Call(len(self.calls) + 1, client, kind, node, self.sim.now)
        if kind == "write":
            self._written += 1
            call.value = f"w{self._written}"
            self._by_value[call.value] = call
        else:
            done_before = [c.invoke for c in self._writes_done if c.complete is not None and c.complete < call.invoke]
            call.newest_start = max(done_before) if done_before else None
        self.calls.append(call)
        self._busy[client] = True
        coordinator = self._by_name[node]
        if not coordinator.up:
            self._fail(call, f"{node} is down")
            return call
        self._open[call.op] = call
        self.sim.schedule(OP_TIMEOUT_MS, lambda: self._timeout(call))
        coordinator.begin(call, self._counters.get(client, 0))
        return call

    def returned(self, op: int, value: str | None, version: Version) -> None:
        """A coordinator's answer to call `op` reaches its client (ignored if the client has given up)."""
        call = self._open.pop(op, None)
        if call is None:
            return
        call.complete = self.sim.now
        call.version = version
        if call.kind == "write":
            self._writes_done.append(call)
            self._note(f"{call.process} write {call.value} via {call.node}: ok")
        else:
            call.value = value
            call.stale = self._is_stale(call)
            freshness = " (stale)" if call.stale else ""
            self._note(f"{call.process} read via {call.node} -> {value or 'initial'}{freshness}")
        self._record_reply(call, f"{call.value} ok" if call.kind == "write" else f"read {value or 'initial'}")
        self._client_done(call)

    def _is_stale(self, call: Call) -> bool:
        """Whether a read returned a value whose write finished before some other write started and finished
        before the read began (so a newer value was already complete: any linearizable store returns it)."""
        if call.newest_start is None:
            return False
        if call.value is None:
            return True
        source = self._by_value[call.value]
        return source.complete is not None and source.complete < call.newest_start

    def _timeout(self, call: Call) -> None:
        if call.op in self._open:
            del self._open[call.op]
            self._by_name[call.node].work.pop(call.op, None)
            self._fail(call, "no quorum in time" if self.mode != "primary" else "primary unreachable")

    def _fail(self, call: Call, reason: str) -> None:
        call.failed = True
        call.reason = reason
        what = f"write {call.value}" if call.kind == "write" else "read"
        self._note(f"{call.process} {what} via {call.node} failed: {reason}")
        if self.network.is_up(call.node):
            self._record_reply(call, f"{call.kind} failed")
        self._client_done(call)

    def _record_reply(self, call: Call, outcome: str) -> None:
        self.trace.record(
            self.sim.now,
            "state",
            call.node,
            change="reply",
            label=f"{call.process}: {outcome}",
            op=call.op,
            ok=not call.failed,
        )

    def _client_done(self, call: Call) -> None:
        self._busy[call.process] = False
        if self.workload and call.process in CLIENTS:
            self._schedule_client(call.process)

    def _note(self, line: str) -> None:
        self.notes = [*self.notes[-(NOTES - 1) :], line]

    # Faults ----------------------------------------------------------------------------------------------------

    def on_crash(self, name: str) -> None:
        """Stop the node; the clients of the calls it coordinated see them fail at once."""
        for op in self._by_name[name].crash():
            call = self._open.pop(op, None)
            if call is not None:
                self._fail(call, f"{name} crashed")

    def lose_disk(self, name: str) -> None:
        """Forget the replica's stored value, version and hints."""
        node = self._by_name[name]
        node.version, node.value, node.hints, node.executed = ZERO, None, {}, set()
        self.trace.record(self.sim.now, "state", name, change="disk", label="disk lost")

    # Checks ----------------------------------------------------------------------------------------------------

    def finish(self) -> None:
        """Check the mode's property: linearizability of the history, or (sloppy) convergence after a quiet period."""
        if self.mode == "sloppy":
            self.settle()
            problem = self.divergence()
            if problem:
                self.fail("convergence", problem)
            return
        self.check_now()

    def check_now(self) -> None:
        """Check linearizability of the history so far, in strict quorum and primary modes.

        Sloppy mode waits for `finish`: its convergence check needs a quiet period, which would change the run.
        """
        if self.mode == "sloppy" or self.violation is not None:
            return
        verdict = check_linearizable(self.history)
        if not verdict.ok:
            self.fail("linearizability", verdict.reason)

    def settle(self) -> None:
        """End the faults for good and let the cluster run quietly for `QUIET_MS`.

        The fault injector stops (no new partition or crash), per-message faults stop, the network heals, every node
        restarts and the workload stops. Messages already in flight still arrive (the longest delay is shorter than
        `QUIET_MS`).
        """
        self._calm = True
        self.injector.stop()
        self.network.config = NetworkConfig(latency=self.network.config.latency)
        self.network.heal()
        for name in self.names:
            self.restart(name)
        self.sim.run(until=self.sim.now + QUIET_MS)

    def divergence(self) -> str:
        """Why the replicas have not converged ("" if they have).

        The homes must hold the same value, at least as new as every write a client was told succeeded (converging
        on an older value would lose an acknowledged write), and no node may still hold a hint.
        """
        homes = [self._by_name[name] for name in self.homes]
        states = [(node.name, node.version, node.value) for node in homes]
        first = states[0]
        for state in states[1:]:
            if state[1:] != first[1:]:
                held = ", ".join(f"{name} has {value or 'nothing'} v{show_version(v)}" for name, v, value in states)
                return f"home replicas differ after the quiet period: {held}"
        acked = [c for c in self.calls if c.kind == "write" and c.complete is not None]
        newest = max(acked, key=lambda c: c.version, default=None)
        if newest is not None and first[1] < newest.version:
            return (
                f"home replicas agree on {first[2] or 'nothing'} v{show_version(first[1])}, older than the "
                f"acknowledged write {newest.value} v{show_version(newest.version)}"
            )
        for node in self.nodes:
            for home, (version, value) in node.hints.items():
                return f"{node.name} still holds a hint for {home} ({value} v{show_version(version)})"
        return ""

    # Reporting -------------------------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Calls that returned and failed, stale reads, read write-backs or repairs, hints stored and handed off."""
        counts = {
            "ops_ok": sum(1 for c in self.calls if c.complete is not None),
            "ops_failed": sum(1 for c in self.calls if c.failed),
            "reads_stale": sum(1 for c in self.calls if c.stale),
        }
        if self.mode == "quorum":
            counts["write_backs"] = self.write_backs
        if self.mode == "sloppy":
            counts.update(repairs=self.repairs, hints=self.hints_stored, handoffs=self.handoffs)
        return counts

    def view(self) -> dict[str, Any]:
        """Each node's role, copy of `x` with its version, hints held and calls in progress; the two newest results."""
        nodes = []
        for node in self.nodes:
            lines = [f"x = {node.value} (v{show_version(node.version)})" if node.value else "x = initial"]
            if node.name not in self.homes:
                lines = ["not a home of x"]
            for home, (_, value) in list(node.hints.items())[:2]:
                lines.append(f"hint {value} for {home}")
            working = [*node.work.values(), *node.serving.values()]
            entry: dict[str, Any] = {"name": node.name, "role": node.role}
            for work in working[:2]:
                lines.append(f"#{work.op} {work.kind}: {self._progress_text(work)}")
            if working:
                entry["timer"] = [working[0].started, working[0].started + OP_TIMEOUT_MS]
            entry["lines"] = lines[:4]
            nodes.append(entry)
        head = f"mode {self.mode}: N={len(self.homes)} R={self.r} W={self.w}"
        if self.mode == "primary":
            head = f"mode primary: {self.primary} leads, majority {self.majority}"
        return {"nodes": nodes, "notes": [head, *reversed(self.notes[-2:])]}

    def _progress_text(self, work: Work) -> str:
        if work.phase == "forward":
            return f"sent to {self.primary}"
        if work.phase == "query":
            return f"versions {len(work.replies)}/{self.r}"
        need = self.majority if work.phase in ("replicate", "confirm") else self.w
        return f"{'acks' if work.phase != 'confirm' else 'confirms'} {len(work.acks)}/{need}"

    def client_actions(self) -> list[ClientAction]:
        """A write and a read button through each node (the reader is the client `you`)."""
        actions = [ClientAction("write", f"Write via {n}", (("node", n),)) for n in self.names]
        return actions + [ClientAction("read", f"Read via {n}", (("node", n),)) for n in self.names]

    def client_act(self, kind: str, args: dict[str, Any]) -> None:
        """Make the reader's client (`you`) write or read through `args["node"]`."""
        if kind not in ("write", "read"):
            super().client_act(kind, args)
        node = self._known(args.get("node"))
        if self.call(READER, kind, node) is None:
            self._note("you: wait for your last call to return")
