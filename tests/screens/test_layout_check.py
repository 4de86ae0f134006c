"""The layout check (screens/tools/layout_check.py): each kind of problem found on a panel made to have it, nothing
found where there is nothing wrong, and the representative set of tour views free of problems."""

import pytest
from kivy.graphics import Color, Rectangle
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from screens.overlays import Overlay
from screens.tools.layout_check import KNOWN, check, unknown
from screens.widgets import Body, Column, KButton, Page
from tests.screens.test_tour import render_tour


def show_panel(app, driver, *widgets):
    """A panel over the page with these widgets on it, placed by their own pos and size (window coordinates)."""
    panel = Overlay()
    for widget in widgets:
        panel.add_widget(widget)
    app.shell.show_overlay(panel)
    driver.pump(3, draw=False)
    return panel


def button(text, x, y, width=300, height=None, **properties):
    """A button placed where told; as tall as a touch target unless told."""
    made = KButton(text=text, **properties)
    made.size_hint = (None, None)  # after the kv rule, which makes a button not fitted to its text fill its row
    made.pos, made.width = (x, y), width
    if height is not None:
        made.height = height
    return made


def kinds(problems):
    return sorted((problem.kind, problem.widget) for problem in problems)


@pytest.fixture
def home(make_app, driver):
    app = make_app(start_screen="home")
    driver.pump(2, draw=False)
    return app


def test_a_panel_with_nothing_wrong_has_no_problems(home, driver):
    show_panel(home, driver, button("Continue", 100, 300), button("Back", 500, 300, kind="secondary"))
    assert check(home, "panel") == []


def test_buttons_on_top_of_each_other_overlap(home, driver):
    show_panel(home, driver, button("Continue", 100, 300), button("Back", 300, 320, kind="secondary"))
    problems = check(home, "panel")
    assert kinds(problems) == [("overlap", "KButton")]
    assert 'the button "Back" lies over the main button "Continue"' in str(problems[0])
    assert str(problems[0]).startswith("panel: ")


def paragraph(text, x, y, **properties):
    """A Body paragraph 600 px wide in a column of its own, placed where told."""
    column = Column(size_hint=(None, None), pos=(x, y), width=600, padding=0)
    body = Body(text=text)
    for name, value in properties.items():  # after the kv rule, which sets the colour
        setattr(body, name, value)
    column.add_widget(body)
    return column


def test_text_under_a_button_overlaps(home, driver):
    hint = paragraph("Use - and + to choose the year", 100, 330)
    show_panel(home, driver, hint, button("+", 120, 300, width=80, kind="secondary"))
    assert kinds(check(home, "panel")) == [("overlap", "Body")]


def test_a_target_under_15_mm_is_small(home, driver):
    show_panel(home, driver, button("x", 100, 300, width=home.look.mm(8)))
    problems = [problem for problem in check(home, "panel") if problem.kind == "small"]
    assert len(problems) == 1 and "\"x\" is 8 × " in problems[0].words


def test_text_wider_than_its_button_is_clipped(home, driver):
    narrow = button("Check what benefits you could get", 100, 300, width=200)
    narrow.text_size = (None, None)  # one line, however long
    show_panel(home, driver, narrow)
    assert ("clipped", "KButton") in kinds(check(home, "panel"))


def test_lines_dropped_from_a_box_of_fixed_height_are_clipped(home, driver):
    squeezed = Label(text="A sentence long enough to need three lines in a box this narrow. " * 2,
                     size_hint=(None, None), pos=(100, 300), size=(300, 40), font_size=home.look.body,
                     color=home.look.page_text)
    squeezed.text_size = (300, 40)
    show_panel(home, driver, squeezed)
    assert kinds(check(home, "panel")) == [("clipped", "Label")]


def test_the_main_button_off_the_screen_is_unreachable(home, driver):
    show_panel(home, driver, button("Continue", 100, -200))
    problems = check(home, "panel")
    assert kinds(problems) == [("unreachable", "KButton")]
    assert "the main button \"Continue\" is off the screen" in problems[0].words


def page_with_button_below(home, bar_width):
    """A scrolling page whose content is twice its height, the button at the very bottom."""
    page = Page(size_hint=(None, None), pos=(0, 200), size=(800, 400), bar_width=bar_width)
    column = Column()
    column.add_widget(Body(text="A long page. " * 40, size_hint_y=None, height=700))
    column.add_widget(KButton(text="Continue"))
    page.add_widget(column)
    return page


def test_a_button_below_the_fold_of_a_page_with_a_scroll_bar_is_reachable(home, driver):
    show_panel(home, driver, page_with_button_below(home, home.look.mm(3)))
    assert check(home, "panel") == []


def test_a_button_below_the_fold_with_no_scroll_bar_to_say_so_is_unreachable(home, driver):
    show_panel(home, driver, page_with_button_below(home, 0))
    problems = check(home, "panel")
    assert kinds(problems) == [("unreachable", "KButton")]
    assert "no scroll bar" in problems[0].words


