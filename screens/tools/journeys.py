"""Six journeys people make on the kiosk, done by touch on the real app, counting what each one costs a person.

    recorder = Recorder(app, driver)
    search_save_and_send(recorder)         # or any of JOURNEYS
    recorder.steps                         # one Step for each touch: what it was, how long until a frame showed it

Used by ``bench/journeys.py`` (which times them) and ``tests/screens/test_journeys.py`` (which checks each journey
still gets to its end within its number of touches). Every touch goes through the window as a real touch event;
a field is typed into with the kiosk's own on-screen keyboard, key by key; nothing is set behind the app's back.
A page that must be scrolled to reach a button is scrolled first, as a person would swipe, and that counts too.

``TARGETS`` says how many touches (keys not included), keys and pages each journey should take at most, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kivy.uix.scrollview import ScrollView


@dataclass(frozen=True)
class Target:
    """The most a journey should take, and why that many."""

    touches: int
    keys: int
    pages: int
    why: str


#: Each journey's target. Touches are decisions a person makes (a key on the keyboard is counted under keys);
#: pages are screens and panels shown. Set from what the journey has to ask, not from what it happens to take.
TARGETS = {
    "search": Target(8, 7, 6, "Start, Find a job, the 'what' box, 'cleaner' (7 keys), Search, a job, Save, Send "
                     "to my phone, Close: one touch a decision; no page that only says 'next'"),
    "benefits_single": Target(26, 17, 22, "Start, Check benefits, Start the check, then one page a question (19 "
                              "for a single renter): one touch a choice; a number is its digits (keys) and "
                              "Continue, money adds 'a week' or 'a month'; then See results"),
    "benefits_couple": Target(36, 24, 28, "the same, with the questions a couple with two children and a partner "
                              "over pension age must be asked (partner, each child, pensions): 25 pages"),
    "cv_short": Target(15, 22, 13, "Start, Build your CV, Start, the name and phone boxes (typed: keys), Continue "
                       "on each of the 8 steps, Print, Close"),
    "accessibility": Target(7, 0, 3, "Start, the accessibility button, four choices (larger text, high contrast, "
                            "read aloud, louder), Done: one touch each"),
    "finish": Target(5, 4, 4, "Start, Find a job, the 'what' box, 'care' (4 keys); then Finish and yes to "
                     "clearing everything: two touches from any page, one more than none to guard against a slip"),
}
#: Scrolling to reach a button or an answer counts against every journey: its target is none.
SCROLL_TARGET = 0


@dataclass
class Step:
    """One touch: what was touched, on which page it landed, and the seconds until a frame showed it."""

    what: str
    kind: str  # "touch", "key" or "scroll"
    page: str
    seconds: float
    first_visit: bool
    #: Seconds until the second frame after the touch was drawn: a page that shows its top first (the benefits
    #: results) is whole then.
    settled: float = 0.0


@dataclass
class Recorder:
    """Touches widgets of a running ``KioskApp`` through a ``screens.tools.driver.Driver`` and writes down each."""

    app: object
    driver: object
    steps: list[Step] = field(default_factory=list)
    #: Pages shown at least once in this process: the first visit to a page may build it (screens are lazy).
    seen: set[str] = field(default_factory=set)
    #: Things the journey had to guess (a benefits question its answers do not cover), for the report.
    guessed: list[str] = field(default_factory=list)

    def page(self) -> str:
        """The page a person sees: the screen, or the panel over it."""
        overlay = self.app.shell.overlay
        if overlay is not None:
            return next((f"panel:{name}" for name, panel in self.app.panels.items() if panel is overlay),
                        f"panel:{type(overlay).__name__}")
        question = getattr(self.app.screen, "question", None)  # the benefits questions share one screen
        return f"{self.app.sm.current}:{question.key}" if question is not None else self.app.sm.current

    def touch(self, widget, what: str = "", kind: str = "touch") -> None:
        """Scroll ``widget`` into view if its page scrolls and it is not in view, then touch it."""
        scroller = _scrolling_page(widget)
        if scroller is not None and not _in_view(widget, scroller):
            scroller.scroll_to(widget, padding=10, animate=False)
            self.driver.pump(2)
            self.steps.append(Step(f"scroll to {what}", "scroll", self.page(), 0.0, False))
        self.driver.tap(widget)
        page = self.page()
        self.steps.append(Step(what or type(widget).__name__, kind, page, self.driver.last_touch_seconds,
                               page not in self.seen, self.driver.last_settled_seconds))
        self.seen.add(page)

    def key(self, label: str) -> None:
        """Touch one key of the on-screen keyboard: its text ("a", "7") or its kind ("shift", "enter")."""
        self.touch(find_key(self.app.shell.ids.keyboard, label), label, kind="key")

    def type(self, text: str) -> None:
        """Type plain letters, digits and spaces on the on-screen keyboard: Shift before a capital."""
        board = self.app.shell.ids.keyboard
        for char in text:
            if char.isupper() != board.shift and char.isalpha():
                self.key("shift")
            self.key("space" if char == " " else char)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Let frames go by until ``predicate()`` holds (a search running in the background, say)."""
        self.driver.wait_until(predicate, timeout)

    def count(self, kind: str) -> int:
        """How many steps of a kind ("touch", "key", "scroll")."""
        return sum(step.kind == kind for step in self.steps)

    def pages(self) -> int:
        """How many times the page changed."""
        shown = [step.page for step in self.steps]
        return sum(1 for before, after in zip(["start", *shown], shown) if before != after)


