"""A clocks model: physical clocks with skew and drift, and the logical clocks that order events despite them.

How the model works, in brief:

- **Physical clocks.** Each node has a wall clock that reads `true time + offset + drift`, in whole milliseconds.
  The offset is drawn once per node (up to `max_skew_ms` either way) and the drift rate too (up to
  `max_drift_ppm` parts per million either way, so 200 ppm gains or loses 0.2 ms per second). With
  `sync_every_ms` > 0 an NTP-like client steps each clock every so often to within `sync_error_ms` of true time:
  synchronisation bounds the error but never removes it, and a step can move a clock backwards (a wall clock is not
  monotonic). The clock keeps running while its node is down.
- **Events.** A node performs local events and sends messages to random peers (the workload), and a client writes to
  one replicated key through a random node. Every event (local, send, receive, write) is stamped with four clocks:
  the physical reading, a Lamport clock (Lamport 1978), a vector clock, and a hybrid logical clock (HLC, Kulkarni
  et al. 2014), a pair `(l, c)`: `l` is the largest physical time the node has heard of, `c` counts events
  that share that `l`.
- **Last-write-wins.** A write is an event whose stamps travel to every other node in `repl` messages. Every node
  keeps, for the key, the write with the largest LWW key: by default (`lww="wall"`) the physical timestamp, ties
  broken by node name and then by write number; with `lww="hlc"` the HLC pair comes first instead. A write that
  causally follows another write but has a smaller LWW key loses everywhere, even on the node that made it: the
  `lww_lost_updates` count. With wall clocks that happens whenever skew exceeds the time between two causally
  related writes; with HLC it cannot.
- **Crashes.** The logical clocks and the stored value are durable (a node that forgot its Lamport counter would
  reuse timestamps); the timers are volatile and epoch-guarded.

What the checker (`ClockChecker`) knows: the true happens-before relation, built from the run itself (program order
on each node plus send -> receive), independent of the clocks being checked. It checks:

- `lamport-clock-condition`: a -> b implies L(a) < L(b);
- `vector-clock-causality`: a -> b if and only if V(a) < V(b) (so concurrent events have incomparable vectors);
- `hlc-causality`: a -> b implies HLC(a) < HLC(b) (pairs compared lexicographically);
- `hlc-bounded`: at every event 0 <= l - pt <= epsilon, the largest possible skew between two clocks so far, and
  c <= N * (epsilon + 1), the bound of the HLC paper's theorem.

Broken variants, for showing that the checkers can fail:

- `wall-clock`: the "HLC" is just the physical reading `(pt, 0)`; under skew a receive gets an earlier stamp than
  its send, so `hlc-causality` fails (and LWW by that stamp loses updates).
- `lamport-no-max`: on receive a node adds one to its own Lamport counter without taking the maximum with the
  message's, so a receive can get a smaller number than its send: `lamport-clock-condition` fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from syslab.sim.model import Broken, ClientAction, Model
from syslab.sim.network import Message

VARIANTS = ("correct", "wall-clock", "lamport-no-max")
PROPERTIES = ("lamport-clock-condition", "vector-clock-causality", "hlc-causality", "hlc-bounded")
ACTIVITY_MS = (30, 120)
"""Each up node does something (a local event or a send) every 30-120 ms."""
WRITE_MS = (20, 200)
"""The client writes through a random node every 20-200 ms."""
LWW_RULES = ("wall", "hlc")

Hlc = tuple[int, int]
LwwKey = tuple[Any, ...]


class PhysicalClock:
    """A wall clock: true time plus an offset plus a constant drift since it was last set, in whole milliseconds.

    Attributes:
        offset: the error (ms) at `set_at`, the true time it was last set.
        drift_ppm: how fast it gains (positive) or loses (negative) time, in parts per million.
    """

    def __init__(self, offset: int, drift_ppm: int) -> None:
        """Start `offset` ms off true time at time 0, drifting by `drift_ppm`."""
        self.offset = offset
        self.drift_ppm = drift_ppm
        self.set_at = 0

    def read(self, now: int) -> int:
        """The clock's reading at true time `now` (integer arithmetic only, so every Python agrees)."""
        return now + self.offset + (self.drift_ppm * (now - self.set_at)) // 1_000_000

    def error(self, now: int) -> int:
        """How far the clock is ahead of true time (negative: behind)."""
        return self.read(now) - now

    def step(self, now: int, offset: int) -> None:
        """Set the clock to `offset` ms off true time, as an NTP step does (it may move backwards)."""
        self.offset = offset
        self.set_at = now


