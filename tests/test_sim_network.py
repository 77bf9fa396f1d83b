"""The network model: loss, duplication, reordering, partitions and crashes behave as configured."""

from __future__ import annotations

from syslab.sim.core import Simulator
from syslab.sim.network import LinkConfig, Message, Network, NetworkConfig
from syslab.sim.trace import Trace


def make(config: NetworkConfig, seed: int = 1) -> tuple[Simulator, Network, dict[str, list[Message]]]:
    """A network of nodes a, b, c that remembers what each node received."""
    sim = Simulator(seed)
    net = Network(sim, Trace(), config)
    inbox: dict[str, list[Message]] = {"a": [], "b": [], "c": []}
    for name, box in inbox.items():
        net.add_node(name, lambda src, msg, box=box: box.append(msg))
    return sim, net, inbox


def test_reliable_network_delivers_everything_within_latency() -> None:
    sim, net, inbox = make(NetworkConfig(latency=LinkConfig(3, 7)))
    for i in range(100):
        net.send("a", "b", {"i": i})
    sim.run()
    assert sorted(m["i"] for m in inbox["b"]) == list(range(100))
    assert 3 <= sim.now <= 7
    assert net.dropped == 0


def test_loss_drops_about_the_configured_fraction() -> None:
    sim, net, inbox = make(NetworkConfig(loss=0.1))
    for i in range(2000):
        net.send("a", "b", {"i": i})
    sim.run()
    assert net.dropped == 2000 - len(inbox["b"])
    assert 150 <= net.dropped <= 250
    drops = [e for e in net.trace.events if e["kind"] == "drop"]
    assert {e["reason"] for e in drops} == {"loss"}


def test_duplication_delivers_some_messages_twice() -> None:
    sim, net, inbox = make(NetworkConfig(duplicate=0.2))
    for i in range(1000):
        net.send("a", "b", {"i": i})
    sim.run()
    extra = len(inbox["b"]) - 1000
    assert 150 <= extra <= 250
    assert {m["i"] for m in inbox["b"]} == set(range(1000))


def test_reordering_adds_extra_delay_and_overtaking() -> None:
    sim, net, inbox = make(NetworkConfig(reorder=0.5, reorder_delay=(200, 2200)))
    for i in range(200):
        net.send("a", "b", {"i": i})
    sim.run()
    order = [m["i"] for m in inbox["b"]]
    assert sorted(order) == list(range(200)) and order != sorted(order)
    assert 200 < sim.now <= 10 + 2200


def test_per_link_latency_overrides_default() -> None:
    sim, net, inbox = make(NetworkConfig(latency=LinkConfig(1, 1), links={("a", "c"): LinkConfig(50, 50)}))
    net.send("a", "c", {"i": 0})
    net.send("a", "b", {"i": 1})
    sim.run(until=1)
    assert inbox["b"] and not inbox["c"]
    sim.run()
    assert sim.now == 50 and inbox["c"]


def test_partition_drops_across_sides_until_healed() -> None:
    sim, net, inbox = make(NetworkConfig())
    net.partition([["a"], ["b", "c"]])
    net.send("a", "b", {"i": 1})
    net.send("b", "c", {"i": 2})
    sim.run()
    assert inbox["b"] == [] and inbox["c"] == [{"i": 2}]
    net.send("a", "b", {"i": 3})  # dropped at send time: the partition is still there
    net.heal()
    net.send("a", "b", {"i": 4})
    sim.run()
    assert [m["i"] for m in inbox["b"]] == [4]
    kinds = [e["kind"] for e in net.trace.events]
    assert kinds.count("partition") == 1 and kinds.count("heal") == 1


def test_partition_started_in_flight_drops_on_arrival() -> None:
    sim, net, inbox = make(NetworkConfig(latency=LinkConfig(10, 10)))
    net.send("a", "b", {"i": 1})
    sim.schedule(5, lambda: net.partition([["a"], ["b", "c"]]))
    sim.run()
    assert inbox["b"] == []
    assert net.trace.events[-1]["reason"] == "partition"


def test_crashed_node_neither_sends_nor_receives() -> None:
    sim, net, inbox = make(NetworkConfig())
    net.crash("b")
    net.send("a", "b", {"i": 1})
    net.send("b", "c", {"i": 2})
    sim.run()
    assert inbox["b"] == [] and inbox["c"] == []
    net.restart("b", durable=False)
    net.send("a", "b", {"i": 3})
    sim.run()
    assert inbox["b"] == [{"i": 3}]
    restart = next(e for e in net.trace.events if e["kind"] == "restart")
    assert restart["durable"] is False


def test_same_seed_same_network_trace() -> None:
    def run(seed: int) -> str:
        sim, net, _ = make(NetworkConfig(loss=0.2, duplicate=0.2, reorder=0.3), seed)
        for i in range(50):
            net.send("a", "b", {"i": i})
        sim.run()
        return net.trace.to_json()

    assert run(5) == run(5)
    assert run(5) != run(6)
