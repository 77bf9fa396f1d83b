"""Fault presets: `none`, `partitions` and `chaos`.

A preset is a `NetworkConfig` (per-message faults) plus two optional periodic schedules driven by the simulator:

- partitions: every so often, split the nodes at random into a minority and a majority side, and heal the split a
  while later;
- crashes: every so often, crash a random running node and restart it a while later (with its durable state; the
  model decides what that is).

`chaos` follows the spirit of MIT 6.824's unreliable network: about 10% of messages are lost, some are delayed by an
extra 200-2200 ms (so they arrive out of order), a few are stuck for seconds, some are duplicated, and on top of that
come partitions and crash/restart cycles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from syslab.sim.core import Simulator
from syslab.sim.network import LinkConfig, Network, NetworkConfig


@dataclass(frozen=True)
class FaultPreset:
    """Per-message faults plus the ranges (ms) of the periodic partition and crash schedules (None: never)."""

    network: NetworkConfig
    partition_every: tuple[int, int] | None = None
    partition_for: tuple[int, int] = (500, 2500)
    crash_every: tuple[int, int] | None = None
    crash_for: tuple[int, int] = (200, 2000)


PRESETS: dict[str, FaultPreset] = {
    "none": FaultPreset(NetworkConfig(latency=LinkConfig(1, 10))),
    "partitions": FaultPreset(NetworkConfig(latency=LinkConfig(1, 10)), partition_every=(1000, 3000)),
    "chaos": FaultPreset(
        NetworkConfig(
            latency=LinkConfig(1, 20),
            loss=0.1,
            duplicate=0.05,
            reorder=0.1,
            reorder_delay=(200, 2200),
            long_delay=0.01,
            long_delay_range=(2000, 7000),
        ),
        partition_every=(1000, 3000),
        crash_every=(800, 3000),
    ),
}


class FaultInjector:
    """Schedules a preset's partitions and crashes on a network.

    `crash(name)` and `restart(name)` are the model's own (`Model.crash`, `Model.restart`): they mark the node down
    or up in the network and let the model react (stop its timers, reload durable state).
    """

    def __init__(
        self,
        sim: Simulator,
        network: Network,
        preset: FaultPreset,
        crash: Callable[[str], None],
        restart: Callable[[str], None],
    ) -> None:
        """Bind the injector; call `start` to begin the schedules."""
        self.sim = sim
        self.network = network
        self.preset = preset
        self.crash = crash
        self.restart = restart
        self.stopped = False

    def start(self) -> None:
        """Schedule the first partition and the first crash, if the preset has them."""
        if self.preset.partition_every:
            self.sim.schedule(self.sim.rng.randint(*self.preset.partition_every), self._partition)
        if self.preset.crash_every:
            self.sim.schedule(self.sim.rng.randint(*self.preset.crash_every), self._crash)

    def stop(self) -> None:
        """Start no new partition or crash; one in progress still ends (heals, restarts) as scheduled."""
        self.stopped = True

    def _partition(self) -> None:
        if self.stopped:
            return
        rng = self.sim.rng
        nodes = self.network.nodes
        if len(nodes) < 2:  # a single node has nobody to be cut off from
            return
        rng.shuffle(nodes)
        cut = rng.randint(1, len(nodes) // 2)
        self.network.partition([sorted(nodes[:cut]), sorted(nodes[cut:])])
        self.sim.schedule(rng.randint(*self.preset.partition_for), self._heal)

    def _heal(self) -> None:
        self.network.heal()
        assert self.preset.partition_every is not None
        if not self.stopped:
            self.sim.schedule(self.sim.rng.randint(*self.preset.partition_every), self._partition)

    def _crash(self) -> None:
        if self.stopped:
            return
        rng = self.sim.rng
        up = [name for name in self.network.nodes if self.network.is_up(name)]
        if not up:  # the reader crashed every node by hand; try again later
            self.sim.schedule(rng.randint(*self.preset.crash_for), self._crash)
            return
        name = rng.choice(up)
        self.crash(name)
        self.sim.schedule(rng.randint(*self.preset.crash_for), lambda: self._restart(name))

    def _restart(self, name: str) -> None:
        self.restart(name)
        assert self.preset.crash_every is not None
        if not self.stopped:
            self.sim.schedule(self.sim.rng.randint(*self.preset.crash_every), self._crash)
