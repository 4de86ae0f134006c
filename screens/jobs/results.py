"""Job search results: "N jobs found", large rows a page at a time, and plain help when nothing was found.

The search runs when the page opens, from the words, place and filters in the session; coming back from a job
shows the same page of results where the person left it. Misspelt words are answered with the jobs for their
correction, "Showing jobs for “butcher”", and one touch on "Search for “butchr” instead" searches the words as
typed.
"""

from __future__ import annotations

from kivy.properties import NumericProperty, OptionProperty, StringProperty

from kiosk.jobs.paging import page_count, query_to_run, same_search, wider_radius
from kiosk.jobs.query import clear_filters, filters_on, query_from_session
from screens.base import KioskScreen, show_only
from screens.jobs.detail import open_job
from screens.jobs.widgets import PAGE_SIZE, JobRow
from screens.read_aloud import page_parts
from screens.widgets import running_app


class JobResultsScreen(KioskScreen):
    """One page of results, or advice on what to change."""

    state = OptionProperty("results", options=("results", "empty", "place_unknown", "unavailable"))
    total = NumericProperty(0)
    page = NumericProperty(0)
    pages = NumericProperty(1)
    searched_text = StringProperty("")
    place_name = StringProperty("")
    radius = NumericProperty(15)
    did_you_mean = StringProperty("")
    also_searched = StringProperty("")
    corrected_from = StringProperty("")   # the words as typed, when the jobs shown are for a correction of them
    corrected_to = StringProperty("")     # that correction
    filters_on = NumericProperty(0)
    saved_count = NumericProperty(0)
    wider = NumericProperty(0)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._query = None
        self._as_typed = ""  # words the person asked to search as typed ("Search for ... instead")
        self._spare_rows: list[JobRow] = []  # rows kept for a longer page, holding no job

    def on_pre_enter(self, *_args) -> None:
        """Search (unless nothing changed since last time) and show the results."""
        self.refresh()

    def refresh(self) -> None:
        """Run the person's search for the current page and show what came back."""
        app = running_app()
        self.saved_count = len(app.session.saved_jobs)
        if app.services.job_search is None:
            self.state = "unavailable"
            self._show_blocks()
            return
        as_typed = bool(self._as_typed) and app.session.search_text == self._as_typed
        query = query_from_session(app.session, page=self.page, page_size=PAGE_SIZE, as_typed=as_typed)
        if query == self._query:
            return
        query = query_to_run(self._query, query)
        self.page = query.page
        result = app.services.job_search.search(query)
        if not same_search(self._query, query):
            app.services.count("search")  # a new search, not another page of the same one
        self._query = query
        self.total = result.total
        self.pages = page_count(result.total, PAGE_SIZE)
        self.searched_text = query.text.strip()
        self.place_name = result.place.name if result.place is not None else query.place.strip()
        self.radius = query.radius_miles
        self.did_you_mean = result.did_you_mean or ""
        self.also_searched = ", ".join(result.also_searched)
        self.corrected_from = result.corrected_from or ""
        self.corrected_to = result.corrected_to or ""
        self.filters_on = filters_on(app.session)
        self.wider = wider_radius(query, place_found=result.place is not None)
        self.state = "place_unknown" if result.place_unknown else "results" if result.hits else "empty"
        self._show_rows(result.hits)
        self._show_blocks()
        self.ids.page.scroll_y = 1

    def _show_rows(self, hits) -> None:
        # The rows already made are given the new jobs (the rest kept aside, empty): making a page of rows from
        # their kv rule on every search cost 100-300 ms a touch with software GL.
        rows = self.ids.rows
        made = list(reversed(rows.children))
        for row in made[len(hits):]:
            rows.remove_widget(row)
            row.job = None
            self._spare_rows.append(row)
        for index, hit in enumerate(hits):
            if index < len(made):
                made[index].job = hit
                continue
            row = self._spare_rows.pop() if self._spare_rows else self._new_row()
            row.job = hit
            rows.add_widget(row)

    def make_spare_rows(self, count: int = PAGE_SIZE) -> None:
        """Make a page of rows ahead of the first search (the warm-up does, on the attract screen), kept aside empty.

        :param count: rows in all, those showing included.
        """
        while len(self._spare_rows) + len(self.ids.rows.children) < count:
            self._spare_rows.append(self._new_row())

    def _new_row(self) -> JobRow:
        row = JobRow()
        row.bind(on_release=self.open_row)
        return row

    def _show_blocks(self) -> None:
        ids = self.ids
        blocks = {"results": [ids.summary, ids.rows, ids.pager], "empty": [ids.summary, ids.advice],
                  "place_unknown": [ids.place_unknown], "unavailable": [ids.unavailable]}[self.state]
        show_only(ids.column, [ids.heading, ids.read_page, *blocks])
        corrected = [ids.as_typed] if self.corrected_to and self.state == "results" else []
        show_only(ids.summary, [ids.summary_text, *corrected, ids.updated, ids.summary_buttons])
        show_only(ids.pager, [button for button, wanted in ((ids.previous, self.page > 0), (ids.page_label, True),
                                                            (ids.next, self.page < self.pages - 1)) if wanted])
        show_only(ids.advice_buttons, [button for button, wanted in (
            (ids.did_you_mean, bool(self.did_you_mean)), (ids.wider, bool(self.wider)),
            (ids.clear_filters, bool(self.filters_on)), (ids.change_search, True)) if wanted])

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: how many jobs were found and what was searched, then each job's title,
        employer, place and pay (a person choosing which to open; the rest is on the job's page), then which page
        this is. With no jobs, the page as shown: the advice on what to change (``app.reader``)."""
        if self.state != "results":
            return page_parts(self)
        ids = self.ids
        parts = [(ids.heading, ids.heading.text), (ids.summary_text, ids.summary_text.text)]
        for row in reversed(ids.rows.children):
            title, employer, place, pay = list(reversed(row.children))[:4]
            parts += [(label, label.text) for label in (title, employer, place, pay)]
        return [*parts, (ids.page_label, ids.page_label.text)]

    def summary(self, t, *_watched) -> str:
        """What was searched for, in words: the job, the place and distance, and the filters on.

        :param t: the person's catalogue.
        :param _watched: the properties the text depends on, passed by the kv rule so that it redraws.
        """
        lines = []
        if self.corrected_to:
            lines.append(t.text("results.showing_corrected", text=self.corrected_to))
        elif self.searched_text:
            lines.append(t.text("results.searched_text", text=self.searched_text))
        if self.also_searched:  # the words in the other language: "glanhawr" finds adverts for a "cleaner" too
            lines.append(t.text("results.also_searched", text=self.also_searched))
        if self.place_name:
            lines.append(t.plural("results.searched_place", int(self.radius), place=self.place_name))
        else:
            lines.append(t["results.anywhere"])
        if self.filters_on:
            lines.append(t.plural("results.filters_on", self.filters_on))
        return "\n".join(lines)

    def advice(self, t, *_watched) -> str:
        """What the person could change when nothing was found, one suggestion a line.

        :param t: the person's catalogue.
        :param _watched: the properties the text depends on, passed by the kv rule so that it redraws.
        """
        keys = []
        if self.searched_text:
            keys.append("results.advice_spelling")
            if len(self.searched_text.split()) > 1:
                keys.append("results.advice_fewer_words")
        if self.wider:
            keys.append("results.advice_further")
        if self.filters_on:
            keys.append("results.advice_filters")
        return "\n".join("• " + t[key] for key in keys)

    def open_row(self, row) -> None:
        """Open the job in a row.

        :param row: the ``JobRow`` touched.
        """
        open_job(running_app(), row.job.id, distance=row.job.distance_miles)

    def next_page(self) -> None:
        """Show the next page of results."""
        if self.page < self.pages - 1:
            self.page += 1
            self.refresh()

    def previous_page(self) -> None:
        """Show the previous page of results."""
        if self.page > 0:
            self.page -= 1
            self.refresh()

    def use_did_you_mean(self) -> None:
        """Search again with the corrected words."""
        running_app().session.search_text = self.did_you_mean
        self.page = 0
        self.refresh()

    def search_as_typed(self) -> None:
        """Search again for the words exactly as typed, not their correction."""
        self._as_typed = running_app().session.search_text
        self.page = 0
        self.refresh()

    def look_further(self) -> None:
        """Search again over a wider distance."""
        running_app().session.search_filters["radius_miles"] = self.wider
        self.page = 0
        self.refresh()

    def clear_filters(self) -> None:
        """Turn off every filter (distance and sort order stay) and search again."""
        clear_filters(running_app().session.search_filters)
        self.page = 0
        self.refresh()

    def reset(self) -> None:
        """Forget the search and its results."""
        super().reset()
        self._query = None
        self._as_typed = ""
        self._show_rows([])
        self.page, self.total, self.pages, self.filters_on, self.saved_count, self.wider = 0, 0, 1, 0, 0, 0
        self.searched_text = self.place_name = self.did_you_mean = self.also_searched = ""
        self.corrected_from = self.corrected_to = ""
        self.state = "results"
