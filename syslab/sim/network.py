"""The network model: how (and whether) a message gets from one node to another.

A message is a dictionary. `Network.send` decides its fate at send time, drawing from the simulator's random source
in a fixed order:

1. If the sender or receiver is down, or they are on different sides of a partition, the message is dropped.
2. With probability `loss` it is dropped.
3. Its delay is drawn from the link's latency range; with probability `reorder` a random extra delay from
   `reorder_delay` is added (so later messages can overtake it), and with probability `long_delay` an extra delay
   from `long_delay_range` (a message stuck in a queue for seconds).
4. With probability `duplicate` a second copy is scheduled with its own delay.

Each send gets a message id (`mid`, counting from 1) that its trace events carry, so a delivery can be matched with
its send; the copies of a duplicated message share it. While a copy travels it sits in `Network.in_flight`, which
the visualizer draws. When a copy arrives, the network checks again: a receiver that crashed meanwhile, or a
partition that started meanwhile, drops it. Otherwise the receiver's handler is called. Links are directed pairs
`(src, dst)`; a link without its own `LinkConfig` uses the network's default latency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from syslab.sim.core import Simulator
from syslab.sim.trace import Trace

Message = dict[str, Any]
Handler = Callable[[str, Message], None]


@dataclass(frozen=True)
class Flight:
    """A message copy on its way: its id, ends, content, and the virtual times it left and will arrive."""

    mid: int
    src: str
    dst: str
    msg: Message
    sent: int
    arrives: int


@dataclass(frozen=True)
class LinkConfig:
    """A link's one-way latency, uniform between `min_ms` and `max_ms` inclusive."""

    min_ms: int = 1
    max_ms: int = 10


@dataclass(frozen=True)
class NetworkConfig:
    """Fault probabilities and delay ranges for every message (see the module docstring for the order)."""

    latency: LinkConfig = LinkConfig()
    loss: float = 0.0
    duplicate: float = 0.0
    reorder: float = 0.0
    reorder_delay: tuple[int, int] = (200, 2200)
    long_delay: float = 0.0
    long_delay_range: tuple[int, int] = (2000, 7000)
    links: dict[tuple[str, str], LinkConfig] = field(default_factory=dict)


class Network:
    """Delivers messages between named nodes with the faults of a `NetworkConfig`.

    Nodes register a handler with `add_node`. `crash`/`restart` mark a node down or up (the model decides what state
    survives; the network only records `durable`), `partition`/`heal` split and rejoin the nodes.
    """

    def __init__(self, sim: Simulator, trace: Trace, config: NetworkConfig | None = None) -> None:
        """Create a network on `sim` that records to `trace`."""
        self.sim = sim
        self.trace = trace
        self.config = config or NetworkConfig()
        self._handlers: dict[str, Handler] = {}
        self._down: set[str] = set()
        self._side: dict[str, int] = {}
        self.sent = 0
        self.delivered = 0
        self.dropped = 0
        self.in_flight: dict[int, Flight] = {}
        self._copies = 0

    @property
    def nodes(self) -> list[str]:
        """The registered node names, sorted."""
        return sorted(self._handlers)

    def add_node(self, name: str, handler: Handler) -> None:
        """Register `name`; `handler(src, msg)` is called for each message delivered to it."""
        self._handlers[name] = handler

    def is_up(self, name: str) -> bool:
        """Return whether `name` is running (not crashed)."""
        return name not in self._down

    def connected(self, a: str, b: str) -> bool:
        """Return whether `a` and `b` are on the same side of the current partition (always, when healed)."""
        return self._side.get(a, 0) == self._side.get(b, 0)

    def partition(self, groups: list[list[str]]) -> None:
        """Split the nodes into `groups`; nodes in no group form one more group of their own."""
        self._side = {name: i + 1 for i, group in enumerate(groups) for name in group}
        self.trace.record(self.sim.now, "partition", None, groups=[sorted(g) for g in groups])

    def heal(self) -> None:
        """Remove the partition: every node can reach every other again."""
        self._side = {}
        self.trace.record(self.sim.now, "heal", None)

    def crash(self, name: str) -> None:
        """Mark `name` down: it sends nothing and messages to it are dropped until `restart`."""
        self._down.add(name)
        self.trace.record(self.sim.now, "crash", name)

    def restart(self, name: str, durable: bool = True) -> None:
        """Mark `name` up again; `durable` records whether its durable state survived (the model acts on it)."""
        self._down.discard(name)
        self.trace.record(self.sim.now, "restart", name, durable=durable)

    def partition_groups(self) -> list[list[str]]:
        """The current sides of the network, as sorted lists of node names (one list when healed)."""
        sides: dict[int, list[str]] = {}
        for name in self.nodes:
            sides.setdefault(self._side.get(name, 0), []).append(name)
        return [sides[key] for key in sorted(sides)]

    def _drop(self, mid: int, src: str, dst: str, msg: Message, reason: str) -> None:
        self.dropped += 1
        self.trace.record(self.sim.now, "drop", dst, mid=mid, src=src, dst=dst, msg=msg, reason=reason)

    def _delay(self, src: str, dst: str) -> int:
        cfg = self.config
        link = cfg.links.get((src, dst), cfg.latency)
        rng = self.sim.rng
        delay = rng.randint(link.min_ms, link.max_ms)
        if cfg.reorder and rng.random() < cfg.reorder:
            delay += rng.randint(*cfg.reorder_delay)
        if cfg.long_delay and rng.random() < cfg.long_delay:
            delay += rng.randint(*cfg.long_delay_range)
        return delay

    def send(self, src: str, dst: str, msg: Message) -> None:
        """Send `msg` from `src` to `dst`, applying the configured faults."""
        self.sent += 1
        mid = self.sent
        self.trace.record(self.sim.now, "send", src, mid=mid, src=src, dst=dst, msg=msg)
        if not self.is_up(src) or not self.is_up(dst):
            self._drop(mid, src, dst, msg, "down")
            return
        if not self.connected(src, dst):
            self._drop(mid, src, dst, msg, "partition")
            return
        cfg = self.config
        rng = self.sim.rng
        if cfg.loss and rng.random() < cfg.loss:
            self._drop(mid, src, dst, msg, "loss")
            return
        copies = 2 if cfg.duplicate and rng.random() < cfg.duplicate else 1
        for _ in range(copies):
            delay = self._delay(src, dst)
            self._copies += 1
            flight = Flight(mid, src, dst, msg, self.sim.now, self.sim.now + delay)
            self.in_flight[self._copies] = flight
            self.sim.schedule(delay, self._arrival(self._copies, flight))

    def _arrival(self, key: int, flight: Flight) -> Callable[[], None]:
        return lambda: self._arrive(key, flight)

    def _arrive(self, key: int, flight: Flight) -> None:
        del self.in_flight[key]
        mid, src, dst, msg = flight.mid, flight.src, flight.dst, flight.msg
        if not self.is_up(dst):
            self._drop(mid, src, dst, msg, "down")
            return
        if not self.connected(src, dst):
            self._drop(mid, src, dst, msg, "partition")
            return
        self.delivered += 1
        self.trace.record(self.sim.now, "deliver", dst, mid=mid, src=src, dst=dst, msg=msg)
        self._handlers[dst](src, msg)
