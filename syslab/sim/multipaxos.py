"""Multi-Paxos: a replicated log, with a stable leader running phase 1 once and phase 2 per slot.

How the model works, in brief (Lamport's "Paxos Made Simple", section 3, and "Paxos Made Live" describe it):

- **Roles.** Every node is an acceptor and a learner, and any node can become the leader (the distinguished
  proposer). The log is a sequence of slots 1, 2, 3 ...; each slot is one instance of Paxos, but all instances
  share one promised ballot per acceptor, so one phase 1 covers every future slot.
- **Ballots.** A ballot is (round, node index), shown as `3.n2`, and compares by round first. A node's own acceptor
  promises its new ballot (durably) before the node sends anything, so a restarted node never reuses a ballot.
- **Election (phase 1).** A node that hears nothing from a leader for a randomized 150-300 ms becomes a proposer: it
  picks a ballot above every round it has seen and sends prepare(b, from) to every acceptor, where `from` is the
  first slot it has not learned. An acceptor that has not promised a higher ballot promises b and replies
  `prepare_ok` with every proposal it accepted at slot `from` or later (slot, ballot, value); otherwise it replies
  `nack` with the ballot it promised. The proposer with
  promises from a majority is the leader of ballot b: the highest ballot wins, because any higher prepare makes the
  acceptors nack the lower one.
- **Recovery.** The new leader re-proposes, in its own ballot, the highest-ballot value reported for each slot it has
  not learned, and fills the slots that nobody reported (gaps below the highest reported slot) with `noop`. New
  client commands go after all of them.
- **Phase 2, per slot.** The leader sends `accept` (b, slot, command). An acceptor that has not promised a higher
  ballot stores (slot, b, command) durably and replies `accept_ok`; a majority of them for the leader's ballot means
  the command is chosen in that slot, and the leader learns it. Accepts unanswered after a heartbeat are resent.
- **Heartbeats and learning.** Every 50 ms the leader sends each node a `heartbeat` carrying the chosen commands
  from the first slot that node has not learned (up to 32); the `heartbeat_ok` reply says which slot it needs next.
  A heartbeat or accept of a ballot at least the promised one resets the node's leader timeout; one of a lower
  ballot gets a nack, and a nack (or a higher ballot seen in any message) makes a leader or proposer step down.
- **Crashes.** An acceptor's promised ballot and accepted proposals are durable, and so is each node's learned log
  (as a replica's state machine would be). The role, the leader's open slots and bookkeeping are volatile.
- **Clients.** A workload submits a numbered command every 50-150 ms to the node it believes leads; a node that does
  not lead refuses and names the node whose ballot it promised, which the client tries next.

Checked properties (`syslab.sim.paxos.PaxosChecker`, one Paxos instance per slot):

- `agreement`: at most one value is chosen in each slot (chosen: accepted by a majority in the same ballot, computed
  globally from every acceptor's accepts).
- `validity`: a chosen or learned value is a submitted command or `noop`.
- `learned-logs-agree`: no two learners' logs disagree at any slot.

Broken variant, for showing that the checkers can fail:

- `skip-recovery`: a new leader does not re-propose the values it learned about in phase 1; it puts fresh client
  commands into those slots, so a slot already chosen under the old leader can be chosen again with another command.
"""

from __future__ import annotations

from typing import Any

from syslab.sim.leader_client import LeaderClient
from syslab.sim.model import Broken, ClientAction, Model
from syslab.sim.network import Message
from syslab.sim.paxos import NO_BALLOT, Ballot, BallotNode, PaxosChecker
from syslab.sim.timers import start_deadline_timer

PROPERTIES = ("agreement", "validity", "learned-logs-agree")
VARIANTS = ("correct", "skip-recovery")
NOOP = "noop"
HEARTBEAT_MS = 50
LEADER_TIMEOUT_MS = (150, 300)
CLIENT_INTERVAL_MS = (50, 150)
BATCH = 32


