"""The CV builder's advice and qualifications list keep honest: every step has tips in English and Welsh, every
qualification is in both languages with a unique key, the English is plain (Flesch reading ease, sentence length)
and the Welsh is really Welsh, not English pasted in. Bad files are refused with a message naming the entry."""

import re

import pytest

from kiosk.cv.advice import (STEPS, AdviceFileError, advice_for, qualification, qualification_groups, read_advice,
                              read_qualifications)

# ------------------------------------------------------------------ a small plain-English check

#: Reading ease of 70 or more is "fairly easy": about reading age 9 to 10 (UK school year 5 or 6).
MIN_READING_EASE = 70
#: Our rule is 15 words or fewer a sentence: long sentences are what lose readers first.
MAX_SENTENCE_WORDS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.+*-]*")


def sentences(text):
    """Split plain text into sentences at . ! or ? followed by a space (our texts have no abbreviations)."""
    return [part for part in _SENTENCE_END.split(text.strip()) if part]


def words(text):
    """The words of ``text``: letters and digits, keeping "one-day", "C+E" and "7.5" whole."""
    return [word.rstrip(".") for word in _WORD.findall(text)]


def syllables(word):
    """An estimate of how many syllables ``word`` has when read aloud.

    Numbers count one a digit ("16" is two); capital-letter abbreviations one a letter ("CSCS" is four, W three),
    because that is how people say them. Other words count groups of vowels, less a silent final e or -ed.
    """
    if any(ch.isdigit() for ch in word):
        return max(1, sum(ch.isdigit() for ch in word))
    letters = re.sub(r"[^A-Za-z]", "", word)
    if len(letters) >= 2 and letters.isupper():
        return sum(3 if ch == "W" else 1 for ch in letters)
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    w = re.sub(r"y(?=[aeiou])", "j", letters.lower())  # "y" before a vowel is a consonant: "employer", "you"
    count = len(re.findall(r"[aeiouy]+", w))
    if w.endswith(("ely", "eful", "ement", "eness")) and count > 2:
        count -= 1  # silent e inside: "safely", "useful"
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent e: "safe", "time"
    elif w.endswith("ed") and not w.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "checked", "served"
    elif w.endswith("es") and not re.search(r"(s|x|z|ch|sh|c|g)es$", w) and count > 1:
        count -= 1  # "lines", "sites"
    return max(1, count)


def reading_ease(text):
    """Flesch reading ease: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word (higher is easier)."""
    all_words = words(text)
    per_sentence = len(all_words) / max(1, len(sentences(text)))
    per_word = sum(syllables(word) for word in all_words) / max(1, len(all_words))
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


@pytest.mark.parametrize("word, expected", [("job", 1), ("safely", 2), ("checked", 1), ("lines", 1),
                                            ("pages", 2), ("employer", 3), ("qualification", 5), ("people", 2),
                                            ("CSCS", 4), ("16", 2), ("one-day", 2)])
def test_the_syllable_estimate_counts_common_words_right(word, expected):
    assert syllables(word) == expected


def test_the_reading_ease_check_fails_hard_text_and_passes_plain_text():
    hard = ("Notwithstanding the aforementioned considerations, applicants demonstrating substantial organisational "
            "capabilities are additionally encouraged to articulate transferable competencies.")
    plain = "Put your latest job first. Then go back in time."
    assert reading_ease(hard) < 0 < MIN_READING_EASE <= reading_ease(plain)


# ------------------------------------------------------------------ what the texts are

def english_texts():
    """Every English sentence-like text people read: tips, group notes and explanations (not names or codes)."""
    for step in STEPS:
        for number, tip in enumerate(advice_for(step, "en"), start=1):
            yield f"advice {step} {number}", tip
    for group in qualification_groups("en"):
        if group.note:
            yield f"note {group.key}", group.note
        for item in group.items:
            yield f"explain {item.key}", item.explain


def paired_texts():
    """(where, English, Welsh, is prose) for every text in both files."""
    for step in STEPS:
        for number, (en, cy) in enumerate(zip(advice_for(step, "en"), advice_for(step, "cy")), start=1):
            yield f"advice {step} {number}", en, cy, True
    for en_group, cy_group in zip(qualification_groups("en"), qualification_groups("cy")):
        yield f"group {en_group.key}", en_group.name, cy_group.name, False
        if en_group.note:
            yield f"note {en_group.key}", en_group.note, cy_group.note, True
        for en_item, cy_item in zip(en_group.items, cy_group.items):
            yield f"name {en_item.key}", en_item.name, cy_item.name, False
            yield f"explain {en_item.key}", en_item.explain, cy_item.explain, True
            for en_detail, cy_detail in zip(en_item.details, cy_item.details):
                yield f"detail {en_item.key}", en_detail, cy_detail, False


ENGLISH = list(english_texts())
PAIRS = list(paired_texts())


# ------------------------------------------------------------------ advice

@pytest.mark.parametrize("step", STEPS)
def test_every_step_has_two_to_four_tips_in_english_and_welsh(step):
    english, welsh = advice_for(step, "en"), advice_for(step, "cy")
    assert 2 <= len(english) == len(welsh) <= 4
    assert all(tip.strip() for tip in english + welsh)


