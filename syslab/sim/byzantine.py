"""A Byzantine agreement model: a simplified PBFT-style protocol and why it needs n >= 3f+1 nodes.

The model runs a sequence of independent agreement *instances* (think of one slot, or one view, each), numbered from
1. Instance k has a fixed leader, `names[(k - 1) % n]`, so the leader rotates and some instances are led by a
Byzantine node. There is no view change: an instance whose leader is silent, or whose messages are lost, simply
stays undecided. Liveness is not checked; the stats count decided and undecided instances.

**The protocol** (the normal case of PBFT by Castro and Liskov, 1999, without signatures, checkpoints or view
changes). With `n` nodes of which at most `f` are Byzantine, a quorum is `q = n - f` nodes: the largest quorum the
protocol can wait for when `f` nodes stay silent.

1. *Propose*: the leader of instance k sends a value (`A` or `B`) to every other node in a `pre_prepare` message
   (PBFT's name); it counts as the leader's prepare vote.
2. *Prepare*: an honest node accepts the first proposal it gets from the instance's leader, and only one, and
   broadcasts a prepare vote for that value.
3. *Commit*: an honest node that holds `q` matching prepare votes (its own included) for the value it accepted
   broadcasts a commit vote for it. It commits at most one value per instance.
4. *Decide*: a node decides a value once it holds `q` matching commit votes for it (its own included).

Messages are `pre_prepare`, `prepare` and `commit` dictionaries with the instance (`inst`) and the `value`. Each
node sends its messages for an instance when the instance starts (or when the proposal arrives) and resends them
once `RESEND_MS` later; without faults every instance is decided, under the chaos preset about half are.

**The arithmetic.** Two quorums of size `q` out of `n` nodes share at least `2q - n` nodes
(`quorum_intersection`). With `q = n - f` that is `n - 2f`. Agreement is safe when every such intersection
contains at least one honest node, that is when `n - 2f > f`, i.e. `n >= 3f + 1` (`tolerates`). Then if an honest
node decides A (q commit votes for A) and another decides B (q commit votes for B), some honest node in both
quorums committed both A and B, which an honest node never does. With `n = 3f` the intersection is `f` nodes, all
of which can be Byzantine; with crash-fault majority quorums (`n = 2f + 1`, `q = f + 1`) it is a single node, so
one liar is enough.

**Byzantine nodes** are the last `f` nodes (the last one only, in `crash-quorums`). They collude and equivocate:
in each instance they split the honest nodes into two groups and tell group A a story about value `A` and group B a
story about value `B` (a leader proposes `A` to one group and `B` to the other; every Byzantine node sends prepare
and commit votes for `A` to group A and for `B` to group B). Each honest node sees a consistent story, so no honest
node can detect the lie locally. They ignore what they receive. Channels are authenticated, as PBFT assumes: a
receiver knows the real sender of each message (`src`), so a liar can lie about its own votes but cannot forge
another node's.

**Properties.** `agreement`: no two honest nodes decide different values in the same instance. `validity`: when
the instance's leader is honest, honest nodes decide only the value it proposed.

**Crashes.** An honest node's votes (which value it prepared and committed in each instance) and its decisions are
durable: forgetting a vote after a restart and voting again differently would make it a liar. The tallies of votes
it received are volatile.

**Variants** (options: `f`, default 1; the node count comes from `nodes`, default 4):

- `correct`: `n = nodes`, `q = n - f`, the last `f` nodes Byzantine. It is guaranteed safe when `tolerates(n, f)`;
  with fewer nodes the liars can split it (`nodes=3` with `f=1` behaves like the variant below), which is the point
  of the bound.
- `n-equals-3f`: ignores `nodes` and runs `n = 3f` nodes with `q = 2f`: the quorum intersection is `f` nodes, all
  Byzantine, so two honest nodes decide differently (caught by `agreement`).
- `crash-quorums`: ignores `nodes` and runs the crash-fault quorums of Raft and Paxos, `n = 2f + 1` and majority
  quorums `q = f + 1`, with a single equivocating node: two majorities share one node, the liar (`agreement`).
  With `f = 1` both variants run 3 nodes with quorums of 2; they differ from `f = 2` on (6 nodes and 2 liars against
  5 nodes and 1 liar).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from syslab.sim.model import Broken, ClientAction, Model
from syslab.sim.network import Message

VARIANTS = ("correct", "n-equals-3f", "crash-quorums")
PROPERTIES = ("agreement", "validity")
VALUES = ("A", "B")
INSTANCE_MS = 200
"""A new instance starts every this many virtual milliseconds (when the model runs its own workload)."""
RESEND_MS = 100
"""Each node resends its messages for an instance once, this long after the instance started."""


def quorum_intersection(n: int, q: int) -> int:
    """The fewest nodes two quorums of `q` nodes out of `n` must share: `max(0, 2q - n)`.

    Two sets of `q` drawn from `n` nodes hold `2q` memberships between them, and only `n` distinct nodes exist, so
    at least `2q - n` nodes are counted twice.

    Args:
        n: the number of nodes.
        q: the quorum size.

    Returns:
        The guaranteed overlap of any two quorums (0 when they can be disjoint).
    """
    return max(0, 2 * q - n)


def byzantine_quorum(n: int, f: int) -> int:
    """The quorum the protocol waits for: `n - f`, the most replies it can count on when `f` nodes stay silent."""
    return n - f


def tolerates(n: int, f: int) -> bool:
    """Whether `n` nodes running quorums of `n - f` stay safe with up to `f` Byzantine nodes.

    Safe means any two quorums share at least one honest node: `quorum_intersection(n, n - f) = n - 2f` must
    exceed `f`, which is `n >= 3f + 1` (Lamport, Shostak and Pease, 1982, proved no protocol does better).

    Args:
        n: the number of nodes.
        f: the number of Byzantine nodes to tolerate.

    Returns:
        True when `n >= 3f + 1`.
    """
    return quorum_intersection(n, byzantine_quorum(n, f)) > f


class AgreementChecker:
    """Checks `agreement` and `validity` over the instances, proposals and decisions a run reports.

    `fail(prop, detail)` is the model's `Model.fail`, which keeps the first violation. The checker also lists every
    instance whose honest nodes split (`split`) and every instance that broke validity (`invalid`), not only the
    first, for tables over many runs.
    """

    def __init__(self, fail: Callable[[str, str], None], honest: list[str]) -> None:
        """Start with no instances; `honest` names the nodes whose decisions are checked."""
        self._fail = fail
        self.honest = list(honest)
        self.leaders: dict[int, str] = {}
        self.proposals: dict[int, str] = {}
        self.decisions: dict[int, dict[str, str]] = {}
        self.split: list[int] = []
        self.invalid: list[int] = []

    def on_instance(self, inst: int, leader: str) -> None:
        """Instance `inst` started with `leader`."""
        self.leaders[inst] = leader

    def on_propose(self, inst: int, leader: str, value: str) -> None:
        """The honest `leader` of `inst` proposed `value` (Byzantine proposals are not recorded)."""
        if leader in self.honest:
            self.proposals.setdefault(inst, value)

    def on_decide(self, inst: int, node: str, value: str) -> None:
        """Honest `node` decided `value` in `inst`: check it against the other decisions and the proposal."""
        if node not in self.honest:
            return
        decided = self.decisions.setdefault(inst, {})
        for other in self.honest:
            if other != node and other in decided and decided[other] != value:
                if inst not in self.split:
                    self.split.append(inst)
                self._fail("agreement", f"instance {inst}: {other} decided {decided[other]}, {node} decided {value}")
                break
        decided[node] = value
        leader = self.leaders.get(inst)
        if leader in self.honest:
            proposed = self.proposals.get(inst)
            if proposed != value:
                if inst not in self.invalid:
                    self.invalid.append(inst)
                said = f"proposed {proposed}" if proposed else "proposed nothing"
                self._fail("validity", f"instance {inst}: honest leader {leader} {said}, {node} decided {value}")


class ByzNode:
    """One node: honest (follows the protocol) or Byzantine (equivocates), with durable votes and volatile tallies."""

    def __init__(self, name: str, cluster: ByzantineCluster, byzantine: bool) -> None:
        """Create a node with no votes and no decisions."""
        self.name = name
        self.cluster = cluster
        self.byzantine = byzantine
        self.up = True
        # Durable: the value this node prepared, committed and decided in each instance (honest nodes only).
        self.prepared: dict[int, str] = {}
        self.committed: dict[int, str] = {}
        self.decided: dict[int, str] = {}
        # Volatile: who sent which vote, per instance and value (own votes are counted from the durable maps).
        self.prepares: dict[int, dict[str, list[str]]] = {}
        self.commits: dict[int, dict[str, list[str]]] = {}
        self.last_inst = 0

    # Helpers -------------------------------------------------------------------------------------------------

    @property
    def peers(self) -> list[str]:
        """The other nodes, in name order."""
        return [n for n in self.cluster.names if n != self.name]

    def _record(self, change: str, inst: int, label: str, **fields: Any) -> None:
        self.cluster.trace.record(
            self.cluster.sim.now, "state", self.name, change=change, inst=inst, label=label, **fields
        )

    def _send(self, dst: str, msg: Message) -> None:
        self.cluster.network.send(self.name, dst, msg)

    def _broadcast(self, msg: Message) -> None:
        for peer in self.peers:
            self._send(peer, msg)

    def _count(self, tally: dict[int, dict[str, list[str]]], own: dict[int, str], inst: int, value: str) -> int:
        return len(tally.get(inst, {}).get(value, [])) + (own.get(inst) == value)

    # Instances ------------------------------------------------------------------------------------------------

    def begin(self, inst: int, resend: bool = False) -> None:
        """Act at the start of `inst` (or resend, `resend=True`): propose if leading, lie if Byzantine."""
        if not self.up:
            return
        self.last_inst = max(self.last_inst, inst)
        leader = self.cluster.leader_of(inst)
        if self.byzantine:
            self._equivocate(inst, leader == self.name, resend)
            return
        if leader == self.name:
            if inst not in self.prepared:
                value = self.cluster.sim.rng.choice(VALUES)
                self.cluster.checker.on_propose(inst, self.name, value)
                self._record("propose", inst, f"i{inst} propose {value}", value=value)
                self._accept(inst, value)
            self._broadcast({"type": "pre_prepare", "inst": inst, "value": self.prepared[inst]})
        elif resend and inst in self.prepared:
            self._broadcast({"type": "prepare", "inst": inst, "value": self.prepared[inst]})
        if resend and inst in self.committed:
            self._broadcast({"type": "commit", "inst": inst, "value": self.committed[inst]})

    def _equivocate(self, inst: int, leading: bool, resend: bool) -> None:
        groups = self.cluster.groups(inst)
        if not resend:
            self._record("equivocate", inst, f"i{inst} lie A/B")
        for value, group in zip(VALUES, groups, strict=True):
            for dst in group:
                if leading:
                    self._send(dst, {"type": "pre_prepare", "inst": inst, "value": value})
                self._send(dst, {"type": "prepare", "inst": inst, "value": value})
                self._send(dst, {"type": "commit", "inst": inst, "value": value})

    def _accept(self, inst: int, value: str) -> None:
        """Prepare `value` in `inst` (at most once per instance: the vote is durable)."""
        self.prepared[inst] = value
        if self.cluster.leader_of(inst) != self.name:
            self._record("prepare", inst, f"i{inst} prepare {value}", value=value)
            self._broadcast({"type": "prepare", "inst": inst, "value": value})
        self._check(inst)

    def _check(self, inst: int) -> None:
        """Commit once `q` prepares match this node's prepared value; decide once `q` commits match a value."""
        q = self.cluster.quorum
        value = self.prepared.get(inst)
        if (
            value is not None
            and inst not in self.committed
            and self._count(self.prepares, self.prepared, inst, value) >= q
        ):
            self.committed[inst] = value
            self._record("commit", inst, f"i{inst} commit {value}", value=value)
            self._broadcast({"type": "commit", "inst": inst, "value": value})
        if inst in self.decided:
            return
        for candidate in VALUES:
            if self._count(self.commits, self.committed, inst, candidate) >= q:
                self.decided[inst] = candidate
                self._record("decide", inst, f"i{inst} decide {candidate}", value=candidate)
                self.cluster.checker.on_decide(inst, self.name, candidate)
                return

    # Messages -------------------------------------------------------------------------------------------------

    def receive(self, src: str, msg: Message) -> None:
        """Handle a delivered message (Byzantine nodes ignore everything)."""
        if self.byzantine:
            return
        inst, value, kind = msg["inst"], msg["value"], msg["type"]
        self.last_inst = max(self.last_inst, inst)
        if kind == "pre_prepare":
            if src != self.cluster.leader_of(inst):
                return
            self._tally(self.prepares, inst, value, src)  # the leader's proposal is its prepare vote
            if inst not in self.prepared:
                self._accept(inst, value)
            return
        self._tally(self.prepares if kind == "prepare" else self.commits, inst, value, src)

    def _tally(self, tally: dict[int, dict[str, list[str]]], inst: int, value: str, src: str) -> None:
        voters = tally.setdefault(inst, {}).setdefault(value, [])
        if src not in voters:
            voters.append(src)
            self._check(inst)

    # Faults ---------------------------------------------------------------------------------------------------

    def crash(self) -> None:
        """Stop: the vote tallies are lost (votes and decisions stay)."""
        self.up = False
        self.prepares = {}
        self.commits = {}

    def restart(self) -> None:
        """Come back with the durable votes and decisions only."""
        self.up = True


