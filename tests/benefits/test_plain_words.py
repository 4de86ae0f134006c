"""The benefits checker's words at reading age 9 or below (issue #18 point 4), measured with textstat.

**English: the Flesch-Kincaid grade level, at most 4.** A reading age of 9 is about US grade 4 (reading age is the
US grade plus about five). Flesch-Kincaid is worked out from two things only, words per sentence and syllables per
word, so it means something for one sentence, which is what a question, a hint or a result line is. The others
textstat offers suit short texts less: SMOG was normed on 30-sentence samples; Dale-Chall and Spache count words
missing from lists of words familiar to American children (they would mark "council", "rent" and "pension" hard);
Coleman-Liau and the Automated Readability Index count letters, which long names push up. A text of fewer than
five words (an answer such as "Band A", a heading) is too short for any formula, so its words are checked instead:
none over three syllables.

**Names and terms people see on their letters stay**: the names of benefits ("Disability Living Allowance"), and a
few official terms, each explained on its page by "What this means" (``benefits.q.<question>.means``) or by the
hint. They are read as one short word before measuring, since a person knows them from the letter in their hand,
and no plainer word would find them there. Words in quotes are words on a letter too.

**Welsh: textstat has no measure for Welsh** (its formulas and syllable counts are for English and a few other
languages). So Welsh is checked for what plain Welsh guidance (Cymraeg Clir) asks first, short sentences and
everyday words, by their lengths: sentences of at most 25 words, and words of at most 8 letters on average in a
text (5 over all of them), names apart. Those limits catch a run-on sentence or a text of long words, not one
hard word; a Welsh speaker reviews the rest (``#. review`` in the catalogue).

What is measured (``MEASURED``): every question, hint, "What this means" text and answer, the messages about an
answer, every line of a result (why, what to do next, the amount) and of its working ("How we worked this out"),
which names the parts of an award as the award letter does ("child element", "work allowance": ``TERMS``).
"""

from __future__ import annotations

import re

import pytest
import textstat

from kiosk.benefits.definitions import all_benefits
from kiosk.benefits.messages import read_messages

#: Official words kept because people see them on their letters (each explained where it is used).
TERMS = ("work capability assessment", "Disability Living Allowance", "Widowed Parent's Allowance",
         "Employment and Support Allowance", "Jobseeker's Allowance", "Statutory Maternity Pay", "Statutory Sick Pay",
         "Local Housing Allowance", "State Pension", "National Insurance", "Council Tax", "council tax", "GOV.UK",
         "PIP", "housing association", "registered childcare", "mobility part", "daily living part", "Jobcentre",
         "Turn2us", "entitledto", "Social Security Scotland", "Crisis and Resilience Fund", "Household Support Fund",
         "Family Information Service", "NHS Low Income Scheme", "TV Licensing", "High Income Child Benefit Charge",
         "DLA", "NHS", "social tariff", "tenancy agreement", "payslips",
         # The parts of an award as Universal Credit, Pension Credit and council statements name them.
         "standard allowance", "child element", "health element", "housing element", "childcare element",
         "carer element", "work allowance", "benefit cap", "two-child limit", "Guarantee Credit",
         "minimum income floor", "single person discount", "Pregnancy and Baby Payment", "Early Learning Payment",
         "Funeral Expenses Payment", "Scottish Carer Supplement", "HMRC", "severe disability")
#: The parts of the catalogue measured: questions, hints, answers and the messages about them, and the lines of a
#: result (why, what to do next, the amount, the headings), the start page and the estimate notice.
MEASURED = ("benefits.q.", "benefits.status.", "benefits.invalid.", "benefits.section.", "benefits.progress",
            "benefits.what_this_means", "benefits.choices_hint", "benefits.keypad.", "benefits.reason.",
            "benefits.next.", "benefits.amount.", "benefits.results.", "benefits.start.", "benefits.estimate",
            "benefits.check_answers.", "benefits.local_help.", "benefits.heading", "benefits.continue",
            "benefits.line.", "benefits.line_amount.")
HIGHEST_GRADE = 4
SHORT = 5
MOST_SYLLABLES = 3
WELSH_MOST_WORDS_A_SENTENCE = 25
WELSH_MOST_LETTERS_A_WORD = 8
#: Across all the Welsh texts: everyday Welsh words are short (about 4 letters now).
WELSH_MOST_LETTERS_A_WORD_OVERALL = 5


def kept_words() -> list[str]:
    """Every name and term that is read as one word, longest first (so a long name goes before a shorter one in it)."""
    names = {benefit.for_nation(nation).name[language] for benefit in all_benefits()
             for nation in ("ENGLAND", "WALES", "SCOTLAND") for language in ("en", "cy")}
    return sorted(names | set(TERMS), key=len, reverse=True)


