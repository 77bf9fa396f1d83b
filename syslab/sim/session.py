"""A run the reader can steer: step, play, act, and travel back in time, with pictures of every moment.

The visualizer on a lesson page keeps one `Session` per diagram inside the browser's Python worker (Pyodide) and
talks to it through `handle`; the site's build uses the same class to draw the recorded picture. A session is a
`Scenario` (model, seed, faults, options, scripted actions: what a `sim` fence says) plus the reader's own actions,
each remembered with the number of simulator events that had run and the virtual time. Because a run is a pure
function of its seed and its actions, going back in time is a replay: rebuild the model and re-apply the actions
up to the target time. Acting in the past discards the actions that came after (a new timeline starts there).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from syslab.sim.faults import PRESETS
from syslab.sim.model import Model
from syslab.sim.registry import MODELS, model_class
from syslab.sim.svg import cluster_svg, groups_text, message_label, sequence_svg, state_label, timeline_svg
from syslab.sim.trace import TraceEvent

MAX_TIME_MS = 60_000
"""How far a session may run, in virtual milliseconds (it bounds the cost of a replay)."""
MAX_ACTIONS = 500
"""How many reader actions a session remembers."""
MAX_EVENTS = 100_000
"""How many simulator events a session may run (a replay included): a few seconds in the browser at most."""
WINDOW_MS = 400
"""How much recent time the live sequence diagram shows."""
MAX_SEQUENCE_MS = 1200
"""The longest stretch the recorded (build-time) sequence diagram shows: the end of the scenario."""
LONGEST_FLIGHT_MS = 10_000
"""An upper bound on a message's time in flight (delays plus reordering plus long delays), for windowing."""

SCENARIO_KEYS = (
    "model",
    "seed",
    "nodes",
    "faults",
    "variant",
    "options",
    "workload",
    "until",
    "window",
    "actions",
    "caption",
)
READER_ACTIONS = ("crash", "restart", "partition", "heal")


