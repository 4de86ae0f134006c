"""What ``kiosk tour`` shows: each view's name and the set-up that opens it on a running KioskApp.

    for name, set_up in views(app):
        set_up()                           # from a fresh session: opens the view, fills in sample answers ...

The set-ups reach the app only when called, so ``views(None)`` lists the names before any window exists.
"""

from __future__ import annotations

from pathlib import Path

from screens.tools.tour_careers import career_screens, career_views
from screens.tools.tour_life_events import life_event_screens, life_event_views

#: The views the tour's representative set shows besides every screen: each panel that covers a screen.
PANELS = ("phone", "print", "accessibility", "help", "confirm_finish", "idle_warning", "out_of_service", "staff_pin")


#: The benefits questionnaire answered for a typical household (a parent of 34, one child, part-time work,
#: renting from a housing association), for the tour's question, answers and results pages.
BENEFITS_SAMPLE = [("nation", "england"), ("age", "34"), ("partner", "no"), ("bereaved", "no"),
                   ("children_count", "2"), ("children_ages", ["11", "4"]), ("children_disabled", "0"),
                   ("expecting", "no"), ("work", "yes"), ("work_hours", "20"),
                   ("work_pay", {"amount": "210", "per": "week"}), ("other_income", {"amount": "0", "per": "week"}),
                   ("health", "no"), ("caring_hours", "0"), ("housing", "rent_housing_association"),
                   ("rent", {"amount": "480", "per": "month"}), ("council_tax_band", "b"),
                   ("council_tax_bill", "1420"), ("childcare_costs", {"amount": "150", "per": "month"}),
                   ("savings", "under_6000"), ("benefits_received", ["child_benefit"])]


def show_benefits(app, view: str, answered: int = len(BENEFITS_SAMPLE)) -> None:
    """Open a benefits page with the sample answers given so far (used by the tour and the look tests).

    :param app: the KioskApp.
    :param view: "benefits_question", "benefits_answers" or "benefits_results".
    :param answered: how many of ``BENEFITS_SAMPLE`` to answer first.
    """
    from kiosk.benefits import flow as benefits_flow
    from screens.benefits.widgets import flow_state, keep_state
    app.nav.begin()
    app.nav.go("benefits")
    state = flow_state(app)
    sample = {"children_born_before_2017": "1", **dict(BENEFITS_SAMPLE)}  # that question depends on the date
    for _ in range(answered):
        if state.node not in sample:
            break
        state = benefits_flow.step(state, sample[state.node])
    keep_state(app, state)
    app.nav.go(view)


def benefits_questions() -> list[str]:
    """The key of every question in the benefits questionnaire, in the order they are asked; of a question asked
    once per child (``child_sex_1`` to ``_12``), only the first, as the others look the same."""
    from kiosk.benefits.flow import QUESTIONS
    return [key for key, question in QUESTIONS.items() if not question.words or key.endswith("_1")]


def show_benefits_question(app, key: str) -> None:
    """Open one question of the benefits questionnaire, with the sample answers already given.

    :param app: the KioskApp.
    :param key: a key of ``kiosk.benefits.flow.QUESTIONS``.
    """
    from dataclasses import replace

    from screens.benefits.widgets import flow_state, keep_state
    show_benefits(app, "benefits_answers")
    keep_state(app, replace(flow_state(app), node=key, returning=False))
    app.nav.go("benefits_question")


