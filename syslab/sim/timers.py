"""The self-re-arming timeout that leader-based models share (Raft's election timer, Multi-Paxos's leader timeout).

A node keeps one `deadline`. Hearing from a leader only moves the deadline (`reset_deadline`); the node's single
pending wake-up notices when it fires and sleeps again until the new deadline, so a node never has more than one
timer in the simulator's queue. When the deadline passes and the node is not the leader, the timer calls the
model's expiry action (start an election, run phase 1). A leader's deadline is pushed forward at each wake-up.
Crashes and restarts bump the node's `epoch`, which silences the wake-ups of the old epoch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from syslab.sim.core import Simulator


class TimedNode(Protocol):
    """What the timer needs from a node."""

    sim: Simulator
    epoch: int
    up: bool
    role: str
    deadline: int

    def reset_deadline(self) -> None:
        """Draw a new deadline from the node's timeout range."""


def start_deadline_timer(node: TimedNode, on_expiry: Callable[[], None]) -> None:
    """Draw a deadline and schedule the node's timer for its current epoch (at boot and after a restart)."""
    node.reset_deadline()
    epoch = node.epoch
    sim = node.sim

    def wake() -> None:
        if epoch != node.epoch or not node.up:
            return
        if node.role == "leader":
            node.reset_deadline()
        elif sim.now >= node.deadline:
            on_expiry()
        sim.schedule(max(1, node.deadline - sim.now), wake)

    sim.schedule(node.deadline - sim.now, wake)
