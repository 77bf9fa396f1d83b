"""Single-decree Paxos: proposers, acceptors and learners agreeing on one value, on the simulated network.

How the model works, in brief (Lamport's "Paxos Made Simple" has the algorithm):

- **Roles.** Every node is an acceptor and a learner. Nodes n1 ... nP (option `proposers`, default 2) are also
  proposers, each with a value of its own: n1 proposes `A`, n2 proposes `B`, and so on.
- **Ballots.** A ballot is a pair (round, proposer index), shown as `3.n1`. Pairs compare by round first and then by
  proposer, so two proposers never use the same ballot. A proposer starts a ballot with a round above every round it
  has seen, and its own acceptor promises the new ballot (durably) before anything is sent: a restarted proposer,
  which has forgotten its rounds, still never reuses a ballot.
- **Phase 1.** The proposer sends `prepare` (b) to every acceptor. An acceptor that has not promised a higher ballot
  promises b (durably) and replies `prepare_ok` (the promise) with the ballot and value it last accepted, if any;
  otherwise it replies `nack` carrying the higher ballot it promised.
- **Phase 2.** With promises from a majority, the proposer must propose the value of the highest-ballot proposal
  reported in those promises, and its own value only when none reported one. It sends `accept` (b, v). An acceptor
  that has not promised a higher ballot accepts: it stores (b, v) durably and tells every learner (the proposer
  included) with `accept_ok` (b, v); otherwise it replies `nack`.
- **Learning.** A learner learns v once a majority of acceptors have told it that they accepted the same ballot with
  value v. A proposer is done when a majority accepted its own ballot.
- **Retries.** A nack, or no outcome within 100 ms, makes the proposer abandon its ballot and retry with a higher
  round after a randomized backoff whose window doubles with each failure (20, 40, 80 ... 640 ms). With option
  `backoff="none"` it retries at once, which shows the dueling-proposers livelock.
- **Crashes.** An acceptor's promised ballot, accepted ballot and accepted value are durable. A proposer's state (its
  ballot, the promises it collected, the value it is pushing) and a learner's tallies are volatile.
- **Clients.** The workload starts every proposer within the first 5 ms, so they duel, and then every 1-3 s asks a
  random idle proposer to propose its value again. A late proposer must discover and adopt the value already chosen:
  that keeps exercising the safety argument for the whole run.

Checked properties (`PaxosChecker`):

- `agreement`: at most one value is chosen, where chosen means accepted by a majority of acceptors in the same
  ballot (computed globally from every acceptor's accepts), and no two learners learn different values.
- `validity`: a chosen or learned value is one that some proposer proposed.
- `promise-kept`: an acceptor never accepts a ballot lower than one it promised (the checker remembers every promise,
  even one the acceptor itself forgot).

Broken variants, for showing that the checkers can fail:

- `ignore-accepted`: a proposer ignores the values reported in promises and always proposes its own, so a later
  ballot can choose a second value.
- `forgetful-acceptor`: an acceptor's promise and accepted proposal are lost when it restarts (kept in memory only),
  so a majority that no longer remembers the chosen value can let a later proposer choose another one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from syslab.sim.model import Broken, ClientAction, Model
from syslab.sim.network import Message

Ballot = tuple[int, int]
"""A ballot: (round, proposer index); n1 has index 1. `(0, 0)` means none."""

NO_BALLOT: Ballot = (0, 0)
PROPERTIES = ("agreement", "validity", "promise-kept")
VARIANTS = ("correct", "ignore-accepted", "forgetful-acceptor")
PHASE_TIMEOUT_MS = 100
BACKOFF_BASE_MS = 20
BACKOFF_MAX_DOUBLINGS = 5
START_JITTER_MS = 5
CLIENT_INTERVAL_MS = (1000, 3000)


def ballot_text(ballot: Ballot, names: list[str]) -> str:
    """Show a ballot as `round.proposer` (`3.n1`), or `-` for none; messages carry ballots in this form."""
    if ballot == NO_BALLOT:
        return "-"
    return f"{ballot[0]}.{names[ballot[1] - 1]}"


def parse_ballot(text: str, index_of: dict[str, int]) -> Ballot:
    """Read a ballot written by `ballot_text`; `index_of` maps node names to their 1-based index."""
    if text == "-":
        return NO_BALLOT
    round_, _, name = text.partition(".")
    return (int(round_), index_of[name])


def proposer_value(index: int) -> str:
    """The value proposer number `index` (1-based) proposes: `A`, `B`, ... then `v27`, `v28`, ..."""
    return chr(ord("A") + index - 1) if index <= 26 else f"v{index}"


class PaxosChecker:
    """Watches accepts, promises, proposals and learning, and reports violated properties to `fail`.

    It keeps its own record of what was chosen, per instance (`slot`; single-decree Paxos uses slot 0), from the
    acceptors' accepts: a value is chosen in a slot when a majority of acceptors accepted it in the same ballot.
    Multi-Paxos reuses it with one slot per log index. `fail(prop, detail)` is the model's `Model.fail`; every
    violation is also kept in `violations`, in order, so a test can see the later ones too.

    Args:
        fail: the model's `fail`.
        majority: how many acceptors form a majority.
        learn_prop: the property two learners learning different values breaks (`agreement`, or
            `learned-logs-agree` for a replicated log).
        check_promises: also check `promise-kept`.
        noop: a value that needs no proposer (Multi-Paxos's gap filler), or None.
        names: the node names, to show ballots as `3.n1` in violation details.
    """

    def __init__(
        self,
        fail: Callable[[str, str], None],
        majority: int,
        *,
        learn_prop: str = "agreement",
        check_promises: bool = True,
        noop: str | None = None,
        names: list[str] | None = None,
    ) -> None:
        """Start with nothing proposed, promised, accepted, chosen or learned."""
        self._fail = fail
        self.names = names
        self.majority = majority
        self.learn_prop = learn_prop
        self.check_promises = check_promises
        self.proposed: set[str] = set() if noop is None else {noop}
        self.promised: dict[str, Ballot] = {}
        self.votes: dict[tuple[int, Ballot, str], list[str]] = {}
        self.chosen: dict[int, tuple[str, Ballot]] = {}
        self.learned: dict[int, tuple[str, str]] = {}
        self.violations: list[tuple[str, str]] = []

    def _report(self, prop: str, detail: str) -> None:
        self.violations.append((prop, detail))
        self._fail(prop, detail)

    def _bt(self, ballot: Ballot) -> str:
        return ballot_text(ballot, self.names) if self.names else f"{ballot[0]}.{ballot[1]}"

    def on_propose(self, value: str) -> None:
        """A proposer put forward `value` as its own (the values that `validity` allows)."""
        self.proposed.add(value)

    def on_promise(self, acceptor: str, ballot: Ballot) -> None:
        """`acceptor` promised `ballot` (the checker remembers the highest promise even if the acceptor forgets)."""
        if ballot > self.promised.get(acceptor, NO_BALLOT):
            self.promised[acceptor] = ballot

    def on_accept(self, acceptor: str, ballot: Ballot, value: str, slot: int = 0) -> None:
        """`acceptor` accepted `value` in `ballot` for `slot`; check the promise and whether a value became chosen."""
        promised = self.promised.get(acceptor, NO_BALLOT)
        if self.check_promises and ballot < promised:
            self._report(
                "promise-kept", f"{acceptor} accepted ballot {self._bt(ballot)} after promising {self._bt(promised)}"
            )
        self.on_promise(acceptor, ballot)  # accepting b implies the promise not to accept anything below b
        voters = self.votes.setdefault((slot, ballot, value), [])
        if acceptor in voters:
            return
        voters.append(acceptor)
        if len(voters) != self.majority:
            return
        where = f" in slot {slot}" if slot else ""
        if value not in self.proposed:
            self._report("validity", f"{value!r} was chosen{where} but no proposer proposed it")
        known = self.chosen.get(slot)
        if known is None:
            self.chosen[slot] = (value, ballot)
        elif known[0] != value:
            self._report(
                "agreement",
                f"{value!r} chosen{where} in ballot {self._bt(ballot)} after {known[0]!r} was chosen in ballot "
                f"{self._bt(known[1])}",
            )

    def on_learn(self, learner: str, value: str, slot: int = 0) -> None:
        """`learner` learned that `value` is chosen (in `slot`)."""
        where = f" slot {slot}" if slot else ""
        if value not in self.proposed:
            self._report("validity", f"{learner} learned{where} {value!r}, which no proposer proposed")
        known = self.learned.get(slot)
        if known is None:
            self.learned[slot] = (learner, value)
        elif known[1] != value:
            self._report(self.learn_prop, f"{known[0]} learned{where} {known[1]!r} but {learner} learned {value!r}")
        chosen = self.chosen.get(slot)
        if chosen is not None and chosen[0] != value:
            self._report(self.learn_prop, f"{learner} learned{where} {value!r} but {chosen[0]!r} was chosen")

    @property
    def ok(self) -> bool:
        """True while no property has been violated."""
        return not self.violations


class BallotNode:
    """What every Paxos-family node shares: its name and index, ballots as text in messages, trace records, sends.

    `model` is the node's cluster (`PaxosCluster` or `syslab.sim.multipaxos.MultiPaxosCluster`); it holds the node
    names and the caches of ballot texts. `up` and `epoch` are the crash bookkeeping: a crash or restart bumps the
    epoch, and timers of an older epoch do nothing.
    """

    def __init__(self, name: str, index: int, model: Any) -> None:
        """Create the node's identity and crash bookkeeping."""
        self.name = name
        self.index = index
        self.model = model
        self.sim = model.sim
        self.up = True
        self.epoch = 0

    # Helpers -------------------------------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        """All node names, in order."""
        return self.model.names

    def bt(self, ballot: Ballot) -> str:
        """A ballot as text (`3.n1`)."""
        text = self.model.ballot_texts.get(ballot)
        if text is None:
            text = self.model.ballot_texts[ballot] = ballot_text(ballot, self.names)
        return text

    def parse(self, text: str) -> Ballot:
        """A ballot from its text in a message."""
        ballot = self.model.ballots_by_text.get(text)
        if ballot is None:
            ballot = self.model.ballots_by_text[text] = parse_ballot(text, self.model.index_of)
        return ballot

    def _record(self, change: str, label: str, **fields: Any) -> None:
        self.model.trace.record(self.sim.now, "state", self.name, change=change, label=label, **fields)

    def _send(self, dst: str, msg: Message) -> None:
        self.model.network.send(self.name, dst, msg)

    def _others(self) -> list[str]:
        return [n for n in self.names if n != self.name]


class PaxosNode(BallotNode):
    """One node: an acceptor and a learner, and a proposer if its index is at most the `proposers` option."""

    def __init__(self, name: str, index: int, model: PaxosCluster) -> None:
        """Create a node with nothing promised, accepted or learned."""
        super().__init__(name, index, model)
        self.is_proposer = index <= int(model.options["proposers"])
        self.value = proposer_value(index) if self.is_proposer else None
        self.forgot = False  # the acceptor state was just lost (shown in the restart's label)
        # Durable acceptor state (lost on restart only in the forgetful-acceptor variant).
        self.promised: Ballot = NO_BALLOT
        self.accepted_ballot: Ballot = NO_BALLOT
        self.accepted_value: str | None = None
        self._clear_volatile()

    def _clear_volatile(self) -> None:
        # Proposer.
        self.active = False
        self.phase = 0  # 0: waiting to (re)try, 1: collecting promises, 2: waiting for accepts
        self.ballot: Ballot = NO_BALLOT
        self.max_round_seen = 0
        self.promises: list[str] = []
        self.best: tuple[Ballot, str | None] = (NO_BALLOT, None)
        self.proposal: str | None = None
        self.failures = 0
        self.timer: tuple[int, int] | None = None  # (start, deadline) of the pending timeout or backoff, for view
        # Learner.
        self.learned: str | None = None
        self.tallies: dict[Ballot, tuple[str, list[str]]] = {}

    # Proposer -------------------------------------------------------------------------------------------------

    def propose(self) -> bool:
        """Start proposing this node's value; False if it is down, not a proposer, or already proposing."""
        if not self.up or not self.is_proposer or self.active:
            return False
        assert self.value is not None
        self.active = True
        self.failures = 0
        self.model.checker.on_propose(self.value)
        self._record("role", "proposer", role="proposer")
        self._new_ballot()
        return True

    def _new_ballot(self) -> None:
        """Phase 1: pick a ballot above every round seen, promise it locally, and send prepare to the others."""
        self.max_round_seen = max(self.max_round_seen, self.promised[0])
        self.ballot = (self.max_round_seen + 1, self.index)
        self.max_round_seen = self.ballot[0]
        self.phase = 1
        self.promises = []
        self.best = (NO_BALLOT, None)
        self.proposal = None
        self.model.ballots += 1
        self._record("prepare", f"prepare {self.bt(self.ballot)}", ballot=self.bt(self.ballot))
        self._arm_timer(PHASE_TIMEOUT_MS)
        msg = {"type": "prepare", "ballot": self.bt(self.ballot)}
        for peer in self._others():
            self._send(peer, msg)
        self._on_proposer_reply(self.name, self._acceptor_prepare(self.ballot))

    def _arm_timer(self, delay: int) -> None:
        epoch, ballot, phase = self.epoch, self.ballot, self.phase
        self.timer = (self.sim.now, self.sim.now + delay)
        self.sim.schedule(delay, lambda: self._timer_fired(epoch, ballot, phase))

    def _timer_fired(self, epoch: int, ballot: Ballot, phase: int) -> None:
        if epoch != self.epoch or not self.active or ballot != self.ballot or phase != self.phase:
            return
        if phase == 0:
            self._new_ballot()  # the backoff is over: try again
        else:
            self._record("timeout", f"timeout {self.bt(ballot)}")
            self._back_off()

    def _back_off(self) -> None:
        """Abandon the current ballot and retry after a randomized backoff (or at once, with backoff="none")."""
        self.phase = 0
        self.failures += 1
        if self.model.options["backoff"] == "none":
            delay = 0
        else:
            window = BACKOFF_BASE_MS << min(self.failures - 1, BACKOFF_MAX_DOUBLINGS)
            delay = self.sim.rng.randint(1, window)
        self._arm_timer(delay)

    def _on_proposer_reply(self, src: str, msg: Message) -> None:
        ballot = self.parse(msg["ballot"])
        if not self.active or ballot != self.ballot or self.phase == 0:
            return  # a late or duplicated reply to a ballot this proposer has left
        if msg["type"] == "nack":
            higher = self.parse(msg["promised"])
            self.max_round_seen = max(self.max_round_seen, higher[0])
            self._record("nack", f"nack: {self.bt(higher)}", ballot=self.bt(ballot), promised=self.bt(higher))
            self._back_off()
        elif msg["type"] == "prepare_ok" and self.phase == 1 and src not in self.promises:
            self.promises.append(src)
            reported = (self.parse(msg["accepted"]), msg["value"])
            if msg["value"] is not None and reported[0] > self.best[0]:
                self.best = reported
            if len(self.promises) >= self.model.majority:
                self._phase_two()

    def _phase_two(self) -> None:
        """Phase 2: propose the highest accepted value reported (or this node's own) to every acceptor."""
        assert self.value is not None
        adopt = self.best[1] is not None and self.model.variant != "ignore-accepted"
        self.proposal = self.best[1] if adopt else self.value
        self.phase = 2
        how = "adopt" if adopt else "propose"
        self._record("propose", f"{how} {self.proposal} @{self.bt(self.ballot)}", value=self.proposal)
        self._arm_timer(PHASE_TIMEOUT_MS)
        msg = {"type": "accept", "ballot": self.bt(self.ballot), "value": self.proposal}
        for peer in self._others():
            self._send(peer, msg)
        reply = self._acceptor_accept(self.ballot, self.proposal)
        if reply["type"] == "nack":
            self._on_proposer_reply(self.name, reply)

    def _finish(self) -> None:
        """A majority accepted this proposer's ballot: its proposal is chosen and it stops."""
        self.active = False
        self.phase = 0
        self.timer = None
        self._record("role", f"done: {self.proposal} chosen", role="acceptor")

    # Acceptor -------------------------------------------------------------------------------------------------

    def _acceptor_prepare(self, ballot: Ballot) -> Message:
        """Handle prepare(ballot); return the promise or nack to send back."""
        if ballot < self.promised:
            return {"type": "nack", "ballot": self.bt(ballot), "promised": self.bt(self.promised)}
        if ballot > self.promised:
            self.promised = ballot
            self._record("promise", f"promise {self.bt(ballot)}", ballot=self.bt(ballot))
        self.model.checker.on_promise(self.name, ballot)
        return {
            "type": "prepare_ok",
            "ballot": self.bt(ballot),
            "accepted": self.bt(self.accepted_ballot),
            "value": self.accepted_value,
        }

    def _acceptor_accept(self, ballot: Ballot, value: str) -> Message:
        """Handle accept(ballot, value): accept and tell every learner, or return a nack."""
        if ballot < self.promised:
            return {"type": "nack", "ballot": self.bt(ballot), "promised": self.bt(self.promised)}
        self.model.checker.on_accept(self.name, ballot, value)
        self.model.note_chosen()
        if (ballot, value) != (self.accepted_ballot, self.accepted_value):
            self._record("accept", f"accept {self.bt(ballot)}={value}", ballot=self.bt(ballot), value=value)
        self.promised = ballot
        self.accepted_ballot = ballot
        self.accepted_value = value
        msg = {"type": "accept_ok", "ballot": self.bt(ballot), "value": value}
        for peer in self._others():
            self._send(peer, msg)
        self._on_accepted(self.name, ballot, value)
        return msg

    # Learner --------------------------------------------------------------------------------------------------

    def _on_accepted(self, acceptor: str, ballot: Ballot, value: str) -> None:
        tally = self.tallies.setdefault(ballot, (value, []))
        if acceptor in tally[1]:
            return
        tally[1].append(acceptor)
        if len(tally[1]) != self.model.majority:
            return
        if self.learned != value:
            self._record("learn", f"learned {value}", value=value, ballot=self.bt(ballot))
        self.learned = value
        self.model.checker.on_learn(self.name, value)
        if self.active and ballot == self.ballot:
            self._finish()

    # Messages -------------------------------------------------------------------------------------------------

    def receive(self, src: str, msg: Message) -> None:
        """Handle a delivered message according to `msg["type"]`."""
        kind = msg["type"]
        ballot: Ballot = self.parse(msg["ballot"])
        if kind == "prepare":
            self._send(src, self._acceptor_prepare(ballot))
        elif kind == "accept":
            reply = self._acceptor_accept(ballot, msg["value"])
            if reply["type"] == "nack":
                self._send(src, reply)
        elif kind == "accept_ok":
            self._on_accepted(src, ballot, msg["value"])
        else:
            self._on_proposer_reply(src, msg)

    # Faults ---------------------------------------------------------------------------------------------------

    def crash(self) -> None:
        """Stop: timers die and proposer and learner state is lost (acceptor state stays)."""
        self.up = False
        self.epoch += 1
        self._clear_volatile()

    def forget(self) -> None:
        """Lose the acceptor state, as a restart without a disk does."""
        self.promised = NO_BALLOT
        self.accepted_ballot = NO_BALLOT
        self.accepted_value = None
        self.forgot = True

    def restart(self) -> None:
        """Come back with the durable acceptor state (none at all in the forgetful-acceptor variant)."""
        self.up = True
        self.epoch += 1
        if self.model.variant == "forgetful-acceptor":
            self.forget()
        if self.forgot:
            self.forgot = False
            self._record("role", "restart: forgot all", role="acceptor")
        else:
            self._record("role", f"restart: {self.bt(self.promised)}", role="acceptor")


class PaxosCluster(Model):
    """Single-decree Paxos on `nodes` nodes (default 5), with dueling proposers and a global safety checker."""

    name = "paxos"
    variants = VARIANTS
    properties = PROPERTIES
    default_nodes = 5
    check_steps = 5000
    option_help = "proposers: how many nodes propose (n1..nP); backoff: random (retry after a random wait) or none"
    option_defaults: ClassVar[dict[str, int | str]] = {"proposers": 2, "backoff": "random"}
    check_options: ClassVar[tuple[dict[str, int | str], ...]] = ({}, {"proposers": 3})
    broken = (
        Broken("ignore-accepted", "agreement", "none", seed=1, steps=500),
        Broken("forgetful-acceptor", "promise-kept", "chaos", seed=3, steps=5000),
        Broken("forgetful-acceptor", "agreement", "chaos", seed=28, steps=5000),
    )

    def setup(self) -> None:
        """Create the nodes and the safety checker."""
        if self.options["backoff"] not in ("random", "none"):
            raise ValueError("paxos option 'backoff' must be 'random' or 'none'")
        if not 1 <= int(self.options["proposers"]) <= len(self.names):
            raise ValueError(f"paxos option 'proposers' must be between 1 and {len(self.names)}")
        self.index_of = {name: i for i, name in enumerate(self.names, start=1)}
        self.ballot_texts: dict[Ballot, str] = {}  # caches: ballots travel as text (`3.n1`) in messages
        self.ballots_by_text: dict[str, Ballot] = {}
        self.checker = PaxosChecker(self.fail, self.majority, names=self.names)
        self.nodes = [PaxosNode(name, i, self) for i, name in enumerate(self.names, start=1)]
        self.add_nodes(self.nodes)
        self.ballots = 0
        self.ballots_to_choose = 0
        self.chosen_at = -1

    @property
    def proposers(self) -> list[PaxosNode]:
        """The nodes that propose (n1 ... nP)."""
        return [node for node in self.nodes if node.is_proposer]

    def start(self) -> None:
        """With the workload: every proposer starts within 5 ms (they duel), then a client request every 1-3 s."""
        if not self.workload:
            return
        for node in self.proposers:
            self.sim.schedule(self.sim.rng.randint(0, START_JITTER_MS), node.propose)
        self.sim.schedule(self.sim.rng.randint(*CLIENT_INTERVAL_MS), self._client)

    def _client(self) -> None:
        self.sim.rng.choice(self.proposers).propose()
        self.sim.schedule(self.sim.rng.randint(*CLIENT_INTERVAL_MS), self._client)

    def lose_disk(self, name: str) -> None:
        """Forget the node's acceptor state (promise and accepted proposal)."""
        self._by_name[name].forget()

    def note_chosen(self) -> None:
        """Remember when a value was first chosen and how many ballots it took (for `stats`)."""
        if self.chosen_at < 0 and 0 in self.checker.chosen:
            self.chosen_at = self.sim.now
            self.ballots_to_choose = self.ballots

    def stats(self) -> dict[str, int]:
        """Ballots started, whether a value is chosen, ballots started until then, when, and how many nodes know."""
        return {
            "ballots": self.ballots,
            "chosen": int(0 in self.checker.chosen),
            "ballots_to_choose": self.ballots_to_choose if self.chosen_at >= 0 else self.ballots,
            "chosen_at": self.chosen_at,
            "learned": sum(1 for node in self.nodes if node.learned is not None),
        }

    def view(self) -> dict[str, Any]:
        """Each node's role, promised and accepted ballots, what it learned, and a proposer's progress."""
        nodes = []
        for node in self.nodes:
            accepted = "-" if node.accepted_value is None else f"{node.bt(node.accepted_ballot)}={node.accepted_value}"
            lines = [f"promised {node.bt(node.promised)}", f"accepted {accepted}", f"learned {node.learned or '-'}"]
            if node.active and node.phase == 1:
                lines.append(f"{node.bt(node.ballot)}: {len(node.promises)} promises")
            elif node.active and node.phase == 2:
                lines.append(f"{node.bt(node.ballot)}: proposing {node.proposal}")
            elif node.active:
                lines.append(f"backing off ({node.failures} failed)")
            elif node.is_proposer:
                lines.append(f"proposer of {node.value}")
            entry: dict[str, Any] = {"name": node.name, "role": "proposer" if node.active else "acceptor"}
            entry["lines"] = lines
            if node.up and node.active and node.timer is not None:
                entry["timer"] = list(node.timer)
            nodes.append(entry)
        chosen = self.checker.chosen.get(0)
        notes = [
            "chosen: "
            + ("nothing yet" if chosen is None else f"{chosen[0]} in ballot {ballot_text(chosen[1], self.names)}"),
            f"ballots tried: {self.ballots}",
        ]
        return {"nodes": nodes, "notes": notes}

    def client_actions(self) -> list[ClientAction]:
        """One button per proposer: propose its value."""
        return [
            ClientAction("propose", f"Propose {node.value} via {node.name}", (("node", node.name),))
            for node in self.proposers
        ]

    def client_act(self, kind: str, args: dict[str, Any]) -> None:
        """Make a proposer propose its value (`propose`, `node`)."""
        if kind != "propose":
            super().client_act(kind, args)
        name = self._known(args.get("node", self.names[0]))
        self._by_name[name].propose()
