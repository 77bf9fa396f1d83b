"""Every registered model, checked the way the issue asks: 200 chaos seeds with no violation, each broken variant
caught naming its property, deterministic runs, and the command line's exit status."""

from __future__ import annotations

import subprocess
import sys

import pytest

from syslab.sim.model import Model
from syslab.sim.registry import MODELS, model_class

CHAOS_SEEDS = 200
NAMES = sorted(MODELS)
BROKEN = [(name, case) for name in NAMES for case in MODELS[name].broken]


def run(cls: type[Model], seed: int, steps: int, **kwargs: object) -> Model:
    model = cls(seed, trace=False, **kwargs)  # type: ignore[arg-type]
    model.run(steps)
    return model


CHECKED = [(name, options) for name in NAMES for options in MODELS[name].check_options]


@pytest.mark.parametrize(
    ("name", "options"), CHECKED, ids=[f"{n}-{'-'.join(map(str, o.values())) or 'default'}" for n, o in CHECKED]
)
def test_safety_holds_over_200_chaos_seeds(name: str, options: dict) -> None:
    cls = MODELS[name]
    failures = []
    for seed in range(CHAOS_SEEDS):
        model = run(cls, seed, cls.check_steps, faults="chaos", options=options)
        assert model.sim.processed >= cls.check_steps, f"{name} seed {seed} ran out of events"
        if model.violation is not None:
            failures.append(model.result().summary())
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("name", "case"), BROKEN, ids=[f"{name}-{case.variant}" for name, case in BROKEN])
def test_broken_variant_is_caught(name: str, case: object) -> None:
    cls = MODELS[name]
    broken = run(cls, case.seed, case.steps, faults=case.faults, variant=case.variant, nodes=case.nodes)
    assert broken.violation is not None, f"{name} {case.variant} seed {case.seed}: the checker missed the bug"
    assert broken.violation.prop == case.prop, broken.result().summary()
    correct = run(cls, case.seed, case.steps, faults=case.faults, nodes=case.nodes)
    assert correct.violation is None, correct.result().summary()


@pytest.mark.parametrize("name", NAMES)
def test_every_model_declares_what_it_checks(name: str) -> None:
    cls = MODELS[name]
    assert cls.name == name and cls.properties, f"{name} checks no property"
    assert cls.variants[0] == "correct"
    assert {case.variant for case in cls.broken} == set(cls.variants[1:]), "every broken variant needs a case"
    assert {case.prop for case in cls.broken} <= set(cls.properties)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_trace_and_seeds_differ(name: str) -> None:
    cls = MODELS[name]
    runs = []
    for seed in (5, 5, 6):
        model = cls(seed, faults="chaos")
        model.run(1500)
        runs.append(model.trace.to_json())
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


DIGESTS = """
import hashlib, sys
from syslab.sim.registry import MODELS
for name in sorted(MODELS):
    model = MODELS[name](5, faults="chaos")
    model.run(1500)
    print(name, hashlib.sha256(model.trace.to_json().encode()).hexdigest())
"""


def test_runs_do_not_depend_on_the_process_hash_seed() -> None:
    """String hashes differ between processes; a model that iterated over a set of names would differ here."""
    import os

    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", DIGESTS], capture_output=True, text=True, env=env, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_view_and_actions_are_json_ready(name: str) -> None:
    import json

    model = MODELS[name](3, workload=False)
    model.run(300)
    for action in model.client_actions():
        model.act(action.to_dict())
    model.act({"kind": "crash", "args": {"node": model.names[0]}})
    model.act({"kind": "partition", "args": {"groups": [model.names[:1]]}})
    model.run(300)
    model.act({"kind": "heal"})
    model.act({"kind": "restart", "args": {"node": model.names[0]}})
    model.run(300)
    view = model.view()
    assert [node["name"] for node in view["nodes"]] == model.names
    json.dumps(view)
    with pytest.raises(ValueError, match="no node"):
        model.act({"kind": "crash", "args": {"node": "nope"}})


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "syslab.sim", *args], capture_output=True, text=True, check=False)


def test_cli_lists_models_and_checks_many_seeds() -> None:
    listed = cli("--list")
    assert listed.returncode == 0
    for name in NAMES:
        assert f"{name}:" in listed.stdout
    many = cli("raft", "--seeds", "3", "--steps", "500", "--faults", "chaos", "--check")
    assert many.returncode == 0, many.stdout + many.stderr
    assert many.stdout.splitlines()[-1] == "raft: 3 seeds, 0 with a violation"


@pytest.mark.parametrize(("name", "case"), BROKEN, ids=[f"{name}-{case.variant}" for name, case in BROKEN])
def test_cli_exits_1_naming_the_violated_property(name: str, case: object) -> None:
    args = [name, "--seed", str(case.seed), "--steps", str(case.steps), "--faults", case.faults]
    args += ["--variant", case.variant, "--check"] + (["--nodes", str(case.nodes)] if case.nodes else [])
    done = cli(*args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"VIOLATED {case.prop}" in done.stdout


def test_unknown_model_and_variant_are_usage_errors() -> None:
    assert cli("nope").returncode == 2
    assert cli("raft", "--variant", "nope").returncode == 2
    with pytest.raises(ValueError, match="unknown model"):
        model_class("nope")


@pytest.mark.parametrize("name", NAMES)
def test_a_restart_without_durable_state_forgets_it_or_is_refused(name: str) -> None:
    cls = MODELS[name]
    model = cls(2, workload=True)
    model.run(400)
    node = model.names[-1]
    model.act({"kind": "crash", "args": {"node": node}})
    action = {"kind": "restart", "args": {"node": node, "durable": False}}
    if not cls.can_lose_disks():
        with pytest.raises(ValueError, match="does not model losing"):
            model.act(action)
        return
    model.act(action)
    assert model.network.is_up(node)
    assert any(e.get("label") == "disk lost" or "forgot" in str(e.get("label")) for e in model.trace.events)
    model.run(400)
    with pytest.raises(ValueError, match="`durable` must be"):
        model.act({"kind": "restart", "args": {"node": node, "durable": "no"}})
