"""Filters and sort order, as big chips: one touch turns a choice on or off, and every chip shows how many jobs
there would be with it chosen. "Show N jobs" goes back to the results.

The choices live in the session (``session.search_filters``, by ``kiosk.jobs.query.JobQuery`` field name).
"""

from __future__ import annotations

from kivy.properties import NumericProperty, StringProperty

from kiosk.jobs.wording import money
from kiosk.jobs.facets import POSTED_WITHIN
from kiosk.jobs.query import RADII, SORTS, clear_filters, query_from_session
from kiosk.jobs.vacancies import CONTRACTS, HOURS_BANDS, PAY_STEPS
from screens.base import KioskScreen, show_only
from screens.jobs.widgets import Chip
from screens.read_aloud import page_parts
from screens.widgets import running_app

#: Each group: (chips' container id, JobQuery field, how choosing works, [(value, label_key, params, plural_count,
#: facet group, facet choice)]). "many": any number; "one": one or none ("Any"); "set": always exactly one;
#: "flag": on or off.
GROUPS = (
    ("distance_chips", "radius_miles", "set",
     [(r, "filters.miles", {}, r, None, None) for r in RADII]),
    ("hours_chips", "hours", "many",
     [(band, f"filters.hours_{band}", {}, -1, "hours", band) for band in HOURS_BANDS]),
    ("contract_chips", "contracts", "many",
     [(name, f"contract.{name}", {}, -1, "contract", name) for name in CONTRACTS]),
    ("pay_chips", "min_pay", "one",
     [(None, "filters.pay_any", {}, -1, None, None)]
     + [(step, "filters.pay_step", {"amount": money(step)}, -1, "min_pay", str(step)) for step in PAY_STEPS]),
    ("posted_chips", "posted_within_days", "one",
     [(None, "filters.posted_any", {}, -1, None, None)]
     + [(days, "filters.posted_1" if days == 1 else "filters.posted_days", {}, -1 if days == 1 else days,
         "posted_within", str(days)) for days in POSTED_WITHIN]),
    ("workplace_chips", "remote", "flag", [(True, "filters.remote", {}, -1, "remote", "yes")]),
    ("employer_chips", "disability_confident", "flag",
     [(True, "filters.disability_confident", {}, -1, "disability_confident", "yes")]),
    ("sort_chips", "sort", "set", [(sort, f"filters.sort_{sort}", {}, -1, None, None) for sort in SORTS]),
)
#: What a "set" group is when the person has not chosen (JobQuery's defaults).
DEFAULTS = {"radius_miles": 15, "sort": "best"}


class JobFiltersScreen(KioskScreen):
    """Every filter group with its chips; distance and "Nearest" only when a place was searched."""

    total = NumericProperty(0)
    place_name = StringProperty("")

    def on_kv_post(self, base_widget) -> None:
        """Make the chips once: the groups and their choices never change."""
        super().on_kv_post(base_widget)
        self._chips: list[Chip] = []
        for container_id, field, how, choices in GROUPS:
            for value, label_key, params, plural_count, facet, choice in choices:
                chip = Chip(label_key=label_key, label_params=params, plural_count=plural_count, group=field,
                            value=value)
                chip.facet = (facet, choice)
                chip.how = how
                chip.bind(on_release=self.toggle)
                self.ids[container_id].add_widget(chip)
                self._chips.append(chip)

    def on_pre_enter(self, *_args) -> None:
        """Show the choices made and the counts for the search as it stands."""
        self.refresh()

    def refresh(self) -> None:
        """Count again, and mark the chosen chips."""
        app = running_app()
        if app.services.job_search is None:
            return
        filters = app.session.search_filters
        result = app.services.job_search.search(query_from_session(app.session, page=0, page_size=1))
        self.total = result.total
        for chip in self._chips:
            chosen = filters.get(chip.group, DEFAULTS.get(chip.group))
            if chip.how == "many":
                chip.selected = chip.value in (chosen or ())
            elif chip.how == "flag":
                chip.selected = bool(chosen)
            else:
                chip.selected = chosen == chip.value
            facet, choice = chip.facet
            chip.count = result.facets.get(facet, {}).get(choice, -1) if facet else -1
        # Distance, and "Nearest" first, mean something only when a place was searched.
        with_place = result.place is not None
        self.place_name = result.place.name if with_place else ""
        ids = self.ids
        place_blocks = {id(ids.distance_label.__self__), id(ids.distance_chips.__self__)}
        show_only(ids.column, [child for child in _all_children(ids.column)
                               if with_place or id(child) not in place_blocks])
        show_only(ids.sort_chips, [chip for chip in _all_children(ids.sort_chips)
                                   if with_place or chip.value != "nearest"])

    def toggle(self, chip: Chip) -> None:
        """One touch on a chip: choose it, or un-choose it.

        :param chip: the chip touched.
        """
        filters = running_app().session.search_filters
        field, value = chip.group, chip.value
        if chip.how == "many":
            chosen = set(filters.get(field, ()))
            chosen ^= {value}
            filters[field] = frozenset(chosen)
        elif chip.how == "flag":
            filters[field] = not filters.get(field, False)
        elif chip.how == "one" and (value is None or filters.get(field) == value):
            filters.pop(field, None)
        else:
            filters[field] = value
        # Keep the session tidy: nothing stored that says only "the default".
        if not filters.get(field) or filters.get(field) == DEFAULTS.get(field):
            filters.pop(field, None)
        self.refresh()

    def read_parts(self) -> list[tuple[object, str]]:
        """What "Read this page aloud" reads: each filter's question, then its choices with the number of jobs each
        would leave and whether it is chosen (the choices are this page's content, as a panel's are)."""
        return page_parts(self, buttons=True, chosen=running_app().t["read.selected"])

    def clear(self) -> None:
        """Turn off every filter (distance and sort order stay as chosen)."""
        clear_filters(running_app().session.search_filters)
        self.refresh()

    def show_results(self) -> None:
        """Back to the results, searched again with these choices."""
        running_app().nav.return_to("jobs_results")

    def reset(self) -> None:
        """Nothing chosen, nothing counted."""
        super().reset()
        self.total = 0
        self.place_name = ""
        for chip in getattr(self, "_chips", []):
            chip.selected = False
            chip.count = -1


def _all_children(container) -> list:
    """Every child a container was given in its .kv file or at start, shown or not (see ``show_only``)."""
    return getattr(container, "_all_children", None) or list(reversed(container.children))
