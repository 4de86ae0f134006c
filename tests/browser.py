"""Headless Chromium for the tests that open a page as a person's browser would (Selenium, Debian's chromium and
chromium-driver: nothing is downloaded). Skips, saying why, where it cannot run."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@contextlib.contextmanager
def chromium(window: str = "1280,1000", downloads: Path | None = None):
    """A headless Chromium with a fresh profile, quit at the end of the block.

    :param window: its window size, "width,height".
    :param downloads: a folder it saves downloads into without asking (and ``driver.downloads``).
    """
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip selenium is not installed")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service
    profile = tempfile.mkdtemp(prefix="jobpoint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}",
                 f"--window-size={window}"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(predicate, seconds: float = 20.0):
    """A deadline for something to happen in a page, not a speed test: the value once ``predicate`` gives one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting after {seconds} s")
