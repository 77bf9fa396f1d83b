"""A throw-away PostgreSQL server for CI and `make snapshots`, and a runner that executes SQL on it through psql.

The server is Debian's `postgresql` package (`scripts/ensure_system_packages.sh` installs it): `TemporaryPostgres`
creates a cluster in a temporary folder, listens on 127.0.0.1 on a free port (and a Unix socket in the same folder),
and removes everything on exit. As root, the cluster runs as the `postgres` user, because PostgreSQL refuses to run
as root.

`run_psql` runs a script in one psql session and returns the last statement's result in the same shape as the
DuckDB runner (`SqlResult`), with values as PostgreSQL's text output prints them.
"""

from __future__ import annotations

import csv
import glob
import io
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from syslab.runner.sql import MAX_ROWS, SqlResult
from syslab.sqltext import split_statements

NULL_MARK = "\u2400NULL\u2400"
"""What psql prints for NULL, so that NULL and the empty string stay apart."""


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin folder, or None."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TemporaryPostgres:
    """`with TemporaryPostgres() as pg:` a running server; `pg.psql(...)` and `pg.createdb(...)` talk to it."""

    def __init__(self) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed: run `bash scripts/ensure_system_packages.sh`")
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="syslab-pg-"))
        self.port = _free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, text=True)

    def __enter__(self) -> TemporaryPostgres:
        if self.as_user:
            shutil.chown(self.folder, user="postgres")
        data = self.folder / "data"
        self._run(
            str(self.bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"
        )
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def command(self, database: str = "postgres") -> list[str]:
        """The psql command line for a database on this server (quiet, no ~/.psqlrc, CSV output)."""
        return [
            "psql",
            "-X",
            "-q",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "--csv",
            "-P",
            f"null={NULL_MARK}",
        ]

    def psql(self, script: str, database: str = "postgres") -> subprocess.CompletedProcess:
        """Run a script; returns the completed process (stdout is CSV)."""
        return subprocess.run(self.command(database), input=script, capture_output=True, text=True)

    def createdb(self, name: str, template: str | None = None) -> None:
        """Create a database, optionally as a copy of another (fast: PostgreSQL copies the files)."""
        clause = f" TEMPLATE {template}" if template else ""
        result = self.psql(f'CREATE DATABASE "{name}"{clause};')
        if result.returncode != 0:
            raise RuntimeError(result.stderr)


def _error_text(stderr: str) -> str:
    """psql's error without its `psql:<stdin>:12:` location prefix."""
    lines = []
    for line in stderr.strip().splitlines():
        if line.startswith("psql:") and ": " in line:
            line = line.split(": ", 1)[1]
        lines.append(line)
    return "\n".join(lines)


def run_psql(pg: TemporaryPostgres, code: str, database: str, max_rows: int = MAX_ROWS) -> SqlResult:
    """Run `code` in one session; the last statement's result as a `SqlResult` (or its error)."""
    statements = split_statements(code)
    if not statements:
        return SqlResult(error="There is no SQL statement to run.")
    earlier = "".join(f"{statement.strip()};\n" for statement in statements[:-1])
    script = f"\\o /dev/null\n{earlier}\\o\n{statements[-1].strip()};\n"
    result = pg.psql(script, database)
    if result.returncode != 0:
        return SqlResult(error=_error_text(result.stderr))
    rows = list(csv.reader(io.StringIO(result.stdout)))
    if not rows:
        return SqlResult()
    columns, body = rows[0], rows[1:]
    values = [[None if value == NULL_MARK else value for value in row] for row in body]
    return SqlResult(columns=columns, rows=values[:max_rows], row_count=len(values))


_PG_TYPES = {
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "HUGEINT": "numeric",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "VARCHAR": "text",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "INTERVAL": "interval",
}


def pg_type(duckdb_type: str) -> str:
    """The PostgreSQL type for a DuckDB column type (DECIMAL(p,s) maps to numeric(p,s))."""
    if duckdb_type.startswith("DECIMAL"):
        return "numeric" + duckdb_type[len("DECIMAL") :]
    try:
        return _PG_TYPES[duckdb_type]
    except KeyError:
        raise ValueError(f"no PostgreSQL type for DuckDB's {duckdb_type}") from None


def template_database(dataset: str, seed: int) -> str:
    """The PostgreSQL database that holds one copy of a dataset (the same name as DuckDB's template)."""
    return f"ds_{dataset}_{seed}"


def load_dataset(pg: TemporaryPostgres, dataset: str, seed: int) -> str:
    """Copy a dataset generated by DuckDB into a new PostgreSQL database (tables, primary keys, rows).

    Generating once in DuckDB and copying the rows means both engines hold byte-identical data.
    """
    import duckdb

    from syslab.datasets import dataset_sql, seed_statement

    name = template_database(dataset, seed)
    pg.createdb(name)
    con = duckdb.connect(config={"threads": 1})
    con.execute(seed_statement(seed))
    con.execute(dataset_sql(dataset))
    tables = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_oid").fetchall()]
    script = []
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        for table in tables:
            columns = con.execute(
                "SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE table_name = ? "
                "ORDER BY column_index",
                [table],
            ).fetchall()
            keys = con.execute(
                "SELECT constraint_column_names FROM duckdb_constraints() "
                "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
                [table],
            ).fetchall()
            definitions = [f'"{c}" {pg_type(t)}{"" if nullable else " NOT NULL"}' for c, t, nullable in columns]
            if keys:
                definitions.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in keys[0][0]) + ")")
            path = Path(folder) / f"{table}.csv"
            con.execute(f"COPY (SELECT * FROM \"{table}\") TO '{path}' (HEADER, NULL '{NULL_MARK}')")
            os.chmod(path, 0o644)
            script.append(f'CREATE TABLE "{table}" ({", ".join(definitions)});')
            script.append(f"\\copy \"{table}\" FROM '{path}' WITH (FORMAT csv, HEADER, NULL '{NULL_MARK}')")
        script.append("ANALYZE;")
        result = pg.psql("\n".join(script) + "\n", name)
    con.close()
    if result.returncode != 0:
        raise RuntimeError(f"loading {dataset} into PostgreSQL failed: {result.stderr}")
    return name


