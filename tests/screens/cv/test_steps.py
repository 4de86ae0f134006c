"""The CV builder's steps done with touches and the on-screen keyboard path: contact details with their checks, the
statement from an example, qualifications with a detail, skills, references; the progress and the ticks; nothing
of it after the wipe."""

from kivy.uix.label import Label

from kiosk.cv.advice import qualification
from kiosk.cv.steps import STEPS
from tests.screens.helpers import touch, widgets_holding


def texts(screen):
    return [w.text for w in screen.walk(restrict=True) if isinstance(w, Label)]


def type_into(driver, field, text):
    touch(driver, field.ids.input)
    driver.type_text(text)
    driver.pump(2)


def open_cv(app, driver):
    driver.tap(app.sm.get_screen("home").ids.cv)
    assert app.sm.current == "cv"
    touch(driver, app.screen.ids.begin)
    assert app.sm.current == "cv_contact"


def test_contact_details_are_checked_plainly_and_nothing_typed_is_lost(make_app, driver):
    app = make_app(start_screen="home")
    open_cv(app, driver)
    screen = app.screen
    assert "Step 1 of 8" in texts(screen)
    type_into(driver, screen.ids.name, "Siân Llewelyn")
    type_into(driver, screen.ids.phone, "07700 9001")
    touch(driver, screen.ids.page.ids.next)
    assert app.sm.current == "cv_contact", "a wrong phone number keeps the person here"
    assert "A mobile number has 11 numbers, starting 07. Check the number and try again." in texts(screen)
    assert screen.ids.phone.ids.input.text == "07700 9001"
    type_into(driver, screen.ids.phone, "23")
    assert screen.ids.phone.message_key == "", "the message goes once the number changes"
    type_into(driver, screen.ids.email, "sian.example.com")
    touch(driver, screen.ids.page.ids.next)
    assert app.sm.current == "cv_contact"
    assert screen.ids.email.message_key == "cvdoc.check.email_at"
    screen.ids.email.ids.input.text = "sian@example.com"
    touch(driver, screen.ids.page.ids.next)
    assert app.sm.current == "cv_statement"
    assert "Step 2 of 8" in texts(app.screen)
    contact = app.session.cv.contact
    assert (contact.name, contact.phone, contact.email) == ("Siân Llewelyn", "07700 900123", "sian@example.com")
    assert "13 of 80 letters used" in texts(app.sm.get_screen("cv_contact"))


def test_a_field_stops_at_its_limit(make_app, driver):
    app = make_app(start_screen="home")
    open_cv(app, driver)
    field = app.screen.ids.town
    type_into(driver, field, "Llanfair" * 10)
    assert len(app.session.cv.contact.town) == 60 == len(field.ids.input.text)
    assert "60 of 60 letters used" in texts(app.screen)


def test_statement_from_an_example_qualification_with_detail_skills_and_references(make_app, driver):
    app = make_app(start_screen="home")
    open_cv(app, driver)
    touch(driver, app.screen.ids.page.ids.next)  # an empty contact page may be skipped
    assert app.sm.current == "cv_statement"
    statement = app.screen
    assert statement.examples, "general examples without any jobs"
    example = next(b for b in statement.ids.examples.children if not b.disabled)
    touch(driver, example)
    assert app.session.cv.statement and app.session.cv.statement in statement.examples
    type_into(driver, statement.ids.text, " I like people.")
    assert app.session.cv.statement.endswith("I like people.")

    app.nav.go("cv_qualifications")
    driver.pump(2)
    quals = app.screen
    driving = next(g for g in quals.ids.groups.children if g.group.key == "driving")
    touch(driver, driving.ids.opener)
    driving = next(g for g in quals.ids.groups.children if g.group.key == "driving")
    car = next(c for c in driving.ids.choices.children if c.item.key == "licence_car")
    touch(driver, car.ids.toggle)
    driving = next(g for g in quals.ids.groups.children if g.group.key == "driving")
    car = next(c for c in driving.ids.choices.children if c.item.key == "licence_car")
    detail = car.ids.details.children[-1]
    touch(driver, detail)
    picked = app.session.cv.qualifications
    assert [(q.name, q.detail) for q in picked] == [(qualification("licence_car", "en").name, detail.text)]
    type_into(driver, quals.ids.typed, "Level 2 Barista")
    touch(driver, quals.ids.add)
    assert [q.name for q in picked][-1] == "Level 2 Barista"
    own = list(quals.ids.own.children)
    touch(driver, own[0])
    assert [q.name for q in picked] == [qualification("licence_car", "en").name], "touching a ticked one takes it off"

    app.nav.go("cv_skills")
    driver.pump(2)
    skills = app.screen
    offered = list(reversed(skills.ids.suggested.children))
    assert offered, "general skills are suggested even before any job is entered"
    first = offered[0].text
    touch(driver, offered[0])
    type_into(driver, skills.ids.typed, "Welsh speaker")
    touch(driver, skills.ids.add)
    assert app.session.cv.skills == [first, "Welsh speaker"]
    assert first not in [chip.text for chip in skills.ids.suggested.children], "a picked skill is no longer offered"

    app.nav.go("cv_references")
    driver.pump(2)
    refs = app.screen
    assert refs.ids.on_request.selected and app.session.cv.references == ""
    touch(driver, refs.ids.give_names)
    type_into(driver, refs.ids.text, "Mrs Jones, 01248 000000")
    assert app.session.cv.references == "Mrs Jones, 01248 000000"
    touch(driver, refs.ids.on_request)
    assert app.session.cv.references == "", "available on request again"

    app.nav.go("cv")
    driver.pump(2)
    start = app.screen
    assert start.started and start.done == [False, True, False, False, True, True, False, False]
    done = [link.step for link in start.ids.steps.children if link.ids.step_status.text == "Done"]
    assert sorted(done) == sorted(["statement", "qualifications", "skills"])
    assert {link.ids.step_status.text for link in start.ids.steps.children} == {"Done", "Not started"}

    app.nav.finish()
    driver.pump(3)
    assert app.session.cv.is_empty()
    assert not widgets_holding(app, "Welsh speaker") and not widgets_holding(app, "I like people.")


def test_the_steps_show_their_number_tips_and_welsh(make_app, driver):
    app = make_app(start_screen="home")
    app.access.set_language("cy")
    for number, step in enumerate(STEPS, 1):
        app.nav.go(f"cv_{step}")
        driver.pump(2)
        shown = texts(app.screen)
        assert f"Cam {number} o 8" in shown, step
        tips = [text for text in shown if text.startswith("\u2022 ")]
        assert tips and all(len(text) > 10 for text in tips), step
