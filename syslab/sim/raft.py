"""A Raft model: leader election, log replication and commitment, on the simulated network.

How the model works, in brief (the Raft paper by Ongaro and Ousterhout has the full algorithm):

- **Terms and roles.** Time is divided into numbered terms. A node is a follower, a candidate or a leader. Any
  message carrying a higher term makes the receiver adopt that term and become a follower.
- **Election.** A follower that hears nothing from a leader for a randomized election timeout (150-300 ms) becomes
  a candidate: it moves to the next term, votes for itself and asks the others for votes. A node grants at most one
  vote per term, and only to a candidate whose log is at least as up to date as its own (a later last term, or the
  same last term and at least as long). A candidate with votes from a majority becomes leader. The randomized
  timeout makes split votes rare.
- **Replication.** The leader sends AppendEntries every 50 ms (empty ones are heartbeats) with the entries a
  follower is missing and the index and term of the entry just before them. A follower accepts only if its own log
  has that entry (the consistency check); otherwise the leader retries from an earlier index. An accepted entry that
  conflicts with the follower's log (same index, different term) replaces it and everything after it.
- **Commitment.** The leader counts the replicas of each entry. An entry of the *current* term stored on a majority
  is committed, and with it every entry before it. Entries from earlier terms are never committed by counting
  alone (Figure 8 of the paper shows why); they become committed when a later entry of the current term is.
  Followers learn the commit index from AppendEntries and apply committed entries in order.
- **Crashes.** `currentTerm`, `votedFor` and the log are durable: they survive a crash. The commit index, the role
  and the leader's bookkeeping are volatile: a restarted node starts as a follower with commit index 0 and applies
  its log again as it learns what is committed.
- **Clients.** A workload generator submits a numbered command every 50-150 ms to the node it believes leads. A node
  that is not the leader refuses and names the leader it knows of, which the client tries next time; a client that
  reaches no node picks one at random. Commands that were accepted by a leader that then lost its term may be lost
  (the client does not retry), which Raft allows.

Broken variants, for showing that the checkers can fail:

- `double-vote`: a node may grant a second vote in a term it already voted in, so two candidates can win one term.
- `commit-old-term`: a leader commits entries of earlier terms by counting replicas, the mistake of Figure 8.
- `amnesia`: every restart comes back from an empty disk (term, vote and log lost), as if they were kept in memory:
  a node can vote twice in a term and a committed entry can lose its majority.
"""

from __future__ import annotations

from typing import Any

from syslab.sim.leader_client import LeaderClient
from syslab.sim.model import Broken, ClientAction, Model, RunResult
from syslab.sim.network import Message
from syslab.sim.raft_checks import PROPERTIES, Entry, RaftSafetyChecker
from syslab.sim.timers import start_deadline_timer
from syslab.sim.trace import Trace

VARIANTS = ("correct", "double-vote", "commit-old-term", "amnesia")
HEARTBEAT_MS = 50
ELECTION_TIMEOUT_MS = (150, 300)
CLIENT_INTERVAL_MS = (50, 150)
MAX_BATCH = 64


