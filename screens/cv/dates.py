"""Date pickers for the CV builder, made for touch: a year stepper (big "–", the year, big "+") and a month-and-year
picker (twelve month chips in the person's language, then the year stepper).

Nothing is typed, so no date can be malformed. A month is needed with a year because a CV shows jobs as
"March 2024 to now": a year alone would be lost. The picker says so plainly instead of guessing a month.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.cv.model import YearMonth
from kiosk.cv.steps import month_names, year_range
from screens.base import show_only
from screens.widgets import running_app
from screens.widgets import KButton


class YearStepper(BoxLayout):
    """"–", the year, "+". ``year`` 0 means none chosen yet; the first touch of either button shows ``default``."""

    year = NumericProperty(0)
    #: The year shown first (this year, or the start year for an end date).
    default = NumericProperty(0)
    low = NumericProperty(year_range()[0])
    high = NumericProperty(year_range()[1])
    #: Whether it has its own "No year" button (the month-and-year picker has one for the whole date instead).
    clearable = BooleanProperty(True)

    def on_kv_post(self, base_widget) -> None:
        """Show "No year" only when there is a year to take away."""
        super().on_kv_post(base_widget)
        self.bind(year=self._show_buttons, clearable=self._show_buttons)
        self._show_buttons()

    def _show_buttons(self, *_args) -> None:
        ids = self.ids
        show_only(self, [ids.minus, ids.shown, ids.plus] + ([ids.no_year] if self.year and self.clearable else []))

    def step(self, delta: int) -> None:
        """Show the year before (-1) or after (+1), staying inside the years the CV allows.

        :param delta: -1 or +1.
        """
        if not self.year:
            self.year = self.default or self.high
        else:
            self.year = min(self.high, max(self.low, int(self.year) + delta))
        running_app().access.speak(str(self.year))

    def clear(self) -> None:
        """No year."""
        self.year = 0


class MonthYearPicker(BoxLayout):
    """Twelve month chips, then a ``YearStepper``. ``month`` 0 means none chosen.

    Picking a month with no year yet shows ``default_year``, so one touch of "March" already means March of this
    year; a year without a month is "not finished" (``incomplete``), and the screen asks for the month.
    """

    month = NumericProperty(0)
    year = NumericProperty(0)
    default_year = NumericProperty(0)
    language = StringProperty("")

    def on_kv_post(self, base_widget) -> None:
        """Draw the month chips once the picker's widgets exist."""
        super().on_kv_post(base_widget)
        self.bind(month=self._fill_months)
        self._fill_months()

    def on_language(self, *_args) -> None:
        """The month names follow the person's language."""
        if "months" in self.ids:
            self._fill_months()

    def _fill_months(self, *_args) -> None:
        row = self.ids.months
        names = month_names(self.language or "en")
        if len(row.children) == len(names):  # the chips exist: new words (if the language changed) and the tick
            for chip, name in zip(reversed(row.children), names):
                chip.text = name
                chip.selected = chip.month == self.month
            return
        row.clear_widgets()
        for number, name in enumerate(names, 1):
            chip = KButton(text=name, kind="secondary", fit=True, selected=number == self.month)
            chip.month = number
            chip.bind(on_release=lambda _chip, number=number: self.pick_month(number))
            row.add_widget(chip)

    def pick_month(self, number: int) -> None:
        """Choose a month (touching the chosen one again un-chooses it).

        :param number: 1 to 12.
        """
        self.month = 0 if self.month == number else number
        if self.month and not self.year:
            self.year = self.default_year or year_range()[1]

    def clear(self) -> None:
        """No date."""
        self.month = 0
        self.year = 0

    @property
    def value(self) -> YearMonth | None:
        """The date chosen, or None when there is none (or it is not finished)."""
        return YearMonth(int(self.year), int(self.month)) if self.month and self.year else None

    @property
    def incomplete(self) -> bool:
        """True when a year is chosen without a month."""
        return bool(self.year) and not self.month

    def show(self, value: YearMonth | None) -> None:
        """Show a date from the CV.

        :param value: the date, or None.
        """
        self.month, self.year = (value.month, value.year) if value else (0, 0)