class MultiPaxosNode(BallotNode):
    """One node: an acceptor, a learner with a log, and a proposer that may become the leader."""

    def __init__(self, name: str, index: int, model: MultiPaxosCluster) -> None:
        """Create an acceptor with nothing promised, accepted or learned."""
        super().__init__(name, index, model)
        # Durable state: survives crashes.
        self.promised: Ballot = NO_BALLOT
        self.accepted: dict[int, tuple[Ballot, str]] = {}
        self.last_accepted = 0  # the highest slot with an accepted proposal
        self.log: dict[int, str] = {}  # learned (chosen) commands by slot
        self.prefix = 0  # slots 1..prefix are all learned
        self.top_learned = 0
        # Volatile state.
        self.deadline = 0
        self._clear_volatile()

    def _clear_volatile(self) -> None:
        self.role = "acceptor"
        self.ballot: Ballot = NO_BALLOT
        self.max_round_seen = 0
        self.promises: list[str] = []
        self.reported: dict[int, tuple[Ballot, str]] = {}
        self.next_slot = 1
        self.open: dict[int, tuple[str, list[str], int]] = {}  # slot -> (command, acceptors that accepted, sent at)
        self.need: dict[str, int] = {}

    # Helpers -------------------------------------------------------------------------------------------------

    def reset_deadline(self) -> None:
        """Draw a new leader-timeout deadline, 150-300 ms from now."""
        self.deadline = self.sim.now + self.sim.rng.randint(*LEADER_TIMEOUT_MS)

    def leader_hint(self) -> str | None:
        """The node whose ballot this node promised (the leader it believes in), or None."""
        return None if self.promised == NO_BALLOT else self.names[self.promised[1] - 1]

    # Timers ---------------------------------------------------------------------------------------------------

    def start_timers(self) -> None:
        """Start the leader timeout for the current epoch (at boot and after a restart)."""
        start_deadline_timer(self, self._start_phase_one)

    def _heartbeat_timer(self, epoch: int, ballot: Ballot) -> None:
        if epoch != self.epoch or self.role != "leader" or ballot != self.ballot:
            return
        for peer in self._others():
            entries = []
            start = self.need.get(peer)
            if start is not None:
                entries = [
                    [s, self.log[s]] for s in range(start, min(start + BATCH, self.top_learned + 1)) if s in self.log
                ]
            self._send(peer, {"type": "heartbeat", "ballot": self.bt(ballot), "entries": entries})
        resent = 0
        for slot, (command, voters, sent) in self.open.items():
            if resent >= BATCH:
                break
            if self.sim.now - sent >= HEARTBEAT_MS:
                resent += 1
                msg = {"type": "accept", "ballot": self.bt(ballot), "slot": slot, "value": command}
                for peer in self._others():
                    if peer not in voters:
                        self._send(peer, msg)
        self.sim.schedule(HEARTBEAT_MS, lambda: self._heartbeat_timer(epoch, ballot))

    # Roles ----------------------------------------------------------------------------------------------------

    def _step_down(self, reason: str) -> None:
        """Stop leading or proposing: back to acceptor, with a fresh randomized leader timeout."""
        if self.role == "acceptor":
            return
        self.role = "acceptor"
        self.promises = []
        self.reported = {}
        self.open = {}
        self.need = {}
        self.reset_deadline()
        self._record("role", reason, role="acceptor")

    def _observe(self, ballot: Ballot) -> None:
        """Note a ballot seen in a message; a higher one than this node's own makes it step down."""
        self.max_round_seen = max(self.max_round_seen, ballot[0])
        if self.role != "acceptor" and ballot > self.ballot:
            self._step_down(f"sees {self.bt(ballot)}")

    def _start_phase_one(self) -> None:
        """Become a proposer: prepare a new ballot for every slot from the first one not learned."""
        self.max_round_seen = max(self.max_round_seen, self.promised[0])
        self.ballot = (self.max_round_seen + 1, self.index)
        self.max_round_seen = self.ballot[0]
        self.role = "proposer"
        self.promises = []
        self.reported = {}
        self.reset_deadline()
        self._record("role", f"prepare {self.bt(self.ballot)}", role="proposer", ballot=self.bt(self.ballot))
        msg = {"type": "prepare", "ballot": self.bt(self.ballot), "from": self.prefix + 1}
        for peer in self._others():
            self._send(peer, msg)
        self._on_promise(self.name, self._acceptor_prepare(self.ballot, self.prefix + 1))

    def _on_promise(self, src: str, msg: Message) -> None:
        if self.role != "proposer" or self.parse(msg["ballot"]) != self.ballot or src in self.promises:
            return
        self.promises.append(src)
        for slot, text, value in msg["entries"]:
            ballot = self.parse(text)
            if slot not in self.reported or ballot > self.reported[slot][0]:
                self.reported[slot] = (ballot, value)
        if len(self.promises) >= self.model.majority:
            self._become_leader()

    def _become_leader(self) -> None:
        """Phase 1 succeeded: re-propose the reported values, fill gaps with noops, then serve clients."""
        self.role = "leader"
        self.model.leaders += 1
        self.need = {}
        self.open = {}
        top = max(self.reported, default=0)
        recover: list[tuple[int, str]] = []
        if self.model.variant == "skip-recovery":
            self.next_slot = self.prefix + 1  # the bug: reported slots get fresh commands
        else:
            for slot in range(self.prefix + 1, top + 1):
                if slot not in self.log:
                    recover.append((slot, self.reported[slot][1] if slot in self.reported else NOOP))
            self.next_slot = max(top, self.top_learned) + 1
        self._record("role", f"leader {self.bt(self.ballot)}", role="leader", recovered=len(recover))
        self.reported = {}
        for slot, value in recover:
            self._propose(slot, value)
        self._heartbeat_timer(self.epoch, self.ballot)

    def _propose(self, slot: int, command: str) -> None:
        """Phase 2 for one slot: send accept to every acceptor and accept locally."""
        self.open[slot] = (command, [], self.sim.now)
        msg = {"type": "accept", "ballot": self.bt(self.ballot), "slot": slot, "value": command}
        for peer in self._others():
            self._send(peer, msg)
        reply = self._acceptor_accept(self.ballot, slot, command)
        self._on_accepted(self.name, reply)

    # Client ---------------------------------------------------------------------------------------------------

    def submit(self, command: str) -> tuple[bool, str | None]:
        """Put `command` in the next free slot if this node leads; return (accepted, the leader it believes in)."""
        if not self.up or self.role != "leader":
            return False, self.leader_hint() if self.up else None
        while self.next_slot in self.log:
            self.next_slot += 1
        slot = self.next_slot
        self.next_slot += 1
        self.model.checker.on_propose(command)
        self._record("submit", f"slot {slot}: {command}", slot=slot, command=command)
        self._propose(slot, command)
        return True, self.name

    # Acceptor -------------------------------------------------------------------------------------------------

    def _acceptor_prepare(self, ballot: Ballot, start: int) -> Message:
        if ballot < self.promised:
            return {"type": "nack", "ballot": self.bt(ballot), "promised": self.bt(self.promised)}
        if ballot > self.promised:
            self.promised = ballot
            self._record("promise", f"promise {self.bt(ballot)}", ballot=self.bt(ballot))
        entries = []
        for slot in range(start, self.last_accepted + 1):
            if slot in self.accepted:
                b, value = self.accepted[slot]
                entries.append([slot, self.bt(b), value])
        return {"type": "prepare_ok", "ballot": self.bt(ballot), "entries": entries}

    def _acceptor_accept(self, ballot: Ballot, slot: int, value: str) -> Message:
        if ballot < self.promised:
            return {"type": "nack", "ballot": self.bt(ballot), "promised": self.bt(self.promised)}
        self.promised = ballot
        self.accepted[slot] = (ballot, value)
        self.last_accepted = max(self.last_accepted, slot)
        self.model.checker.on_accept(self.name, ballot, value, slot)
        return {"type": "accept_ok", "ballot": self.bt(ballot), "slot": slot, "value": value}

    # Learner --------------------------------------------------------------------------------------------------

    def _learn(self, slot: int, value: str) -> None:
        if self.log.get(slot) == value:
            return
        self.log[slot] = value
        self.top_learned = max(self.top_learned, slot)
        while self.prefix + 1 in self.log:
            self.prefix += 1
        self.model.checker.on_learn(self.name, value, slot)

    def _on_accepted(self, src: str, msg: Message) -> None:
        if msg["type"] == "nack":
            self._on_nack(msg)
            return
        slot = msg["slot"]
        if self.role != "leader" or self.parse(msg["ballot"]) != self.ballot or slot not in self.open:
            return
        command, voters, _ = self.open[slot]
        if src in voters:
            return
        voters.append(src)
        if len(voters) >= self.model.majority:
            del self.open[slot]
            self._record("chosen", f"chosen {slot}={command}", slot=slot, command=command)
            self._learn(slot, command)

    def _on_nack(self, msg: Message) -> None:
        if self.parse(msg["ballot"]) == self.ballot:
            self._observe(self.parse(msg["promised"]))

    # Messages -------------------------------------------------------------------------------------------------

    def receive(self, src: str, msg: Message) -> None:
        """Handle a delivered message according to `msg["type"]`."""
        kind = msg["type"]
        ballot: Ballot = self.parse(msg["ballot"])
        if kind in ("prepare", "accept", "heartbeat"):
            self._observe(ballot)
            if ballot >= self.promised:
                self.reset_deadline()
        if kind == "prepare":
            self._send(src, self._acceptor_prepare(ballot, msg["from"]))
        elif kind == "accept":
            self._send(src, self._acceptor_accept(ballot, msg["slot"], msg["value"]))
        elif kind == "heartbeat":
            self._on_heartbeat(src, ballot, msg)
        elif kind == "prepare_ok":
            self._on_promise(src, msg)
        elif kind == "accept_ok":
            self._on_accepted(src, msg)
        elif kind == "nack":
            self._on_nack(msg)
        elif kind == "heartbeat_ok" and self.role == "leader" and ballot == self.ballot:
            self.need[src] = msg["need"]

    def _on_heartbeat(self, src: str, ballot: Ballot, msg: Message) -> None:
        if ballot < self.promised:
            self._send(src, {"type": "nack", "ballot": self.bt(ballot), "promised": self.bt(self.promised)})
            return
        if ballot > self.promised:
            self.promised = ballot
            self._record("promise", f"follow {self.bt(ballot)}", ballot=self.bt(ballot))
        before = self.prefix
        for slot, value in msg["entries"]:
            self._learn(slot, value)
        if self.prefix != before:
            self._record("learn", f"learned to {self.prefix}", prefix=self.prefix)
        self._send(src, {"type": "heartbeat_ok", "ballot": self.bt(ballot), "need": self.prefix + 1})

    # Faults ---------------------------------------------------------------------------------------------------

    def crash(self) -> None:
        """Stop: timers die and volatile state is lost (promises, accepted proposals and the log stay)."""
        self.up = False
        self.epoch += 1
        self._clear_volatile()

    def restart(self) -> None:
        """Come back as an acceptor with the durable state, and start the leader timeout."""
        self.up = True
        self.epoch += 1
        self._record("role", f"restart: log {self.prefix}", role="acceptor")
        self.start_timers()


