""""Something has changed" (issue #19 point 4) by touch: home, the list of events, an event's checklist (its steps
in order for the kiosk's nation, each deadline set apart, a QR code for each page), "Check what you could get"
starting the benefits check with the event's answers already chosen and changeable, Welsh, read aloud, the usage
counts and "Was this useful?"."""

from __future__ import annotations

import pytest

from kiosk.benefits import flow as benefits_flow
from kiosk.life_events.content import ORDER, all_events
from kiosk.spoken import spoken
from screens.benefits.widgets import flow_state
from sync.life_event_counts import LIFE_EVENT_COUNTS, LIFE_EVENTS
from sync.usage import EVENTS, UsageCounter
from tests.screens.benefits.test_flow import ANSWERS, answer_by_touch, option, question_screen
from tests.screens.helpers import finish_by_touch, touch
from tests.screens.reading import Recorder


@pytest.fixture
def usage(tmp_path):
    return UsageCounter(tmp_path / "usage.db")


def counted(usage) -> dict[str, int]:
    return {event: n for (_hour, event), n in usage.pending().items()}


def event_buttons(app):
    return list(reversed(app.sm.get_screen("life_events").ids.events.children))


def open_event_by_touch(app, driver, event_id):
    """From home: "Something has changed", then the event's button."""
    touch(driver, app.sm.get_screen("home").ids.life_events)
    assert app.sm.current == "life_events"
    touch(driver, next(button for button in event_buttons(app) if button.event.id == event_id))
    assert app.sm.current == "life_event"
    return app.screen


def cards(screen):
    return list(reversed(screen.ids.steps.children))


def test_the_protocols_life_events_are_the_kiosks():
    assert LIFE_EVENTS == ORDER == tuple(all_events())
    assert LIFE_EVENT_COUNTS <= EVENTS


@pytest.mark.parametrize("language", ["en", "cy"])
def test_home_leads_to_every_event_and_a_checklist_shows_its_steps_in_order(make_app, driver, usage, language):
    app = make_app(start_screen="home", usage=usage)
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    home = app.sm.get_screen("home")
    assert home.ids.life_events.text == app.t["home.life_events"]
    assert home.ids.life_events.parent is home.ids.more.__self__, "in the group under the three services"
    screen = open_event_by_touch(app, driver, "someone_died")
    assert [button.text for button in event_buttons(app)] == [event.title[language] for event in all_events().values()]
    event = all_events()["someone_died"]
    steps = event.steps_for("england")  # the kiosk's nation (ui.nation's default)
    assert screen.ids.title.text == event.title[language]
    shown = cards(screen)
    assert [card.ids.title.text for card in shown] == [
        app.t.text("life.step.title", number=number, title=step.title[language]) for number, step in
        enumerate(steps, 1)]
    first = shown[0]
    # Registering the death: its deadline set apart on the card, and a code of its page to scan.
    assert steps[0].when[language] in first.ids.when.text and first.ids.when.parent is first
    assert first.ids.code.texture is not None and first.ids.code.width > 0
    assert first.ids.address.text == steps[0].link_for(language).removeprefix("https://").rstrip("/")
    for card, step in zip(shown, steps, strict=True):
        assert (card.ids.when.parent is card) == bool(step.when[language]), "no empty 'By when' line"
        assert (card.ids.phone.parent is card) == bool(step.phone_for(language))
        if step.phone_for(language):
            assert step.phone_for(language) in card.ids.phone.text
        assert card.texture is not None
    assert screen.ids.useful.journey == "life_event"
    assert counted(usage).get("life_event.someone_died") == 1
    # Opening it again in the same visit counts nothing more; another event counts once.
    app.nav.back()
    driver.pump(2)
    touch(driver, event_buttons(app)[0])
    app.nav.back()
    driver.pump(2)
    touch(driver, event_buttons(app)[3])
    life_counts = {name: n for name, n in counted(usage).items() if name.startswith("life_event")}
    assert life_counts == {"life_event.someone_died": 1, f"life_event.{ORDER[0]}": 1}
    assert set(counted(usage)) <= EVENTS


def test_a_kiosk_in_scotland_shows_scotlands_steps(make_app, driver, settings):
    settings["ui.nation"] = "SCOTLAND"
    app = make_app(start_screen="home")
    screen = open_event_by_touch(app, driver, "someone_died")
    steps = all_events()["someone_died"].steps_for("scotland")
    assert [card.step for card in cards(screen)] == list(steps)
    assert steps[0].when["en"] != all_events()["someone_died"].steps_for("england")[0].when["en"]
    assert steps[0].when["en"] in cards(screen)[0].ids.when.text