def find_key(board, label: str):
    """The key of ``board`` showing ``label``, or of that kind ("delete", "shift", "enter", "space"); the accents
    popup's when it shows the letter too. AssertionError when no key has it."""
    keys = board.key_buttons()
    found = [k for k in keys if k.text == label] or [k for k in keys if k.key.kind == label]
    assert found, f"no key {label!r} among {[k.text for k in keys]}"
    return found[-1]


def _scrolling_page(widget):
    page = widget.parent
    while page is not None and not isinstance(page, ScrollView) and page.parent is not page:
        page = page.parent
    return page if isinstance(page, ScrollView) else None


def _in_view(widget, scroller) -> bool:
    _x, bottom = widget.to_window(widget.x, widget.y)
    _x, top = widget.to_window(widget.x, widget.top)
    _x, view_bottom = scroller.to_window(scroller.x, scroller.y)
    _x, view_top = scroller.to_window(scroller.x, scroller.top)
    return bottom >= view_bottom and top <= view_top


# --- the journeys --------------------------------------------------------------------------------------------------


def start(rec: Recorder) -> None:
    """From the attract screen to home: touch Start."""
    if rec.app.sm.current == "attract":
        rec.touch(rec.app.sm.get_screen("attract").ids.start, "Start")


def close_panel(rec: Recorder) -> None:
    """Close the panel showing, with its own Close or Done."""
    ids = rec.app.shell.overlay.ids
    rec.touch(ids.get("close") or ids["done"], "Close")


def finish_and_clear(rec: Recorder) -> None:
    """Finish, and say yes when the kiosk asks whether to clear everything."""
    rec.touch(rec.app.shell.ids.finish, "Finish")
    overlay = rec.app.shell.overlay
    if overlay is not None and "yes" in overlay.ids:
        rec.touch(overlay.ids.yes, "Yes, finish and clear")
    assert rec.app.sm.current == "attract", rec.app.sm.current


def search_save_and_send(rec: Recorder) -> None:
    """Search for "cleaner", open the first job, save it and send it to the phone."""
    start(rec)
    rec.touch(rec.app.sm.get_screen("home").ids.find_job, "Find a job")
    jobs = rec.app.sm.get_screen("jobs")
    rec.touch(jobs.ids.what, "What job")
    rec.type("cleaner")
    rec.touch(jobs.ids.search, "Search")
    results = rec.app.sm.get_screen("jobs_results")
    rec.wait_for(lambda: results.state == "results" and results.ids.rows.children)
    rec.touch(results.ids.rows.children[-1], "First job")
    detail = rec.app.sm.get_screen("job_detail")
    rec.touch(detail.ids.save, "Save this job")
    assert rec.app.session.saved_jobs, "the job was saved"
    rec.touch(detail.ids.phone, "Send to my phone")
    close_panel(rec)


#: A single renter of 30, working part time, renting privately in England.
SINGLE_RENTER = {
    "nation": "england", "age": "30", "partner": "no", "bereaved": "no", "children_count": "0", "expecting": "no",
    "work": "yes", "work_hours": "16", "work_pay": {"amount": "800", "per": "month"},
    "other_income": {"amount": "0", "per": "week"}, "health": "no", "caring_hours": "0", "housing": "rent_private",
    "rent": {"amount": "650", "per": "month"}, "council_tax_band": "b", "council_tax_bill": "1400",
    "savings": "none", "benefits_received": ["none"],
}
#: A couple in Wales: one of 58 out of work, a partner of 68 on the State Pension, two children of 8 and 12.
PENSIONER_COUPLE = {
    "nation": "wales", "age": "58", "partner": "yes", "partner_age": "68", "children_count": "2",
    "children_ages": ["8", "12"], "children_disabled": "0", "expecting": "no", "work": "no", "partner_work": "no",
    "private_pension": {"amount": "0", "per": "week"}, "partner_state_pension": {"amount": "230", "per": "week"},
    "partner_private_pension": {"amount": "0", "per": "week"}, "other_income": {"amount": "0", "per": "week"},
    "health": "no", "partner_health": "no", "caring_hours": "0", "partner_caring_hours": "0",
    "housing": "rent_council", "rent": {"amount": "110", "per": "week"},
    "child_sex_1": "boy", "child_sex_2": "girl", "council_tax_band": "c", "council_tax_bill": "1800",
    "childcare_costs": {"amount": "0", "per": "month"}, "savings": "none", "benefits_received": ["none"],
}


