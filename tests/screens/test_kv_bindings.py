"""A kv rule left bound to a widget that no longer exists cannot stop a change of look (screens/kv_bindings.py).

Kivy unbinds a widget's rules when it is collected, but not always (the tour met a ReferenceError in a wipe about
once in five runs). Here the unbinding is made not to happen, as it sometimes does not, for real widgets with a real
kv rule watching a real ``Look``.
"""

import gc

import pytest
from kivy.lang import Builder, global_idmap
from kivy.uix.label import Label

from kiosk import theme
from screens.kv_bindings import drop_dead_rules, set_watched
from screens.look import Look

Builder.load_string("""
<WatchingLabel>:
    color: look_under_test.page_text
    font_size: look_under_test.body

<LanguageLabel>:
    text: app.t["home.heading"]
""")


class WatchingLabel(Label):
    pass


class LanguageLabel(Label):
    pass


@pytest.fixture
def look():
    look = Look()
    global_idmap["look_under_test"] = look
    yield look
    del global_idmap["look_under_test"]


def leave_dead_rules(monkeypatch, count: int) -> None:
    """Make widgets that watch the look and let them be collected without Kivy unbinding their rules."""
    with monkeypatch.context() as patch:
        patch.setattr(Builder, "unbind_widget", lambda _uid: None)
        for _ in range(count):
            widget = WatchingLabel()
            widget.me = widget  # a cycle, freed by the cycle collector, as a screen's discarded rows are
            del widget
        gc.collect()


def test_a_dead_widgets_rule_no_longer_stops_a_change_of_look(look, monkeypatch):
    living = WatchingLabel()
    leave_dead_rules(monkeypatch, 3)
    white = [1.0, 1.0, 1.0, 1.0]
    with pytest.raises(ReferenceError):
        look.page_text = white  # what happened before: the change stopped part way
    set_watched(look, "page_text", [0.5, 0.5, 0.5, 1.0])
    assert list(living.color) == [0.5, 0.5, 0.5, 1.0]
    look.page_text = white  # the dead rules are gone: a plain change reaches the living widget
    assert list(living.color) == white


def test_only_the_rules_of_widgets_that_no_longer_exist_are_dropped(look, monkeypatch):
    living = [WatchingLabel() for _ in range(2)]
    leave_dead_rules(monkeypatch, 3)
    assert drop_dead_rules(look, "page_text") == 3
    assert drop_dead_rules(look, "page_text") == 0
    assert len(look.get_property_observers("page_text")) == len(living)


def test_switching_to_high_contrast_and_larger_text_reaches_every_living_widget(look, monkeypatch):
    living = [WatchingLabel() for _ in range(3)]
    leave_dead_rules(monkeypatch, 5)
    body = look.body
    look.palette_name = "high_contrast"  # refresh(): every colour and size through set_watched
    look.text_scale = 2.0
    expected = theme.rgba(theme.PALETTES["high_contrast"].colours()["page_text"])
    assert all(list(widget.color) == list(expected) for widget in living)
    assert all(widget.font_size == look.body > body for widget in living)


def test_a_dead_widgets_rule_no_longer_stops_a_change_of_language(make_app, driver, monkeypatch):
    app = make_app(start_screen="home")
    living = LanguageLabel()
    with monkeypatch.context() as patch:
        patch.setattr(Builder, "unbind_widget", lambda _uid: None)
        for _ in range(3):
            widget = LanguageLabel()
            widget.me = widget
            del widget
        gc.collect()
    app.access.set_language("cy")
    driver.pump(2)
    assert living.text == app.catalogues["cy"]["home.heading"] == app.sm.get_screen("home").ids.heading.text
    assert app.lang == "cy"
