"""The six journeys of bench/journeys.py, done by touch on a test kiosk: each gets to its end, and takes no more
touches, keys and pages than its target (screens/tools/journeys.py says why each target is what it is)."""

import pytest

from screens.tools.journeys import JOURNEYS, TARGETS, Recorder


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_each_journey_ends_within_its_target(make_app, driver, name):
    app = make_app(start_screen="attract")
    recorder = Recorder(app, driver)
    _what, journey = JOURNEYS[name]
    journey(recorder)
    assert recorder.guessed == [], "questions the journey's answers do not cover"
    target = TARGETS[name]
    taken = (recorder.count("touch"), recorder.count("key"), recorder.pages())
    assert all(got <= most for got, most in zip(taken, (target.touches, target.keys, target.pages))), (
        f"{name}: took {taken} (touches, keys, pages), target {target}:\n"
        + "\n".join(f"  {s.kind:6} {s.what} -> {s.page}" for s in recorder.steps))


def test_the_recorder_counts_touches_pages_and_first_visits(make_app, driver):
    app = make_app(start_screen="attract")
    recorder = Recorder(app, driver)
    JOURNEYS["accessibility"][1](recorder)
    assert recorder.count("touch") == 7 and recorder.count("key") == 0
    assert [step.page for step in recorder.steps if step.kind == "touch"] == ["home"] + ["panel:accessibility"] * 5 \
        + ["home"]
    assert recorder.pages() == 3
    first = [step.page for step in recorder.steps if step.first_visit]
    assert first == ["home", "panel:accessibility"], "each page once, the first time it shows"
    assert all(step.seconds > 0 for step in recorder.steps if step.kind != "scroll")
