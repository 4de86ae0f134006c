"""The benefits check on screen, done with touches: answer buttons and the numeric keypad, Check your answers,
the results the core works out for the same household, bad input, and nothing left after Finish."""

from kivy.uix.label import Label

from kiosk.benefits import flow as benefits_flow
from kiosk.benefits.answers import household_from_state
from kiosk.benefits.check import check
from kiosk.benefits.messages import money
from kiosk.benefits.result_wording import pounds
from screens.benefits.widgets import FLOW_KEY
from tests.screens.helpers import finish_by_touch, touch, widgets_holding

#: A typical household: a parent of 30 with one child of 6, working 16 hours, renting privately.
ANSWERS = [("nation", "england"), ("age", "30"), ("partner", "no"), ("bereaved", "no"), ("children_count", "1"),
           ("children_ages", ["6"]), ("children_disabled", "0"), ("expecting", "no"), ("work", "yes"),
           ("work_hours", "16"), ("work_pay", {"amount": "873.19", "per": "month"}),
           ("other_income", {"amount": "0", "per": "week"}), ("health", "no"), ("caring_hours", "0"),
           ("housing", "rent_private"), ("rent", {"amount": "675", "per": "month"}), ("council_tax_band", "b"),
           ("council_tax_bill", "1350"), ("childcare_costs", {"amount": "0", "per": "month"}), ("savings", "none"),
           ("benefits_received", ["none"])]


def question_screen(app):
    return app.sm.get_screen("benefits_question")


def option(screen, value):
    return next(b for b in screen.answer_box.children if b.value == value)


def key(screen, label):
    return next(k for k in screen.ids.keypad.children if k.key == label)


def type_on_keypad(driver, screen, digits):
    for digit in digits:
        touch(driver, key(screen, digit))


def answer_by_touch(app, driver, question_key, answer):
    screen = question_screen(app)
    assert app.sm.current == "benefits_question" and screen.question.key == question_key
    kind = screen.question.kind
    if kind == "choice":
        touch(driver, option(screen, answer))
        return
    if kind == "choices":
        for value in answer:
            touch(driver, option(screen, value))
    elif kind == "ages":
        for number, age in enumerate(answer):
            touch(driver, next(b for b in screen.answer_box.children if b.value == str(number)))
            type_on_keypad(driver, screen, age)
    elif kind == "money" and isinstance(answer, dict):
        type_on_keypad(driver, screen, answer["amount"])  # "." is a key too
        touch(driver, screen.ids.per_month if answer["per"] == "month" else screen.ids.per_week)
    else:
        type_on_keypad(driver, screen, answer)
    touch(driver, screen.continue_button)


def start_check(app, driver):
    driver.tap(app.sm.get_screen("home").ids.benefits)
    assert app.sm.current == "benefits"
    touch(driver, app.screen.ids.start)


def answer_every_question(app, driver, see_results=False):
    """From home: start the check, answer ANSWERS by touch, and (if asked) go on to the results."""
    start_check(app, driver)
    for question_key, answer in ANSWERS:
        answer_by_touch(app, driver, question_key, answer)
    if see_results:
        touch(driver, app.screen.ids.see_results)


def expected_universal_credit():
    state = benefits_flow.start("england", on_date=None)
    for _key, answer in ANSWERS:
        state = benefits_flow.step(state, answer)
    assert state.node == benefits_flow.RESULTS
    return check(household_from_state(state), state.on_date).get("universal_credit")


