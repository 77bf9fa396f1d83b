"""The discrete-event simulator: a virtual clock and a queue of pending actions.

Nothing in a simulation waits for real time. Every future happening (a message arriving, a timer firing, a fault
starting) is an *action* scheduled at a virtual time in whole milliseconds. The loop repeatedly takes the earliest
action, moves the clock to its time and runs it; the action may schedule more actions. Two actions at the same
millisecond run in the order they were scheduled, because each gets an increasing sequence number and the queue is
ordered by the pair (time, sequence number). Together with a single seeded `random.Random`, this makes a run a
pure function of its seed.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field

Action = Callable[[], None]


@dataclass(order=True)
class _Pending:
    """An action waiting in the queue; ordered by (time, seq) only."""

    time: int
    seq: int
    action: Action = field(compare=False)


class Simulator:
    """A virtual clock, a seeded random source and a priority queue of actions.

    Attributes:
        now: the current virtual time in milliseconds (starts at 0).
        rng: the run's only random source; every model and fault draws from it, in event order.
        processed: how many actions have run so far.
    """

    def __init__(self, seed: int) -> None:
        """Create an empty simulation whose randomness is fixed by `seed`."""
        self.now = 0
        self.rng = random.Random(seed)
        self.processed = 0
        self._queue: list[_Pending] = []
        self._seq = 0

    def schedule(self, delay: int, action: Action) -> None:
        """Run `action` `delay` milliseconds from now (0 means after the actions already due now)."""
        if delay < 0:
            raise ValueError(f"delay must be >= 0, got {delay}")
        self._seq += 1
        heapq.heappush(self._queue, _Pending(self.now + int(delay), self._seq, action))

    def next_time(self) -> int | None:
        """Return the virtual time of the earliest pending action, or None when the queue is empty."""
        return self._queue[0].time if self._queue else None

    def advance_clock(self, time: int) -> None:
        """Move the clock forward to `time` without running anything (it may not pass a pending action)."""
        upcoming = self.next_time()
        if time < self.now or (upcoming is not None and time > upcoming):
            raise ValueError(f"cannot move the clock from {self.now} to {time} (next action at {upcoming})")
        self.now = time

    def pending(self) -> int:
        """Return the number of actions waiting in the queue."""
        return len(self._queue)

    def step(self) -> bool:
        """Run the earliest pending action; return False when the queue is empty."""
        if not self._queue:
            return False
        item = heapq.heappop(self._queue)
        self.now = item.time
        self.processed += 1
        item.action()
        return True

    def run(self, max_events: int | None = None, until: int | None = None) -> int:
        """Run actions until `max_events` have run in this call, the clock would pass `until`, or the queue empties.

        Returns the number of actions run by this call.
        """
        done = 0
        while self._queue and (max_events is None or done < max_events):
            if until is not None and self._queue[0].time > until:
                break
            self.step()
            done += 1
        return done
