"""Kivy's process-wide switches, set before Kivy is first imported.

Kivy must not read the command line (it would exit on options it does not know), must not read or write
~/.kivy, and must log through Python's logging so that everything reaches standard output in one format.
"""

import logging
import os


class _NoCutBufferAlarm(logging.Filter):
    """Kivy logs CRITICAL when it finds no X cut-buffer tool (xclip, xsel). The kiosk has none on purpose: a cut
    buffer keeps selected text outside the app, beyond the session's wipe."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Cutbuffer: Unable to find")


def prepare_kivy_environment(headless: bool = False) -> None:
    """Set Kivy's environment variables; call before the first ``import kivy``.

    :param headless: with no X display, draw offscreen (SDL's offscreen driver) instead of failing.
    """
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_CONFIG", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    # SDL2 reads every image the kiosk shows; skipping Pillow's provider saves its memory in every kiosk.
    os.environ.setdefault("KIVY_IMAGE", "tex,sdl2")
    # The clipboard stays inside the process (and is emptied at every wipe), never in the X selection.
    os.environ["KIVY_CLIPBOARD"] = "dummy"
    if headless and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    import kivy
    kivy.kivy_options["cutbuffer"] = ()
    logging.getLogger("kivy").addFilter(_NoCutBufferAlarm())