def test_the_questionnaire_done_by_touch_shows_the_universal_credit_the_core_works_out(make_app, driver):
    app = make_app(start_screen="home")
    start_check(app, driver)
    lines = []
    for question_key, answer in ANSWERS:
        lines.append(question_screen(app).ids.progress.text)
        answer_by_touch(app, driver, question_key, answer)
    # The progress line names the part, in order, out of a count that never changes.
    assert not [line for line in lines if "about" in line or "Question" in line], lines
    parts = [int(line.split()[1]) for line in lines]
    assert parts == sorted(parts) and set(parts) == {1, 2, 3, 4, 5}, lines
    assert {line.split(":")[0].rsplit(" ", 1)[1] for line in lines} == {"5"}, lines
    assert lines[0] == "Part 1 of 5: Your household" and lines[-1] == "Part 5 of 5: Savings and benefits"
    assert app.sm.current == "benefits_answers"
    rows = app.screen.ids.rows.children
    assert len(rows) == len(ANSWERS)
    touch(driver, app.screen.ids.see_results)
    assert app.sm.current == "benefits_results"
    uc = expected_universal_credit()
    assert uc.status == "likely" and uc.monthly > 0
    cards = list(reversed(app.screen.ids.eligible.children))
    assert cards[0].result.id == "universal_credit", "biggest first"
    # The total first, to the pound; each amount to the pound.
    results = app.screen.results
    assert app.screen.ids.total.text == f"About {money(pounds(results.likely_monthly_total))} a month"
    column = list(reversed(app.screen.ids.column.children))
    assert column.index(app.screen.ids.total) < column.index(app.screen.ids.eligible)
    assert cards[0].ids.amount.text == f"You are likely to get this. About {money(pounds(uc.monthly))} a month"
    assert "." not in cards[0].ids.amount.text.split("£")[1], "no pence"
    assert cards[0].texture is not None, "a QR code to claim"
    # "What to do next" comes before the working, which opens only when asked for.
    card = list(reversed(cards[0].children))
    assert card.index(cards[0].ids.next_steps) < card.index(cards[0].ids.working)
    def shown():
        return " ".join(w.text for w in cards[0].walk() if isinstance(w, Label) and w.opacity)

    assert "Standard allowance" not in shown()
    touch(driver, cards[0].ids.working.ids.summary)
    assert "Standard allowance" in shown(), "how we worked it out"
    touch(driver, cards[0].ids.working.ids.summary)
    assert "Standard allowance" not in shown()


def test_a_bad_number_on_the_keypad_shows_the_message_and_stays(make_app, driver):
    app = make_app(start_screen="home")
    start_check(app, driver)
    answer_by_touch(app, driver, "nation", "wales")
    screen = question_screen(app)
    type_on_keypad(driver, screen, "7")
    touch(driver, screen.continue_button)
    assert screen.question.key == "age"
    assert screen.ids.error.text == "Enter a whole number from 16 to 120."
    touch(driver, key(screen, "delete"))
    type_on_keypad(driver, screen, "45")
    assert screen.ids.error.text == ""
    touch(driver, screen.continue_button)
    assert screen.question.key == "partner"
    driver.tap(app.shell.ids.back)
    assert screen.question.key == "age" and screen.ids.display.text == "45"


def test_finish_leaves_no_answer_in_any_widget_or_the_session(make_app, driver):
    app = make_app(start_screen="home")
    answer_every_question(app, driver, see_results=True)
    canary = money(pounds(expected_universal_credit().monthly))
    assert widgets_holding(app, canary), "the amount is on screen before Finish (or this test proves nothing)"
    assert widgets_holding(app, "873.19")
    finish_by_touch(driver, app)
    assert app.sm.current == "attract"
    assert widgets_holding(app, canary) == [] and widgets_holding(app, "873.19") == []
    assert FLOW_KEY not in app.session.answers and "873.19" not in repr(vars(app.session))