class MultiPaxosCluster(Model):
    """A Multi-Paxos replicated log on `nodes` nodes (default 5), with a client workload and a per-slot checker."""

    name = "multipaxos"
    variants = VARIANTS
    properties = PROPERTIES
    default_nodes = 5
    check_steps = 6000
    broken = (Broken("skip-recovery", "agreement", "chaos", seed=0, steps=2000),)

    def setup(self) -> None:
        """Create the nodes, start their leader timeouts and the checker."""
        self.index_of = {name: i for i, name in enumerate(self.names, start=1)}
        self.ballot_texts: dict[Ballot, str] = {}  # caches: ballots travel as text (`3.n1`) in messages
        self.ballots_by_text: dict[str, Ballot] = {}
        self.checker = PaxosChecker(
            self.fail, self.majority, learn_prop="learned-logs-agree", check_promises=False, noop=NOOP, names=self.names
        )
        self.nodes = [MultiPaxosNode(name, i, self) for i, name in enumerate(self.names, start=1)]
        self.add_nodes(self.nodes)
        for node in self.nodes:
            node.start_timers()
        self.leaders = 0
        self.client = LeaderClient(self.sim, self.names, self.node)

    def start(self) -> None:
        """Start the client workload: a command every 50-150 ms."""
        if self.workload:
            self.client.start(CLIENT_INTERVAL_MS)

    def lose_disk(self, name: str) -> None:
        """Forget the node's promise, accepted proposals and learned log."""
        node = self._by_name[name]
        node.promised, node.accepted, node.last_accepted = NO_BALLOT, {}, 0
        node.log, node.prefix, node.top_learned = {}, 0, 0
        self.trace.record(self.sim.now, "state", name, change="disk", label="disk lost")

    def stats(self) -> dict[str, int]:
        """Leaders elected, the highest ballot round, slots chosen, and client commands accepted by a leader."""
        return {
            "leaders": self.leaders,
            "rounds": max(node.max_round_seen for node in self.nodes),
            "chosen": len(self.checker.chosen),
            "commands": self.client.commands,
        }

    def view(self) -> dict[str, Any]:
        """Each node's role, promised ballot, last accepted slot, and the tail of its learned log."""
        nodes = []
        for node in self.nodes:
            last = node.accepted.get(node.last_accepted)
            accepted = f"slot {node.last_accepted} @{node.bt(last[0])}" if last else "nothing"
            tail = " ".join(node.log.get(s, "?") for s in range(max(1, node.top_learned - 2), node.top_learned + 1))
            lines = [
                f"promised {node.bt(node.promised)}",
                f"accepted {accepted}",
                f"log {node.prefix}: " + (("... " if node.top_learned > 3 else "") + tail if node.log else "(empty)"),
            ]
            if node.role == "leader":
                lines.append(f"next slot {node.next_slot}, {len(node.open)} open")
            elif node.role == "proposer":
                lines.append(f"{node.bt(node.ballot)}: {len(node.promises)} promises")
            entry: dict[str, Any] = {"name": node.name, "role": node.role, "lines": lines}
            if node.up and node.role != "leader":
                entry["timer"] = [node.deadline - LEADER_TIMEOUT_MS[1], node.deadline]
            nodes.append(entry)
        leaders = [f"{n.name} ({n.bt(n.ballot)})" for n in self.nodes if n.up and n.role == "leader"]
        notes = [
            f"leader: {', '.join(leaders) if leaders else 'none'}",
            f"slots chosen: {len(self.checker.chosen)}, client commands accepted: {self.client.commands}",
        ]
        return {"nodes": nodes, "notes": notes}

    def routine(self, msg: dict[str, Any]) -> bool:
        """The leader's heartbeats that carry no entries, and their replies."""
        return (msg["type"] == "heartbeat" and not msg["entries"]) or msg["type"] == "heartbeat_ok"

    def client_actions(self) -> list[ClientAction]:
        """One button: send a client command to the node the client believes leads."""
        return [ClientAction("request", "Client request")]

    def client_act(self, kind: str, args: dict[str, Any]) -> None:
        """Send a client command (`request`)."""
        if kind != "request":
            super().client_act(kind, args)
        self.client.submit()
