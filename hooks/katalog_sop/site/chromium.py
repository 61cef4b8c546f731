"""Headless Chromium for the build steps that need a browser (diagrams drawn at build time,
the optional PDFs), and a loopback web server for a built site.

Needs ``selenium`` (requirements-dev.txt) and Chromium with chromedriver (Debian packages
``chromium`` and ``chromium-driver``; other paths through ``KATALOG_CHROMIUM`` and
``KATALOG_CHROMEDRIVER``). Every failure is a ``ChromiumError`` whose message says, in
Indonesian, what to install or what went wrong.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PAGE_TIMEOUT = 60
"""Seconds a page may take to load or answer a script before the step gives up."""

# Chromium flags that work headless as root on a machine without a network beyond loopback.
CHROME_ARGUMENTS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")

# Material renders each diagram into a closed shadow root; open it so a step can check it.
OPEN_SHADOW_ROOTS = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) {"
    "  return attach.call(this, Object.assign({}, init, {mode: 'open'})); };"
)

INSTALL = ("pasang paket Debian chromium dan chromium-driver (atau tunjukkan letaknya dengan "
           "KATALOG_CHROMIUM dan KATALOG_CHROMEDRIVER)")
"""What to do when Chromium or chromedriver is missing, for messages."""


class ChromiumError(Exception):
    """Chromium cannot be used; the message (Indonesian) says why and what to install."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A built site served on a loopback port, as ``http://127.0.0.1:<port>/``."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def paths(environment: Mapping[str, str]) -> tuple[str, str]:
    """Where Chromium and chromedriver are expected."""
    return (environment.get("KATALOG_CHROMIUM", "/usr/bin/chromium"),
            environment.get("KATALOG_CHROMEDRIVER", "/usr/bin/chromedriver"))


def missing(environment: Mapping[str, str]) -> str | None:
    """Why Chromium cannot be started here (Indonesian), or None when it can be tried."""
    if importlib.util.find_spec("selenium") is None:
        return "paket selenium belum terpasang (pip install -r requirements-dev.txt)"
    for path in paths(environment):
        if not Path(path).exists():
            return f"{path} tidak ada ({INSTALL})"
    return None


def start(environment: Mapping[str, str] | None = None) -> Any:
    """A headless Chromium (a selenium driver) whose shadow roots are open; quit it after."""
    environment = os.environ if environment is None else environment
    reason = missing(environment)
    if reason is not None:
        raise ChromiumError(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = paths(environment)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    except Exception as err:  # selenium's own errors: Chromium did not start
        raise ChromiumError(f"Chromium tidak dapat dijalankan: {type(err).__name__}") from None
    driver.set_page_load_timeout(PAGE_TIMEOUT)
    driver.set_script_timeout(PAGE_TIMEOUT)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OPEN_SHADOW_ROOTS})
    return driver