def compare_vectors(a: list[int] | tuple[int, ...], b: list[int] | tuple[int, ...]) -> str:
    """Order two vector clocks: `before` (a < b), `after` (a > b), `equal`, or `concurrent` (incomparable)."""
    less = more = False
    for x, y in zip(a, b, strict=True):
        if x < y:
            less = True
        elif x > y:
            more = True
    if less:
        return "concurrent" if more else "before"
    return "after" if more else "equal"


def hlc_send(hlc: Hlc, pt: int) -> Hlc:
    """The HLC of a local or send event at physical time `pt`, given the node's previous `hlc` (Kulkarni 2014)."""
    l_old, c_old = hlc
    l_new = max(l_old, pt)
    return (l_new, c_old + 1) if l_new == l_old else (l_new, 0)


def hlc_receive(hlc: Hlc, msg: Hlc, pt: int) -> Hlc:
    """The HLC of a receive event at physical time `pt`, given the node's previous `hlc` and the message's."""
    (l_old, c_old), (l_msg, c_msg) = hlc, msg
    l_new = max(l_old, l_msg, pt)
    if l_new == l_old == l_msg:
        return l_new, max(c_old, c_msg) + 1
    if l_new == l_old:
        return l_new, c_old + 1
    if l_new == l_msg:
        return l_new, c_msg + 1
    return l_new, 0


@dataclass(frozen=True)
class Stamped:
    """One event as the checker remembers it: where it happened, its true causal past and the clocks' stamps.

    `past[k]` is how many events of node k are in the event's causal past (its own included): the ground truth,
    built from program order and send -> receive edges only. `max_write` is the largest LWW key of any write in
    that past (or None).
    """

    eid: int
    node: int
    index: int
    past: tuple[int, ...]
    lamport: int
    vc: tuple[int, ...]
    hlc: Hlc
    pt: int
    max_write: LwwKey | None


