"""One person's visit to the kiosk: everything personal lives here, in memory, until ``wipe()``.

    >>> session = Session(default_language="cy")
    >>> session.search_text = "forklift"
    >>> session.accessibility.text_scale = 2.0
    >>> session.wipe("finished")
    >>> session.search_text, session.accessibility.text_scale, session.language
    ('', 1.0, 'cy')

Nothing here is ever written to disk or logged. The screens keep their widgets in step with the session and
register ``on_wipe`` callbacks so that a wipe also clears what they show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from kiosk.cv.model import CV

log = logging.getLogger(__name__)

#: Text sizes a person can choose, as a multiple of the standard size (at least two steps up to 200 %).
TEXT_SCALES: tuple[float, ...] = (1.0, 1.5, 2.0)


#: Read-aloud volume choices, as a share of the kiosk's own volume (setting ``speech.volume``).
VOLUMES = {"quiet": 0.5, "normal": 1.0, "loud": 1.6}


@dataclass
class Accessibility:
    """The accessibility choices a person made; they are personal and reset at wipe."""

    text_scale: float = 1.0
    high_contrast: bool = False
    reach: bool = False  # "Move everything lower"
    read_aloud: bool = False
    #: Read-aloud loudness: "quiet", "normal" (the kiosk's own volume) or "loud"; see ``VOLUMES``.
    volume: str = "normal"

    def any_on(self) -> bool:
        """True when any option differs from the standard, which lengthens idle times."""
        return self != Accessibility()


@dataclass
class Session:
    """Everything personal about the person using the kiosk now.

    :param default_language: the language a new person starts in ("en" or "cy").
    :param default_accessibility: the choices a new person starts with: the standard ones (the tour starts each
        view at the setting it shows, so a wipe between two views at 200 % text does not go to 100 % and back).
    """

    default_language: str = "en"
    default_accessibility: Accessibility = field(default_factory=Accessibility)
    language: str = ""
    in_use: bool = False
    search_text: str = ""
    search_place: str = ""
    #: Job-search filters and sort, by ``kiosk.jobs.query.JobQuery`` field name (hours, contracts, min_pay, sort ...).
    search_filters: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    #: The CV being built (``kiosk.cv.model.CV``); emptied in place at wipe, so a screen holding it sees nothing.
    cv: CV = field(default_factory=CV)
    saved_jobs: list[str] = field(default_factory=list)
    accessibility: Accessibility = field(default_factory=Accessibility)
    #: A digital champion helped during this session (counted once, as an assisted session).
    assisted: bool = False
    #: Usage events already counted in this visit that count once a visit (e.g. a benefits check finished).
    counted: set[str] = field(default_factory=set)
    _wipe_listeners: list[Callable[[str], None]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.language = self.language or self.default_language

    def on_wipe(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(reason)`` after every wipe, so a screen can clear what it shows.

        :param callback: takes the reason ("timeout", "finished", "start_again", "error", "staff").
        """
        self._wipe_listeners.append(callback)

    def clear_section(self, section: str) -> None:
        """Forget the answers of one part of the kiosk, for "Start again"; the rest of the session stays.

        :param section: "jobs", "benefits" or "cv" (anything else clears nothing).
        """
        if section == "jobs":
            # Saved jobs stay: a person may start a new search to add to them.
            self.search_text = ""
            self.search_place = ""
            self.search_filters = {}
        elif section == "benefits":
            self.answers = {}
        elif section == "cv":
            self.cv.clear()
            self.cv = CV()

    def wipe(self, reason: str) -> None:
        """Forget everything about the person and tell every listener.

        :param reason: why, for the log (never anything personal).
        """
        self.language = self.default_language
        self.in_use = False
        self.search_text = ""
        self.search_place = ""
        # Replace rather than .clear(): a screen that kept a reference must not see the next person's data.
        self.answers = {}
        self.cv.clear()
        self.cv = CV()
        self.search_filters = {}
        self.saved_jobs = []
        self.accessibility = replace(self.default_accessibility)
        self.assisted = False
        self.counted = set()
        log.info("session wiped (reason: %s)", reason)
        for callback in list(self._wipe_listeners):
            callback(reason)
