"""Command line: run a model headless and optionally check its safety properties.

    python -m syslab.sim raft --seed 7 --steps 5000 --faults chaos --check
    python -m syslab.sim raft --seed 7 --steps 5000 --variant double-vote --faults partitions --check
    python -m syslab.sim raft --seed 7 --steps 500 --trace run.json
    python -m syslab.sim raft --seeds 200 --faults chaos --check      # seeds 0..199, one line each
    python -m syslab.sim --list                                       # models, variants and properties

`--steps` is a number of simulator events (message deliveries, timer firings, fault actions), not milliseconds;
the summary line reports the virtual time the run reached. The summary is one line: model, seed, faults, events,
virtual time, the model's own counts, then `ok` or the first violated property.

Exit status: 0 when every run is fine (or `--check` was not given); with `--check`, 1 when a property is violated,
and the line names it (for Raft: `election-safety`, `log-matching`, `leader-completeness`, `state-machine-safety`);
2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from syslab.sim.faults import PRESETS
from syslab.sim.registry import MODELS


def describe() -> str:
    """The models with their default cluster size, variants and checked properties, a few lines each."""
    lines = []
    for name, cls in sorted(MODELS.items()):
        lines.append(f"{name}: {cls.default_nodes} nodes by default")
        lines.append(f"  properties: {', '.join(cls.properties)}")
        lines.append(f"  variants: {', '.join(cls.variants)}")
        if cls.option_defaults:
            lines.append("  options: " + ", ".join(f"{k}={v}" for k, v in cls.option_defaults.items()))
            if cls.option_help:
                lines.append(f"    ({cls.option_help})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse `argv`, run the model, print the summaries and return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m syslab.sim", description="Run a deterministic simulation.")
    parser.add_argument("model", nargs="?", choices=sorted(MODELS), help="the model to run")
    parser.add_argument("--list", action="store_true", help="list the models, their variants and properties")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("--seeds", type=int, help="run seeds seed..seed+N-1 instead of one")
    parser.add_argument("--steps", type=int, default=5000, help="number of simulator events to run (default 5000)")
    parser.add_argument("--faults", choices=sorted(PRESETS), default="none", help="fault preset (default none)")
    parser.add_argument("--nodes", type=int, help="cluster size (default: the model's)")
    parser.add_argument("--variant", default="correct", help="a deliberately broken variant (see --list)")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE", help="a model option")
    parser.add_argument("--check", action="store_true", help="exit 1 naming the property if one is violated")
    parser.add_argument("--trace", type=Path, help="write the trace as JSON to this file (single seed only)")
    args = parser.parse_args(argv)
    if args.list:
        print(describe())
        return 0
    if args.model is None:
        parser.error("name a model, or use --list")
    cls = MODELS[args.model]
    if args.variant not in cls.variants:
        parser.error(f"{args.model} has no variant {args.variant!r}; choose from {', '.join(cls.variants)}")
    if args.steps < 0 or (args.nodes is not None and args.nodes < 1) or (args.seeds is not None and args.seeds < 1):
        parser.error("--steps must be >= 0, --nodes >= 1 and --seeds >= 1")
    if args.seeds is not None and args.trace is not None:
        parser.error("--trace writes one run: use it with --seed, not --seeds")
    options: dict[str, int | str] = {}
    for item in args.option:
        key, sep, value = item.partition("=")
        if not sep:
            parser.error(f"--option takes NAME=VALUE, got {item!r}")
        options[key] = int(value) if value.lstrip("-").isdigit() else value
    try:
        cls(0, nodes=args.nodes, variant=args.variant, options=options)
    except ValueError as error:
        parser.error(str(error))
    violated = 0
    for seed in range(args.seed, args.seed + (args.seeds or 1)):
        model = cls(
            seed,
            faults=args.faults,
            variant=args.variant,
            nodes=args.nodes,
            trace=args.trace is not None,
            options=options,
        )
        result = model.run(args.steps)
        if args.trace is not None:
            args.trace.write_text(model.trace.to_json() + "\n", encoding="utf-8")
        print(result.summary())
        violated += result.violation is not None
    if args.seeds is not None:
        print(f"{args.model}: {args.seeds} seeds, {violated} with a violation")
    if args.check and violated:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
