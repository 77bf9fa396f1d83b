"""Measure the simulator's speed: events per second for every registered model, in CPython and in Pyodide.

    .venv/bin/python scripts/bench_sim.py [--seeds 5]

Each model runs `check_steps` events under the `chaos` fault preset on seeds 0..N-1, once without a trace (as the
200-seed CI check runs) and once recording the trace (as the visualizer runs). Then the Raft page's first diagram
is driven as the page drives it (`syslab.sim.session.handle`): the median time of 100 play ticks of 10 virtual ms
(each runs the model and draws the three pictures), and of seeks (replays) to 2-10 s on a 10 s run. The Pyodide
numbers come from the vendored Pyodide under Node (scripts/wasm_parity.mjs, the engine module the browser uses), so
they approximate a reader's browser on this machine. Prints a table of medians; no threshold, nothing fails.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from syslab.site.hooks import wheel_path  # noqa: E402

MEASURE = """\
import json, time
from syslab.sim.registry import MODELS
rows = {}
for name in sorted(MODELS):
    cls = MODELS[name]
    for traced in (False, True):
        rates = []
        for seed in range(SEEDS):
            model = cls(seed, faults="chaos", trace=traced)
            start = time.perf_counter()
            model.run(cls.check_steps)
            rates.append(model.sim.processed / (time.perf_counter() - start))
        rows[f"{name}/{'trace' if traced else 'plain'}"] = sorted(rates)[len(rates) // 2]
from syslab.sim.session import handle
scenario = {"model": "raft", "seed": 3, "until": 1000, "workload": True}
handle({"op": "open", "id": "bench", "scenario": scenario})
ticks = []
for k in range(1, 101):
    start = time.perf_counter()
    handle({"op": "advance", "id": "bench", "to": 1000 + 10 * k})
    ticks.append((time.perf_counter() - start) * 1000)
handle({"op": "advance", "id": "bench", "to": 10_000})
seeks = []
for target in (2000, 5000, 8000, 9000, 10_000):
    start = time.perf_counter()
    handle({"op": "seek", "id": "bench", "to": target})
    seeks.append((time.perf_counter() - start) * 1000)
rows["frame_ms"] = sorted(ticks)[len(ticks) // 2]
rows["seek_ms"] = sorted(seeks)[len(seeks) // 2]
print(json.dumps(rows))
"""


def measure_cpython(seeds: int) -> dict[str, float]:
    """Run the measurement in this interpreter."""
    namespace: dict[str, object] = {"SEEDS": seeds}
    out: list[str] = []
    namespace["print"] = out.append
    exec(MEASURE, namespace)  # our own constant code
    return json.loads(out[-1])


def measure_pyodide(seeds: int) -> dict[str, float]:
    """Run the same measurement in Pyodide under Node."""
    wheel = ROOT / "docs" / wheel_path()
    if not wheel.exists():
        raise SystemExit(f"{wheel} is missing: run `make wheel` first")
    spec = {
        "wheel": str(wheel),
        "datasets": {},
        "jobs": [{"name": "bench", "lang": "python", "code": f"SEEDS = {seeds}\n" + MEASURE, "before": []}],
        "compare": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jobs.json"
        path.write_text(json.dumps(spec))
        done = subprocess.run(
            ["node", str(ROOT / "scripts" / "wasm_parity.mjs"), str(path)], cwd=ROOT, capture_output=True, text=True
        )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    text = json.loads(done.stdout)["results"]["bench"]["text"]
    return json.loads(text.strip().splitlines()[-1])


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds per model (the median is reported)")
    args = parser.parse_args()
    cpython = measure_cpython(args.seeds)
    pyodide = measure_pyodide(args.seeds)
    models = sorted({key.split("/")[0] for key in cpython if "/" in key})
    print(f"Simulator speed, events per second, median of {args.seeds} chaos seeds (python {sys.version.split()[0]})")
    print(f"{'model':<12} {'CPython':>10} {'+trace':>10} {'Pyodide':>10} {'+trace':>10} {'Pyodide/CPython':>16}")
    for name in models:
        c, ct, p, pt = (d[f"{name}/{k}"] for d in (cpython, pyodide) for k in ("plain", "trace"))
        print(f"{name:<12} {c:>10,.0f} {ct:>10,.0f} {p:>10,.0f} {pt:>10,.0f} {p / c:>16.2f}")
    medians = [statistics.median(d[f"{m}/{k}"] for m in models) for d in (cpython, pyodide) for k in ("plain", "trace")]
    print(f"{'median':<12} " + " ".join(f"{value:>10,.0f}" for value in medians))
    print()
    print("Visualizer (Raft diagram), median ms")
    print(f"{'request':<26} {'CPython':>10} {'Pyodide':>10}")
    print(f"{'play tick (10 ms + draw)':<26} {cpython['frame_ms']:>10.1f} {pyodide['frame_ms']:>10.1f}")
    print(f"{'seek on a 10 s run':<26} {cpython['seek_ms']:>10.1f} {pyodide['seek_ms']:>10.1f}")


if __name__ == "__main__":
    main()
