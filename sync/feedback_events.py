""""Was this useful?" as counts: a closed list of event names, so feedback travels with the usage counts.

    feedback_event("benefits", "yes", "cy")          # 'feedback.benefits.yes.cy'
    feedback_event("benefits", "hard_words", "en")   # a reason chip: 'feedback.benefits.hard_words.en'
    parse_feedback("feedback.cv.no.en")              # {'journey': 'cv', 'answer': 'no', 'reason': '', 'language': 'en'}

One touch on "Yes" or "No", and then perhaps one touch on a reason, each count one. There is no free text
anywhere: a name can only be one of the ``FEEDBACK_EVENTS`` built from these tables, so what a person types can
never be counted. The kiosk (``sync.usage``) and the central service (``sync.central.usage``) share this list.
"""

from __future__ import annotations

#: The journeys that end with "Was this useful?".
JOURNEYS = ("jobs", "benefits", "cv", "life_event", "careers")
#: The reasons offered after each answer (one touch; none is needed).
REASONS = {"yes": ("easy", "found_it", "saved_time"),
           "no": ("hard_to_use", "not_found", "hard_words", "too_slow")}
LANGUAGES = ("en", "cy")


def feedback_event(journey: str, choice: str, language: str) -> str:
    """The event name of an answer ("yes", "no") or a reason in one journey and language.

    :param journey: one of ``JOURNEYS``.
    :param choice: "yes", "no" or one of the ``REASONS``.
    :param language: "en" or "cy".
    :raises ValueError: any part not in the lists.
    """
    name = f"feedback.{journey}.{choice}.{language}"
    if name not in FEEDBACK_EVENTS:
        raise ValueError(f"{name!r} is not a feedback event")
    return name


def parse_feedback(event: str) -> dict | None:
    """The parts of a feedback event name, or None for any other event.

    :param event: a usage event name.

        >>> parse_feedback("feedback.jobs.not_found.cy")
        {'journey': 'jobs', 'answer': 'no', 'reason': 'not_found', 'language': 'cy'}
    """
    if event not in FEEDBACK_EVENTS:
        return None
    _prefix, journey, choice, language = event.split(".")
    if choice in REASONS:
        return {"journey": journey, "answer": choice, "reason": "", "language": language}
    answer = next(answer for answer, reasons in REASONS.items() if choice in reasons)
    return {"journey": journey, "answer": answer, "reason": choice, "language": language}


FEEDBACK_EVENTS = frozenset(
    f"feedback.{journey}.{choice}.{language}" for journey in JOURNEYS for language in LANGUAGES
    for choice in (*REASONS, *(reason for reasons in REASONS.values() for reason in reasons)))
