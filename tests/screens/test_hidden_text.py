"""Text on screens that are not showing is drawn when they show (screens/hidden_text.py): a language change draws
only the screen in view, and a screen shown later has its new text, drawn exactly as a fresh label would be."""

from kivy.uix.label import Label

from screens import hidden_text
from screens.widgets import running_app


def heading_of(screen):
    words = running_app().t[screen.heading_key]
    return next(w for w in screen.walk(restrict=True) if isinstance(w, Label) and w.text == words)


def drawn_as_fresh(label):
    """The label's texture is what a new label with its text and style draws."""
    twin = Label(text=label.text, font_size=label.font_size, font_name=label.font_name, bold=label.bold,
                 text_size=label.text_size, line_height=label.line_height, halign=label.halign, color=label.color,
                 padding=label.padding)
    twin.texture_update()
    return label.texture_size == twin.texture_size and label.texture.pixels == twin.texture.pixels


def test_a_hidden_screen_draws_its_new_words_when_it_shows(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    jobs = app.screen
    heading = heading_of(jobs)
    english = heading.texture.pixels
    app.nav.go("home")
    driver.pump(2)
    assert jobs.parent is None, "the job search page is hidden (or this test proves nothing)"

    driver.tap(app.shell.ids.lang_cy)
    assert heading.text == "Pa swydd ydych chi'n chwilio amdani?"
    assert heading.texture.pixels == english, "not drawn while nobody can see it"
    assert heading in hidden_text._waiting

    driver.tap(app.sm.get_screen("home").ids.find_job)
    assert app.screen is jobs
    assert heading not in hidden_text._waiting
    assert heading.texture.pixels != english and drawn_as_fresh(heading)


def test_text_in_view_is_drawn_at_once(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    heading = heading_of(app.screen)
    driver.tap(app.shell.ids.lang_cy)
    assert heading not in hidden_text._waiting
    assert drawn_as_fresh(heading)


def test_the_larger_text_reaches_a_screen_shown_later(make_app, driver):
    app = make_app(start_screen="home")
    driver.tap(app.sm.get_screen("home").ids.find_job)
    jobs = app.screen
    heading = heading_of(jobs)
    app.nav.go("home")
    driver.pump(2)
    app.access.set_text_scale(2.0)
    driver.pump(2)
    driver.tap(app.sm.get_screen("home").ids.find_job)
    assert drawn_as_fresh(heading)
    assert heading.font_size == app.look.heading


def test_text_held_aside_draws_its_new_words_when_put_back(make_app, driver):
    app = make_app(start_screen="home")
    panel = app.panels["accessibility"]
    button = panel.ids.text_large.__self__  # the widget, not the weak proxy kv ids hold
    english = button.texture.pixels if button.texture is not None else None
    assert panel.parent is None, "the accessibility panel is closed (or this test proves nothing)"

    driver.tap(app.shell.ids.lang_cy)
    assert button.text == running_app().t["a11y.text_large"] != "Large"
    assert button in hidden_text._waiting, "not drawn while the panel is closed"
    if english is not None:
        assert button.texture.pixels == english

    driver.tap(app.shell.ids.accessibility)
    assert app.shell.overlay is panel
    assert button not in hidden_text._waiting
    assert drawn_as_fresh(button)


def test_a_label_on_its_own_draws_at_once():
    """A label with no parent, as made to measure a text, draws when asked, as Kivy does."""
    label = Label(text="Measure me")
    label.texture_update()
    assert label.texture is not None and label.texture_size[0] > 0