class RaftNode:
    """One Raft server: durable state, volatile state, timers and message handlers."""

    def __init__(self, name: str, cluster: RaftCluster) -> None:
        """Create a follower in term 0 with an empty log."""
        self.name = name
        self.cluster = cluster
        self.sim = cluster.sim
        # Durable state: survives crashes.
        self.current_term = 0
        self.voted_for: str | None = None
        self.log: list[Entry] = []
        self.second_vote_term = -1  # used only by the double-vote variant
        # Volatile state.
        self.up = True
        self.epoch = 0  # bumped on crash and restart; timers of an older epoch do nothing
        self.role = "follower"
        self.commit_index = 0
        self.last_applied = 0
        self.leader_hint: str | None = None
        self.votes: set[str] = set()
        self.next_index: dict[str, int] = {}
        self.match_index: dict[str, int] = {}
        self.deadline = 0

    # Helpers -------------------------------------------------------------------------------------------------

    @property
    def peers(self) -> list[str]:
        """The other nodes of the cluster, sorted."""
        return [n for n in self.cluster.names if n != self.name]

    def _last_term(self) -> int:
        return self.log[-1][0] if self.log else 0

    def _record(self, change: str, **fields: Any) -> None:
        self.cluster.trace.record(self.sim.now, "state", self.name, change=change, term=self.current_term, **fields)

    def _send(self, dst: str, msg: Message) -> None:
        self.cluster.network.send(self.name, dst, msg)

    def reset_deadline(self) -> None:
        """Draw a new election deadline, 150-300 ms from now."""
        self.deadline = self.sim.now + self.sim.rng.randint(*ELECTION_TIMEOUT_MS)

    # Timers ---------------------------------------------------------------------------------------------------

    def start_timers(self) -> None:
        """Start the election timer for the current epoch (at boot and after a restart)."""
        start_deadline_timer(self, self._start_election)

    def _heartbeat_timer(self, epoch: int, term: int) -> None:
        if epoch != self.epoch or self.role != "leader" or term != self.current_term:
            return
        for peer in self.peers:
            self._send_append(peer)
        self.sim.schedule(HEARTBEAT_MS, lambda: self._heartbeat_timer(epoch, term))

    # Roles ----------------------------------------------------------------------------------------------------

    def _step_down(self, term: int) -> None:
        """Adopt a higher `term` and become a follower with no vote cast in it."""
        was_leader = self.role == "leader"
        self.current_term = term
        self.voted_for = None
        self.role = "follower"
        self.votes = set()
        if was_leader:
            self.leader_hint = None  # no longer the leader, and the new one is not known yet
            self.reset_deadline()
        self._record("role", role="follower")

    def _start_election(self) -> None:
        self.current_term += 1
        self.role = "candidate"
        self.voted_for = self.name
        self.votes = {self.name}
        self.leader_hint = None
        self.reset_deadline()
        self._record("role", role="candidate")
        msg = {"type": "request_vote", "term": self.current_term, "last_index": len(self.log)}
        msg["last_term"] = self._last_term()
        for peer in self.peers:
            self._send(peer, msg)
        self._maybe_win()

    def _maybe_win(self) -> None:
        if self.role == "candidate" and len(self.votes) >= self.cluster.majority:
            self._become_leader()

    def _become_leader(self) -> None:
        self.role = "leader"
        self.leader_hint = self.name
        self.next_index = {p: len(self.log) + 1 for p in self.peers}
        self.match_index = dict.fromkeys(self.peers, 0)
        self._record("role", role="leader")
        self.cluster.checker.on_leader(
            self.sim.now, self.current_term, self.name, self.log, {n.name: n.log for n in self.cluster.nodes}
        )
        self._heartbeat_timer(self.epoch, self.current_term)

    # Client ---------------------------------------------------------------------------------------------------

    def submit(self, command: str) -> tuple[bool, str | None]:
        """Append `command` if this node leads; return (accepted, the leader this node knows of)."""
        if not self.up or self.role != "leader":
            return False, self.leader_hint if self.up else None
        self.log.append((self.current_term, command))
        self._record("submit", index=len(self.log), command=command, label=f"+{command} at {len(self.log)}")
        self._advance_commit()  # a one-node cluster is its own majority
        return True, self.name

    # Messages -------------------------------------------------------------------------------------------------

    def receive(self, src: str, msg: Message) -> None:
        """Handle a delivered message: adopt a higher term first, then dispatch on `msg["type"]`."""
        if msg["term"] > self.current_term:
            self._step_down(msg["term"])
        kind = msg["type"]
        if kind == "request_vote":
            self._on_request_vote(src, msg)
        elif kind == "vote_reply":
            if self.role == "candidate" and msg["term"] == self.current_term and msg["granted"]:
                self.votes.add(src)
                self._maybe_win()
        elif kind == "append":
            self._on_append(src, msg)
        elif kind == "append_reply":
            self._on_append_reply(src, msg)

    def _on_request_vote(self, src: str, msg: Message) -> None:
        up_to_date = (msg["last_term"], msg["last_index"]) >= (self._last_term(), len(self.log))
        granted = False
        if msg["term"] == self.current_term and up_to_date:
            if self.voted_for in (None, src):
                granted = True
                self.voted_for = src
            elif self.cluster.variant == "double-vote" and self.second_vote_term != self.current_term:
                granted = True  # the bug: a second vote in the same term
                self.second_vote_term = self.current_term
        if granted:
            self.reset_deadline()
        self._send(src, {"type": "vote_reply", "term": self.current_term, "granted": granted})

    def _send_append(self, peer: str) -> None:
        prev = self.next_index[peer] - 1
        msg = {
            "type": "append",
            "term": self.current_term,
            "prev_index": prev,
            "prev_term": self.log[prev - 1][0] if prev > 0 else 0,
            "entries": self.log[prev : prev + MAX_BATCH],
            "commit": self.commit_index,
        }
        self._send(peer, msg)

    def _on_append(self, src: str, msg: Message) -> None:
        reply: Message = {
            "type": "append_reply",
            "term": self.current_term,
            "success": False,
            "match": 0,
            "heartbeat": not msg["entries"],
        }
        if msg["term"] < self.current_term:
            self._send(src, reply)
            return
        if self.role != "follower":
            self.role = "follower"
            self.votes = set()
            self._record("role", role="follower")
        self.leader_hint = src
        self.reset_deadline()
        prev = msg["prev_index"]
        if prev > len(self.log) or (prev > 0 and self.log[prev - 1][0] != msg["prev_term"]):
            reply["match"] = min(len(self.log), prev - 1)  # a hint: retry from no later than here
            self._send(src, reply)
            return
        for offset, entry in enumerate(msg["entries"]):
            index = prev + 1 + offset
            if index <= len(self.log) and self.log[index - 1][0] != entry[0]:
                del self.log[index - 1 :]  # a conflicting suffix from a deposed leader
            if index > len(self.log):
                self.log.append((entry[0], entry[1]))
        match = prev + len(msg["entries"])
        new_commit = min(msg["commit"], match)
        if new_commit > self.commit_index:
            self.commit_index = new_commit
            self._apply()
        reply["success"] = True
        reply["match"] = match
        self._send(src, reply)

    def _on_append_reply(self, src: str, msg: Message) -> None:
        if self.role != "leader" or msg["term"] != self.current_term:
            return
        if msg["success"]:
            self.match_index[src] = max(self.match_index[src], msg["match"])
            self.next_index[src] = max(self.next_index[src], msg["match"] + 1)
            self._advance_commit()
        else:
            lower = min(self.next_index[src] - 1, msg["match"] + 1)
            self.next_index[src] = max(self.match_index[src] + 1, lower, 1)
            self._send_append(src)

    def _advance_commit(self) -> None:
        """Commit the highest index stored on a majority, if its entry is from the current term."""
        for index in range(len(self.log), self.commit_index, -1):
            term = self.log[index - 1][0]
            if term != self.current_term and self.cluster.variant != "commit-old-term":
                if term < self.current_term:
                    return
                continue
            count = 1 + sum(1 for p in self.peers if self.match_index[p] >= index)
            if count >= self.cluster.majority:
                for i in range(self.commit_index + 1, index + 1):
                    self.cluster.checker.on_commit(self.sim.now, self.current_term, i, self.log[i - 1])
                self.commit_index = index
                self._record("commit", index=index, label=f"commit {index}")
                self._apply()
                return

    def _apply(self) -> None:
        while self.last_applied < self.commit_index:
            self.last_applied += 1
            command = self.log[self.last_applied - 1][1]
            self.cluster.checker.on_apply(self.sim.now, self.name, self.last_applied, command)

    # Faults ---------------------------------------------------------------------------------------------------

    def crash(self) -> None:
        """Stop: timers die and volatile state is lost (durable state stays)."""
        self.up = False
        self.epoch += 1

    def restart(self) -> None:
        """Come back as a follower with durable state only, and start the election timer."""
        self.up = True
        self.epoch += 1
        self.role = "follower"
        self.commit_index = 0
        self.last_applied = 0
        self.leader_hint = None
        self.votes = set()
        self.next_index = {}
        self.match_index = {}
        self._record("role", role="follower")
        self.start_timers()


