"""Command line: run a model headless and optionally check its safety properties.

    python -m syslab.sim raft --seed 7 --steps 5000 --faults chaos --check
    python -m syslab.sim raft --seed 7 --steps 5000 --variant double-vote --faults partitions --check
    python -m syslab.sim raft --seed 7 --steps 500 --trace run.json

`--steps` is a number of simulator events (message deliveries, timer firings, fault actions), not milliseconds;
the summary line reports the virtual time the run reached. The summary is one line: model, seed, faults, events,
virtual time, leaders elected, highest term, committed entries, then `ok` or the first violated property.

Exit status: 0 when the run is fine (or `--check` was not given); with `--check`, 1 when a property is violated, and
the line names it (`election-safety`, `log-matching`, `leader-completeness`, `state-machine-safety`); 2 for a usage
error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from syslab.sim.faults import PRESETS
from syslab.sim.raft import VARIANTS, run_raft


def main(argv: list[str] | None = None) -> int:
    """Parse `argv`, run the model, print the summary and return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m syslab.sim", description="Run a deterministic simulation.")
    parser.add_argument("model", choices=["raft"], help="the model to run")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("--steps", type=int, default=5000, help="number of simulator events to run (default 5000)")
    parser.add_argument("--faults", choices=sorted(PRESETS), default="none", help="fault preset (default none)")
    parser.add_argument("--nodes", type=int, default=5, help="cluster size (default 5)")
    parser.add_argument("--variant", choices=VARIANTS, default="correct", help="a deliberately broken variant")
    parser.add_argument("--check", action="store_true", help="exit 1 naming the property if one is violated")
    parser.add_argument("--trace", type=Path, help="write the trace as JSON to this file")
    args = parser.parse_args(argv)
    if args.steps < 0 or args.nodes < 1:
        parser.error("--steps must be >= 0 and --nodes >= 1")
    result, trace = run_raft(
        args.seed, args.steps, faults=args.faults, variant=args.variant, nodes=args.nodes, trace=args.trace is not None
    )
    if args.trace is not None:
        args.trace.write_text(trace.to_json() + "\n", encoding="utf-8")
    print(result.summary())
    if args.check and result.violation is not None:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
