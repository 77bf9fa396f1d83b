"""Shared fixtures: the snippet library, the built site, a local server, Chromium, and the WASM parity run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from syslab.datasets import dataset_names, dataset_sql
from syslab.grading import GRADE_MAX_ROWS, SECOND_SEED
from syslab.localsite import CHROMIUM_ARGS, chromium_path, serve
from syslab.postgres import PostgresRunner, TemporaryPostgres, find_bindir
from syslab.questions import Question, load_bank
from syslab.site.hooks import wheel_path
from syslab.snippets import SnippetLibrary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def library() -> SnippetLibrary:
    return SnippetLibrary(ROOT / "snippets")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict` into a temporary folder; fails the session's site tests if the build fails.

    SYSLAB_SITE=<dir> reuses a site built earlier (quicker when iterating on browser tests).
    """
    if os.environ.get("SYSLAB_SITE"):
        return Path(os.environ["SYSLAB_SITE"])
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port)."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (SYSLAB_CHROMIUM overrides the path)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable}: run `bash scripts/ensure_system_packages.sh`", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()


SIM_DETERMINISM = """\
import hashlib, json
from syslab.sim.raft import run_raft
from syslab.sim.registry import MODELS
from syslab.sim.session import Scenario, Session
digest = lambda text: hashlib.sha256(text.encode()).hexdigest()
for seed in (1, 2, 3):
    result, trace = run_raft(seed, 2000, faults="chaos")
    print(seed, result.summary(), digest(trace.to_json()))
for name in sorted(MODELS):
    model = MODELS[name](7, faults="chaos")
    print(model.run(1500).summary(), digest(model.trace.to_json()))
session = Session(Scenario.from_dict({"model": "raft", "seed": 3, "until": 1500,
                                      "actions": [{"at": 700, "kind": "crash", "node": "n1"}]}))
session.act({"kind": "request"})
session.advance_to(1500)
print("visualizer frame", digest(json.dumps(session.frame(), sort_keys=True)))
"""
"""Runs every model on a chaos seed and a visualizer session, printing digests of the traces and of the drawn frame
(compared across CPython and Pyodide: the same seed must give the same run and the same pictures)."""


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresRunner]:
    """A temporary PostgreSQL server (Debian's package) for PostgreSQL snippets and the dialect parity tests."""
    if find_bindir() is None:
        pytest.fail("PostgreSQL is not installed: run `bash scripts/ensure_system_packages.sh`", pytrace=False)
    with TemporaryPostgres() as pg:
        yield PostgresRunner(pg)


@pytest.fixture(scope="session")
def bank() -> list[Question]:
    return load_bank(ROOT / "questions")


def wasm_jobs(library: SnippetLibrary, bank: list[Question]) -> list[dict]:
    """What the parity run executes in the browser's engines: every snippet, every SQL question's reference answer on
    both dataset copies, and every Python question's answer, starter and wrong answers through the grader."""
    jobs = [
        {
            "name": snippet.name,
            "lang": snippet.lang,
            "code": snippet.code,
            "before": [earlier.code for earlier in library.chain(snippet)],
            "dataset": snippet.dataset,
            "seed": 0,
        }
        for snippet in library
        if snippet.runs_in_browser
    ]
    jobs.append({"name": "sim:determinism", "lang": "python", "code": SIM_DETERMINISM, "before": []})
    for question in bank:
        if question.type == "sql":
            for seed in (0, SECOND_SEED):
                jobs.append(
                    {
                        "name": f"question:{question.id}:seed{seed}",
                        "lang": "sql",
                        "code": question.answer,
                        "dataset": question.dataset,
                        "seed": seed,
                        "max_rows": GRADE_MAX_ROWS,
                    }
                )
        elif question.type == "python":
            attempts = {"answer": question.answer, "starter": question.starter}
            attempts.update({f"wrong{i}": wrong.code for i, wrong in enumerate(question.wrong_answers)})
            for label, code in attempts.items():
                jobs.append(
                    {
                        "name": f"question:{question.id}:{label}",
                        "lang": "grade-python",
                        "code": code,
                        "tests": question.tests,
                        "hidden_tests": question.hidden_tests,
                    }
                )
    return jobs


@pytest.fixture(scope="session")
def wasm(library: SnippetLibrary, bank: list[Question], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One run of scripts/wasm_parity.mjs under Node: DuckDB-WASM and Pyodide from the vendored npm packages.
    Returns {"results": {job name: result}, "compare": [verdicts of tests/grading_cases.json]}."""
    if shutil.which("node") is None:
        pytest.fail("node is required for the parity run", pytrace=False)
    wheel = ROOT / "docs" / wheel_path()
    if not wheel.exists():
        pytest.fail(f"{wheel.relative_to(ROOT)} is missing: run `make wheel`", pytrace=False)
    spec = {
        "wheel": str(wheel),
        "datasets": {name: dataset_sql(name) for name in dataset_names()},
        "jobs": wasm_jobs(library, bank),
        "compare": json.loads((ROOT / "tests" / "grading_cases.json").read_text()),
    }
    path = tmp_path_factory.mktemp("parity") / "jobs.json"
    path.write_text(json.dumps(spec))
    result = subprocess.run(
        ["node", str(ROOT / "scripts" / "wasm_parity.mjs"), str(path)], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        readable = [line for line in result.stderr.splitlines() if len(line) < 400]  # drop minified engine source
        pytest.fail("the WASM parity run failed:\n" + "\n".join(readable[-40:]), pytrace=False)
    return json.loads(result.stdout)