@dataclass(frozen=True)
class Scenario:
    """What a `sim` fence describes: a model, its parameters, how long to run, and scripted actions.

    `actions` are dictionaries with `at` (virtual ms), `kind` and the kind's arguments, for example
    `{"at": 300, "kind": "partition", "groups": [["n1", "n2"], ["n3", "n4", "n5"]]}`.
    """

    model: str
    seed: int = 0
    nodes: int | None = None
    faults: str = "none"
    variant: str = "correct"
    options: dict[str, int | str] = field(default_factory=dict)
    workload: bool = True
    until: int = 1000
    window: int = WINDOW_MS
    actions: tuple[dict[str, Any], ...] = ()
    caption: str = ""

    @classmethod
    def from_dict(cls, data: Any) -> Scenario:
        """Validate a parsed `sim` fence body; raise ValueError naming the key that is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the body must be a YAML mapping (model: ..., seed: ..., until: ...)")
        unknown = sorted(set(data) - set(SCENARIO_KEYS))
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r}; known keys: {', '.join(SCENARIO_KEYS)}")
        model = data.get("model")
        if model not in MODELS:
            raise ValueError(f"`model`: {model!r} is not a model; choose from {', '.join(sorted(MODELS))}")
        scenario = cls(
            model=model,
            seed=_int(data, "seed", 0, 0, 2**31),
            nodes=None if data.get("nodes") is None else _int(data, "nodes", 0, 1, 9),
            faults=str(data.get("faults", "none")),
            variant=str(data.get("variant", "correct")),
            options=dict(data.get("options") or {}),
            workload=bool(data.get("workload", True)),
            until=_int(data, "until", 1000, 0, MAX_TIME_MS),
            window=_int(data, "window", WINDOW_MS, 10, 10_000),
            actions=tuple(_action(item, i) for i, item in enumerate(data.get("actions") or [])),
            caption=str(data.get("caption", "")),
        )
        if scenario.faults not in PRESETS:
            raise ValueError(f"`faults`: {scenario.faults!r}; choose from {', '.join(sorted(PRESETS))}")
        scenario.build()  # raises ValueError for a bad variant, node count, option or action node
        return scenario

    def build(self) -> Model:
        """A fresh model for this scenario, with the scripted actions scheduled at their times."""
        model = model_class(self.model)(
            self.seed,
            faults=self.faults,
            variant=self.variant,
            nodes=self.nodes,
            workload=self.workload,
            options=self.options,
        )
        for action in self.actions:
            args = {k: v for k, v in action.items() if k not in ("at", "kind")}
            step = {"kind": action["kind"], "args": args}
            _check_action(model, step)
            model.sim.schedule(action["at"], partial(model.act, step))
        return model


def _int(data: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"`{key}` must be a whole number from {low} to {high}, got {value!r}")
    return value


def _action(item: Any, index: int) -> dict[str, Any]:
    if not isinstance(item, dict) or "kind" not in item or "at" not in item:
        raise ValueError(f"`actions` item {index + 1} needs `at` (ms) and `kind`")
    _int(item, "at", 0, 0, MAX_TIME_MS)
    return dict(item)


def _check_action(model: Model, action: dict[str, Any]) -> None:
    """Raise ValueError unless `action` is one the model offers, with well-formed node names and groups."""
    kind = action["kind"]
    allowed = sorted({a.kind for a in model.client_actions()} | set(READER_ACTIONS))
    if kind not in allowed:
        raise ValueError(f"unknown action {kind!r} for {model.name}; choose from {', '.join(allowed)}")
    args = action["args"]
    if kind in ("crash", "restart") and "node" not in args:
        raise ValueError(f"action {kind!r} needs `node`")
    if kind == "restart" and not args.get("durable", True) and not model.can_lose_disks():
        raise ValueError(f"{model.name} does not model losing a node's disk")
    named = [args["node"]] if "node" in args else []
    if kind == "partition":
        groups = args.get("groups")
        if not isinstance(groups, list) or not groups or not all(isinstance(g, list) and g for g in groups):
            raise ValueError("action 'partition' needs `groups`: a list of lists of node names, e.g. [[n1, n2]]")
        named.extend(name for group in groups for name in group)
        if len(set(map(str, named))) != len(named):
            raise ValueError("action 'partition' names a node twice")
    for name in named:
        if not isinstance(name, str) or name not in model.names:
            raise ValueError(f"action {kind!r} names {name!r}; the nodes are {', '.join(model.names)}")


class Session:
    """A steerable run of one scenario: `advance_to`, `step`, `act`, `seek`, and `frame` to draw it."""

    def __init__(self, scenario: Scenario) -> None:
        """Build the scenario's model at time 0."""
        self.scenario = scenario
        self.log: list[tuple[int, int, dict[str, Any]]] = []
        self.horizon = 0
        self.hide_routine = False
        self._rebuild()

    def _rebuild(self) -> None:
        self.model = self.scenario.build()
        self.initial_roles = {node["name"]: str(node["role"]) for node in self.model.view()["nodes"]}
        self.clock = 0
        self._applied = 0
        self._marks: list[TraceEvent] = []
        self._scanned = 0

    # Moving through time ---------------------------------------------------------------------------------------

    def _catch_up(self, until: int) -> None:
        """Re-apply remembered reader actions due at the current event count, up to virtual time `until`."""
        sim = self.model.sim
        while (
            self._applied < len(self.log)
            and self.log[self._applied][0] == sim.processed
            and self.log[self._applied][1] <= until
        ):
            _, time, action = self.log[self._applied]
            sim.advance_clock(time)
            self.clock = time
            self.model.act(action)
            self._applied += 1

    def advance_to(self, time: int) -> None:
        """Run until virtual time `time` (going back replays from the start)."""
        time = max(0, min(int(time), MAX_TIME_MS))
        if time < self.clock:
            self.seek(time)
            return
        sim = self.model.sim
        self._catch_up(time)
        while self._applied < len(self.log) and self.log[self._applied][1] <= time:
            target = self.log[self._applied][0]
            while sim.processed < target and sim.step():
                pass
            if sim.processed != target:  # cannot happen in a deterministic replay; never loop forever
                del self.log[self._applied :]
                break
            self._catch_up(time)
        budget = MAX_EVENTS - sim.processed
        upcoming = sim.next_time() if sim.run(max_events=budget, until=time) >= budget else None
        if upcoming is not None and upcoming <= time:
            self.clock = sim.now
            self.horizon = max(self.horizon, self.clock)
            raise ValueError(f"the run reached {MAX_EVENTS:,} events at {sim.now} ms, the most a diagram runs: reset")
        sim.advance_clock(time)
        self.clock = time
        self.horizon = max(self.horizon, time)

    def step(self) -> None:
        """Run the next simulator event (a delivery, a timer, a fault), whatever its time."""
        sim = self.model.sim
        upcoming = sim.next_time()
        if upcoming is None or upcoming > MAX_TIME_MS:
            return
        if sim.processed >= MAX_EVENTS:
            raise ValueError(f"this run reached {MAX_EVENTS:,} events, the most a diagram runs: reset it")
        sim.step()
        self.clock = sim.now
        self.horizon = max(self.horizon, self.clock)
        self._catch_up(self.clock)

    def seek(self, time: int) -> None:
        """Go to virtual time `time` by replaying the scenario and the reader's actions up to it."""
        self._rebuild()
        self.advance_to(time)

    def act(self, action: dict[str, Any]) -> None:
        """Apply a reader's action now; in the past, the remembered actions after now are forgotten."""
        step = {"kind": action.get("kind"), "args": dict(action.get("args") or {})}
        _check_action(self.model, step)
        if self._applied >= MAX_ACTIONS:
            raise ValueError(f"a session remembers at most {MAX_ACTIONS} actions: reset it to go on")
        processed = self.model.sim.processed
        self.model.act(step)  # raises ValueError on a bad action, before anything is remembered
        if self._applied < len(self.log) or self.horizon > self.clock:
            del self.log[self._applied :]
            self.horizon = self.clock
        self.log.append((processed, self.clock, step))
        self._applied += 1

    # Pictures --------------------------------------------------------------------------------------------------

    def _timeline_marks(self) -> list[TraceEvent]:
        events = self.model.trace.events
        for event in events[self._scanned :]:
            if event["kind"] in ("crash", "restart", "partition", "heal") or (
                event["kind"] == "state" and event.get("change") == "role"
            ):
                self._marks.append(event)
        self._scanned = len(events)
        return self._marks

    def _window(self, start: int, end: int) -> list[TraceEvent]:
        events = self.model.trace.events
        low = bisect.bisect_left(events, start - LONGEST_FLIGHT_MS, key=lambda e: e["time"])
        high = bisect.bisect_right(events, end, key=lambda e: e["time"])
        return events[low:high]

    def frame(self, window: int | None = None) -> dict[str, Any]:
        """Everything the page draws now: three SVG pictures, the nodes, the buttons, the result and recent events.

        The sequence diagram shows the last `window` ms (default: the scenario's `window`).
        """
        window = self.scenario.window if window is None else window
        model = self.model
        model.check_now()
        network = model.network
        view = model.view()
        for node in view["nodes"]:
            node["up"] = network.is_up(node["name"])
            if not node["up"]:
                node["role"] = "down"
        groups = network.partition_groups()
        start = max(0, self.clock - window)
        hide = model.routine if self.hide_routine else None
        result = model.result()
        recent = self._window(max(0, self.clock - 2000), self.clock)[-12:]
        return {
            "time": self.clock,
            "horizon": max(self.horizon, self.clock),
            "max_time": MAX_TIME_MS,
            "events": model.sim.processed,
            "cluster": cluster_svg(view, network.in_flight.values(), groups, self.clock, hide),
            "sequence": sequence_svg(self._window(start, self.clock), model.names, start, self.clock, hide=hide),
            "hides_routine": self.hide_routine,
            "timeline": timeline_svg(
                self._timeline_marks(), model.names, max(self.horizon, self.clock), self.clock, self.initial_roles
            ),
            "nodes": [{"name": n["name"], "up": n["up"], "role": n["role"]} for n in view["nodes"]],
            "partitioned": len(groups) > 1,
            "actions": [action.to_dict() for action in model.client_actions()],
            "summary": result.summary(),
            "violation": None
            if result.violation is None
            else {"prop": result.violation.prop, "time": result.violation.time, "detail": result.violation.detail},
            "recent": [describe(event) for event in recent],
        }