class ClockChecker:
    """Builds the true happens-before relation of a run and checks each clock against it as events arrive.

    The model calls `record` once per event, in the order events happen, naming the send event of a receive.
    Properties are checked on every edge of the happens-before graph (program order, send -> receive), which is
    enough for the "a -> b implies ..." properties because the orders they use are transitive. For
    `vector-clock-causality` the checker also requires every event's vector to equal its true causal past (how many
    events of each node precede it, itself included), which makes "a -> b if and only if V(a) < V(b)" hold for every
    pair of events, concurrent ones included. `fail(prop, detail)` is the model's `Model.fail`.
    """

    def __init__(self, names: list[str], fail: Callable[[str, str], None], epsilon: Callable[[int], int]) -> None:
        """Check a run over the nodes `names`; `epsilon(time)` is the largest possible skew of two clocks by `time`."""
        self.names = names
        self._index = {name: i for i, name in enumerate(names)}
        self.epsilon = epsilon
        self._report = fail
        self.failed = False
        self.events = 0
        self.writes = 0
        self.lost_updates = 0
        self.max_c = 0
        self.latest: list[Stamped | None] = [None] * len(names)
        self.sends: dict[int, Stamped] = {}

    def _fail(self, prop: str, detail: str) -> None:
        self.failed = True
        self._report(prop, detail)

    def _name(self, event: Stamped) -> str:
        return f"{self.names[event.node]}#{event.index}"

    def record(
        self,
        time: int,
        node: str,
        *,
        pt: int,
        lamport: int,
        vc: list[int],
        hlc: Hlc,
        send: int | None = None,
        write: LwwKey | None = None,
        is_send: bool = False,
    ) -> int:
        """Check and remember one event at `node`; return its event id (messages carry it as `eid`).

        `send` is the event id of the send a receive delivers; `write` is a write's LWW key; `is_send` keeps the
        event so that its receives can find it.
        """
        j = self._index[node]
        self.events += 1
        before = self.latest[j]
        source = self.sends.get(send) if send is not None else None
        if send is not None and source is None:
            raise ValueError(f"unknown send event {send}")
        past = [0] * len(self.names)
        max_write: LwwKey | None = None
        for parent in (before, source):
            if parent is not None:
                past = [max(x, y) for x, y in zip(past, parent.past, strict=True)]
                if parent.max_write is not None and (max_write is None or parent.max_write > max_write):
                    max_write = parent.max_write
        index = (before.index if before else 0) + 1
        past[j] = index
        if write is not None:
            self.writes += 1
            if max_write is not None and max_write > write:
                self.lost_updates += 1  # a causally earlier write beats this one under LWW: this one is lost
            if max_write is None or write > max_write:
                max_write = write
        event = Stamped(self.events, j, index, tuple(past), lamport, tuple(vc), hlc, pt, max_write)
        for parent in (before, source):
            if parent is not None:
                self._check_edge(parent, event)
        if event.vc != event.past:
            self._fail(
                "vector-clock-causality",
                f"{self._name(event)} has V {list(event.vc)} but its causal past is {list(event.past)}",
            )
        self._check_hlc_bounds(time, event)
        self.latest[j] = event
        if is_send:
            self.sends[event.eid] = event
        return event.eid

    def _check_edge(self, a: Stamped, b: Stamped) -> None:
        """`a` happens directly before `b` (program order or send -> receive)."""
        if not a.lamport < b.lamport:
            self._fail(
                "lamport-clock-condition", f"{self._name(a)} -> {self._name(b)} but L {a.lamport} >= {b.lamport}"
            )
        if compare_vectors(a.vc, b.vc) != "before":
            self._fail(
                "vector-clock-causality", f"{self._name(a)} -> {self._name(b)} but V {list(a.vc)} !< {list(b.vc)}"
            )
        if not a.hlc < b.hlc:
            self._fail("hlc-causality", f"{self._name(a)} -> {self._name(b)} but HLC {a.hlc} >= {b.hlc}")

    def _check_hlc_bounds(self, time: int, event: Stamped) -> None:
        l_part, c_part = event.hlc
        epsilon = self.epsilon(time)
        self.max_c = max(self.max_c, c_part)
        if not 0 <= l_part - event.pt <= epsilon:
            self._fail("hlc-bounded", f"{self._name(event)}: l - pt = {l_part - event.pt} outside [0, {epsilon}]")
        if c_part > len(self.names) * (epsilon + 1):
            self._fail("hlc-bounded", f"{self._name(event)}: c = {c_part} exceeds N * (epsilon + 1)")


