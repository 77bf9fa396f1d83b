"""Measure how fast Systems Lab builds, loads and runs code (`make bench`); prints a Markdown table.

usage: python scripts/bench.py [--samples N] [--site DIR] [--quick]

What it measures, and how:

- Build: `mkdocs build --strict` into a fresh temporary directory, three times (once with --quick); the median wall
  time is reported. The built site's total size and the size of `assets/vendor/` (the vendored DuckDB-WASM, Pyodide,
  editor and wheel) are reported in MB (10^6 bytes). `--site DIR` skips the build and measures an existing site.
- The site is served by Python's `http.server` (ThreadingHTTPServer, no compression, no cache headers) on 127.0.0.1
  and driven by headless Chromium through Playwright. Every sample launches Chromium with a fresh, empty profile, so
  nothing is cached between samples.
- Cold SQL / cold Python: the page /how-it-works/ is loaded with prefetch turned off (localStorage
  "syslab.prefetch" = "off"), then a block's Run button is clicked. The time from the click to the block's
  `data-run-state` becoming `done` is measured inside the page with performance.now() and a MutationObserver, so
  Playwright's round trips are not counted. It includes downloading, compiling and starting the engine.
- Warm re-run: on the same page, once the cold run has finished, Run is clicked again on the same block.
- After prefetch: the page is loaded with prefetch on (the default), left alone for 5 s, then Run is clicked.
- Transferred before runtimes: a page is loaded with prefetch off and nothing is clicked; every response body is
  counted until the network is idle and 2 s more have passed (KB = 1000 bytes). The search index is listed apart;
  anything fetched from `assets/vendor/` is listed file by file.
- Every request of every sample is checked: a request to a host other than 127.0.0.1 prints a warning.

Each browser metric is sampled `--samples` times (default 5); the table gives the median, min and max. Targets are
reported, not enforced: the script exits non-zero only when something could not be measured.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Playwright, Response, sync_playwright

from syslab.localsite import CHROMIUM_ARGS, LOCAL_HOST, chromium_path, serve

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = chromium_path()
PAGE = "/how-it-works/"
SQL_BLOCK = '.sl-run[data-snippet="site/how-it-works/02-create-accounts.sql"]'
PY_BLOCK = '.sl-run[data-snippet="site/how-it-works/07-escaping.py"]'
PREFETCH_OFF = "localStorage.setItem('syslab.prefetch','off')"
PREFETCH_WAIT_MS = 5000
SETTLE_MS = 2000
RUN_TIMEOUT_MS = 60_000
SEARCH_INDEX = "search/search_index.json"
VENDOR = "assets/vendor/"
RUNTIME_DIRS = ("assets/vendor/duckdb/", "assets/vendor/pyodide/", "assets/vendor/wheels/")

# Clicks a block's Run button and resolves when its data-run-state becomes done or error. Returns the elapsed time
# (ms, performance.now()), the time at which the block first reached "running" (the engine was ready), the state and
# the start of the output.
CLICK_TO_RESULT_JS = """
async ({ selector, timeoutMs }) => {
  const block = document.querySelector(selector);
  if (!block) throw new Error(`no block matches ${selector}`);
  const button = block.querySelector('[data-run-action="run"]');
  if (!button) throw new Error(`no Run button in ${selector}`);
  if (button.disabled) throw new Error(`the Run button of ${selector} is disabled`);
  return await new Promise((resolve, reject) => {
    let t0 = 0;
    let runningMs = null;
    const observer = new MutationObserver(() => {
      const now = performance.now();
      const state = block.dataset.runState;
      if (state === "running" && runningMs === null) runningMs = now - t0;
      if (state !== "done" && state !== "error") return;
      observer.disconnect();
      clearTimeout(timer);
      const output = block.querySelector("[data-run-output]");
      resolve({ ms: now - t0, runningMs, state, output: (output ? output.textContent : "").slice(0, 400) });
    });
    observer.observe(block, { attributes: true, attributeFilter: ["data-run-state"] });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no result after ${timeoutMs} ms (data-run-state=${block.dataset.runState})`));
    }, timeoutMs);
    t0 = performance.now();
    button.click();
  });
}
"""


class BenchError(Exception):
    """Something could not be measured."""


@dataclass
class Row:
    """One line of the result table: a metric's samples, its unit and its target (None: no target)."""

    metric: str
    unit: str  # "ms", "MB", "KB" or "" (a count)
    values: list[float] = field(default_factory=list)
    target: float | None = None


@dataclass
class RunResult:
    """One click-to-result measurement."""

    ms: float
    engine_ms: float | None  # time until the block reached "running", i.e. the engine was ready


@dataclass
class Transfer:
    """What a page fetched before any runtime was requested."""

    total: int = 0
    search_index: int = 0
    vendor: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    runtime_requested: bool = False


@dataclass
class Bench:
    """The state shared by all browser samples."""

    playwright: Playwright
    base_url: str
    foreign: set[str] = field(default_factory=set)
    page_errors: set[str] = field(default_factory=set)
    chromium_version: str = "unknown"
    load_before: float = field(default_factory=lambda: os.getloadavg()[0])


# ---------------------------------------------------------------------------------------------------- build and site


def build_site(out_dir: Path) -> float:
    """Run `mkdocs build --strict` into out_dir; returns the wall time in ms. Raises BenchError if it fails."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise BenchError(f"mkdocs build --strict failed (exit {result.returncode}):\n{tail}")
    return elapsed_ms


def build_repeatedly(parent: Path, runs: int) -> tuple[Path, list[float]]:
    """Build `runs` times, each into a fresh directory; keeps the last site, returns it with the build times."""
    times: list[float] = []
    site = parent / "site-0"
    for index in range(runs):
        if index:
            shutil.rmtree(site)
        site = parent / f"site-{index}"
        times.append(build_site(site))
        progress(f"build {index + 1}/{runs}: {times[-1]:.1f} ms")
    return site, times


def tree_bytes(path: Path) -> int:
    """Total size of the files under path."""
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def check_site(site: Path) -> None:
    """Fail early when site does not look like a built Systems Lab site."""
    if not (site / PAGE.strip("/") / "index.html").is_file():
        raise BenchError(f"{site} has no {PAGE.strip('/')}/index.html: is it a built site?")
    if not (site / VENDOR).is_dir():
        raise BenchError(f"{site} has no {VENDOR}: run `make vendor wheel`, then build again")


# ---------------------------------------------------------------------------------------------------------- server


# --------------------------------------------------------------------------------------------------------- browser


@contextlib.contextmanager
def fresh_context(bench: Bench, prefetch: bool) -> Iterator[Page]:
    """Launch Chromium with a new, empty profile; yields its page. Records foreign hosts and page errors."""
    with tempfile.TemporaryDirectory(prefix="syslab-bench-profile-", ignore_cleanup_errors=True) as profile:
        context = bench.playwright.chromium.launch_persistent_context(
            user_data_dir=profile, executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            if context.browser is not None:
                bench.chromium_version = context.browser.version
            context.on("request", lambda request: record_foreign_host(bench, request.url))
            if not prefetch:
                context.add_init_script(PREFETCH_OFF)
            page = context.pages[0] if context.pages else context.new_page()
            page.on("pageerror", lambda error: bench.page_errors.add(str(error)))
            page.on("websocket", lambda socket: record_foreign_host(bench, socket.url))
            yield page
        finally:
            context.close()


def record_foreign_host(bench: Bench, url: str) -> None:
    """Remember any http(s) or WebSocket URL that does not point to 127.0.0.1 (data: and blob: URLs are local)."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST:
        bench.foreign.add(url)


def open_page(page: Page, url: str, wait_for: str | None) -> None:
    """Navigate and wait for the given block to be upgraded (Run button wired)."""
    response = page.goto(url, wait_until="load")
    if response is None or not response.ok:
        raise BenchError(f"{url} did not load (HTTP {response.status if response else 'no response'})")
    if wait_for:
        page.wait_for_selector(f'{wait_for}[data-run-ready="true"]', timeout=30_000)


def click_to_result(page: Page, block: str) -> RunResult:
    """Click Run on block and time it in the page until the result; the run must succeed."""
    result = page.evaluate(CLICK_TO_RESULT_JS, {"selector": block, "timeoutMs": RUN_TIMEOUT_MS})
    if result["state"] != "done":
        raise BenchError(f"{block} ended in state {result['state']!r}: {result['output']!r}")
    return RunResult(ms=result["ms"], engine_ms=result["runningMs"])


def cold_then_warm(bench: Bench, block: str) -> tuple[RunResult, RunResult]:
    """A first Run with prefetch off (cold), then a second Run of the same block (warm)."""
    with fresh_context(bench, prefetch=False) as page:
        open_page(page, bench.base_url + PAGE, wait_for=block)
        cold = click_to_result(page, block)
        warm = click_to_result(page, block)
    return cold, warm


def after_prefetch(bench: Bench, block: str) -> RunResult:
    """Load with prefetch on, leave the page alone for a while, then Run."""
    with fresh_context(bench, prefetch=True) as page:
        open_page(page, bench.base_url + PAGE, wait_for=block)
        page.wait_for_timeout(PREFETCH_WAIT_MS)
        return click_to_result(page, block)


def response_size(response: Response) -> int:
    """The response's body size; the Content-Length header when the body is not available (redirects)."""
    try:
        return len(response.body())
    except PlaywrightError:
        return int(response.headers.get("content-length", "0") or 0)


def transferred(bench: Bench, path: str) -> Transfer:
    """Bytes a page fetches with prefetch off and no click, until the network is idle and SETTLE_MS have passed."""
    responses: list[Response] = []
    with fresh_context(bench, prefetch=False) as page:
        page.context.on("response", lambda response: responses.append(response))
        response = page.goto(bench.base_url + path, wait_until="networkidle")
        if response is None or not response.ok:
            raise BenchError(f"{path} did not load")
        page.wait_for_timeout(SETTLE_MS)
        return tally(bench.base_url, responses)


def tally(base_url: str, responses: list[Response]) -> Transfer:
    """Sum response sizes, with the search index and the vendored files apart."""
    transfer = Transfer(requests=len(responses))
    for response in responses:
        size = response_size(response)
        local = response.url.removeprefix(base_url + "/").split("?")[0]
        transfer.total += size
        if local == SEARCH_INDEX:
            transfer.search_index += size
        elif local.startswith(VENDOR):
            transfer.vendor[local.removeprefix(VENDOR)] = size
        transfer.runtime_requested |= local.startswith(RUNTIME_DIRS)
    return transfer


# ------------------------------------------------------------------------------------------------------- sampling


BLOCKS = {"SQL": SQL_BLOCK, "Python": PY_BLOCK}


@dataclass
class Samples:
    """Everything collected from the browser: run times by kind ("cold", "warm", "prefetch") and language."""

    runs: dict[tuple[str, str], list[RunResult]] = field(default_factory=lambda: defaultdict(list))
    transfers: dict[str, list[Transfer]] = field(default_factory=lambda: defaultdict(list))


def collect(bench: Bench, samples: int) -> Samples:
    """Take every browser sample, one round at a time so that slow drifts spread over all metrics."""
    collected = Samples()
    for index in range(samples):
        for path in ("/", PAGE):
            collected.transfers[path].append(transferred(bench, path))
        for language, block in BLOCKS.items():
            cold, warm = cold_then_warm(bench, block)
            prefetched = after_prefetch(bench, block)
            collected.runs["cold", language].append(cold)
            collected.runs["warm", language].append(warm)
            collected.runs["prefetch", language].append(prefetched)
            progress(
                f"sample {index + 1}/{samples} {language}: cold {cold.ms:.1f} ms, warm {warm.ms:.1f} ms, "
                f"after prefetch {prefetched.ms:.1f} ms"
            )
    return collected


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------------- report


TIME_ROWS = [  # (metric, kind, language, target in ms)
    ("cold SQL (click to result, prefetch off)", "cold", "SQL", 1000.0),
    ("cold Python (click to result, prefetch off)", "cold", "Python", 2000.0),
    (f"SQL after prefetch ({PREFETCH_WAIT_MS / 1000:.0f} s idle)", "prefetch", "SQL", 200.0),
    (f"Python after prefetch ({PREFETCH_WAIT_MS / 1000:.0f} s idle)", "prefetch", "Python", 200.0),
    ("warm re-run SQL", "warm", "SQL", 50.0),
    ("warm re-run Python", "warm", "Python", 50.0),
]


def transfer_rows(path: str, transfers: list[Transfer]) -> list[Row]:
    return [
        Row(
            f"transferred before runtimes, `{path}` (excl. search index)",
            "KB",
            [(t.total - t.search_index) / 1000 for t in transfers],
            500.0,
        ),
        Row(f"search index, `{path}`", "KB", [t.search_index / 1000 for t in transfers]),
        Row(f"requests, `{path}`", "", [float(t.requests) for t in transfers]),
    ]


def rows(samples: Samples, build_ms: list[float], site: Path) -> list[Row]:
    table = []
    if build_ms:
        table.append(Row("build time (`mkdocs build --strict`)", "ms", build_ms))
    table.append(Row("site size", "MB", [tree_bytes(site) / 1e6]))
    table.append(Row("vendored runtimes (`assets/vendor/`, part of the site)", "MB", [tree_bytes(site / VENDOR) / 1e6]))
    for metric, kind, language, target in TIME_ROWS:
        table.append(Row(metric, "ms", [result.ms for result in samples.runs[kind, language]], target))
    for path, transfers in samples.transfers.items():
        table += transfer_rows(path, transfers)
    return table


def fmt(value: float, unit: str) -> str:
    if unit == "":
        return f"{value:.0f}"
    if unit == "MB":
        return f"{value:.2f} MB"
    return f"{value:.1f} {unit}"


def format_row(row: Row) -> str:
    if not row.values:
        raise BenchError(f"no samples for {row.metric}")
    median = statistics.median(row.values)
    cells = [fmt(median, row.unit), fmt(min(row.values), row.unit), fmt(max(row.values), row.unit)]
    target = "—"
    if row.target is not None:
        target = f"≤ {fmt(row.target, row.unit)}" + ("" if median <= row.target else " (missed)")
    return f"| {row.metric} | {' | '.join(cells)} | {target} |"


def print_table(table: list[Row]) -> None:
    print("| metric | median | min | max | target |")
    print("|---|---:|---:|---:|---|")
    for row in table:
        print(format_row(row))


def print_notes(samples: Samples, bench: Bench) -> None:
    """The cold-start breakdown, vendored files fetched without a click, foreign hosts and page errors."""
    print()
    for (kind, language), results in samples.runs.items():
        if kind != "warm":
            print_breakdown(f"{kind} {language}", results)
    for path, transfers in samples.transfers.items():
        vendor = transfers[-1].vendor
        if vendor:
            files = ", ".join(f"{name} ({size / 1000:.1f} KB)" for name, size in sorted(vendor.items()))
            print(f"`{path}` fetched {sum(vendor.values()) / 1000:.1f} KB from {VENDOR} without a click: {files}")
        if any(t.runtime_requested for t in transfers):
            print(f"WARNING: `{path}` requested DuckDB, Pyodide or the wheel with prefetch off and no click")
    if bench.foreign:
        print(f"WARNING: requests to hosts other than {LOCAL_HOST}: {', '.join(sorted(bench.foreign))}")
    else:
        print(f"Every request went to {LOCAL_HOST}.")
    for error in sorted(bench.page_errors):
        print(f"WARNING: page error: {error}")


def print_breakdown(name: str, results: list[RunResult]) -> None:
    """Where a run's time goes: until the block reaches "running" (engine ready), then the run itself."""
    engine = [result.engine_ms for result in results if result.engine_ms is not None]
    if not engine:
        return
    start, total = statistics.median(engine), statistics.median(result.ms for result in results)
    print(f"{name} (medians): engine start {start:.1f} ms, then the run itself {total - start:.1f} ms.")


def environment(bench: Bench) -> str:
    today = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    return (
        f"Environment: Chromium {bench.chromium_version} (headless, {CHROMIUM}), "
        f"{os.cpu_count()} CPUs ({cpu_model()}), load average {bench.load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after, "
        f"Python {platform.python_version()}, Playwright {package_version('playwright')}, "
        f"served by http.server without compression, {today}."
    )


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


# ----------------------------------------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5, help="samples per browser metric (default 5)")
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building one")
    parser.add_argument("--quick", action="store_true", help="one sample per metric and one build (development)")
    args = parser.parse_args(argv)
    if args.quick:
        args.samples = 1
    if args.samples < 1:
        parser.error("--samples must be at least 1")
    return args


def run(args: argparse.Namespace, workdir: Path) -> None:
    build_ms: list[float] = []
    if args.site:
        site = args.site.resolve()
    else:
        site, build_ms = build_repeatedly(workdir, 1 if args.quick else 3)
    check_site(site)
    if not Path(CHROMIUM).exists():
        raise BenchError(f"no Chromium at {CHROMIUM} (set SYSLAB_CHROMIUM, or run scripts/ensure_system_packages.sh)")
    with serve(site) as base_url, sync_playwright() as playwright:
        bench = Bench(playwright, base_url)
        samples = collect(bench, args.samples)
    print_table(rows(samples, build_ms, site))
    print_notes(samples, bench)
    print(environment(bench))


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="syslab-bench-") as workdir:
            run(args, Path(workdir))
    except (BenchError, PlaywrightError) as error:
        print(f"bench: could not measure: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
