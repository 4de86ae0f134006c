""""Was this useful?" at the end of each journey (issue #19, point 2), by touch: one touch on Yes or No and one on a
reason, each counted once as an anonymous usage event from the closed list, in the person's language; the wipe
asks afresh. The kiosk's list of reasons is the protocol's."""

from __future__ import annotations

import pytest

from screens.feedback import REASONS
from sync.feedback_events import FEEDBACK_EVENTS
from sync.feedback_events import REASONS as PROTOCOL_REASONS
from sync.usage import UsageCounter
from screens.tools.tour_views import views
from tests.screens.benefits.test_flow import answer_every_question
from tests.screens.helpers import touch


@pytest.fixture
def usage(tmp_path):
    return UsageCounter(tmp_path / "usage.db")


def counted(usage) -> dict[str, int]:
    return {event: n for (_hour, event), n in usage.pending().items()}


def scroll_to(driver, widget) -> None:
    """Scroll the page so ``widget`` is on the screen, as a person would."""
    node = widget
    while node is not None and not hasattr(node, "scroll_to"):
        node = node.parent
    if node is not None:
        node.scroll_to(widget, padding=0, animate=False)
    driver.pump(3)


def test_the_kiosks_reasons_are_the_protocols():
    assert {answer: tuple(reasons) for answer, reasons in PROTOCOL_REASONS.items()} == REASONS


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_job_advert_asks_and_counts_one_answer_and_one_reason_in_the_persons_language(make_app, driver, usage,
                                                                                        language):
    app = make_app(start_screen="home", usage=usage)
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    dict(views(app))["job_detail"]()  # a search, then the first job found opened, as the tour does
    driver.pump(3)
    assert app.sm.current == "job_detail"
    question = app.screen.ids.useful
    scroll_to(driver, question)
    assert question.ids.question.text == app.t["useful.question"]
    touch(driver, question.ids.no)
    assert question.ids.answers.parent is None, "answered: the answers go"
    buttons = list(reversed(question.ids.reasons.children))
    assert [button.text for button in buttons] == [app.t[f"useful.reason.{r}"] for r in REASONS["no"]]
    touch(driver, buttons[2])
    assert question.ids.thanks.text == app.t["useful.thanks"] and question.ids.reasons.parent is None
    feedback = {event: n for event, n in counted(usage).items() if event.startswith("feedback.")}
    assert feedback == {f"feedback.jobs.no.{language}": 1, f"feedback.jobs.hard_words.{language}": 1}
    assert set(feedback) <= FEEDBACK_EVENTS
    app.nav.finish()
    driver.pump(3)
    assert question.answer == "" and question.ids.answers.parent is question.__self__, "the next person is asked afresh"


def test_benefits_results_ask_too_and_a_second_touch_counts_nothing_more(make_app, driver, usage):
    app = make_app(start_screen="home", usage=usage)
    answer_every_question(app, driver, see_results=True)
    assert app.sm.current == "benefits_results"
    question = app.screen.ids.useful
    scroll_to(driver, question)
    touch(driver, question.ids.yes)
    question.choose("no")  # a second answer (as from a double touch) is not counted
    touch(driver, question.ids.reasons.children[-1])  # the first reason
    question.give_reason("saved_time")
    feedback = {event: n for event, n in counted(usage).items() if event.startswith("feedback.")}
    assert feedback == {"feedback.benefits.yes.en": 1, "feedback.benefits.easy.en": 1}
