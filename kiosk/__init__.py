"""Jobpoint's core: settings, the session and its wipe, the idle timer, messages, sizes and colours.

Nothing here opens a window, so tests and command-line tools can use it on a machine with no display.
"""

from pathlib import Path as _Path


def _build_version(source: str) -> str:
    """The version a packaged build was made as (``kiosk/_version.txt``, written by ``make dist``, e.g.
    "0.1.0+aa09bfc"), else the source's; the heartbeat and the updater compare it with a ring's target."""
    try:
        return _Path(__file__).with_name("_version.txt").read_text(encoding="utf-8").strip() or source
    except OSError:  # running from source: there is no build version
        return source


__version__ = _build_version("0.1.0")