def test_the_language_switch_on_a_checklist_words_it_in_welsh(make_app, driver):
    app = make_app(start_screen="home")
    screen = open_event_by_touch(app, driver, "baby")
    touch(driver, app.shell.ids.lang_cy)
    event = all_events()["baby"]
    assert screen.ids.title.text == event.title["cy"]
    assert cards(screen)[0].ids.why.text == app.t.text("life.step.why", why=event.steps[0].why["cy"])


@pytest.mark.parametrize("event_id", ["lost_job", "separated"])
def test_check_what_you_could_get_starts_the_check_with_the_events_answers_chosen_and_changeable(
        make_app, driver, usage, event_id):
    app = make_app(start_screen="home", usage=usage)
    screen = open_event_by_touch(app, driver, event_id)
    event = all_events()[event_id]
    assert event.answers, "an event that gives answers"
    assert screen.ids.check_given.parent is not None, "the page says some answers are already chosen"
    touch(driver, screen.ids.check)
    assert app.sm.current == "benefits"
    assert counted(usage).get(f"life_event_check.{event_id}") == 1
    touch(driver, app.screen.ids.start)
    answers = {**dict(ANSWERS), **event.answers}
    seen_given = []
    while app.sm.current == "benefits_question":
        page = question_screen(app)
        key = page.question.key
        given = page.ids.given
        if key in event.answers:
            # Already chosen, shown ticked, and said why: one touch keeps it.
            assert page.chosen == [event.answers[key]] and option(page, event.answers[key]).selected
            assert given.parent is not None and event.title["en"] in given.text
            seen_given.append(key)
        else:
            assert given.parent is None, "only the event's own answers say they were chosen for the person"
        answer_by_touch(app, driver, key, answers[key])
    assert seen_given == list(event.answers)
    assert app.sm.current == "benefits_answers"
    rows = {row.key: row for row in app.screen.ids.rows.children}
    for key, value in event.answers.items():
        assert rows[key].answer == value
    # Changeable: Change on one of them, another answer, and "Check your answers" shows the new one.
    key = next(iter(event.answers))
    other = next(value for value in benefits_flow.QUESTIONS[key].options if value != event.answers[key])
    change = next(widget for widget in rows[key].walk() if getattr(widget, "text", "") ==
                  app.t["benefits.check_answers.change"])
    touch(driver, change)
    page = question_screen(app)
    assert app.sm.current == "benefits_question" and page.question.key == key
    assert option(page, event.answers[key]).selected, "the event's answer, still chosen, until changed"
    answer_by_touch(app, driver, key, other)
    assert flow_state(app).answers[key] == other
    if app.sm.current == "benefits_answers":
        rows = {row.key: row for row in app.screen.ids.rows.children}
        assert rows[key].answer == other
    else:  # the new answer asks more (a partner's age, the hours worked): the check goes on to them
        assert app.sm.current == "benefits_question" and question_screen(app).question.key != key
    # Seen again, the question shows the person's own answer, no longer said to be the event's.
    app.sm.get_screen("benefits_answers").change(key)
    page = question_screen(app)
    page.show_question()  # (already showing when the new answer asked more)
    driver.pump(2)
    assert page.question.key == key and option(page, other).selected and page.ids.given.parent is None


def test_an_event_that_gives_no_answers_says_none_are_chosen(make_app, driver):
    app = make_app(start_screen="home")
    screen = open_event_by_touch(app, driver, "someone_died")
    assert not all_events()["someone_died"].answers
    assert screen.ids.check_given.parent is None
    touch(driver, screen.ids.check)
    touch(driver, app.screen.ids.start)
    assert question_screen(app).question.key == "nation"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_both_pages_are_read_aloud_in_the_persons_language(make_app, driver, language):
    app = make_app(start_screen="home")
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    touch(driver, app.sm.get_screen("home").ids.life_events)
    said = read_whole_page(app, driver, app.screen.ids.read_page)
    t = app.t
    assert said[:2] == [spoken(t["life.list.heading"], language), spoken(t["life.list.hint"], language)]
    titles = [spoken(event.title[language], language) for event in all_events().values()]
    assert said[2:2 + len(titles)] == titles, "each event, as the answers of the question"

    touch(driver, event_buttons(app)[ORDER.index("someone_died")])
    screen = app.screen
    said = read_whole_page(app, driver, screen.ids.read_page)
    first = cards(screen)[0]
    expected = [first.ids[name].text for name in ("title", "who", "when", "why", "how")] + [t["life.step.scan"]]
    position = said.index(spoken(expected[0], language))
    assert said[position:position + len(expected)] == [spoken(text, language) for text in expected]
    assert spoken(first.ids.address.text, language) not in said, "the web address is for the code, not read"
    assert said[-3:] == [spoken(t[key], language) for key in ("useful.question", "useful.yes", "useful.no")]
    assert said.index(spoken(t["life.check.heading"], language)) > position


