"""What the benefits screens share: where the questionnaire is kept, how an answer reads, and the widgets.

    state = flow_state(app)                  # the person's questionnaire, kept in app.session.answers
    keep_state(app, step(state, "yes"))      # after each answer
    answer_words(app.t, question, answer)    # "£250 a week", "Yes", "7, 4" for "Check your answers"

The questionnaire (a ``kiosk.benefits.flow.FlowState``, answers keyed by question key) lives only in
``app.session.answers``, so the wipe and Start again take it away; widgets only show it.
"""

from __future__ import annotations

from decimal import Decimal

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.gridlayout import GridLayout
from kivy.uix.label import Label

from kiosk.benefits import flow as benefits_flow
from kiosk.benefits.rates import today
from kiosk.benefits.messages import money, text
from screens.widgets import KButton

#: Where the questionnaire is kept in ``session.answers``.
FLOW_KEY = "benefits_flow"
#: The life event a check was started from ("Something has changed"), kept beside it so its questions can say
#: which answers it chose (``screens/life_events/checklist.py``).
LIFE_EVENT_KEY = "benefits_life_event"


def flow_state(app):
    """The person's questionnaire, started afresh (at the kiosk's nation) if there is none.

    :param app: the KioskApp.
    """
    state = app.session.answers.get(FLOW_KEY)
    if state is None:
        state = benefits_flow.start(app.settings["ui.nation"].lower(), on_date=today())
        app.session.answers[FLOW_KEY] = state
    return state


def keep_state(app, state) -> None:
    """Keep the questionnaire's new state in the session, with each answer also under its question's key.

    :param app: the KioskApp.
    :param state: a ``FlowState``.
    """
    answers = app.session.answers
    for key in [k for k in answers if k not in (FLOW_KEY, LIFE_EVENT_KEY)]:
        del answers[key]
    answers.update(state.answers)
    answers[FLOW_KEY] = state


def words(t, key: str, **params) -> str:
    """A benefits message in the language of catalogue ``t`` (money as £, plural forms by ``count``).

    :param t: the app's current catalogue (``app.t``), so kv rules that pass it redraw on a language change.
    :param key: the message key.
    """
    return text(key, t.language, **params)


def invalid_words(t, invalid) -> str:
    """The plain message for an ``InvalidAnswer`` ("" for none); whole-number limits shown as numbers, not £.

    :param t: the app's catalogue.
    :param invalid: an ``InvalidAnswer`` or None.
    """
    if invalid is None:
        return ""
    params = dict(invalid.params)
    if invalid.message_key == "benefits.invalid.whole_number":
        params = {name: int(value) if isinstance(value, Decimal) else value for name, value in params.items()}
    return words(t, invalid.message_key, **params)


def caption_words(t, caption) -> str:
    """The line saying which child a question is about ("Child 2, aged 12"), or "" for none.

    :param t: the app's catalogue.
    :param caption: (message key, its numbers) from ``kiosk.benefits.flow.caption``, or None.
    """
    if not caption:
        return ""
    key, params = caption
    return t.text(key, **params)


def answer_words(t, question, answer) -> str:
    """How an answer reads on "Check your answers".

    :param t: the app's catalogue.
    :param question: the ``Question``.
    :param answer: the stored answer.
    """
    if question.kind == "choice":
        return t[question.option_key(answer)]
    if question.kind == "choices":
        return ", ".join(t[question.option_key(o)] for o in (answer or ("none",)))
    if question.kind == "ages":
        return ", ".join(str(age) for age in answer)
    if question.kind == "money" and answer in question.options:
        return t[question.option_key(answer)]  # "I don't know"
    if question.kind == "money":
        amount, per = answer if isinstance(answer, tuple) else (answer, None)
        if per is None:
            return money(amount)
        return t.text("benefits.answer.money", amount=money(amount), period=t[f"benefits.q.period.{per}"])
    return str(answer)


class OptionButton(KButton):
    """An answer button whose words come from the catalogue by ``text_key`` (so they follow the language)."""

    text_key = StringProperty("")
    value = StringProperty("")
    #: The child whose age the keypad types: drawn like a field in use (yellow and black), not ticked.
    typing = BooleanProperty(False)


class KeypadKey(ButtonBehavior, Label):
    """One key of the numeric keypad: a digit, "." or an action ("delete", "clear")."""

    key = StringProperty("")


class Keypad(GridLayout):
    """A large numeric keypad (digits, a point for money, Delete); calls ``handler(key)`` for each press.

    ``point`` shows the "." key (money); without it that key is hidden and cannot be touched.
    """

    handler = ObjectProperty(None, allownone=True)
    point = BooleanProperty(True)

    def press(self, key: str) -> None:
        """Pass a key press on."""
        if self.handler is not None:
            self.handler(key)
