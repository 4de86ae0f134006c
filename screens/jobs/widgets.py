"""Pieces the job-search screens share: a job's row, a filter chip and a QR code's picture.

    row = JobRow(job=hit, on_release=lambda row: open_job(row.job))
    chip = Chip(label_key="filters.hours_under_16", count=12)

Their look is in ``widgets.kv``; a job's text is shown as plain text (markup stays off). The query a person has
built is made in ``kiosk.jobs.query`` (``query_from_session``); the QR code's texture in ``screens.qr_code``.
"""

from __future__ import annotations

from kivy.properties import DictProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from screens.widgets import KButton

#: Jobs on one page of results: ten large rows are a comfortable scroll at any text size.
PAGE_SIZE = 10


class JobRow(ButtonBehavior, BoxLayout):
    """One job in a list: title, employer, place and distance, pay, hours. Touch it to open the job.

    ``job`` is a ``kiosk.jobs.search.JobHit`` or a vacancy dict.
    """

    job = ObjectProperty(None, allownone=True)


class Chip(KButton):
    """A filter choice: one touch turns it on or off. Its label comes from the catalogue, with the number of
    jobs there would be with it chosen underneath (``count`` -1: no number).
    """

    label_key = StringProperty("")
    label_params = DictProperty({})
    plural_count = NumericProperty(-1)
    count = NumericProperty(-1)
    group = StringProperty("")
    value = ObjectProperty(None, allownone=True)

    def label(self, t, *_watched) -> str:
        """The chip's text in the catalogue ``t``.

        :param t: the person's catalogue.
        :param _watched: the properties the text depends on, passed by the kv rule so that it redraws.
        """
        if not self.label_key:
            return ""
        if self.plural_count >= 0:
            words = t.plural(self.label_key, int(self.plural_count), **self.label_params)
        else:
            words = t.text(self.label_key, **self.label_params)
        if self.count >= 0:
            words += "\n" + t.plural("filters.count", int(self.count))
        return words
