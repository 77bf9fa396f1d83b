"""The client of a leader-based model (Raft, Multi-Paxos): numbered commands sent to the node it believes leads.

A node that is not the leader refuses a command and names the leader it knows of (a hint); the client tries that node
next time. A client with no useful hint (none, or the node it just asked) picks a node at random. Commands a leader
accepted and then lost with its term are not retried, which both protocols allow.
"""

from __future__ import annotations

from typing import Any

from syslab.sim.core import Simulator


class LeaderClient:
    """Sends commands `c1`, `c2`, ... through `node(name).submit(command) -> (accepted, hint)`.

    Attributes:
        commands: how many commands a leader accepted so far.
        believed: the node the client will try next.
    """

    def __init__(self, sim: Simulator, names: list[str], node: Any) -> None:
        """A client for the nodes `names`; `node(name)` returns the node object that takes `submit`."""
        self.sim = sim
        self.names = names
        self.node = node
        self.commands = 0
        self.believed = names[0]

    def submit(self) -> bool:
        """Submit the next command to the believed leader, following its hint if it refuses; True if accepted."""
        accepted, hint = self.node(self.believed).submit(f"c{self.commands + 1}")
        if accepted:
            self.commands += 1
        elif hint is not None and hint != self.believed:
            self.believed = hint
        else:
            self.believed = self.sim.rng.choice(self.names)
        return accepted

    def start(self, interval_ms: tuple[int, int]) -> None:
        """Submit a command every `interval_ms` (a uniform random range), for the rest of the run."""

        def tick() -> None:
            self.submit()
            self.sim.schedule(self.sim.rng.randint(*interval_ms), tick)

        self.sim.schedule(self.sim.rng.randint(*interval_ms), tick)
