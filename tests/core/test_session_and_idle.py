"""The session and its wipe, and the idle timer, with no window at all."""

from kiosk.idle import IdleMonitor, IdleState
from kiosk.cv.model import WorkEntry
from kiosk.session import Accessibility, Session


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def make_monitor():
    clock, events = Clock(), []
    monitor = IdleMonitor(now=clock, warning_seconds=30, on_warn=lambda: events.append("warn"),
                          on_expire=lambda: events.append("expire"), on_extend=lambda: events.append("extend"))
    return monitor, clock, events


def test_wipe_forgets_everything_and_tells_listeners():
    session = Session(default_language="cy")
    heard = []
    session.on_wipe(heard.append)
    answers = session.answers
    session.language, session.in_use, session.search_text = "en", True, "nurse"
    session.answers["rent"] = 500
    cv = session.cv
    cv.contact.name = "Sam"
    cv.work.append(WorkEntry(title="Cook", duties=["Made breakfasts"]))
    entry = cv.work[0]
    session.saved_jobs.append("job-1")
    session.accessibility = Accessibility(text_scale=2.0, high_contrast=True, reach=True, read_aloud=True)
    session.wipe("timeout")
    assert heard == ["timeout"]
    assert (session.language, session.in_use, session.search_text) == ("cy", False, "")
    assert session.answers == {} and session.cv.is_empty() and session.saved_jobs == []
    assert session.cv is not cv and cv.is_empty(), "the old CV emptied in place too, for any screen holding it"
    assert (entry.title, entry.duties) == ("", []), "and its entries blanked"
    assert answers == {"rent": 500} and session.answers is not answers, "a fresh dict, not the old one cleared"
    assert session.accessibility == Accessibility() and not session.accessibility.any_on()


def test_start_again_clears_one_section_only():
    session = Session()
    session.search_text, session.answers = "cook", {"a": 1}
    session.cv.contact.name = "Sam"
    session.clear_section("benefits")
    assert session.answers == {} and session.search_text == "cook" and session.cv.contact.name == "Sam"
    session.clear_section("cv")
    assert session.cv.is_empty() and session.search_text == "cook"


def test_idle_warns_then_expires_once():
    monitor, clock, events = make_monitor()
    monitor.start(limit=90)
    clock.now = 89.9
    monitor.tick()
    assert events == []
    clock.now = 90
    monitor.tick()
    assert events == ["warn"] and monitor.seconds_left() == 30
    clock.now = 119.5
    monitor.tick()
    assert monitor.seconds_left() == 1
    clock.now = 120
    monitor.tick()
    monitor.tick()
    assert events == ["warn", "expire"] and monitor.state is IdleState.NOBODY


def test_a_touch_during_the_warning_extends():
    monitor, clock, events = make_monitor()
    monitor.start(limit=90)
    clock.now = 100
    monitor.tick()
    monitor.touch()
    assert events == ["warn", "extend"] and monitor.state is IdleState.ACTIVE
    clock.now = 189
    monitor.tick()
    assert events == ["warn", "extend"]


def test_listening_to_a_page_read_aloud_keeps_the_time_but_never_answers_the_warning():
    monitor, clock, events = make_monitor()
    monitor.start(limit=90)
    clock.now = 80
    monitor.still_here()  # a part of a page heard
    clock.now = 160
    monitor.tick()
    assert events == [], "the idle time started again at the part heard"
    clock.now = 171
    monitor.tick()
    monitor.still_here()  # the warning itself being read aloud
    assert events == ["warn"] and monitor.state is IdleState.WARNING
    clock.now = 201
    monitor.tick()
    assert events == ["warn", "expire"]


def test_suspended_timer_never_warns_and_restarts_on_resume():
    monitor, clock, events = make_monitor()
    monitor.start(limit=90)
    monitor.suspend("staff")
    monitor.suspend("printer")
    clock.now = 10_000
    monitor.tick()
    monitor.resume("staff")
    monitor.tick()
    assert events == [], "still held by the other holder"
    monitor.resume("printer")
    clock.now = 10_089
    monitor.tick()
    assert events == []
    clock.now = 10_090
    monitor.tick()
    assert events == ["warn"]


def test_nobody_means_no_timer():
    monitor, clock, events = make_monitor()
    clock.now = 1e6
    monitor.tick()
    monitor.touch()
    assert events == [] and monitor.state is IdleState.NOBODY
