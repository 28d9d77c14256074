"""A quiet static server on 127.0.0.1 that serves a built site only under a path prefix, as
GitHub Pages serves a project site (``https://<org>.github.io/<repo>/``). Used by the tests,
the screenshot script and the search benchmark."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def serve(site_dir: Path, prefix: str = "/", port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start serving ``site_dir`` under ``prefix``; returns (server, base URL). Call
    ``server.shutdown()`` and ``server.server_close()`` when done."""

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if not path.startswith(prefix):
                return "/nonexistent/"
            return super().translate_path("/" + path[len(prefix) :])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Handler, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