def read_whole_page(app, driver, button) -> list[str]:
    recorder = Recorder(app)
    touch(driver, button)
    assert app.reader.reading
    recorder.finish_all(driver)
    assert {language for _text, language in recorder.said} == {app.lang}
    return recorder.texts()


def test_was_this_useful_is_counted_under_life_event_and_the_wipe_forgets_the_event(make_app, driver, usage):
    app = make_app(start_screen="home", usage=usage)
    screen = open_event_by_touch(app, driver, "moving_home")
    question = screen.ids.useful
    touch(driver, question.ids.yes)
    touch(driver, question.ids.reasons.children[-1])
    feedback = {name: n for name, n in counted(usage).items() if name.startswith("feedback.")}
    assert feedback == {"feedback.life_event.yes.en": 1, "feedback.life_event.easy.en": 1}
    finish_by_touch(driver, app)
    driver.pump(3)
    assert screen.event is None and not screen.ids.steps.children, "nothing of the last person's event is left"
    assert question.answer == ""


def test_print_this_list_prints_the_checklist_in_the_persons_language_under_a_title_that_says_nothing(
        make_app, driver, settings, usage):
    app = make_app(start_screen="home", usage=usage)
    touch(driver, app.shell.ids.lang_cy)
    screen = open_event_by_touch(app, driver, "someone_died")
    assert screen.can_print_for_customer()
    touch(driver, screen.ids.print_list)
    panel = app.shell.overlay
    assert panel is app.panels["print"] and panel.ok
    files = list((settings["kiosk.data_dir"] / "printed").glob("*.pdf"))
    assert len(files) == 1
    data = files[0].read_bytes()
    assert data.startswith(b"%PDF-")
    assert "marw" not in files[0].name and "died" not in files[0].name, "what changed is not in the job's name"
    # The tests' printer writes files, not paper: nothing counted as printed (as every printout) ...
    assert not any(event.startswith("life_event_printed") for event in counted(usage))
    driver.tap(panel.ids.close)
    # ... and a printer that puts it on paper counts it, by event.
    app.services.printer.on_paper = True
    touch(driver, screen.ids.print_list)
    assert app.shell.overlay.ok and counted(usage).get("life_event_printed.someone_died") == 1
    driver.tap(app.shell.overlay.ids.close)
    finish_by_touch(driver, app)
    assert not files[0].exists()


def test_with_read_aloud_on_a_checklist_says_its_events_title_as_it_opens(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_read_aloud(True)
    touch(driver, app.sm.get_screen("home").ids.life_events)
    recorder = Recorder(app)
    touch(driver, event_buttons(app)[ORDER.index("caring")])
    recorder.finish_all(driver)
    assert recorder.texts()[-1] == spoken(all_events()["caring"].title["en"], "en")


def test_a_new_check_from_an_event_asks_before_it_replaces_answers_already_given(make_app, driver):
    # Someone half way through the benefits check opens "Something has changed": their answers are not lost by a
    # touch on "Check what you could get" without a warning, and "No" keeps every one of them.
    app = make_app(start_screen="home")
    app.nav.go("benefits")
    touch(driver, app.screen.ids.start)
    for _ in range(3):
        page = question_screen(app)
        answer_by_touch(app, driver, page.question.key, dict(ANSWERS)[page.question.key])
    given = dict(flow_state(app).answers)
    assert len(given) >= 3
    app.nav.go("home")
    driver.pump(2)
    screen = open_event_by_touch(app, driver, "separated")
    touch(driver, screen.ids.check)
    panel = app.shell.overlay
    assert panel is app.panels["confirm"] and panel.what == "new_check"
    assert panel.ids.heading.text == app.t["confirm.new_check.heading"]
    assert panel.ids.warning.text == app.t["confirm.new_check.warning"]
    touch(driver, panel.ids.no)
    assert app.shell.overlay is None and app.sm.current == "life_event"
    assert dict(flow_state(app).answers) == given, "No keeps every answer"

    touch(driver, screen.ids.check)
    touch(driver, app.shell.overlay.ids.yes)
    assert app.shell.overlay is None and app.sm.current == "benefits"
    assert dict(flow_state(app).answers) == dict(all_events()["separated"].answers), "a new check, as the event says"

    # Nothing to lose (the same event's check again, nothing answered since): no question.
    app.nav.go("home")
    driver.pump(2)
    screen = open_event_by_touch(app, driver, "separated")
    touch(driver, screen.ids.check)
    assert app.shell.overlay is None and app.sm.current == "benefits"
