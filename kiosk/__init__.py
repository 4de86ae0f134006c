"""Jobpoint's core: settings, the session and its wipe, the idle timer, messages, sizes and colours.

Nothing here opens a window, so tests and command-line tools can use it on a machine with no display.
"""

__version__ = "0.1.0"
