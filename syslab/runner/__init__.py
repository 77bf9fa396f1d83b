"""Runners that execute snippet code and describe its output.

`syslab.runner.python` is pure standard library: it runs unchanged in CPython and in Pyodide.
`syslab.runner.sql` needs the `duckdb` package and runs only in CPython (the browser runs SQL on DuckDB-WASM).
"""
