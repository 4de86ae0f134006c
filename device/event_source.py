"""Named events with handlers, for device objects that must not depend on Kivy's EventDispatcher.

    class Reader(EventSource):
        __events__ = ("on_card_inserted",)

    reader.bind(on_card_inserted=show_pin_pad)
    reader._fire("on_card_inserted", card)

A handler that raises is logged (its type only) and the others still run: one faulty screen must not stop a
device's thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger("jobpoint.device")


class EventSource:
    """Keeps handlers for the events named in ``__events__`` and calls them."""

    __events__: tuple[str, ...] = ()

    def _init_events(self) -> None:
        self._handlers: dict[str, list[Callable]] = {name: [] for name in self.__events__}

    def bind(self, **handlers: Callable) -> None:
        """Call these handlers on these events, e.g. ``bind(on_card_inserted=f)``.

        :param handlers: event name to a callable; unknown names are an error.
        """
        for event, handler in handlers.items():
            if event not in self._handlers:
                raise TypeError(f"{type(self).__name__} has no event {event!r}; it has {', '.join(self.__events__)}")
            self._handlers[event].append(handler)

    def unbind(self, **handlers: Callable) -> None:
        """Stop calling these handlers (screens unbind when they are left).

        :param handlers: event name to the callable given to ``bind``.
        """
        for event, handler in handlers.items():
            if handler in self._handlers.get(event, []):
                self._handlers[event].remove(handler)

    def _fire(self, event: str, *args) -> None:
        for handler in list(self._handlers[event]):
            try:
                handler(*args)
            except Exception as error:  # noqa: BLE001 - one bad handler must not stop the others
                log.error("%s: a handler for %s failed: %s", type(self).__name__, event, type(error).__name__)
