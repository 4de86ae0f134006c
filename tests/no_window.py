"""A pytest plugin for ``make check``: the windowless tests run with Kivy and ``screens`` unimportable.

    python -m pytest -p tests.no_window tests/core tests/jobs

Any import of ``kivy`` or ``screens`` (or of a module under them) fails with ``ModuleNotFoundError``, and the run
fails at the end even when the code that tried caught that error, naming what was imported and from where: on a
machine with Kivy installed, the check still proves that the core, the CLI and the central service need no window.
"""

from __future__ import annotations

import importlib.abc
import sys
import traceback

import pytest

BLOCKED = ("kivy", "screens")


class WindowBlocker(importlib.abc.MetaPathFinder):
    """Refuses the window packages, and remembers who asked for them.

    >>> blocker = WindowBlocker()
    >>> blocker.find_spec("json", None) is None
    True
    >>> blocker.find_spec("kivy.app", None)
    Traceback (most recent call last):
    ModuleNotFoundError: make check runs without a window: kivy.app may not be imported here
    >>> [name for name, _ in blocker.attempts]
    ['kivy.app']
    """

    def __init__(self) -> None:
        self.attempts: list[tuple[str, str]] = []

    def find_spec(self, fullname, path, target=None):
        """Refuse ``kivy``, ``screens`` and their modules; leave every other import to the usual finders.

        :param fullname: the module being imported, e.g. "kivy.app".
        """
        if fullname.partition(".")[0] not in BLOCKED:
            return None
        frames = [f for f in traceback.extract_stack()[:-1] if not f.filename.startswith("<frozen")]
        where = "".join(traceback.format_list(frames[-3:]))
        self.attempts.append((fullname, where))
        raise ModuleNotFoundError(f"make check runs without a window: {fullname} may not be imported here",
                                  name=fullname)


_BLOCKER = WindowBlocker()


def pytest_configure(config):
    """Block the window packages, unless something imported one before this plugin could stop it."""
    already = sorted(name for name in sys.modules if name.partition(".")[0] in BLOCKED)
    if already:
        raise pytest.UsageError(f"tests.no_window: {', '.join(already)} imported before the plugin loaded")
    # Not at import: `make test` collects this file's doctests too, and must not lose Kivy. The root conftest is
    # imported before this hook runs; the check above covers it, the blocker everything after.
    sys.meta_path.insert(0, _BLOCKER)


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when anything tried to import a window package, even if it caught the error."""
    if _BLOCKER.attempts:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    """Say what was imported, and from where."""
    for name, where in _BLOCKER.attempts:
        terminalreporter.write_line(f"tests.no_window: something imported {name}:\n{where}", red=True)
