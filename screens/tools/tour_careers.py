"""The tour's views of Explore careers (``screens/careers/``): a career's page, scrolled to its ways in or its end,
read aloud; "Find any job" with what a name finds and with nothing found; a page of the ONS's list of jobs.

    special.update(career_screens(app))      # the "career" and "career_ons" screens show one, not an empty page
    views += career_views(app, reading)      # and more views of them
"""

from __future__ import annotations


def career_screens(app) -> dict:
    """The set-up of the "career" screen (care work) and the "career_ons" screen (the ONS's nurses).

    :param app: the running KioskApp (``None`` to list the names only).
    """
    return {"career": _career(app, "care"), "career_ons": _ons_career(app, "2237")}


def career_views(app, reading) -> list[tuple[str, object]]:
    """(name, set-up) of the tour's further views of Explore careers.

    :param app: the running KioskApp (``None`` to list the names only).
    :param reading: ``tour_views``' maker of a view read aloud: ``reading(show, parts_heard)``.
    """
    return [
        # A career with a licence to get (ways in with their sources), one read aloud, and the end of a career's
        # page ("Careers like this", young people, "Was this useful?").
        ("career_security", _career(app, "security", "routes_heading")),
        ("career_hgv", _career(app, "hgv", "routes_heading")),
        ("career_reading", reading(_career(app, "care"), 8)),
        ("career_end", _at_the_end(app, _career(app, "kitchen"))),
        # "Find any job": what a name finds (the ONS's nurses), one that finds nothing, and a page of the ONS's
        # list read from its end (the vacancies, the job titles to search for).
        ("careers_found", _careers_found(app, "nurse")),
        ("careers_found_none", _careers_found(app, "zzzz")),
        ("career_ons_end", _at_the_end(app, _ons_career(app, "2134"))),
    ]


def _at_the_end(app, show):
    return lambda: (show(), setattr(app.screen.ids.page, "scroll_y", 0))


def _career(app, key, scrolled_to=""):
    def show():
        from screens.careers.choose import open_career
        app.nav.begin()
        app.nav.go("careers")
        open_career(app, key)
        if scrolled_to:  # the part under the lists: ways in, the vacancies and pay, the jobs to look for
            from kivy.clock import Clock
            page, part = app.screen.ids.page, app.screen.ids[scrolled_to]

            def scroll(_dt):  # once the page is laid out (its labels have their sizes a frame later)
                content = page.children[0]
                below_top = content.top - part.top + part.padding[1]  # the part's heading at the page's top
                page.scroll_y = max(0.0, 1 - below_top / max(1, content.height - page.height))
            Clock.schedule_once(lambda _dt: Clock.schedule_once(scroll, 0), 0)
    return show


def _ons_career(app, code):
    def show():
        from screens.careers.ons_career import open_unit_group
        app.nav.begin()
        app.nav.go("careers")
        open_unit_group(app, code)
    return show


def _careers_found(app, typed):
    def show():
        app.nav.begin()
        app.nav.go("careers")
        app.screen.ids.find.text = typed
        app.screen.find()
    return show