class ClockNode:
    """One node: a physical clock, durable logical clocks and LWW register, and epoch-guarded timers."""

    def __init__(self, name: str, index: int, cluster: ClockCluster, clock: PhysicalClock) -> None:
        """Create a node whose logical clocks start at zero and whose register is empty."""
        self.name = name
        self.index = index
        self.cluster = cluster
        self.sim = cluster.sim
        self.clock = clock
        # Durable state: survives crashes.
        self.lamport = 0
        self.vc = [0] * len(cluster.names)
        self.hlc: Hlc = (0, 0)
        self.value: tuple[LwwKey, str, str] | None = None  # (LWW key, write id, writing node)
        self.known: set[str] = set()  # write ids this node has seen
        # Volatile state.
        self.up = True
        self.epoch = 0
        self.next_sync = 0
        self.last_sync = 0

    def _record(self, change: str, label: str, **fields: Any) -> None:
        self.cluster.trace.record(self.sim.now, "state", self.name, change=change, label=label, **fields)

    # Stamping -------------------------------------------------------------------------------------------------

    def stamp(self, kind: str, msg: Message | None = None, write: str | None = None) -> tuple[int, LwwKey | None]:
        """Advance every clock for one event of `kind` (`local`, `send`, `recv`, `write`) and report it.

        Returns the event id and, for a write (which passes its id as `write`), its LWW key. A receive passes the
        delivered `msg`.
        """
        variant = self.cluster.variant
        pt = self.clock.read(self.sim.now)
        if msg is None:
            self.lamport += 1
            self.vc[self.index] += 1
            self.hlc = hlc_send(self.hlc, pt)
        else:
            if variant == "lamport-no-max":
                self.lamport += 1  # the bug: the message's counter is ignored
            else:
                self.lamport = max(self.lamport, msg["lamport"]) + 1
            self.vc = [max(x, y) for x, y in zip(self.vc, msg["vc"], strict=True)]
            self.vc[self.index] += 1
            self.hlc = hlc_receive(self.hlc, (msg["hlc"][0], msg["hlc"][1]), pt)
        if variant == "wall-clock":
            self.hlc = (pt, 0)  # the bug: the wall clock stands in for the HLC
        key = self.cluster.lww_key(self, pt, write) if write is not None else None
        eid = self.cluster.checker.record(
            self.sim.now,
            self.name,
            pt=pt,
            lamport=self.lamport,
            vc=self.vc,
            hlc=self.hlc,
            send=msg["eid"] if msg is not None else None,
            write=key,
            is_send=kind in ("send", "write"),
        )
        prefix = f"{write} " if write else ""
        self._record(
            "stamp",
            f"{prefix}@{pt} L{self.lamport} H{self.hlc[0]}.{self.hlc[1]}",
            event=kind,
            pt=pt,
            lamport=self.lamport,
            vc=list(self.vc),
            hlc=list(self.hlc),
        )
        self.cluster.max_skew = max(self.cluster.max_skew, self.cluster.skew_now())
        return eid, key

    def _message(self, kind: str, eid: int) -> Message:
        return {"type": kind, "eid": eid, "lamport": self.lamport, "vc": list(self.vc), "hlc": list(self.hlc)}

    # Actions ----------------------------------------------------------------------------------------------------

    def local(self) -> None:
        """A local event (it only advances the clocks)."""
        self.stamp("local")

    def send(self, dst: str) -> None:
        """Send a plain message to `dst`, stamped with this node's clocks."""
        eid, _ = self.stamp("send")
        self.cluster.messages += 1
        self.cluster.network.send(self.name, dst, self._message("msg", eid))

    def write(self, wid: str) -> None:
        """Write `wid` to the key: stamp it, keep it if it wins here, and replicate it to every other node."""
        eid, key = self.stamp("write", write=wid)
        assert key is not None
        self.known.add(wid)
        self._apply(key, wid, self.name)
        msg = self._message("repl", eid)
        msg.update(wid=wid, key=list(key), origin=self.name)
        for peer in self.cluster.names:
            if peer != self.name:
                self.cluster.messages += 1
                self.cluster.network.send(self.name, peer, msg)

    def receive(self, src: str, msg: Message) -> None:
        """Stamp a delivered message; a replicated write then goes through LWW."""
        if not self.up:
            return
        self.stamp("recv", msg)
        if msg["type"] == "repl" and msg["wid"] not in self.known:
            self.known.add(msg["wid"])
            self._apply(tuple(msg["key"]), msg["wid"], msg["origin"])

    def _apply(self, key: LwwKey, wid: str, origin: str) -> None:
        if self.value is None or key > self.value[0]:
            self.value = (key, wid, origin)
            self._record("lww", f"x={wid}", wid=wid)
        else:
            self._record("lww", f"{wid} loses to {self.value[1]}", wid=wid, kept=self.value[1])

    # Timers -----------------------------------------------------------------------------------------------------

    def start_timers(self) -> None:
        """Start the workload timer (when the model has a workload) and the NTP timer (when sync is on)."""
        epoch = self.epoch
        if self.cluster.workload:
            self.sim.schedule(self.sim.rng.randint(*ACTIVITY_MS), lambda: self._activity(epoch))
        every = self.cluster.options["sync_every_ms"]
        if isinstance(every, int) and every > 0:
            self._schedule_sync(epoch, every)

    def _schedule_sync(self, epoch: int, every: int) -> None:
        delay = self.sim.rng.randint(every * 9 // 10, every * 11 // 10)
        self.last_sync = self.sim.now
        self.next_sync = self.sim.now + delay
        self.sim.schedule(delay, lambda: self._sync(epoch, every))

    def _activity(self, epoch: int) -> None:
        if epoch != self.epoch or not self.up:
            return
        rng = self.sim.rng
        peers = [n for n in self.cluster.names if n != self.name]
        if rng.random() < 0.35 or not peers:
            self.local()
        else:
            self.send(rng.choice(peers))
        self.sim.schedule(rng.randint(*ACTIVITY_MS), lambda: self._activity(epoch))

    def _sync(self, epoch: int, every: int) -> None:
        if epoch != self.epoch or not self.up:
            return
        before = self.clock.read(self.sim.now)
        bound = int(self.cluster.options["sync_error_ms"])
        self.clock.step(self.sim.now, self.sim.rng.randint(-bound, bound))
        step = self.clock.read(self.sim.now) - before
        self._record("sync", f"ntp step {step:+d} ms", step=step, error=self.clock.error(self.sim.now))
        self._schedule_sync(epoch, every)

    # Faults -----------------------------------------------------------------------------------------------------

    def crash(self) -> None:
        """Stop: timers die; the logical clocks and the stored value stay; the physical clock keeps running."""
        self.up = False
        self.epoch += 1

    def restart(self) -> None:
        """Come back with the durable clocks and value, and start the timers again."""
        self.up = True
        self.epoch += 1
        self.start_timers()


class ClockCluster(Model):
    """Nodes with skewed, drifting physical clocks stamping every event with Lamport, vector and hybrid clocks."""

    name = "clocks"
    variants = VARIANTS
    properties = PROPERTIES
    default_nodes = 3
    check_steps = 2000
    broken = (
        Broken("wall-clock", "hlc-causality", "chaos", seed=4, steps=500),
        Broken("lamport-no-max", "lamport-clock-condition", "chaos", seed=6, steps=500),
    )
    option_help = (
        "offsets up to max_skew_ms, drift up to max_drift_ppm; NTP every sync_every_ms (0: never) to within "
        "sync_error_ms; lww: wall or hlc"
    )
    option_defaults: ClassVar[dict[str, int | str]] = {
        "max_skew_ms": 150,
        "max_drift_ppm": 200,
        "sync_every_ms": 0,
        "sync_error_ms": 20,
        "lww": "wall",
    }
    check_options: ClassVar[tuple[dict[str, int | str], ...]] = ({}, {"lww": "hlc", "sync_every_ms": 1000})
    """Offsets up to `max_skew_ms` either way; drift up to `max_drift_ppm`; NTP steps every `sync_every_ms` (0: never)
    to within `sync_error_ms`; LWW by `wall` clock or by `hlc`."""

    def setup(self) -> None:
        """Draw each node's clock, create the nodes and the checker, and start their timers."""
        if self.options["lww"] not in LWW_RULES:
            raise ValueError(f"clocks option 'lww' must be one of {', '.join(LWW_RULES)}")
        for key in ("max_skew_ms", "max_drift_ppm", "sync_every_ms", "sync_error_ms"):
            if int(self.options[key]) < 0:
                raise ValueError(f"clocks option {key!r} must be >= 0")
        skew, drift = int(self.options["max_skew_ms"]), int(self.options["max_drift_ppm"])
        rng = self.sim.rng
        self.messages = 0
        self.max_skew = 0
        self._writes = 0
        self.checker = ClockChecker(self.names, self.fail, self.epsilon)
        self.nodes = [
            ClockNode(name, i, self, PhysicalClock(rng.randint(-skew, skew), rng.randint(-drift, drift)))
            for i, name in enumerate(self.names)
        ]
        self.add_nodes(self.nodes)
        for node in self.nodes:
            offset, ppm = node.clock.offset, node.clock.drift_ppm
            label = f"clock {offset:+d} ms"
            self.trace.record(0, "state", node.name, change="clock", label=label, offset=offset, drift_ppm=ppm)
            node.start_timers()

    def start(self) -> None:
        """Start the client: a write through a random node every 20-200 ms."""
        if self.workload:
            self.sim.schedule(self.sim.rng.randint(*WRITE_MS), self._client)

    def epsilon(self, now: int) -> int:
        """The largest possible difference between two clocks by true time `now` (ms): twice the largest error."""
        base = max(int(self.options["max_skew_ms"]), int(self.options["sync_error_ms"]))
        drift = -(-int(self.options["max_drift_ppm"]) * now // 1_000_000)  # rounded up
        return 2 * (base + drift + 1)

    def skew_now(self) -> int:
        """The spread of the clocks' readings right now (largest minus smallest), in ms."""
        readings = [node.clock.read(self.sim.now) for node in self.nodes]
        return max(readings) - min(readings)

    def lww_key(self, node: ClockNode, pt: int, wid: str) -> LwwKey:
        """The LWW key of write `wid` made by `node` at physical time `pt`: larger keys win."""
        number = int(wid[1:])
        if self.options["lww"] == "hlc":
            return (node.hlc[0], node.hlc[1], node.name, number)
        return (pt, node.name, number)

    def write(self, name: str) -> bool:
        """Write the next value through `name`; False if the node is down."""
        node = self._by_name[name]
        if not node.up:
            return False
        self._writes += 1
        node.write(f"w{self._writes}")
        return True

    def _client(self) -> None:
        self.write(self.sim.rng.choice(self.names))
        self.sim.schedule(self.sim.rng.randint(*WRITE_MS), self._client)

    def check_now(self) -> None:
        """Note the current spread of the clocks (the checks themselves run at every event)."""
        self.max_skew = max(self.max_skew, self.skew_now())

    def stats(self) -> dict[str, int]:
        """Stamped events, messages, writes, writes lost under LWW, the largest c, and the largest skew seen."""
        return {
            "stamped": self.checker.events,
            "messages": self.messages,
            "writes": self.checker.writes,
            "lww_lost_updates": self.checker.lost_updates,
            "max_c": self.checker.max_c,
            "max_skew_ms": max(self.max_skew, self.skew_now()),
        }

    def view(self) -> dict[str, Any]:
        """Each node's clock reading and error, Lamport and vector clock, HLC, and the value it keeps for the key."""
        now = self.sim.now
        nodes = []
        for node in self.nodes:
            value = "x = (none)"
            if node.value is not None:
                key, wid, origin = node.value
                value = f"x = {wid} by {origin} @{key[0]}" + (f".{key[1]}" if self.options["lww"] == "hlc" else "")
            lines = [
                f"clock {node.clock.read(now)} ms ({node.clock.error(now):+d})",
                f"L {node.lamport}  V [{','.join(map(str, node.vc))}]",
                f"HLC ({node.hlc[0]}, {node.hlc[1]})",
                value,
            ]
            entry: dict[str, Any] = {"name": node.name, "role": "node" if node.up else "down", "lines": lines}
            if node.up and node.next_sync > now:
                entry["timer"] = [node.last_sync, node.next_sync]
            nodes.append(entry)
        notes = [
            f"true time {now} ms; clocks spread {self.skew_now()} ms",
            f"LWW by {self.options['lww']}: {self.checker.lost_updates} of {self.checker.writes} writes lost",
        ]
        return {"nodes": nodes, "notes": notes}

    def client_actions(self) -> list[ClientAction]:
        """A write through each node, and a message from each node to the next."""
        actions = [ClientAction("write", f"Write via {name}", (("node", name),)) for name in self.names]
        if len(self.names) > 1:
            for i, src in enumerate(self.names):
                dst = self.names[(i + 1) % len(self.names)]
                actions.append(ClientAction("send", f"Send {src}->{dst}", (("src", src), ("dst", dst))))
        return actions

    def client_act(self, kind: str, args: dict[str, Any]) -> None:
        """Write through a node (`write`, arg `node`) or send a message (`send`, args `src`, `dst`)."""
        if kind == "write":
            self.write(self._known(args.get("node")))
        elif kind == "send":
            src, dst = self._known(args.get("src")), self._known(args.get("dst"))
            if src == dst:
                raise ValueError("a node does not send to itself")
            if self._by_name[src].up:
                self._by_name[src].send(dst)
        else:
            super().client_act(kind, args)
