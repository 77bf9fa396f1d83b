"""The trace: what happened in a run, as plain JSON-serialisable dictionaries.

Every event has `time` (virtual milliseconds), `kind` and `node` (or None for events about the whole network, such
as a partition), plus fields that depend on the kind:

- `send`, `deliver`, `drop`: `mid` (the message id, shared by a send and its deliveries or drop), `src`, `dst`,
  `msg` (the message dictionary) and, for drops, `reason` (`loss`, `partition`, `down`);
- `crash`, `restart`: `durable` on restart (whether durable state survived);
- `partition`: `groups` (sorted lists of node names); `heal`: nothing more;
- `state`: a model's state change, with `change` naming it (`role`, `term`, `commit`, `submit`, ...).

`Trace.to_json` writes the events with sorted keys, so two runs can be compared as strings.
"""

from __future__ import annotations

import json
from typing import Any

TraceEvent = dict[str, Any]


class Trace:
    """An append-only list of trace events, optionally disabled to save time and memory."""

    def __init__(self, enabled: bool = True) -> None:
        """Create an empty trace; when `enabled` is False, `record` only counts events."""
        self.enabled = enabled
        self.events: list[TraceEvent] = []
        self.count = 0

    def record(self, time: int, kind: str, node: str | None, **fields: Any) -> None:
        """Append one event; `fields` must be JSON-serialisable (numbers, strings, lists, dicts, None)."""
        self.count += 1
        if self.enabled:
            event: TraceEvent = {"time": time, "kind": kind, "node": node}
            event.update(fields)
            self.events.append(event)

    def to_json(self) -> str:
        """Return the events as a JSON array with sorted keys (one canonical string per run)."""
        return json.dumps(self.events, sort_keys=True, separators=(",", ":"))