def test_start_again_at_the_results_asks_then_forgets_the_answers_but_keeps_the_person_here(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_text_scale(1.5)
    answer_every_question(app, driver, see_results=True)
    results = app.screen
    assert results.name == "benefits_results"
    touch(driver, results.ids.start_again)
    confirm = app.panels["confirm"]
    assert app.shell.overlay is confirm and confirm.ids.warning.text == app.t["confirm.start_again.warning_benefits"]
    driver.tap(confirm.ids.no)
    assert app.shell.overlay is None and app.sm.current == "benefits_results" and app.session.answers, \
        "No, go back keeps everything"
    touch(driver, results.ids.start_again)
    driver.tap(confirm.ids.yes)
    assert app.shell.overlay is None
    assert app.sm.current == "benefits" and app.session.answers == {}
    assert app.session.in_use and app.session.accessibility.text_scale == 1.5
    touch(driver, app.screen.ids.start)
    assert question_screen(app).question.key == "nation", "the questions start from the beginning"


def test_change_shows_the_new_answer_in_the_same_rows(make_app, driver):
    app = make_app(start_screen="home")
    answer_every_question(app, driver)
    rows = list(reversed(app.screen.ids.rows.children))
    rent_row = next(row for row in rows if row.key == "rent")
    def shown(row):
        return " ".join(w.text for w in row.walk() if isinstance(getattr(w, "text", None), str))

    assert "675" in shown(rent_row)
    change = next(w for w in rent_row.walk() if getattr(w, "kind", None) == "secondary")
    touch(driver, change)
    screen = question_screen(app)
    assert screen.question.key == "rent"
    for _ in range(6):
        touch(driver, key(screen, "delete"))
    type_on_keypad(driver, screen, "700")
    touch(driver, screen.continue_button)
    assert app.sm.current == "benefits_answers"
    assert list(reversed(app.screen.ids.rows.children)) == rows, "the rows made on the first visit, given new answers"
    assert "700" in shown(rent_row) and "675" not in shown(rent_row)


def test_rows_kept_for_the_next_person_hold_no_answer(make_app, driver):
    app = make_app(start_screen="home")
    answer_every_question(app, driver)
    answers_page = app.screen
    rows = list(answers_page.ids.rows.children)
    finish_by_touch(driver, app)
    if app.shell.overlay is not None and "yes" in app.shell.overlay.ids:  # Finish asks first
        driver.tap(app.shell.overlay.ids.yes)
    assert app.sm.current == "attract" and not answers_page.ids.rows.children
    assert {id(row) for row in answers_page._spare_rows} == {id(row) for row in rows}
    for row in rows:
        assert row.question is None and row.answer is None and row.caption is None
        assert not [w for w in row.walk() if isinstance(getattr(w, "text", None), str) and "675" in w.text]


def test_results_reuse_their_cards_with_the_new_figures_after_a_change(make_app, driver):
    app = make_app(start_screen="home")
    answer_every_question(app, driver, see_results=True)
    results_page = app.screen
    cards = list(reversed(results_page.ids.eligible.children))
    rows = list(results_page.ids.unlikely.children)
    touch(driver, cards[0].ids.working.ids.summary)
    assert cards[0].ids.working.open
    before = cards[0].ids.amount.text
    touch(driver, results_page.ids.change_answers)
    assert app.sm.current == "benefits_answers"
    rent_row = next(row for row in app.screen.ids.rows.children if row.key == "work_pay")
    touch(driver, next(w for w in rent_row.walk() if getattr(w, "kind", None) == "secondary"))
    screen = question_screen(app)
    for _ in range(8):
        touch(driver, key(screen, "delete"))
    type_on_keypad(driver, screen, "400")
    touch(driver, screen.ids.per_month)
    touch(driver, screen.continue_button)
    touch(driver, app.screen.ids.see_results)
    assert app.screen is results_page
    again = list(reversed(results_page.ids.eligible.children))
    first = {id(card) for card in cards}
    assert first <= {id(card) for card in again} | {id(card) for card in results_page._spare[type(cards[0])]}
    new = [card for card in again if id(card) not in first]
    assert len(new) == max(0, len(again) - len(cards)), "the cards made on the first visit, given new results"
    unlikely = results_page.ids.unlikely.children
    assert len([row for row in unlikely if row not in rows]) == max(0, len(unlikely) - len(rows))
    uc = next(card for card in again if card.result.id == "universal_credit")
    assert uc.ids.amount.text != before
    assert uc.ids.amount.text.endswith(f"About {money(pounds(uc.result.monthly))} a month")
    assert not any(card.ids.working.open for card in again), "the working starts closed for new results"


def test_what_this_means_opens_under_a_question_that_keeps_an_official_word(make_app, driver):
    from screens.tools.tour_views import show_benefits_question
    app = make_app(start_screen="home")
    show_benefits_question(app, "health_assessed")
    driver.pump(2)
    screen = question_screen(app)
    means = screen.ids.means
    column = list(reversed(screen.ids.column.children))
    assert means in column and column.index(screen.ids.hint) < column.index(means) < column.index(screen.ids.options)
    assert means.ids.summary.text == "What this means" and not means.ids.text.text
    touch(driver, means.ids.summary)
    assert means.ids.text.text.startswith("A work capability assessment is a check")
    assert [b.text for b in reversed(screen.ids.options.children)] == [
        "Yes, before April 2026", "Yes, in April 2026 or later", "No, or I have not had one yet"]
    touch(driver, option(screen, "no"))
    assert screen.question.key == "pip_daily_living" and not screen.ids.means.open, "closed for the next question"
    touch(driver, app.shell.ids.lang_cy)
    touch(driver, screen.ids.means.ids.summary)
    assert screen.ids.means.ids.text.text.startswith("Mae dwy ran i PIP")
    touch(driver, option(screen, "none"))
    assert screen.question.key == "pip_mobility"
    touch(driver, option(screen, "none"))
    assert screen.question.key == "caring_hours" and screen.ids.means not in screen.ids.column.children


def test_each_question_reuses_the_answer_buttons_with_its_own_answers(make_app, driver):
    app = make_app(start_screen="home")
    start_check(app, driver)
    screen = question_screen(app)
    first = {id(b) for b in screen.ids.options.children}
    for question_key, answer in ANSWERS[:3]:
        answer_by_touch(app, driver, question_key, answer)
    now = list(screen.ids.options.children)
    assert {id(b) for b in now} & first, "the buttons of an earlier question were used again"
    question = screen.question
    assert question.kind == "choice", question.key
    assert [b.value for b in reversed(now)] == list(benefits_flow.options_for(app.session.answers[FLOW_KEY]))
    for button in now:
        assert button.text == app.t[question.option_key(button.value)] and button.state == "normal"
        assert button.selected == (button.value in screen.chosen)


def test_the_top_of_the_results_shows_first_and_the_rest_of_the_page_on_the_next_frame(make_app, driver):
    from screens.benefits.results import FIRST_CARDS
    from screens.tools.tour_views import show_benefits
    app = make_app(start_screen="home")
    show_benefits(app, "benefits_answers")
    page = app.sm.get_screen("benefits_results")
    app.nav.go("benefits_results")  # entering works the results out and shows the top of the page at once
    ids, results = page.ids, page.results
    assert len(results.eligible) > FIRST_CARDS and results.unlikely
    assert [card.result for card in reversed(ids.eligible.children)] == list(results.eligible[:FIRST_CARDS])
    assert ids.total.parent is ids.column.__self__
    assert ids.unlikely_title.parent is None and not ids.unlikely.children and ids.useful.parent is None
    driver.pump(1)
    assert [card.result for card in reversed(ids.eligible.children)] == list(results.eligible)
    assert [row.result for row in reversed(ids.unlikely.children)] == list(results.unlikely)
    column = list(reversed(ids.column.children))
    assert column.index(ids.eligible) < column.index(ids.unlikely) < column.index(ids.useful)
    assert column[-1] is ids.actions_end.__self__, "the whole page, in the order the .kv file gives"
    read = [text for _widget, text in page.read_parts()]
    assert any(results.unlikely[0].name["en"] in text for text in read), "read aloud reads the rest of the page too"


def test_results_cleared_before_the_next_frame_show_nothing_of_them_after_it(make_app, driver):
    from screens.tools.tour_views import show_benefits
    app = make_app(start_screen="home")
    show_benefits(app, "benefits_answers")
    page = app.sm.get_screen("benefits_results")
    app.nav.go("benefits_results")
    page.reset()  # "Finish" or the idle wipe in the same frame
    driver.pump(2)
    assert page.results is None and not page.ids.unlikely.children and page.ids.unlikely.parent is None