def test_the_advice_covers_what_the_brief_asks_for():
    everything = " ".join(tip for step in STEPS for tip in advice_for(step, "en")).lower()
    for topic in ("gaps between jobs are normal", "caring", "volunteer", "bringing up children", "unpaid",
                  "date of birth", "photo", "national insurance number", "two pages", "email address with your name"):
        assert topic in everything, topic


def test_an_unknown_step_or_language_is_refused_with_a_plain_message():
    with pytest.raises(ValueError, match="no CV step called 'hobbies'"):
        advice_for("hobbies", "en")
    with pytest.raises(ValueError, match="not 'fr'"):
        advice_for("work", "fr")
    with pytest.raises(ValueError, match="not 'de'"):
        qualification_groups("de")


def test_changing_a_returned_list_does_not_change_the_advice():
    advice_for("work", "en").clear()
    assert advice_for("work", "en")


# ------------------------------------------------------------------ qualifications

def test_every_qualification_has_both_languages_and_matching_details():
    english, welsh = qualification_groups("en"), qualification_groups("cy")
    assert [g.key for g in english] == [g.key for g in welsh]
    for en_group, cy_group in zip(english, welsh):
        assert en_group.name and cy_group.name and bool(en_group.note) == bool(cy_group.note)
        assert [i.key for i in en_group.items] == [i.key for i in cy_group.items]
        for en_item, cy_item in zip(en_group.items, cy_group.items):
            assert en_item.name and cy_item.name and en_item.explain and cy_item.explain
            assert len(en_item.details) == len(cy_item.details)


def test_qualification_keys_are_unique():
    keys = [g.key for g in qualification_groups("en")] + [i.key for g in qualification_groups("en") for i in g.items]
    assert len(keys) == len(set(keys))


def test_the_picker_has_the_groups_and_items_jobs_ask_for():
    keys = {item.key for group in qualification_groups("en") for item in group.items}
    assert {"licence_car", "licence_c1", "licence_c", "licence_ce", "licence_d1", "licence_d", "driver_cpc", "cscs",
            "forklift_counterbalance", "forklift_reach", "sia_door_supervisor", "sia_security_guard", "sia_cctv",
            "sia_close_protection", "food_hygiene", "first_aid_at_work", "emergency_first_aid", "care_certificate",
            "health_social_care", "gcse_english", "gcse_maths", "functional_skills_english",
            "functional_skills_maths", "dbs_check", "pasma", "ipaf", "ecs", "cpcs", "npors"} <= keys
    assert qualification("cscs", "en").details[0] == "Green: labourer"
    assert qualification("food_hygiene", "cy").details == ("Lefel 1", "Lefel 2", "Lefel 3")


def test_a_dbs_check_is_not_called_a_qualification():
    checks = next(group for group in qualification_groups("en") if group.key == "checks")
    assert "not a qualification" in checks.note
    assert "qualification" not in qualification("dbs_check", "en").name.lower()


def test_the_forklift_group_says_there_is_no_official_licence():
    forklift = next(group for group in qualification_groups("en") if group.key == "forklift")
    assert "no official forklift licence" in forklift.note
    assert {"RTITB", "ITSSAR", "AITT"} <= set(qualification("forklift_counterbalance", "en").details)


def test_an_unknown_qualification_key_is_a_key_error():
    with pytest.raises(KeyError, match="no qualification called 'wizard'"):
        qualification("wizard", "en")


def test_the_lists_are_loaded_once():
    assert qualification_groups("en")[0] is qualification_groups("en")[0]


# ------------------------------------------------------------------ plain English

@pytest.mark.parametrize("where, text", ENGLISH, ids=[where for where, _ in ENGLISH])
def test_english_is_plain_enough_for_reading_age_nine(where, text):
    score = reading_ease(text)
    assert score >= MIN_READING_EASE, f"{where}: reading ease {score:.0f}: {text}"
    for sentence in sentences(text):
        assert len(words(sentence)) <= MAX_SENTENCE_WORDS, f"{where}: sentence too long: {sentence}"


def test_the_english_as_a_whole_is_easy_to_read():
    assert reading_ease(" ".join(text for _, text in ENGLISH)) >= 80


@pytest.mark.parametrize("where, en, cy, prose", PAIRS, ids=[p[0] for p in PAIRS])
def test_texts_are_plain_text_without_markup_or_abbreviations(where, en, cy, prose):
    for text in (en, cy):
        assert not set(text) & set("[]<>{}|\\`#_"), f"{where}: markup character in {text!r}"
        assert "  " not in text and text == text.strip(), f"{where}: stray spaces in {text!r}"
        assert not re.search(r"\b(e\.g|i\.e|etc)\b", text), f"{where}: abbreviation in {text!r}"
        if prose:
            assert text[-1] in ".?!", f"{where}: should end a sentence: {text!r}"


# ------------------------------------------------------------------ Welsh