def benefits_check(rec: Recorder, answers: dict) -> None:
    """The benefits check from home to the results, answering each question from ``answers`` (a question not in
    it gets "no", "none" or the lowest number, so a changed questionnaire still runs and the count shows it)."""
    start(rec)
    rec.touch(rec.app.sm.get_screen("home").ids.benefits, "Check benefits")
    rec.touch(rec.app.sm.get_screen("benefits").ids.start, "Start the check")
    screen = rec.app.sm.get_screen("benefits_question")
    while rec.app.sm.current == "benefits_question":
        question = screen.question
        if question.key not in answers:
            rec.guessed.append(question.key)
        _answer(rec, screen, question, answers.get(question.key, _default(screen, question)))
    answers_page = rec.app.sm.get_screen("benefits_answers")
    assert rec.app.sm.current == "benefits_answers", rec.app.sm.current
    rec.touch(answers_page.ids.see_results, "See results")
    assert rec.app.sm.current == "benefits_results"


def _default(screen, question):
    values = [button.value for button in screen.answer_box.children]
    if question.kind == "choices":
        return ["none"]
    if question.kind == "choice":
        return next((value for value in ("no", "none") if value in values), values[-1])
    if question.kind == "money" and question.periods:
        return {"amount": "0" if not question.low else str(question.low), "per": "month"}
    return str(question.low or 0)


def _option(screen, value):
    return next(button for button in screen.answer_box.children if button.value == value)


def _keypad(rec: Recorder, screen, digits: str) -> None:
    for digit in digits:
        rec.touch(next(k for k in screen.ids.keypad.children if k.key == digit), digit, kind="key")


def _answer(rec: Recorder, screen, question, answer) -> None:
    key = question.key
    if question.kind == "choice":
        rec.touch(_option(screen, answer), f"{key}: {answer}")
        return
    if question.kind == "choices":
        for value in answer:
            rec.touch(_option(screen, value), f"{key}: {value}")
    elif question.kind == "ages":
        for number, age in enumerate(answer):
            rec.touch(_option(screen, str(number)), f"{key}: child {number + 1}")
            _keypad(rec, screen, age)
    elif isinstance(answer, dict):
        _keypad(rec, screen, answer["amount"])
        rec.touch(screen.ids.per_month if answer["per"] == "month" else screen.ids.per_week, f"{key}: a "
                  + answer["per"])
    else:
        _keypad(rec, screen, answer)
    rec.touch(screen.continue_button, f"{key}: Continue")


def benefits_single_renter(rec: Recorder) -> None:
    """A benefits check for a single person renting."""
    benefits_check(rec, SINGLE_RENTER)


def benefits_pensioner_couple(rec: Recorder) -> None:
    """A benefits check for a couple with two children, one partner over pension age."""
    benefits_check(rec, PENSIONER_COUPLE)


def short_cv_printed(rec: Recorder) -> None:
    """A CV with a name and a phone number, each step passed with Continue, then printed."""
    start(rec)
    rec.touch(rec.app.sm.get_screen("home").ids.cv, "Build your CV")
    rec.touch(rec.app.sm.get_screen("cv").ids.begin, "Start")
    contact = rec.app.sm.get_screen("cv_contact")
    rec.touch(contact.ids.name.ids.input, "Your name")
    rec.type("Sam Jones")
    rec.touch(contact.ids.phone.ids.input, "Phone")
    rec.type("07700900123")
    while rec.app.sm.current != "cv_preview":
        rec.touch(rec.app.screen.ids.page.ids.next, f"{rec.app.sm.current}: Continue")
    rec.touch(rec.app.sm.get_screen("cv_preview").ids.print_cv, "Print")
    assert rec.app.shell.overlay is rec.app.panels["print"]
    close_panel(rec)


def accessibility_on(rec: Recorder) -> None:
    """Larger text, high contrast, read aloud and louder, from the header's accessibility button."""
    start(rec)
    rec.touch(rec.app.shell.ids.accessibility, "Accessibility")
    panel = rec.app.shell.overlay
    for choice in ("text_large", "colours_high", "read_aloud_on", "volume_loud"):
        rec.touch(panel.ids[choice], choice)
    rec.touch(panel.ids.done, "Done")
    access = rec.app.session.accessibility
    assert access.text_scale > 1 and access.high_contrast, access


def finish_from_a_search(rec: Recorder) -> None:
    """Someone who typed a search leaves: Finish clears it all."""
    start(rec)
    rec.touch(rec.app.sm.get_screen("home").ids.find_job, "Find a job")
    rec.touch(rec.app.sm.get_screen("jobs").ids.what, "What job")
    rec.type("care")
    finish_and_clear(rec)
    assert rec.app.session.search_text == ""


#: name: (what a person does, the journey), in the order the bench runs them.
JOURNEYS: dict[str, tuple[str, Callable[[Recorder], None]]] = {
    "search": ("search, open and save a job, send it to a phone", search_save_and_send),
    "benefits_single": ("benefits check, single renter", benefits_single_renter),
    "benefits_couple": ("benefits check, couple, two children, partner over pension age",
                        benefits_pensioner_couple),
    "cv_short": ("a short CV, printed", short_cv_printed),
    "accessibility": ("accessibility options turned on", accessibility_on),
    "finish": ("finishing and clearing", finish_from_a_search),
}