class RaftCluster(Model):
    """A Raft cluster wired to a simulator, a network, a fault preset, a client workload and a safety checker."""

    name = "raft"
    variants = VARIANTS
    properties = PROPERTIES
    default_nodes = 5
    check_steps = 10_000
    broken = (
        Broken("double-vote", "election-safety", "chaos", seed=2, steps=10_000),
        Broken("commit-old-term", "leader-completeness", "chaos", seed=140, steps=20_000, nodes=3),
        Broken("amnesia", "leader-completeness", "chaos", seed=5, steps=5000),
    )

    def setup(self) -> None:
        """Create the nodes, start their election timers and the safety checker."""
        self.checker = RaftSafetyChecker(self.fail)
        self.nodes = [RaftNode(name, self) for name in self.names]
        self.add_nodes(self.nodes)
        for node in self.nodes:
            node.start_timers()
        self.client = LeaderClient(self.sim, self.names, self.node)

    def start(self) -> None:
        """Start the client workload: a command every 50-150 ms."""
        if self.workload:
            self.client.start(CLIENT_INTERVAL_MS)

    def restart(self, name: str, durable: bool = True) -> None:
        """Restart `name`; in the `amnesia` variant every restart loses the disk."""
        super().restart(name, durable and self.variant != "amnesia")

    def lose_disk(self, name: str) -> None:
        """Forget the node's term, vote and log."""
        node = self._by_name[name]
        node.current_term, node.voted_for, node.log, node.second_vote_term = 0, None, [], -1
        self.trace.record(self.sim.now, "state", name, change="disk", label="disk lost", term=0)

    def check_now(self) -> None:
        """Check log matching over the current logs."""
        self.checker.check_logs(self.sim.now, {n.name: n.log for n in self.nodes})

    def stats(self) -> dict[str, int]:
        """Leaders elected, the highest term, and entries committed."""
        return {
            "leaders": sum(len(v) for v in self.checker.leaders.values()),
            "terms": max(n.current_term for n in self.nodes),
            "committed": len(self.checker.committed),
        }

    def view(self) -> dict[str, Any]:
        """Each node's role, term, vote, commit index, election deadline and the tail of its log."""
        nodes = []
        for node in self.nodes:
            log = " ".join(f"{term}:{command}" for term, command in node.log[-4:])
            lines = [
                f"term {node.current_term}" + (f", voted {node.voted_for}" if node.voted_for else ""),
                f"log {len(node.log)}, commit {node.commit_index}",
                ("... " if len(node.log) > 4 else "") + (log or "(empty log)"),
            ]
            entry: dict[str, Any] = {"name": node.name, "role": node.role, "lines": lines}
            if node.up and node.role != "leader":
                entry["timer"] = [node.deadline - ELECTION_TIMEOUT_MS[1], node.deadline]
            nodes.append(entry)
        leaders = [n.name for n in self.nodes if n.up and n.role == "leader"]
        notes = [
            f"leader: {', '.join(leaders) if leaders else 'none'}",
            f"client commands accepted: {self.client.commands}",
        ]
        return {"nodes": nodes, "notes": notes}

    def routine(self, msg: Message) -> bool:
        """Heartbeats: AppendEntries without entries, and their successful replies."""
        if msg["type"] == "append":
            return not msg["entries"]
        return msg["type"] == "append_reply" and msg["success"] and msg["heartbeat"]

    def client_actions(self) -> list[ClientAction]:
        """One button: send a client request to the node the client believes leads."""
        return [ClientAction("request", "Client request")]

    def client_act(self, kind: str, args: dict[str, Any]) -> None:
        """Send a client request (`request`), following "not the leader" hints up to once per node."""
        if kind != "request":
            super().client_act(kind, args)
        for _ in self.names:
            if self.client.submit():
                return


def run_raft(
    seed: int, steps: int, *, faults: str = "none", variant: str = "correct", nodes: int = 5, trace: bool = True
) -> tuple[RunResult, Trace]:
    """Build a cluster, run it for `steps` events and return the result and the trace."""
    cluster = RaftCluster(seed, faults=faults, nodes=nodes, variant=variant, trace=trace)
    result = cluster.run(steps)
    return result, cluster.trace