#: Codes and names that are written the same in Welsh.
SAME_IN_WELSH = {"RTITB", "ITSSAR", "AITT", "NPORS", "Lantra", "IOSH Working Safely"}
#: Short words every Welsh sentence of ours has at least one of, and no English sentence has.
WELSH_WORDS = {"yn", "y", "yr", "ac", "eich", "chi", "ar", "mae", "gallwch", "eu", "ei", "gyda", "neu", "yw", "hyn",
               "hwn", "hon", "pob", "fel", "does", "dim", "sy'n", "i'r", "o'r", "am", "gan", "mewn", "mae'n", "mae'r"}
#: Common English words that mean an English text was pasted into the Welsh.
ENGLISH_WORDS = {"the", "and", "you", "your", "with", "for", "this", "that", "is", "are", "to", "of", "can"}


@pytest.mark.parametrize("where, en, cy, prose", PAIRS, ids=[p[0] for p in PAIRS])
def test_welsh_is_really_welsh(where, en, cy, prose):
    assert cy.strip(), where
    if en == cy:
        assert en in SAME_IN_WELSH, f"{where}: Welsh is the same as English: {cy!r}"
        return
    cy_words = {word.lower() for word in re.findall(r"[\w'’]+", cy)}
    assert not cy_words & ENGLISH_WORDS, f"{where}: English words in the Welsh: {cy!r}"
    if prose:
        assert cy_words & WELSH_WORDS, f"{where}: does not read as Welsh: {cy!r}"


# ------------------------------------------------------------------ bad files are refused

GOOD_TIP = '[[{step}]]\nen = "Tip."\ncy = "Cyngor."\n'


def advice_file(tmp_path, text):
    path = tmp_path / "advice.toml"
    path.write_text(text, encoding="utf-8")
    return path


def every_step(tips=2, skip=()):
    return "".join(GOOD_TIP.format(step=step) * tips for step in STEPS if step not in skip)


def test_a_good_advice_file_is_read(tmp_path):
    advice = read_advice(advice_file(tmp_path, every_step()))
    assert advice["work"] == ({"en": "Tip.", "cy": "Cyngor."},) * 2


@pytest.mark.parametrize("text, message", [
    (every_step(skip=("references",)), "step 'references' needs 2 to 4 tips"),
    (every_step() + GOOD_TIP.format(step="hobbies") * 2, "step the CV builder does not have: hobbies"),
    (every_step(tips=5), "needs 2 to 4 tips"),
    (every_step(skip=("work",)) + '[[work]]\nen = "Tip."\n' + GOOD_TIP.format(step="work"),
     r"tip 1 of step 'work' needs Welsh \(cy\) text"),
    (every_step(skip=("work",)) + '[[work]]\nen = " "\ncy = "Cyngor."\n' + GOOD_TIP.format(step="work"),
     r"tip 1 of step 'work' needs English \(en\) text"),
    ("[[work]\n", "not valid TOML"),
])
def test_a_bad_advice_file_is_refused_naming_the_problem(tmp_path, text, message):
    with pytest.raises(AdviceFileError, match=message):
        read_advice(advice_file(tmp_path, text))


def test_a_missing_advice_file_is_named(tmp_path):
    with pytest.raises(AdviceFileError, match="missing"):
        read_advice(tmp_path / "nowhere.toml")


GROUP = '[[group]]\nkey = "{key}"\nname = {{ en = "G", cy = "Grŵp" }}\n'
ITEM = ('[[group.item]]\nkey = "{key}"\nname = {{ en = "N", cy = "Enw" }}\n'
        'explain = {{ en = "E.", cy = "Esboniad." }}\n')


@pytest.mark.parametrize("text, message", [
    ("", "needs at least one"),
    (GROUP.format(key="a"), "group 'a' needs at least one"),
    (GROUP.format(key="a") + ITEM.format(key="x") + ITEM.format(key="x"), "the key 'x' is used twice"),
    (GROUP.format(key="a") + ITEM.format(key="x") + GROUP.format(key="b") + ITEM.format(key="x"), "'x' is used twice"),
    (GROUP.format(key="a") + ITEM.format(key="Bad Key"), "needs a key of lower-case"),
    (GROUP.format(key="a") + ITEM.format(key="x").replace(', cy = "Enw"', ""), r"\(x\): name needs Welsh"),
    (GROUP.format(key="a") + ITEM.format(key="x") + 'details = [{ en = "L1", cy = "" }]\n',
     r"\(x\): detail 1 needs Welsh"),
    (GROUP.format(key="a") + ITEM.format(key="x") + 'details = [{ en = "L1", cy = "L1" }, { en = "L1", cy = "L1" }]\n',
     "the same detail is listed twice"),
    (GROUP.format(key="a") + 'note = { en = "Note." }\n' + ITEM.format(key="x"), "group 'a': note needs Welsh"),
    (GROUP.format(key="a") + ITEM.format(key="x").replace('cy = "Esboniad."', 'cy = "E.", fr = "E."'),
     "language the kiosk does not offer: fr"),
])
def test_a_bad_qualifications_file_is_refused_naming_the_problem(tmp_path, text, message):
    path = tmp_path / "qualifications.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AdviceFileError, match=message):
        read_qualifications(path)