class PostgresRunner:
    """Runs SQL the way the snapshot and parity tests need: each run in a fresh database, copied from the dataset's
    template database (loaded once per dataset and seed)."""

    def __init__(self, pg: TemporaryPostgres) -> None:
        self.pg = pg
        self.templates: set[tuple[str, int]] = set()
        self.runs = 0

    def fresh_database(self, dataset: str | None, seed: int = 0) -> str:
        """A new database holding the dataset (or empty)."""
        template = None
        if dataset:
            if (dataset, seed) not in self.templates:
                load_dataset(self.pg, dataset, seed)
                self.templates.add((dataset, seed))
            template = template_database(dataset, seed)
        self.runs += 1
        name = f"run_{self.runs}"
        self.pg.createdb(name, template)
        return name

    def run(
        self,
        code: str,
        dataset: str | None = None,
        before: list[str] | tuple = (),
        seed: int = 0,
        max_rows: int = MAX_ROWS,
    ) -> SqlResult:
        """Run `code` after the `before` texts, in a fresh database; the last statement's result."""
        database = self.fresh_database(dataset, seed)
        try:
            return run_psql(self.pg, "\n;\n".join([*before, code]), database, max_rows)
        finally:
            self.pg.psql(f'DROP DATABASE "{database}"')

    def query(self, code: str, dataset: str, seed: int = 0, max_rows: int = MAX_ROWS) -> SqlResult:
        """Run a read-only query directly on the dataset's template database (no copy: faster)."""
        if (dataset, seed) not in self.templates:
            load_dataset(self.pg, dataset, seed)
            self.templates.add((dataset, seed))
        return run_psql(self.pg, code, template_database(dataset, seed), max_rows)