def recorded_pictures(scenario: Scenario) -> dict[str, str]:
    """The build-time pictures of a scenario: its cluster at `until`, the last stretch of messages, the timeline."""
    session = Session(scenario)
    session.advance_to(scenario.until)
    frame = session.frame(window=min(max(MAX_SEQUENCE_MS, scenario.window), max(1, scenario.until)))
    return {key: frame[key] for key in ("cluster", "sequence", "timeline", "summary")}


def describe(event: TraceEvent) -> str:
    """One trace event as a line of text for the page's event list."""
    time, kind, node = event["time"], event["kind"], event.get("node")
    if kind in ("send", "deliver", "drop"):
        msg = event.get("msg", {})
        fields = " ".join(f"{k}={v}" for k, v in sorted(msg.items()) if k != "type" and not isinstance(v, list | dict))
        verb = {"send": "sends", "deliver": "delivers", "drop": "drops"}[kind]
        reason = f" ({event.get('reason')})" if kind == "drop" else ""
        route = f"{event['src']}→{event['dst']}"
        return f"{time} ms {verb} {msg.get('type')} [{message_label(msg)}] {route}{reason} {fields}"
    if kind == "state":
        return f"{time} ms {node}: {state_label(event)}"
    if kind == "partition":
        return f"{time} ms partition {groups_text(event.get('groups', []))}"
    if kind == "heal":
        return f"{time} ms partition healed"
    return f"{time} ms {kind} {node}"


