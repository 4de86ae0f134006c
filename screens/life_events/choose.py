""""What has changed?": one button per life event, in plain words, each opening that event's checklist."""

from __future__ import annotations

from kivy.properties import ObjectProperty

from kiosk.life_events.content import all_events
from screens.base import KioskScreen
from screens.life_events.checklist import open_event
from screens.read_aloud import question_parts
from screens.widgets import ChevronButton, running_app


class LifeEventButton(ChevronButton):
    """One life event, its title in the person's language (``life_events/choose.kv``)."""

    event = ObjectProperty(None, allownone=True)


class LifeEventsScreen(KioskScreen):
    """The question "What has changed?" and its answers, one event a button, in ``content.ORDER``."""

    def on_kv_post(self, base_widget) -> None:
        """Make the buttons once: the events are read once, at the first visit."""
        box = self.ids.events
        for event in all_events().values():
            button = LifeEventButton(event=event)
            button.bind(on_release=lambda pressed: self.choose(pressed.event.id))
            box.add_widget(button)

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: the question, the hint, each event (the answers are what the page is
        for, so its buttons are read, as a benefits question's are), then the line under them."""
        return question_parts(self.ids.column, running_app().t)

    def choose(self, event_id: str) -> None:
        """Open one event's checklist.

        :param event_id: a key of ``all_events()``.
        """
        open_event(running_app(), event_id)
