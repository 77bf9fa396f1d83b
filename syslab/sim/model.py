"""What every simulated model shares: the wiring, the run result, and the hooks the visualizer uses.

A model is a subclass of `Model`. The base class builds the simulator, the trace, the network and the fault injector
from the run's parameters; the subclass adds its nodes and says how they react to crashes and restarts. The same
object serves three callers:

- the command line and CI (`run`, which returns a `RunResult` with the first violated property, if any);
- the step-by-step visualizer (`view`, `client_actions`, `act`, through `syslab.sim.session.Session`);
- lessons and tests, which build a model and drive it directly.

To add a model: subclass `Model`, set `name`, `variants`, `properties`, `default_nodes`, `check_steps`,
`check_options` and `broken`, implement `setup`, `stats` and `view` (and `on_crash`, `on_restart`,
`client_actions`, `client_act`, `finish` where the model needs them), report violations with `fail`, and register
the class in `syslab.sim.registry.MODELS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from syslab.sim.core import Simulator
from syslab.sim.faults import PRESETS, FaultInjector
from syslab.sim.network import Network
from syslab.sim.trace import Trace


@dataclass(frozen=True)
class Violation:
    """The first broken property (one of the model's `properties`), when it was seen, and a one-line explanation."""

    prop: str
    time: int
    detail: str


@dataclass(frozen=True)
class RunResult:
    """The outcome of a run: its parameters, its size, model-specific counts, and the first violated property."""

    model: str
    seed: int
    faults: str
    variant: str
    events: int
    time_ms: int
    stats: tuple[tuple[str, int], ...]
    violation: Violation | None

    def __getattr__(self, name: str) -> int:
        """Read a model-specific count by name (`result.committed`)."""
        for key, value in self.stats:
            if key == name:
                return value
        raise AttributeError(name)

    def summary(self) -> str:
        """One line: model, seed, faults, variant, events, virtual time, the counts, then `ok` or the violation."""
        variant = "" if self.variant == "correct" else f" variant={self.variant}"
        counts = "".join(f" {key}={value}" for key, value in self.stats)
        verdict = "ok" if self.violation is None else f"VIOLATED {self.violation.prop}: {self.violation.detail}"
        return (
            f"{self.model} seed={self.seed} faults={self.faults}{variant} events={self.events} "
            f"time={self.time_ms}ms{counts} {verdict}"
        )


@dataclass(frozen=True)
class Broken:
    """A deliberately broken variant and a run that shows the checker catching it (the correct model passes it)."""

    variant: str
    prop: str
    faults: str
    seed: int
    steps: int
    nodes: int | None = None


@dataclass(frozen=True)
class ClientAction:
    """A button the visualizer offers: `kind` and `args` go back to `Model.act`; `label` is what the reader sees."""

    kind: str
    label: str
    args: tuple[tuple[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the page receives."""
        return {"kind": self.kind, "label": self.label, "args": dict(self.args)}


class Model:
    """Base class of every simulated model: a simulator, a trace, a network and a fault schedule.

    Attributes:
        seed, faults, variant: the run's parameters.
        sim: the simulator (virtual clock, seeded random source).
        trace: the run's trace.
        network: the simulated network the nodes talk over.
        names: the node names, `n1` ... `nK` unless a subclass chooses others in `node_names`.
        violation: the first violated property, or None.
    """

    name: ClassVar[str] = ""
    variants: ClassVar[tuple[str, ...]] = ("correct",)
    properties: ClassVar[tuple[str, ...]] = ()
    default_nodes: ClassVar[int] = 3
    check_steps: ClassVar[int] = 5000
    """Events per seed when CI checks the model over 200 chaos seeds."""
    broken: ClassVar[tuple[Broken, ...]] = ()
    """Each broken variant with a run that violates its property: tests prove the checker catches each one."""
    option_defaults: ClassVar[dict[str, int | str]] = {}
    """The model's own settings (a quorum's R and W, a mode) and their defaults; `options` overrides them."""
    option_help: ClassVar[str] = ""
    """One line on what the options mean (the command line's `--list` prints it)."""
    check_options: ClassVar[tuple[dict[str, int | str], ...]] = ({},)
    """The option sets CI checks over 200 chaos seeds each (the defaults, plus modes that need checking too)."""

    def __init__(
        self,
        seed: int,
        *,
        faults: str = "none",
        variant: str = "correct",
        nodes: int | None = None,
        trace: bool = True,
        workload: bool = True,
        options: dict[str, int | str] | None = None,
    ) -> None:
        """Build the model; `faults` names a preset in `PRESETS`; `workload` False leaves client requests to `act`.

        `options` overrides entries of `option_defaults`; an unknown name, or a value whose type differs from the
        default's, raises ValueError.
        """
        if variant not in self.variants:
            raise ValueError(f"unknown variant {variant!r} for {self.name}; choose from {', '.join(self.variants)}")
        if faults not in PRESETS:
            raise ValueError(f"unknown faults {faults!r}; choose from {', '.join(PRESETS)}")
        count = self.default_nodes if nodes is None else nodes
        if count < 1:
            raise ValueError(f"a {self.name} cluster needs at least one node, got {count}")
        self.options = dict(self.option_defaults)
        for key, value in (options or {}).items():
            if key not in self.option_defaults:
                known = ", ".join(self.option_defaults) or "none"
                raise ValueError(f"{self.name} has no option {key!r} (options: {known})")
            if type(value) is not type(self.option_defaults[key]):
                raise ValueError(f"{self.name} option {key!r} must be {type(self.option_defaults[key]).__name__}")
            self.options[key] = value
        self.seed = seed
        self.faults = faults
        self.variant = variant
        self.workload = workload
        self.violation: Violation | None = None
        self.sim = Simulator(seed)
        self.trace = Trace(enabled=trace)
        preset = PRESETS[faults]
        self.network = Network(self.sim, self.trace, preset.network)
        self.names = self.node_names(count)
        self.setup()
        self.injector = FaultInjector(self.sim, self.network, preset, self.crash, self.restart)
        self.injector.start()
        self.start()

    # Hooks for subclasses --------------------------------------------------------------------------------------

    def node_names(self, count: int) -> list[str]:
        """The node names for a cluster of `count` (default `n1` ... `nK`)."""
        return [f"n{i}" for i in range(1, count + 1)]

    def setup(self) -> None:
        """Create the nodes and register their handlers with `self.network` (required)."""
        raise NotImplementedError

    def start(self) -> None:
        """Schedule the client workload (if `self.workload`) once the nodes and faults exist."""

    def add_nodes(self, nodes: list[Any]) -> None:
        """Keep the model's node objects (each has `name` and `receive`) and connect them to the network."""
        self.nodes = nodes
        self._by_name = {node.name: node for node in nodes}
        for node in nodes:
            self.network.add_node(node.name, node.receive)

    def node(self, name: str) -> Any:
        """Return the node object called `name` (see `add_nodes`)."""
        return self._by_name[name]

    def on_crash(self, name: str) -> None:
        """`name` has just crashed: by default its node's `crash()` stops its timers and drops volatile state."""
        self.node(name).crash()

    def on_restart(self, name: str) -> None:
        """`name` has just restarted with its durable state: by default its node's `restart()` restarts its timers."""
        self.node(name).restart()

    def lose_disk(self, name: str) -> None:
        """Forget `name`'s durable state, as if its disk had been replaced (called just before a restart without it).

        Models that do not model disks keep this default, which refuses.
        """
        raise ValueError(f"{self.name} does not model losing a node's disk")

    @classmethod
    def has_routine_messages(cls) -> bool:
        """Whether the model marks some messages as routine (the visualizer then offers "Hide heartbeats")."""
        return cls.routine is not Model.routine

    @classmethod
    def can_lose_disks(cls) -> bool:
        """Whether the model implements `lose_disk` (the visualizer then offers "Restart with empty disk")."""
        return cls.lose_disk is not Model.lose_disk

    def finish(self) -> None:
        """End-of-run checks (called by `run` after the last event); by default the same as `check_now`."""
        self.check_now()

    def check_now(self) -> None:
        """Run the checks that otherwise wait for the end of the run, without changing the run.

        The visualizer calls it before drawing each picture, so a diagram reports a violation as soon as it exists.
        """

    def stats(self) -> dict[str, int]:
        """Model-specific counts for the summary line, in display order."""
        return {}

    def view(self) -> dict[str, Any]:
        """What the visualizer draws for each node now: `{"nodes": [{"name", "role", "lines"}], "notes": [...]}`.

        `role` is a CSS-friendly word (`leader`, `follower`, `replica`, ...); `lines` are short text lines shown
        under the node. The base class adds whether each node is up.
        """
        return {"nodes": [{"name": name, "role": "node", "lines": []} for name in self.names], "notes": []}

    def routine(self, msg: dict[str, Any]) -> bool:
        """Whether `msg` is routine chatter (a heartbeat and its reply) that a diagram may hide to show the rest."""
        return False

    def client_actions(self) -> list[ClientAction]:
        """The model's own buttons (a client request, a write, a read, a proposal)."""
        return []

    def client_act(self, kind: str, args: dict[str, Any]) -> None:
        """Carry out one of the model's own actions."""
        raise ValueError(f"{self.name} has no action {kind!r}")

    # Shared behaviour ------------------------------------------------------------------------------------------

    @property
    def majority(self) -> int:
        """The smallest majority of the cluster."""
        return len(self.names) // 2 + 1

    def fail(self, prop: str, detail: str) -> None:
        """Record that `prop` is violated (only the first violation of a run is kept)."""
        if prop not in self.properties:
            raise ValueError(f"{prop!r} is not a property of {self.name}")
        if self.violation is None:
            self.violation = Violation(prop, self.sim.now, detail)

    def crash(self, name: str) -> None:
        """Crash `name` now: the network drops its messages and the model forgets its volatile state."""
        if self.network.is_up(name):
            self.network.crash(name)
            self.on_crash(name)

    def restart(self, name: str, durable: bool = True) -> None:
        """Restart `name` now, with its durable state or (`durable` False) from an empty disk."""
        if not self.network.is_up(name):
            if not durable:
                self.lose_disk(name)
            self.network.restart(name, durable=durable)
            self.on_restart(name)

    def act(self, action: dict[str, Any]) -> None:
        """Carry out a reader's action: `crash`, `restart` (`node`, optional `durable`), `partition` (`groups`),
        `heal`, or one of the model's own."""
        kind = action.get("kind")
        args = action.get("args") or {}
        if kind == "crash":
            self.crash(self._known(args.get("node")))
        elif kind == "restart":
            durable = args.get("durable", True)
            if not isinstance(durable, bool):
                raise ValueError(f"`durable` must be true or false, got {durable!r}")
            self.restart(self._known(args.get("node")), durable)
        elif kind == "partition":
            groups = [[self._known(n) for n in group] for group in args.get("groups", [])]
            self.network.partition(groups)
        elif kind == "heal":
            self.network.heal()
        else:
            self.client_act(str(kind), args)

    def _known(self, name: Any) -> str:
        if name not in self.names:
            raise ValueError(f"no node {name!r} in this {self.name} cluster")
        return name

    def run(self, steps: int) -> RunResult:
        """Run `steps` more simulator events, run the end-of-run checks, and summarise."""
        self.sim.run(max_events=steps)
        self.finish()
        return self.result()

    def result(self) -> RunResult:
        """The result so far (without running anything)."""
        return RunResult(
            model=self.name,
            seed=self.seed,
            faults=self.faults,
            variant=self.variant,
            events=self.sim.processed,
            time_ms=self.sim.now,
            stats=tuple(self.stats().items()),
            violation=self.violation,
        )
