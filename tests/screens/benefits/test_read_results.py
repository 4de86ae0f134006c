"""The benefits results read aloud by touch (issue #18 point 6): the total first, then each benefit's name, amount,
why, what to do next and how to claim, amounts said as words, in the person's language; the working only when open.

The speech device is the simulated one with ``hold`` on (``tests/screens/reading.py``).
"""

from kiosk.benefits.messages import money
from kiosk.benefits.result_wording import pounds
from kiosk.spoken import spoken
from screens.tools.tour_views import show_benefits
from tests.screens.helpers import touch
from tests.screens.reading import Recorder


def open_results(make_app, driver, language="en"):
    app = make_app(start_screen="home")
    if language == "cy":
        touch(driver, app.shell.ids.lang_cy)
    show_benefits(app, "benefits_results")
    driver.pump(3)
    assert app.sm.current == "benefits_results"
    return app


def test_the_results_are_read_total_first_then_each_benefit_with_amounts_as_words(make_app, driver):
    app = open_results(make_app, driver)
    screen = app.screen
    cards = list(reversed(screen.ids.eligible.children))
    touch(driver, cards[1].ids.working.ids.summary)  # the second benefit's working open, the first's closed
    recorder = Recorder(app)
    touch(driver, screen.ids.read_page)
    recorder.finish_all(driver)
    said = recorder.texts()

    total = pounds(screen.results.likely_monthly_total)
    assert said[:3] == ["What you could get", "In total, you are likely to get",
                        f"About {money(total).lstrip('£')} pounds a month"]
    assert not [text for text in said if "£" in text], "every amount said as words"
    assert not [text for text in said if "https" in text or "www." in text], "no web address read out"
    position = 3
    for card in cards[:3]:  # each benefit in the order shown: name, amount, why, what to do next, how to claim
        result = card.result
        name = said.index(result.name["en"], position)
        assert said[name + 1] == spoken(card.ids.amount.text, "en")
        assert said[name + 2] == spoken(card.ids.reason.text, "en")
        if result.next_steps:
            assert said[name + 3] == "What to do next"
        position = name + 1
    uc = cards[0]
    assert uc.result.id == "universal_credit"
    assert f"You are likely to get this. About {money(pounds(uc.result.monthly)).lstrip('£')} pounds a month" in said
    assert "Scan the code to claim on GOV.UK\nOr phone 0 8 0 0, 3 2 8, 5 6 4 4" in said
    assert "How we worked this out" in said[said.index(cards[1].result.name["en"]):], "an open working is read"
    assert not any("Standard allowance" in text for text in said), "a closed working is not"
    # Each part was highlighted as it was said; the results' own labels, not the page's buttons.
    assert len(recorder.highlighted) == len(said) and None not in recorder.highlighted
    assert screen.ids.print_results not in recorder.highlighted


def test_welsh_results_are_read_in_the_welsh_voice_with_punt(make_app, driver):
    app = open_results(make_app, driver, language="cy")
    recorder = Recorder(app)
    touch(driver, app.screen.ids.read_page)
    recorder.finish_all(driver)
    said = recorder.texts()
    assert {language for _text, language in recorder.said} == {"cy"}
    total = money(pounds(app.screen.results.likely_monthly_total)).lstrip("£")
    assert said[1:3] == ["Gyda'i gilydd, rydych chi'n debygol o gael", f"Tua {total} punt y mis"]
    assert not [text for text in said if "£" in text]