def views(app) -> list[tuple[str, object]]:
    """(name, set-up) for every screen in the app and every panel; each set-up starts from a fresh session.

    :param app: the running KioskApp (``None`` to list the names only).
    """
    from screens.app import SCREENS

    def screen(name, cleared=False):
        def show():
            if name != "attract":
                app.nav.begin()
                app.nav.go(name)
            else:
                app.sm.get_screen("attract").cleared = cleared
        return show

    def help_state(state, reason="", request_id=""):
        def show():
            app.nav.begin()
            app.shell.show_overlay(app.panels["help"])
            desk = app.help_desk
            desk.request_id, desk.front_desk_reason, desk.state = request_id, reason, state
        return show

    def typed_search():
        app.nav.begin()
        app.nav.go("jobs")
        field = app.screen.ids.what
        field.focus = True
        field.text = "Car"

    def typed_place():
        app.nav.begin()
        app.session.search_text = "Cleaner"
        app.nav.go("jobs")
        field = app.screen.ids.where
        field.focus = True
        field.text = "Le"

    def typing_cv(view, field_id, text="", then=None):
        def show():
            app.nav.begin()
            app.nav.go(view)
            field = app.screen.ids[field_id].ids.input
            field.text = text
            field.focus = True
            if then:
                then(app.shell.ids.keyboard)
        return show

    def held(letter):
        # Shift on and the letter held down: the popup of its accented capitals, as a person sees it.
        def hold(keyboard):
            keyboard.shift = True
            keyboard.open_variants(next(k for k in keyboard.key_buttons() if k.text == letter))
        return hold

    def searched(text="", place="Leeds", **filters):
        app.nav.begin()
        app.session.search_text, app.session.search_place = text, place
        app.session.search_filters.update(filters)
        app.nav.go("jobs")
        app.screen.search()

    def filters():
        searched(hours=frozenset({"30_plus"}))
        app.nav.go("jobs_filters")

    def detail():
        searched()
        if not app.screen.ids.rows.children:  # a real cache with nothing near Leeds
            searched(place="")
        results = app.screen
        results.open_row(results.ids.rows.children[-1])

    def shortlist(count=2):
        def show():
            searched()
            first_rows = list(reversed(app.screen.ids.rows.children))[:count]
            app.session.saved_jobs.extend(row.job.id for row in first_rows)
            app.nav.go("shortlist")
        return show

    def phone(several=False):
        def show():
            if several:
                shortlist(3)()
                app.screen.send_all_to_phone()
            else:
                detail()
                app.screen.send_to_phone()
        return show

    def printed():
        detail()
        app.screen.print_job()

    def unavailable():
        app.services.job_search = None
        screen("jobs")()

    def benefits_means_open():
        show_benefits_question(app, "health_assessed")
        app.screen.ids.means.open = True

    def benefits_working_open():
        show_benefits(app, "benefits_results")
        first = app.screen.ids.eligible.children[-1]  # the first card shown
        first.ids.working.open = True

    def benefits_useful(answer):
        def show():
            from kivy.clock import Clock
            show_benefits(app, "benefits_results")
            app.screen.ids.useful.choose(answer)
            page = app.screen.ids.page
            # The end of the page, where the question is: once the results have been laid out, as showing them
            # puts the page back at its top.
            Clock.schedule_once(lambda _dt: Clock.schedule_once(lambda _dt: setattr(page, "scroll_y", 0), 0), 0)
        return show

    def benefits_keypad_error():
        show_benefits(app, "benefits_question", 1)
        app.screen.press_key("9")
        app.screen.submit()

    def idle_warning():
        app.nav.begin()
        app.idle.monitor.limit = 0
        app.idle.monitor.tick()
        app.shell.overlay.seconds_left = 27

    def staff_card(role="champion", pin=None):
        def show():
            app.nav.begin()
            app.services.devices.card.insert_demo_card(role)
            if pin is not None:
                for digit in pin:
                    app.staff.pin_panel.press(digit)
        return show

    def staff_pin_wrong():
        staff_card(pin="9999")()
        app.staff.pin_panel.submit()
        app.staff.pin_panel.press("1")

    def staff_message(key):
        def show():
            staff_card()()
            app.staff.pin_panel.tell(key)
        return show

    def assisted(then=None):
        def show():
            detail()
            staff_card(pin="1234")()
            app.staff.pin_panel.submit()
            if then:
                then()
        return show

    def maintenance():
        staff_card("maintenance", pin="1234")()
        app.staff.pin_panel.submit()

    def reading(show, parts_heard):
        # Mid-reading: the simulated voice holds each part until it is "finished", so the picture shows the part
        # being read highlighted and "Stop reading". The parts already heard are finished at once, here, rather
        # than a frame each.
        def set_up():
            show()
            speech = app.services.speech
            speech.hold = True
            hop, speech.dispatch = speech.dispatch, (lambda handler: handler())
            try:
                panel = app.shell.overlay
                app.reader.toggle((panel or app.screen).ids.read_page)
                for _ in range(parts_heard):
                    speech.finish()
            finally:
                speech.dispatch = hop
        return set_up

    def local_help(group):
        def show():
            from screens.local_help import open_group
            app.nav.begin()
            app.nav.go("local_help")
            open_group(app, group)
        return show

    special = {**career_screens(app), "benefits_question": lambda: show_benefits(app, "benefits_question", 0),
               "benefits_answers": lambda: show_benefits(app, "benefits_answers"),
               "benefits_results": lambda: show_benefits(app, "benefits_results"),
               "jobs_results": searched, "jobs_filters": filters, "job_detail": detail, "shortlist": shortlist(),
               "local_help_group": local_help("money"), **life_event_screens(app)}
    views = [(name, special.get(name) or screen(name)) for name, *_how in SCREENS]
    views.insert(1, ("attract_cleared", screen("attract", cleared=True)))
    views += [
        ("jobs_typing", typed_search),
        ("jobs_place_typing", typed_place),
        # The on-screen keyboard's layouts: accents held on a letter, the "à é ŵ" page, email, phone, a new line.
        ("cv_contact_typing_name", typing_cv("cv_contact", "name", "Siân", held("L"))),
        ("cv_contact_typing_accents", typing_cv("cv_contact", "town", "Ll",
                                                lambda keyboard: setattr(keyboard, "layout_name", "accents"))),
        ("cv_contact_typing_email", typing_cv("cv_contact", "email", "sian@example")),
        ("cv_contact_typing_phone", typing_cv("cv_contact", "phone", "07700 900")),
        ("cv_statement_typing", typing_cv("cv_statement", "text", "I am a hard worker.")),
        ("jobs_results_reading", reading(searched, 6)),
        ("jobs_results_empty", lambda: searched("Clenaer", place="")),
        ("jobs_place_unknown", lambda: searched("Cleaner", place="Llanfairpwll-nowhere")),
        ("jobs_unavailable", unavailable),
        ("shortlist_empty", shortlist(0)),
        ("phone", phone()),
        ("phone_shortlist", phone(several=True)),
        ("print", printed),
        ("benefits_question_choice", lambda: show_benefits(app, "benefits_question", 2)),
        ("benefits_question_keypad", lambda: show_benefits(app, "benefits_question", 5)),
        ("benefits_question_money", lambda: show_benefits(app, "benefits_question", 10)),
        ("benefits_question_error", benefits_keypad_error),
        ("benefits_question_means", benefits_means_open),
        # The results read aloud, at the first benefit's amount; then at its working, opened ("How we worked this
        # out": the reader scrolls to the part it reads).
        ("benefits_results_reading", reading(lambda: show_benefits(app, "benefits_results"), 5)),
        ("benefits_results_working", reading(benefits_working_open, 11)),
        # "Was this useful?" at the end of the results, answered No: the reasons offered.
        ("benefits_results_useful_no", benefits_useful("no")),
        # Every question of the questionnaire, so reviewers see all of its wording in both languages.
        *((f"benefits_q_{key}", lambda key=key: show_benefits_question(app, key)) for key in benefits_questions()),
        # "Help near you" (the tour's office lists the demo office's when it has none: tour.py): the kinds of help
        # with more organisations, and without a category; read aloud at the second organisation; printed.
        ("local_help_health", local_help("health")),
        ("local_help_other", local_help("other")),
        ("local_help_reading", reading(local_help("money"), 6)),
        ("local_help_printed", lambda: (local_help("housing")(), app.screen.print_list())),
        *life_event_views(app, reading),
        ("accessibility", lambda: (app.nav.begin(), app.nav.open_accessibility())),
        ("accessibility_reading", reading(lambda: (app.nav.begin(), app.nav.open_accessibility()), 3)),
        # "Ask a member of staff for help" at each point of a request (set here: the tour's kiosk has no service).
        ("help", help_state("on_the_way", request_id="tour")),
        ("help_no_answer", help_state("front_desk", "no_answer", "tour")),
        ("help_offline", help_state("front_desk", "offline")),
        ("help_answered", help_state("answered", request_id="tour")),
        # "Are you sure?" before Finish (from a job advert) and before Start again (at the end of the benefits check).
        ("confirm_finish", lambda: (detail(), app.nav.ask_to_finish())),
        ("confirm_start_again", lambda: (show_benefits(app, "benefits_results"), app.nav.ask_to_start_again())),
        ("idle_warning", idle_warning),
        ("out_of_service", lambda: (app.nav.begin(), app.recovery.show_out_of_service())),
        ("staff_pin", staff_card(pin="12")),
        ("staff_pin_wrong", staff_pin_wrong),
        ("staff_card_locked", staff_message("card.locked")),
        ("staff_not_staff_card", staff_message("card.not_staff_card")),
        ("staff_assisted", assisted()),
        ("staff_tools", assisted(lambda: app.staff.open_tools())),
        ("staff_maintenance", maintenance),
        ("cv_preview_sample", lambda: show_sample_cv(app, "cv_preview")),
        ("cv_preview_modern", lambda: show_sample_cv(app, "cv_preview", layout="modern")),
        ("cv_preview_no_name", lambda: show_sample_cv(app, "cv_preview", name="")),
        ("cv_preview_phone_sent", lambda: show_sample_cv(app, "cv_preview", phone="sent")),
        ("cv_preview_phone_failed", lambda: show_sample_cv(app, "cv_preview", phone="cvphone.offline")),
        ("cv_preview_reading", reading(lambda: show_sample_cv(app, "cv_preview"), 9)),
        ("cv_matches_sample", lambda: show_sample_cv(app, "cv_matches")),
        *career_views(app, reading),
        ("cv_work_sample", lambda: show_sample_cv(app, "cv_work")),
        ("cv_work_taking_off", lambda: (show_sample_cv(app, "cv_work"),
                                        setattr(app.screen.ids.cards.children[-1], "confirming", True))),
        ("cv_work_edit_sample", lambda: (show_sample_cv(app, "cv_work"), app.screen.change(1))),
        ("cv_work_edit_error", lambda: (show_sample_cv(app, "cv_work"), app.screen.change(1),
                                        setattr(app.screen.ids.ended, "year", 2016), app.screen.save())),
        ("cv_education_sample", lambda: show_sample_cv(app, "cv_education")),
        ("cv_education_edit_sample", lambda: (show_sample_cv(app, "cv_education"), app.screen.change(0))),
        ("cv_started", lambda: show_sample_cv(app, "cv")),
        ("cv_contact_sample", lambda: show_sample_cv(app, "cv_contact")),
        ("cv_contact_error", lambda: (show_sample_cv(app, "cv_contact"),
                                      app.screen.ids.phone.set_text("07700 9001"), app.screen.go_next())),
        ("cv_statement_sample", lambda: show_sample_cv(app, "cv_statement")),
        ("cv_qualifications_open", lambda: (show_sample_cv(app, "cv_qualifications"),
                                            app.screen.toggle_group("driving"))),
        ("cv_skills_sample", lambda: show_sample_cv(app, "cv_skills")),
        ("cv_references_names", lambda: (show_sample_cv(app, "cv_references"), app.screen.choose(True))),
    ]
    return views