def test_grey_text_on_the_black_header_colour_fails_contrast(home, driver):
    text = Label(text="Step 2 of 8", size_hint=(None, None), pos=(100, 300), size=(400, 100),
                 color=home.look.secondary_text, font_size=home.look.body)
    with text.canvas.before:
        Color(rgba=home.look.header)
        Rectangle(pos=text.pos, size=text.size)
    show_panel(home, driver, text)
    problems = check(home, "panel")
    assert kinds(problems) == [("contrast", "Label")]
    assert "2.8:1" in problems[0].words and "#505a5f on #0b0c0c" in problems[0].words


def test_text_takes_the_colour_behind_it_from_its_panel_in_high_contrast(home, driver):
    home.access.set_high_contrast(True)
    show_panel(home, driver, paragraph("Yellow on black", 100, 300))
    assert check(home, "panel") == []
    # The same text in the standard page colour would be near black on black.
    show_panel(home, driver, paragraph("Black on black", 100, 300, color=(0.04, 0.05, 0.05, 1)))
    assert kinds(check(home, "panel")) == [("contrast", "Body")]


def test_what_a_panel_covers_is_not_checked(home, driver):
    home.access.set_text_scale(2.0)
    driver.pump(3, draw=False)
    under = check(home, "home")
    show_panel(home, driver, button("Done", 100, 300))
    assert check(home, "panel") == [] and isinstance(under, list)


def test_a_scroll_view_without_a_cue_counts_only_when_something_is_below_the_fold(home, driver):
    scroller = ScrollView(size_hint=(None, None), pos=(0, 200), size=(800, 400), bar_width=0)
    column = Column()
    column.add_widget(KButton(text="Continue"))
    scroller.add_widget(column)
    show_panel(home, driver, scroller)
    assert check(home, "panel") == []


def test_known_problems_are_set_apart_from_new_ones(home, driver, monkeypatch):
    show_panel(home, driver, button("Continue", 100, -200))
    problems = check(home, "panel-en-landscape")
    assert unknown(problems) == problems
    monkeypatch.setitem(KNOWN, "panel-* unreachable KButton", "why it is known")
    assert unknown(problems) == []


#: Every screen and panel in both languages and orientations, each in the standard look, in high contrast, at
#: 200 % text and with "Move everything lower", checked without being drawn.
LAYOUT_TIMEOUT_S = 240


@pytest.mark.timeout(LAYOUT_TIMEOUT_S + 60)
def test_every_screen_and_panel_at_every_setting_has_no_layout_problem(tmp_path):
    lines = render_tour(tmp_path, "--set", "representative", "--no-pictures", "--strict", "--jobs", "2",
                        timeout=LAYOUT_TIMEOUT_S, statuses=(0, 3))
    problems = [line for line in lines if line.startswith("layout: ")]
    assert problems == [], "\n".join(problems)
    summary = lines[-1]
    assert summary.startswith("tour: ") and " views in " in summary
    assert not any(line.endswith(".png") for line in lines)


#: How many patterns ``KNOWN`` may hold: lower it with each fix, never raise it.
MOST_KNOWN = 0


def test_the_list_of_known_problems_only_shrinks():
    assert len(KNOWN) <= MOST_KNOWN, "fix the problem rather than list it"


def test_a_word_wider_than_its_button_is_split_and_clipped(home, driver):
    squeezed = button("pa fudd-daliadau", 100, 300, width=260)
    squeezed.font_size = home.look.heading * 1.5
    show_panel(home, driver, squeezed)
    problems = check(home, "panel")
    assert [problem.kind for problem in problems] == ["clipped"]
    assert '"fudd-daliadau" is wider than its box' in problems[0].words


def tall_target_on_a_page(home, target):
    """A scrolling page with a scroll bar, 400 px high, holding ``target`` (taller than it) and some text."""
    page = Page(size_hint=(None, None), pos=(0, 200), size=(800, 400), bar_width=home.look.mm(3))
    column = Column()
    column.add_widget(Body(text="Jobs that match your CV."))
    column.add_widget(target)
    page.add_widget(column)
    return page


def test_a_card_taller_than_its_page_is_reached_by_scrolling_and_a_button_that_tall_is_not(home, driver):
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.boxlayout import BoxLayout

    class Card(ButtonBehavior, BoxLayout):
        pass

    card = Card(orientation="vertical", size_hint_y=None, height=600)
    for words in ("Warehouse operative", "Heronside Supply Chain, Weymouth", "This job also asks for: " * 6):
        card.add_widget(Body(text=words))
    show_panel(home, driver, tall_target_on_a_page(home, card))
    assert check(home, "panel") == [], "touched anywhere: the part in view is enough"
    show_panel(home, driver, tall_target_on_a_page(home, KButton(text="\n".join(["Continue"] * 16))))
    problems = check(home, "panel")
    assert kinds(problems) == [("unreachable", "KButton")] and "taller than the page" in problems[0].words
