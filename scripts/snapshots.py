"""Re-record the expected output of every snippet (`make snapshots`); review the result with `git diff`.

usage: python scripts/snapshots.py [SNIPPET ...]   (names relative to snippets/, default: all)

PostgreSQL snippets (`-- engine: postgresql`) are recorded on a temporary PostgreSQL server started for the run.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from syslab.postgres import PostgresRunner, TemporaryPostgres
from syslab.snapshots import write_snapshots
from syslab.snippets import SnippetLibrary

ROOT = Path(__file__).resolve().parent.parent


def main(names: list[str]) -> int:
    library = SnippetLibrary(ROOT / "snippets")
    wanted = [library.get(name) for name in names] or list(library)
    with contextlib.ExitStack() as stack:
        postgres = None
        if any(snippet.engine == "postgresql" for snippet in wanted):
            postgres = PostgresRunner(stack.enter_context(TemporaryPostgres()))
        changed = write_snapshots(library, names, postgres)
    for snippet in changed:
        print(f"rewrote {snippet.output_path.relative_to(ROOT)}")
    print(f"{len(changed)} of {len(names) or len(library)} recorded outputs changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
