"""How long the site takes to build with a full-size question bank (`make bench` prints it; runnable alone).

usage: python scripts/bench_bank.py [--questions 600] [--runs 3]

It copies the real questions into a temporary folder, adds generated copies (new ids, spread over every track and
topic the real ones use) until the bank has the requested size, builds the site against it with
`SYSLAB_QUESTIONS_DIR`, and prints the median build time. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate_bank(target: Path, size: int) -> int:
    """Fill `target` with the real bank plus numbered copies of its questions; return the number of questions."""
    shutil.copytree(ROOT / "questions", target)
    originals = sorted(path for path in target.rglob("*.md"))
    count, copy = len(originals), 0
    while count < size:
        source = originals[copy % len(originals)]
        new_id = f"{source.stem}-copy-{copy // len(originals) + 1}"
        text = re.sub(r"^id: .*$", f"id: {new_id}", source.read_text(encoding="utf-8"), count=1, flags=re.M)
        (source.parent / f"{new_id}.md").write_text(text, encoding="utf-8")
        count += 1
        copy += 1
    return count


def build_seconds(questions_dir: Path, site_dir: Path) -> float:
    """Wall time of one `mkdocs build --strict` with the given question bank."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SYSLAB_QUESTIONS_DIR": str(questions_dir)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def measure(size: int, runs: int) -> tuple[int, list[float], int]:
    """(questions, build times in seconds, pages built) for a bank of `size` questions."""
    with tempfile.TemporaryDirectory(prefix="syslab-bank-") as folder:
        questions = Path(folder) / "questions"
        total = generate_bank(questions, size)
        times = [build_seconds(questions, Path(folder) / "site") for _ in range(runs)]
        pages = sum(1 for _ in (Path(folder) / "site").rglob("index.html"))
    return total, times, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    total, times, pages = measure(args.questions, args.runs)
    print("| bank | pages built | build time, median | min | max |")
    print("|---|---|---|---|---|")
    print(
        f"| {total} questions | {pages} | {statistics.median(times):.2f} s | {min(times):.2f} s | {max(times):.2f} s |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