def show_sample_cv(app, view: str, layout: str = "classic", name: str | None = None, phone: str = "") -> None:
    """Open a CV page with the sample CV (docs/cv-sample.json) in the session.

    :param app: the KioskApp.
    :param view: "cv_preview" or "cv_matches".
    :param layout: the preview's look.
    :param name: a name to put in place of the sample's ("" for none).
    :param phone: "sent" to show a code (of a made-up link), or a ``cvphone.*`` message key.
    """
    from kiosk.cv.model import cv_from_json
    from kiosk.jobs.phone_link import qr_matrix
    from screens.qr_code import qr_texture
    app.nav.begin()
    sample = cv_from_json((Path(__file__).resolve().parents[2] / "docs" / "cv-sample.json").read_text("utf-8"))
    if name is not None:
        sample.contact.name = name
    app.session.cv = sample
    app.sm.get_screen("cv_preview").layout = layout
    app.nav.go(view)
    if phone:
        panel = app.screen.phone_panel
        if phone == "sent":
            panel.texture = qr_texture(qr_matrix("https://central.example.org/h/tour-sample#" + "k" * 43))
            panel.expires = app.t.text("cvphone.expires", time="15:30")
            panel.state = "sent"
        else:
            panel.state, panel.message_key = "failed", phone
        app.shell.show_overlay(panel)


