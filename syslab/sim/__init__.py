"""Deterministic distributed-systems simulations.

The package runs small protocol models on a discrete-event simulator with a virtual clock and a
seeded random source, so a run is a pure function of its seed: the same seed gives the same trace, byte for byte,
on CPython and in Pyodide. It uses only the standard library.

Modules:

- `core`: the event loop and virtual clock (`Simulator`).
- `trace`: the JSON-serialisable record of a run (`Trace`).
- `network`: message delivery with latency, loss, duplication, reordering, partitions and crashes (`Network`).
- `faults`: the fault presets `none`, `partitions` and `chaos` (`FaultInjector`).
- `model`: what every model shares (`Model`, `RunResult`, `Violation`) and the visualizer's hooks.
- `registry`: the models by name (`MODELS`), for the command line, the visualizer and CI.
- `raft`: the Raft model and its deliberately broken variants.
- `raft_checks`: Raft's four safety properties, checked as the run goes (`RaftSafetyChecker`).
- `history`: client-side histories of register operations, a linearizability checker (`check_linearizable`)
  and a consistency-model classifier for small histories (`classify`).
- `clocks`: physical clocks with skew and drift, Lamport, vector and hybrid logical clocks, and LWW under skew.
- `byzantine`: Byzantine agreement (simplified PBFT), the quorum arithmetic behind n >= 3f+1, and its broken variants.
- `paxos`, `multipaxos`: single-decree Paxos with dueling proposers, and a Multi-Paxos replicated log; their broken
  variants, and `PaxosChecker` (agreement, validity, promise-kept, learned-logs-agree).
- `quorum`: a replicated register with strict (ABD) quorums, sloppy quorums with hinted handoff, or a primary.
- `leader_client`: the client of leader-based models, following "not the leader" hints (`LeaderClient`).
- `timers`: the self-re-arming timeout of leader-based models (`start_deadline_timer`).
- `session`: a run the visualizer steers and replays (`Session`, `Scenario`, `handle`).
- `svg`: the pictures of a run (cluster, message sequence diagram, per-node timeline).
- `__main__`: the command line, `python -m syslab.sim raft --seed 1 --steps 5000 --faults chaos --check`.
"""