_SESSIONS: dict[str, Session] = {}


def handle(request: dict[str, Any]) -> dict[str, Any]:
    """The page's entry point (called in the browser's Python worker): one request in, one frame out.

    `request` has `op` and `id` (the diagram's id on the page) and, by op: `open` (`scenario`: a fence body as a
    dict; starts at the scenario's `until`), `advance` (`to`: ms), `step`, `act` (`action`: `{kind, args}`), `seek`
    (`to`), `reset` (back to the scenario at its `until`, forgetting the reader's actions), `view`
    (`hide_routine`: leave heartbeats out of the pictures) and `frame`. An invalid
    request returns `{"error": message}` and leaves the session as it was.
    """
    op = request.get("op")
    key = str(request.get("id", ""))
    try:
        if op == "open":
            session = Session(Scenario.from_dict(request.get("scenario")))
            session.advance_to(int(request.get("to", session.scenario.until)))
            _SESSIONS[key] = session
        else:
            session = _SESSIONS.get(key)
            if session is None:
                return {"error": f"no open diagram {key!r}"}
            if op == "advance":
                session.advance_to(int(request["to"]))
            elif op == "step":
                session.step()
            elif op == "act":
                session.act(dict(request["action"]))
            elif op == "seek":
                session.seek(int(request["to"]))
            elif op == "view":
                session.hide_routine = bool(request.get("hide_routine"))
            elif op == "reset":
                hide = session.hide_routine
                _SESSIONS[key] = session = Session(session.scenario)
                session.hide_routine = hide
                session.advance_to(session.scenario.until)
            elif op != "frame":
                return {"error": f"unknown op {op!r}"}
        return session.frame()
    except (ValueError, KeyError, TypeError) as error:
        return {"error": str(error)}
