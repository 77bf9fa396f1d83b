"""MkDocs glue: the `run` fence that renders runnable blocks, and the build hooks."""
