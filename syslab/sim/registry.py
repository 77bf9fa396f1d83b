"""The models the command line, the visualizer and CI know, by name.

Add a model here once it subclasses `syslab.sim.model.Model`; the command line offers it, CI checks it over 200
chaos seeds (`tests/test_sim_models.py`) and proves each of its `broken` variants is caught.
"""

from __future__ import annotations

from syslab.sim.byzantine import ByzantineCluster
from syslab.sim.clocks import ClockCluster
from syslab.sim.model import Model
from syslab.sim.multipaxos import MultiPaxosCluster
from syslab.sim.paxos import PaxosCluster
from syslab.sim.quorum import QuorumRegister
from syslab.sim.raft import RaftCluster

MODELS: dict[str, type[Model]] = {
    RaftCluster.name: RaftCluster,
    PaxosCluster.name: PaxosCluster,
    MultiPaxosCluster.name: MultiPaxosCluster,
    ClockCluster.name: ClockCluster,
    ByzantineCluster.name: ByzantineCluster,
    QuorumRegister.name: QuorumRegister,
}


def model_class(name: str) -> type[Model]:
    """Return the model class called `name`, or raise ValueError listing the known ones."""
    try:
        return MODELS[name]
    except KeyError:
        raise ValueError(f"unknown model {name!r}; choose from {', '.join(sorted(MODELS))}") from None
