"""Pictures of a run as SVG: the cluster now, a message sequence diagram, and a per-node timeline.

The same functions draw the recorded picture at build time (CPython) and the live one in the reader's browser
(Pyodide), so the two cannot drift apart. Every picture is plain SVG made of a few element kinds (`svg`, `g`,
`rect`, `circle`, `line`, `path`, `polygon`, `text`, `title`) with `class` attributes for colours, so the page's
stylesheet themes it (light and dark) and the page's sanitizer (`sim.mjs`) can allow exactly these and nothing else.
All text is escaped here; nothing a model puts in a trace can become markup.

- `cluster_svg(view, flights, partition, now)`: the nodes on a circle with their role and state lines, the links
  between them (cut links dashed during a partition), and the messages in flight at their current position.
- `sequence_svg(events, names, start, end)`: one lifeline per node, time going down; each delivered message is an
  arrow from its send to its delivery, a dropped one ends in a cross; state changes and crashes are marked.
- `timeline_svg(events, names, end, now)`: one lane per node, time going right, coloured by role, grey while down,
  with partitions shaded.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from syslab.sim.network import Flight
from syslab.sim.trace import TraceEvent

FONT = 11
LABEL_CHARS = 24


def _attrs(attrs: dict[str, Any]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = f"{value:.1f}".rstrip("0").rstrip(".")
        parts.append(f" {key.rstrip('_').replace('_', '-')}={quoteattr(str(value))}")
    return "".join(parts)


def _el(tag: str, text: str | None = None, **attrs: Any) -> str:
    if text is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{escape(text)}</{tag}>"


def _svg(width: int, height: int, label: str, body: Iterable[str], kind: str) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' class="sl-sim-svg sl-sim-{kind}" role="img" aria-label={quoteattr(label)}>'
    )
    return head + _el("title", label) + "".join(body) + "</svg>"


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` cut to `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def groups_text(groups: Sequence[Sequence[str]]) -> str:
    """The sides of a partition as text: `{n1, n2} | {n3, n4, n5}`."""
    return " | ".join("{" + ", ".join(group) + "}" for group in groups)


def message_label(msg: dict[str, Any]) -> str:
    """A message's short name for pictures: the initials of its type (`request_vote` -> `RV`)."""
    kind = str(msg.get("type", "?"))
    return "".join(word[:1].upper() for word in kind.split("_") if word) or "?"


def state_label(event: TraceEvent) -> str:
    """What a `state` event says in a picture: its `label`, or its change and role/term."""
    if "label" in event:
        return short(str(event["label"]))
    change = str(event.get("change", "state"))
    if change == "role" and "role" in event:
        term = f" t{event['term']}" if "term" in event else ""
        return short(f"{event['role']}{term}")
    return short(change)


def _role_class(role: Any) -> str:
    word = "".join(ch if ch.isalnum() else "-" for ch in str(role).lower())
    return f"sl-role-{word or 'node'}"


# The cluster now --------------------------------------------------------------------------------------------------

CLUSTER_W, CLUSTER_H = 640, 440
NODE_R = 30


