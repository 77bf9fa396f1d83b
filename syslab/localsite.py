"""Serve a built site on 127.0.0.1 and launch headless Chromium for it: shared by the browser tests and the benchmark.

Chromium is Debian's package (`/usr/bin/chromium`), or the executable named by `SYSLAB_CHROMIUM`; Playwright's own
browser download is never used. The flags keep Chromium from calling home, which a closed network answers with a
flood of refused connections.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LOCAL_HOST = "127.0.0.1"

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Command-line flags for headless Chromium on a machine without internet access."""


def chromium_path() -> str:
    """The Chromium executable the tests and the benchmark drive."""
    return os.environ.get("SYSLAB_CHROMIUM", "/usr/bin/chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request, with the MIME types the runtimes need."""

    extensions_map = {  # noqa: RUF012 - the base class declares it as a plain class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 on a free port, in a thread; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="syslab-http", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