def as_measured(text: str, kept: list[str]) -> str:
    """The text with placeholders as a number, quotes, names and terms as one short word each."""
    text = re.sub(r"\{[a-z_]+\}", "5", text)
    text = re.sub(r"'[^']{3,}'", "it", text)
    for words in kept:
        text = re.sub(re.escape(words), "it", text, flags=re.IGNORECASE)
    return text


def grade(text: str, kept: list[str]) -> float | str:
    """The Flesch-Kincaid grade of a text of five words or more; for a shorter one, "" or its long words."""
    measured = as_measured(text, kept)
    if textstat.lexicon_count(measured) >= SHORT:
        return textstat.flesch_kincaid_grade(measured)
    long = [w for w in re.findall(r"[A-Za-z]+", measured) if textstat.syllable_count(w) > MOST_SYLLABLES]
    return " ".join(long)


def assert_reading_age_9(text: str, kept: list[str]) -> None:
    """English at Flesch-Kincaid grade ``HIGHEST_GRADE`` or below; a text under ``SHORT`` words by its syllables."""
    measured = as_measured(text, kept)
    if len(measured.split()) < SHORT:
        assert all(textstat.syllable_count(word) <= MOST_SYLLABLES for word in measured.split()), measured
    else:
        assert textstat.flesch_kincaid_grade(measured) <= HIGHEST_GRADE, measured


def assert_plain_welsh(text: str) -> None:
    """Welsh in short sentences of everyday (short) words: textstat has no measure for Welsh."""
    words = re.findall(r"[\w'’-]+", text)
    for sentence in re.split(r"[.!?]\s", text):
        assert len(sentence.split()) <= WELSH_MOST_WORDS_A_SENTENCE, sentence
    assert sum(len(word) for word in words) / len(words) <= WELSH_MOST_LETTERS_A_WORD, text


def measured_messages(language: str) -> dict[str, str]:
    """The questions, answers and result lines in ``language``, by key."""
    return {key: text for key, text in read_messages()[language].items() if key.startswith(MEASURED)}


@pytest.mark.thorough
def test_every_question_answer_and_result_line_is_at_reading_age_nine_or_below():
    kept = kept_words()
    messages = measured_messages("en")
    assert len(messages) > 350
    too_hard = {}
    for key, text in messages.items():
        found = grade(text, kept)
        if (isinstance(found, float) and found > HIGHEST_GRADE) or (isinstance(found, str) and found):
            too_hard[key] = (found, text)
    assert not too_hard, "\n".join(f"{key}: {found} | {text}" for key, (found, text) in sorted(too_hard.items()))


def test_welsh_sentences_and_words_are_short():
    kept = kept_words()
    averages = []
    for key, text in measured_messages("cy").items():
        measured = as_measured(text, kept)
        for sentence in re.split(r"(?<=[.?!])\s+", measured):
            assert len(sentence.split()) <= WELSH_MOST_WORDS_A_SENTENCE, (key, sentence)
        words = re.findall(r"[^\W\d_]+", measured)
        if words:
            averages.append(sum(map(len, words)) / len(words))
            assert averages[-1] <= WELSH_MOST_LETTERS_A_WORD, (key, text)
    assert len(averages) > 350 and sum(averages) / len(averages) <= WELSH_MOST_LETTERS_A_WORD_OVERALL


@pytest.mark.parametrize("text, hard", [
    ("Has a work capability assessment found that you cannot do work or work-related activity?", True),
    ("Has a work capability assessment said you cannot work or prepare for work?", False),
    ("This is called limited capability for work and work-related activity (LCWRA).", True),
    ("Registered childcare only, such as a nursery or childminder.", True),
    ("Do you live with a partner?", False),
])
def test_the_measure_tells_hard_words_from_plain_ones(text, hard):
    found = grade(text, kept_words())
    assert (isinstance(found, float) and found > HIGHEST_GRADE) == hard, found


def test_no_answer_needs_a_date_and_no_two_questions_share_a_heading():
    messages = measured_messages("en")
    answers = {key: text for key, text in messages.items()
               if key.startswith("benefits.q.") and not key.endswith((".title", ".hint", ".means", ".caption"))}
    assert not [text for text in answers.values() if re.search(r"\b\d{1,2} (January|April|October)\b", text)]
    titles = [text for key, text in messages.items() if key.startswith("benefits.q.") and key.endswith(".title")]
    assert len(titles) == len(set(titles))
    assert "LCWRA" not in " ".join(messages.values())