def node_positions(names: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Where each node sits in the cluster picture: on a circle, the first at the top, clockwise."""
    cx, cy, radius = CLUSTER_W / 2, CLUSTER_H / 2 - 20, 150
    count = max(1, len(names))
    return {
        name: (cx + radius * math.sin(2 * math.pi * i / count), cy - radius * math.cos(2 * math.pi * i / count))
        for i, name in enumerate(names)
    }


def cluster_svg(
    view: dict[str, Any],
    flights: Iterable[Flight],
    partition: list[list[str]],
    now: int,
    hide: Callable[[dict[str, Any]], bool] | None = None,
) -> str:
    """Draw the cluster at virtual time `now` from a model's `view()`, the network's messages in flight and sides.

    Messages for which `hide(msg)` is true (routine heartbeats, when the reader asks) are not drawn.
    """
    nodes = view["nodes"]
    names = [node["name"] for node in nodes]
    pos = node_positions(names)
    side = {name: i for i, group in enumerate(partition) for name in group}
    body: list[str] = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            cut = side.get(a, 0) != side.get(b, 0)
            (x1, y1), (x2, y2) = pos[a], pos[b]
            body.append(_el("line", x1=x1, y1=y1, x2=x2, y2=y2, class_="sl-link-cut" if cut else "sl-link"))
    for flight in sorted(flights, key=lambda f: (f.arrives, f.mid)):
        if flight.src not in pos or flight.dst not in pos or (hide is not None and hide(flight.msg)):
            continue
        span = max(1, flight.arrives - flight.sent)
        frac = min(1.0, max(0.0, (now - flight.sent) / span))
        (x1, y1), (x2, y2) = pos[flight.src], pos[flight.dst]
        x, y = x1 + (x2 - x1) * frac, y1 + (y2 - y1) * frac
        kind = str(flight.msg.get("type", "msg"))
        tip = f"{kind} {flight.src}→{flight.dst}, sent {flight.sent} ms, arrives {flight.arrives} ms"
        body.append(
            f'<g class="sl-msg {_role_class(kind).replace("sl-role-", "sl-msg-")}">'
            + _el("title", tip)
            + _el("circle", cx=x, cy=y, r=8)
            + _el("text", message_label(flight.msg), x=x, y=y + 3.5, text_anchor="middle")
            + "</g>"
        )
    for node in nodes:
        name = node["name"]
        x, y = pos[name]
        up = node.get("up", True)
        role = node.get("role", "node") if up else "down"
        parts = [_el("title", f"{name}: {role}")]
        timer = node.get("timer")
        if up and timer and timer[1] > timer[0]:
            left = min(1.0, max(0.0, (timer[1] - now) / (timer[1] - timer[0])))
            parts.append(_arc(x, y, NODE_R + 5, left))
        parts.append(_el("circle", cx=x, cy=y, r=NODE_R, class_="sl-node-body"))
        parts.append(_el("text", name, x=x, y=y - 2, text_anchor="middle", class_="sl-node-name"))
        parts.append(_el("text", role, x=x, y=y + 12, text_anchor="middle", class_="sl-node-role"))
        for k, line in enumerate(node.get("lines", [])[:4]):
            parts.append(_el("text", short(str(line), 34), x=x, y=y + NODE_R + 15 + k * 13, text_anchor="middle"))
        body.append(
            f'<g class="sl-node {_role_class(role)}"{_attrs({"data-node": name, "data-role": role})}>'
            + "".join(parts)
            + "</g>"
        )
    notes = [f"t = {now} ms", *[str(note) for note in view.get("notes", [])]]
    if len(partition) > 1:
        notes.append("partition: " + groups_text(partition))
    for k, note in enumerate(notes[:5]):
        body.append(_el("text", short(note, 90), x=10, y=18 + k * 15, class_="sl-note"))
    return _svg(CLUSTER_W, CLUSTER_H, f"The cluster at {now} ms", body, "cluster")


def _arc(cx: float, cy: float, r: float, fraction: float) -> str:
    """A ring around a node showing how much of its election timeout is left (full ring: all of it)."""
    if fraction >= 0.999:
        return _el("circle", cx=cx, cy=cy, r=r, class_="sl-timer")
    if fraction <= 0.001:
        return ""
    angle = 2 * math.pi * fraction
    x, y = cx + r * math.sin(angle), cy - r * math.cos(angle)
    large = 1 if fraction > 0.5 else 0
    d = f"M {cx:.1f} {cy - r:.1f} A {r:.1f} {r:.1f} 0 {large} 1 {x:.1f} {y:.1f}"
    return _el("path", d=d, class_="sl-timer")


# Message sequence diagram ------------------------------------------------------------------------------------------

SEQ_COL = 96
SEQ_TOP = 40
SEQ_LEFT = 60
MAX_PX_PER_MS = 12
MAX_MARKS = 600
"""The most arrows and marks one sequence diagram draws (the latest ones); a busier window says what it left out."""


def sequence_svg(
    events: Sequence[TraceEvent],
    names: Sequence[str],
    start: int,
    end: int,
    *,
    max_height: int = 640,
    hide: Callable[[dict[str, Any]], bool] | None = None,
) -> str:
    """Draw the messages and state changes between virtual times `start` and `end` as a sequence diagram.

    Messages for which `hide(msg)` is true are left out (routine heartbeats, when the reader asks).

    Time goes down, at most `max_height` pixels for the whole window. A message sent before `start` and delivered
    inside the window starts at the top edge.
    """
    span = max(1, end - start)
    scale = min(MAX_PX_PER_MS, (max_height - SEQ_TOP - 20) / span)
    height = int(SEQ_TOP + span * scale + 20)
    width = SEQ_LEFT + SEQ_COL * len(names)
    col = {name: SEQ_LEFT + SEQ_COL * i + SEQ_COL / 2 for i, name in enumerate(names)}

    def y_of(t: int) -> float:
        return SEQ_TOP + (min(max(t, start), end) - start) * scale

    body: list[str] = []
    for tick in _ticks(start, end):
        y = y_of(tick)
        body.append(_el("line", x1=SEQ_LEFT - 6, y1=y, x2=width, y2=y, class_="sl-grid"))
        body.append(_el("text", f"{tick} ms", x=SEQ_LEFT - 8, y=y + 4, text_anchor="end", class_="sl-tick"))
    for name in names:
        x = col[name]
        body.append(_el("text", name, x=x, y=SEQ_TOP - 16, text_anchor="middle", class_="sl-node-name"))
    for lane in _down_spans(events, names, end):
        name, a, b = lane
        if b < start or a > end:
            continue
        x = col[name]
        body.append(_el("line", x1=x, y1=y_of(a), x2=x, y2=y_of(b), class_="sl-lifeline-down"))
    for name in names:
        x = col[name]
        body.append(_el("line", x1=x, y1=SEQ_TOP - 8, x2=x, y2=height - 10, class_="sl-lifeline"))
    sends: dict[int, TraceEvent] = {}
    if hide is not None:
        events = [e for e in events if e["kind"] not in ("send", "deliver", "drop") or not hide(e["msg"])]
    marks = [i for i, e in enumerate(events) if e["kind"] != "send" and start <= e["time"] <= end]
    skipped = max(0, len(marks) - MAX_MARKS)
    first = marks[skipped] if marks else len(events)
    if skipped:
        note = f"{skipped} earlier events in this window are not drawn"
        body.append(_el("text", note, x=SEQ_LEFT, y=SEQ_TOP - 30, class_="sl-tick"))
    for i, event in enumerate(events):
        kind = event["kind"]
        t = event["time"]
        if kind == "send":
            sends[event["mid"]] = event
            continue
        if i < first or t < start or t > end:
            continue
        if kind in ("deliver", "drop"):
            sent = sends.get(event["mid"])
            src, dst = event["src"], event["dst"]
            if src not in col or dst not in col:
                continue
            t0 = sent["time"] if sent else start
            body.append(_arrow(col[src], y_of(t0), col[dst], y_of(t), event, kind == "drop"))
        elif kind == "state" and event.get("node") in col:
            x, y = col[event["node"]], y_of(t)
            label = state_label(event)
            cls = f"sl-state {_role_class(event.get('role', event.get('change', 'state')))}"
            body.append(
                f'<g class="{cls}">'
                + _el("title", f"{t} ms {event['node']}: {label}")
                + _el("circle", cx=x, cy=y, r=3.5)
                + _el("text", label, x=x + 6, y=y + 4)
                + "</g>"
            )
        elif kind in ("crash", "restart") and event.get("node") in col:
            x, y = col[event["node"]], y_of(t)
            body.append(_el("text", f"{kind} {event['node']}", x=x + 6, y=y + 4, class_=f"sl-{kind}"))
            body.append(_el("rect", x=x - 5, y=y - 2, width=10, height=4, class_=f"sl-{kind}"))
        elif kind == "partition":
            groups = groups_text(event.get("groups", []))
            body.append(_el("line", x1=SEQ_LEFT, y1=y_of(t), x2=width, y2=y_of(t), class_="sl-partition-mark"))
            body.append(_el("text", f"partition {groups}", x=width - 4, y=y_of(t) - 3, text_anchor="end"))
        elif kind == "heal":
            body.append(_el("line", x1=SEQ_LEFT, y1=y_of(t), x2=width, y2=y_of(t), class_="sl-heal-mark"))
            body.append(_el("text", "heal", x=width - 4, y=y_of(t) - 3, text_anchor="end"))
    label = f"Messages between {start} and {end} ms"
    return _svg(width, height, label, body, "sequence")


def _arrow(x1: float, y1: float, x2: float, y2: float, event: TraceEvent, dropped: bool) -> str:
    msg = event.get("msg", {})
    kind = str(msg.get("type", "msg"))
    label = message_label(msg)
    reason = f" dropped ({event.get('reason')})" if dropped else ""
    tip = f"{kind} {event['src']}→{event['dst']} #{event['mid']}{reason}"
    cls = f"sl-arrow {_role_class(kind).replace('sl-role-', 'sl-msg-')}" + (" sl-dropped" if dropped else "")
    if dropped and event.get("reason") != "down":
        x2, y2 = x1 + (x2 - x1) * 0.45, y1 + (y2 - y1) * 0.45 + 6  # lost on the way: stop halfway
    parts = [_el("title", tip), _el("line", x1=x1, y1=y1, x2=x2, y2=y2)]
    if dropped:
        parts.append(
            _el(
                "path",
                d=f"M {x2 - 4:.1f} {y2 - 4:.1f} L {x2 + 4:.1f} {y2 + 4:.1f} M {x2 - 4:.1f} "
                f"{y2 + 4:.1f} L {x2 + 4:.1f} {y2 - 4:.1f}",
                class_="sl-cross",
            )
        )
    else:
        angle = math.atan2(y2 - y1, x2 - x1)
        a1, a2 = angle + 2.7, angle - 2.7
        points = f"{x2:.1f},{y2:.1f} {x2 + 7 * math.cos(a1):.1f},{y2 + 7 * math.sin(a1):.1f} " + (
            f"{x2 + 7 * math.cos(a2):.1f},{y2 + 7 * math.sin(a2):.1f}"
        )
        parts.append(_el("polygon", points=points))
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    parts.append(_el("text", label, x=mx, y=my - 3, text_anchor="middle"))
    return f'<g class="{cls}">' + "".join(parts) + "</g>"


def _ticks(start: int, end: int) -> list[int]:
    span = max(1, end - start)
    step = next(s for s in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 60_000, 10**9) if span / s <= 10)
    first = (start + step - 1) // step * step
    return list(range(first, end + 1, step))


def _down_spans(events: Sequence[TraceEvent], names: Sequence[str], end: int) -> list[tuple[str, int, int]]:
    """(node, from, to) for every period a node was down, closing open periods at `end`."""
    since: dict[str, int] = {}
    spans = []
    for event in events:
        node = event.get("node")
        if event["kind"] == "crash" and node in names:
            since[node] = event["time"]
        elif event["kind"] == "restart" and node in since:
            spans.append((node, since.pop(node), event["time"]))
    spans.extend((node, t, end) for node, t in sorted(since.items()))
    return spans


# Per-node timeline -------------------------------------------------------------------------------------------------

LANE_H = 26
TL_LEFT = 50
TL_WIDTH = 760


def timeline_svg(
    events: Sequence[TraceEvent],
    names: Sequence[str],
    end: int,
    now: int | None = None,
    initial: dict[str, str] | None = None,
) -> str:
    """Draw each node's role over virtual time 0..`end` (grey while down; partitions shaded; `now` as a cursor).

    `initial` gives each node's role at time 0 (a model's `view()` before any event); a node's role after a restart
    is `up` until the model records a role.
    """
    end = max(1, end)
    scale = (TL_WIDTH - TL_LEFT - 10) / end
    height = 30 + LANE_H * len(names) + 24
    row = {name: 24 + LANE_H * i for i, name in enumerate(names)}

    def x_of(t: int) -> float:
        return TL_LEFT + min(max(t, 0), end) * scale

    body: list[str] = []
    open_partition: tuple[int, str] | None = None
    shaded: list[tuple[int, int, str]] = []
    for event in events:
        if event["kind"] == "partition":
            if open_partition:  # a new split replaces the current one without a heal in between
                shaded.append((open_partition[0], event["time"], open_partition[1]))
            groups = groups_text(event.get("groups", []))
            open_partition = (event["time"], groups)
        elif event["kind"] == "heal" and open_partition:
            shaded.append((open_partition[0], event["time"], open_partition[1]))
            open_partition = None
    if open_partition:
        shaded.append((open_partition[0], end, open_partition[1]))
    for a, b, groups in shaded:
        body.append(
            '<g class="sl-partition">'
            + _el("title", f"partition {groups} from {a} to {b} ms")
            + _el("rect", x=x_of(a), y=18, width=max(1.0, x_of(b) - x_of(a)), height=LANE_H * len(names) + 8)
            + "</g>"
        )
    roles: dict[str, tuple[int, str]] = {name: (0, (initial or {}).get(name, "node")) for name in names}
    segments: list[tuple[str, int, int, str]] = []
    for event in events:
        node = event.get("node")
        if node not in row:
            continue
        if event["kind"] == "state" and event.get("change") == "role":
            since, role = roles[node]
            segments.append((node, since, event["time"], role))
            roles[node] = (event["time"], str(event.get("role")))
        elif event["kind"] == "crash":
            since, role = roles[node]
            segments.append((node, since, event["time"], role))
            roles[node] = (event["time"], "down")
        elif event["kind"] == "restart":
            since, role = roles[node]
            segments.append((node, since, event["time"], role))
            roles[node] = (event["time"], "up")
    for node, (since, role) in roles.items():
        segments.append((node, since, end, role))
    for node, a, b, role in segments:
        if b <= a:
            continue
        y = row[node]
        body.append(
            f'<g class="sl-segment {_role_class(role)}">'
            + _el("title", f"{node} {role} from {a} to {b} ms")
            + _el("rect", x=x_of(a), y=y, width=max(1.0, x_of(b) - x_of(a)), height=LANE_H - 8)
            + "</g>"
        )
    for name in names:
        body.append(_el("text", name, x=TL_LEFT - 8, y=row[name] + 13, text_anchor="end", class_="sl-node-name"))
    axis_y = 24 + LANE_H * len(names) + 4
    for tick in _ticks(0, end):
        body.append(_el("line", x1=x_of(tick), y1=axis_y, x2=x_of(tick), y2=axis_y + 4, class_="sl-grid"))
        body.append(_el("text", f"{tick}", x=x_of(tick), y=axis_y + 16, text_anchor="middle", class_="sl-tick"))
    if now is not None:
        body.append(_el("line", x1=x_of(now), y1=16, x2=x_of(now), y2=axis_y, class_="sl-cursor"))
    legend = sorted({role for _, _, _, role in segments})
    body.append(_el("text", "roles: " + ", ".join(legend) + " (ms)", x=TL_LEFT, y=12, class_="sl-tick"))
    return _svg(TL_WIDTH, height, f"Roles of each node from 0 to {end} ms", body, "timeline")