class ByzantineCluster(Model):
    """A cluster of honest and Byzantine nodes running one agreement instance after another.

    Attributes:
        f: the number of Byzantine nodes the configuration is meant to tolerate.
        quorum: the matching votes a node waits for (`n - f`, or `f + 1` in `crash-quorums`).
        byzantine: the Byzantine nodes' names.
        checker: the `AgreementChecker`.
    """

    name = "byzantine"
    variants = VARIANTS
    properties = PROPERTIES
    default_nodes = 4
    check_steps = 5000
    option_help = "f: how many nodes lie (the last f); quorums are n - f"
    option_defaults: ClassVar[dict[str, int | str]] = {"f": 1}
    broken = (
        Broken("n-equals-3f", "agreement", "chaos", seed=0, steps=5000),
        Broken("crash-quorums", "agreement", "chaos", seed=0, steps=5000),
    )

    def node_names(self, count: int) -> list[str]:
        """`n1` ... `nK`, where the variant may override `count` (`3f` or `2f + 1` nodes)."""
        f = self.options["f"]
        assert isinstance(f, int)
        if f < 0 or (f < 1 and self.variant != "correct"):
            raise ValueError(f"byzantine option f must be >= {0 if self.variant == 'correct' else 1}, got {f}")
        if self.variant == "n-equals-3f":
            count = 3 * f
        elif self.variant == "crash-quorums":
            count = 2 * f + 1
        if count <= f:
            raise ValueError(f"byzantine needs more nodes than f={f}, got {count}")
        return super().node_names(count)

    def setup(self) -> None:
        """Choose the Byzantine nodes and the quorum, create the nodes and the checker."""
        n = len(self.names)
        self.f = int(self.options["f"])
        liars = 1 if self.variant == "crash-quorums" else self.f
        self.quorum = self.f + 1 if self.variant == "crash-quorums" else byzantine_quorum(n, self.f)
        self.byzantine = self.names[n - liars :]
        self.honest = [name for name in self.names if name not in self.byzantine]
        self.checker = AgreementChecker(self.fail, self.honest)
        self.nodes = [ByzNode(name, self, name in self.byzantine) for name in self.names]
        self.add_nodes(self.nodes)
        for node in self.nodes:
            role = "byzantine" if node.byzantine else "replica"
            self.trace.record(0, "state", node.name, change="role", role=role, label=role)
        self.instances = 0

    def start(self) -> None:
        """Start the first instance (and one every `INSTANCE_MS` after it) when the model runs its own workload."""
        if self.workload:
            self.sim.schedule(INSTANCE_MS // 2, self._tick)

    def _tick(self) -> None:
        self.begin_instance()
        self.sim.schedule(INSTANCE_MS, self._tick)

    def leader_of(self, inst: int) -> str:
        """The leader of instance `inst` (rotating: `n1` leads instance 1)."""
        return self.names[(inst - 1) % len(self.names)]

    def groups(self, inst: int) -> tuple[list[str], list[str]]:
        """The two groups of honest nodes the Byzantine nodes lie to in `inst` (rotating with the instance)."""
        h = len(self.honest)
        if h == 0:
            return [], []
        turn = inst % h
        order = self.honest[turn:] + self.honest[:turn]
        half = (h + 1) // 2
        return order[:half], order[half:]

    def begin_instance(self) -> int:
        """Start the next instance now: its leader proposes, the Byzantine nodes lie; schedule the resend."""
        self.instances += 1
        inst = self.instances
        leader = self.leader_of(inst)
        self.checker.on_instance(inst, leader)
        previous = self.leader_of(inst - 1) if inst > 1 else None
        if previous is not None and previous != leader and previous not in self.byzantine:
            self.trace.record(self.sim.now, "state", previous, change="role", role="replica", label="replica")
        if leader not in self.byzantine:
            self.trace.record(self.sim.now, "state", leader, change="role", role="leader", label=f"leads i{inst}")
        for node in self.nodes:
            node.begin(inst)
        self.sim.schedule(RESEND_MS, lambda: self._resend(inst))
        return inst

    def _resend(self, inst: int) -> None:
        for node in self.nodes:
            node.begin(inst, resend=True)

    def on_restart(self, name: str) -> None:
        """The node comes back with its durable votes and decisions (and its role, for the timeline)."""
        node = self._by_name[name]
        node.restart()
        role = self._role(node)
        self.trace.record(self.sim.now, "state", name, change="role", role=role, label=role)

    def _role(self, node: ByzNode) -> str:
        if not node.up:
            return "down"
        if node.byzantine:
            return "byzantine"
        if self.instances and self.leader_of(self.instances) == node.name:
            return "leader"
        return "replica"

    def stats(self) -> dict[str, int]:
        """Instances started, decided (some honest node decided), undecided, honest decisions, and split instances."""
        decided = len(self.checker.decisions)
        return {
            "instances": self.instances,
            "decided": decided,
            "undecided": self.instances - decided,
            "decisions": sum(len(d) for d in self.checker.decisions.values()),
            "splits": len(self.checker.split),
        }

    def view(self) -> dict[str, Any]:
        """Each node's kind, its votes in the latest instance it knows, and its decisions."""
        nodes = []
        for node in self.nodes:
            role = self._role(node)
            lines = ["Byzantine: lies A/B" if node.byzantine else "honest"]
            inst = node.last_inst
            if inst and not node.byzantine:
                votes = [f"prep {node.prepared[inst]}" if inst in node.prepared else "no prep"]
                votes.append(f"commit {node.committed[inst]}" if inst in node.committed else "no commit")
                lines.append(f"i{inst}: " + ", ".join(votes))
                lines.append(
                    f"i{inst}: decided {node.decided[inst]}" if inst in node.decided else f"i{inst}: undecided"
                )
                lines.append(f"decided {len(node.decided)} of {self.instances}")
            nodes.append({"name": node.name, "role": role, "lines": lines[:4]})
        n = len(self.names)
        overlap = quorum_intersection(n, self.quorum)
        notes = [
            f"n={n}, f={self.f}, quorum q={self.quorum}",
            f"any two quorums share >= {overlap}; liars: {len(self.byzantine)}",
            "every two quorums share an honest node" if overlap > len(self.byzantine) else "overlap can be all liars",
        ]
        if self.instances:
            notes.append(f"instance {self.instances}, leader {self.leader_of(self.instances)}")
        return {"nodes": nodes, "notes": notes}

    def client_actions(self) -> list[ClientAction]:
        """One button: start the next agreement instance."""
        return [ClientAction("instance", "Start next instance")]

    def client_act(self, kind: str, args: dict[str, Any]) -> None:
        """Start the next instance (`instance`)."""
        if kind != "instance":
            super().client_act(kind, args)
        self.begin_instance()
