"""Browser-test harness: a live explorer on 127.0.0.1 and Debian's Chromium driven by Playwright.

The browser is the system Chromium (installed by tools/install-browser.sh), never one downloaded by
`playwright install`, so the test runs offline. Every request the browser makes is recorded so the test
can prove that the explorer fetches nothing from another host.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-output" / "browser"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("data", "blob", "about")


def require_chromium() -> None:
    """Skip locally, but fail in CI, when the system browser is missing: CI must really run this test."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing; install it with `bash tools/install-browser.sh` (run by `make test`)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(app, timeout: float = 20.0) -> Iterator[str]:
    """Run an ASGI app with uvicorn in a background thread; yield its base URL once it answers."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="explorer-server", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            if not thread.is_alive():
                raise RuntimeError("the explorer server thread died while starting (see the log above)")
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as resp:
                    if resp.status < 500:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the explorer did not answer on {base} within {timeout:.0f} s")
            time.sleep(0.1)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(built_db) -> Iterator[str]:
    """The real explorer app on the real graph, served on 127.0.0.1 and a free port."""
    require_chromium()
    from industriegraph.web.app import create_app, warm

    app = create_app(str(built_db))
    warm(app, entities=False)  # as `serve` does in the background (but for the entity pages: CPU is scarce)
    try:
        with serve(app) as base:
            yield base
    finally:
        app.state.graph.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, launched once per session."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class BrowserLog:
    """What one page did: every URL it requested, JavaScript errors, and requests that failed or got 4xx/5xx."""

    def __init__(self, base: str):
        self.allowed = urlsplit(base).netloc
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []

    def attach(self, page) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url} ({request.failure})"))
        page.on("response", self._response)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _response(self, response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.failed.append(f"{response.url} -> {response.status}")

    def foreign(self) -> list[str]:
        """URLs that went anywhere but the local server (data:, blob: and about: stay in the page, hence fine)."""
        out = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.scheme not in ("http", "https", "ws", "wss") or parts.netloc != self.allowed:
                out.append(url)
        return out


@pytest.fixture
def browser_log(live_server) -> BrowserLog:
    return BrowserLog(live_server)


@pytest.fixture
def page(browser, browser_log):
    """A fresh browser context (no cookies, no cache) and page whose requests and errors are all recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    pg = context.new_page()
    browser_log.attach(pg)
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def shot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
