"""The `sim` fence: an interactive, steppable diagram of a simulated model, with its recorded picture.

A page writes a fence whose language is `sim` and whose body is YAML describing a `syslab.sim.session.Scenario`
(model, seed, nodes, faults, variant, options, workload, until, actions, caption). At build time the scenario runs in
CPython and its three pictures (the cluster at `until`, the messages of the last stretch, the per-node timeline) are
written into the page, so the diagram is there without JavaScript. In the browser `sim.mjs` opens the same scenario
in the Python worker (`syslab.sim.session.handle`) and takes over: step, play/pause, speed, a time slider, crash,
restart, partition and heal, and the model's own client buttons. A bad body fails the build naming the page.
"""

from __future__ import annotations

import hashlib
import json
from html import escape

import yaml

from syslab.sim.registry import model_class
from syslab.sim.session import Scenario, recorded_pictures
from syslab.site import state

SPEEDS = (("0.05", "1/20x"), ("0.1", "1/10x"), ("0.25", "1/4x"), ("0.5", "1/2x"), ("1", "1x"))
DEFAULT_SPEED = "0.1"


def parse_scenario(source: str) -> Scenario:
    """Parse and validate a `sim` fence body; raise ValueError saying what is wrong."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise ValueError(f"the body is not valid YAML: {error}") from None
    return Scenario.from_dict(data)


def _button(action: str, label: str, title: str, extra: str = "") -> str:
    return (
        f'<button type="button" class="sl-run__btn" data-sim-action="{action}" title="{escape(title)}"{extra}>'
        f"{escape(label)}</button>"
    )


def render_sim(source: str) -> str:
    """The diagram's HTML: the scenario as JSON, the controls, and the recorded pictures."""
    scenario = parse_scenario(source)
    pictures = recorded_pictures(scenario)
    body = json.dumps(yaml.safe_load(source), sort_keys=True, default=str)
    # The id names the diagram's session in the Python worker: unique on the page even for two identical fences.
    diagram_id = f"sim-{state.next_id('sim')}-" + hashlib.sha256(body.encode()).hexdigest()[:10]
    speeds = "".join(
        f'<option value="{value}"{" selected" if value == DEFAULT_SPEED else ""}>{label}</option>'
        for value, label in SPEEDS
    )
    controls = (
        '<div class="sl-sim__controls" data-sim-controls hidden>'
        + _button("play", "Play", "Play or pause (virtual time runs at the chosen speed)")
        + _button("step", "Step", "Run the next event: one delivery, timer or fault")
        + _button("reset", "Reset", "Back to the scenario as written")
        + '<label class="sl-sim__speed">Speed <select data-sim-speed>'
        + speeds
        + "</select></label>"
        + '<label class="sl-sim__slider">Time <input type="range" min="0" step="1" value="0" data-sim-slider '
        'aria-label="Virtual time in milliseconds"></label>'
        + '<output data-sim-time aria-live="off">0 ms</output>'
        + (
            '<label class="sl-sim__hide"><input type="checkbox" data-sim-hide-routine> Hide heartbeats</label>'
            if model_class(scenario.model).has_routine_messages()
            else ""
        )
        + "</div>"
        + '<div class="sl-sim__controls" data-sim-faults hidden>'
        + '<span class="sl-sim__hint">Click a node name to select it, then:</span>'
        + '<span data-sim-nodes class="sl-sim__nodes"></span>'
        + _button("crash", "Crash", "Crash the selected nodes")
        + _button("restart", "Restart", "Restart the selected nodes (durable state survives)")
        + (
            _button(
                "restart-empty", "Restart with empty disk", "Restart the selected nodes without their durable state"
            )
            if model_class(scenario.model).can_lose_disks()
            else ""
        )
        + _button("partition", "Partition", "Cut the selected nodes off from the others")
        + _button("heal", "Heal", "End the partition")
        + '<span data-sim-client class="sl-sim__client"></span>'
        + "</div>"
    )
    caption = f"<figcaption>{escape(scenario.caption)}</figcaption>" if scenario.caption else ""
    scenario_json = body.replace("<", "\\u003c")
    return (
        f'<figure class="sl-sim" data-sim id="{diagram_id}" data-sim-model="{escape(scenario.model)}"'
        f' data-sim-state="recorded">'
        f'<script type="application/json" data-sim-scenario>{scenario_json}</script>'
        f"{controls}"
        '<div class="sl-sim__views" data-search-exclude>'
        f'<div class="sl-sim__view sl-sim__cluster" data-sim-view="cluster">{pictures["cluster"]}</div>'
        '<div class="sl-sim__side">'
        '<details class="sl-sim__panel" open><summary>Messages, most recent last</summary>'
        f'<div class="sl-sim__view" data-sim-view="sequence">{pictures["sequence"]}</div></details>'
        '<details class="sl-sim__panel"><summary>Recent events</summary>'
        '<ol class="sl-sim__recent" data-sim-recent></ol></details>'
        "</div>"
        f'<div class="sl-sim__view sl-sim__timeline" data-sim-view="timeline">{pictures["timeline"]}</div>'
        "</div>"
        f'<p class="sl-sim__status" data-sim-status aria-live="polite">{escape(pictures["summary"])}</p>'
        f"{caption}</figure>"
    )
