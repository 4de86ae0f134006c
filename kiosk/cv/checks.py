"""Checks on what a person types into their CV, each giving a catalogue message key or None.

    >>> check_phone("07700 900123"), check_phone("+44 (0)29 2018 0000"), check_phone("0770090012")
    (None, None, 'cvdoc.check.mobile_length')
    >>> check_email("sian@example.co.uk"), check_email("sian@example")
    (None, 'cvdoc.check.email_domain')
    >>> check_cv(CV(contact=Contact(phone="12345")))
    [('contact.name', 'cvdoc.check.name_missing'), ('contact.phone', 'cvdoc.check.phone_start')]

The screens show the message for the key in the person's language (``t[key]``), beside the field. The checks are
deliberately plain: a UK phone number of the right length, an email address of the usual shape. They never judge a
name beyond "there is one", and nothing typed is logged.
"""

from __future__ import annotations

from kiosk.cv.model import CV, LIMITS, Contact  # noqa: F401  (Contact: used in the example above)

#: Characters people put in phone numbers that carry no digits: "07700 900-123", "(029) 2018 0000".
PHONE_SEPARATORS = str.maketrans("", "", " -()")
#: The start of a UK number and how many digits numbers with that start have (after the leading 0 is added).
PHONE_LENGTHS = {"07": (11,), "01": (10, 11), "02": (11,), "03": (11,)}


def check_name(name: str) -> str | None:
    """The one required field: there must be a name, with at least one letter, and not too long.

    :param name: as typed.
    :returns: None when it will do, else a message key.
    """
    if not name.strip():
        return "cvdoc.check.name_missing"
    if len(name) > LIMITS["name"]:
        return "cvdoc.check.too_long"
    if not any(char.isalpha() for char in name):
        return "cvdoc.check.name_letters"
    return None


def normalise_phone(phone: str) -> str:
    """A phone number as digits only, in UK form: "+44 (0)7700 900-123" -> "07700900123".

    Anything that is not a number comes back with its letters, so ``check_phone`` can say so.

    :param phone: as typed.
    """
    digits = phone.translate(PHONE_SEPARATORS)
    if digits.startswith("+44"):
        digits = digits[3:]
        # "+44 (0)29 ..." is a common way of writing it: the 0 in brackets is dropped when dialling from abroad.
        digits = digits if digits.startswith("0") else "0" + digits
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].removeprefix("0")
    return digits


def check_phone(phone: str) -> str | None:
    """A UK mobile (07...) or home or work number (01, 02, 03...); +44 and spaces, dashes, brackets allowed.

    An empty phone is fine: only the name is required.

    :param phone: as typed.
    :returns: None when it will do, else a message key.
    """
    if not phone.strip():
        return None
    digits = normalise_phone(phone)
    if digits.startswith("+"):
        return "cvdoc.check.phone_start"  # another country's code: the kiosk's checks are for UK numbers
    if not (digits.isascii() and digits.isdigit()):
        return "cvdoc.check.phone_characters"
    lengths = PHONE_LENGTHS.get(digits[:2])
    if lengths is None:
        return "cvdoc.check.phone_start"
    if len(digits) not in lengths:
        return "cvdoc.check.mobile_length" if digits.startswith("07") else "cvdoc.check.landline_length"
    return None


def check_email(email: str) -> str | None:
    """A plain check of an email address: no spaces, one @, something before it, a dot in the part after it.

    An empty email is fine: only the name is required.

    :param email: as typed.
    :returns: None when it will do, else a message key.
    """
    if not email.strip():
        return None
    if any(char.isspace() for char in email):
        return "cvdoc.check.email_spaces"
    if email.count("@") != 1:
        return "cvdoc.check.email_at"
    local, domain = email.split("@")
    if not local:
        return "cvdoc.check.email_at"
    labels = domain.split(".")
    if len(labels) < 2 or not all(labels):
        return "cvdoc.check.email_domain"
    if len(email) > LIMITS["email"]:
        return "cvdoc.check.too_long"
    return None


def check_cv(cv: CV) -> list[tuple[str, str]]:
    """Every problem in a CV, as (field path, message key), in the order the fields appear.

    Paths count entries from 1, as people do: ``work[2].end``. Besides the name, phone and email, it finds text
    over its length limit, a job that ends before it starts (or is "current" and has an end), and an entry with no
    title or name.

    :param cv: the CV.
    """
    problems: list[tuple[str, str]] = []

    def add(path: str, key: str | None) -> None:
        if key:
            problems.append((path, key))

    def length(path: str, text: str, limit: str) -> None:
        add(path, "cvdoc.check.too_long" if len(text) > LIMITS[limit] else None)

    contact = cv.contact
    add("contact.name", check_name(contact.name))
    add("contact.phone", check_phone(contact.phone) or _too_long(contact.phone, "phone"))
    add("contact.email", check_email(contact.email))
    length("contact.town", contact.town, "town")
    length("statement", cv.statement, "statement")
    for number, entry in enumerate(cv.work, 1):
        where = f"work[{number}]"
        add(f"{where}.title", "cvdoc.check.title_missing" if not entry.title.strip() else None)
        length(f"{where}.title", entry.title, "title")
        length(f"{where}.employer", entry.employer, "employer")
        if entry.current and entry.end is not None:
            add(f"{where}.end", "cvdoc.check.current_with_end")
        elif entry.start and entry.end and entry.end < entry.start:
            add(f"{where}.end", "cvdoc.check.end_before_start")
        for duty_number, duty in enumerate(entry.duties, 1):
            length(f"{where}.duties[{duty_number}]", duty, "duty")
    for number, item in enumerate(cv.education, 1):
        where = f"education[{number}]"
        add(f"{where}.what", "cvdoc.check.what_missing" if not item.what.strip() else None)
        length(f"{where}.what", item.what, "what")
        length(f"{where}.where", item.where, "where")
        if item.start_year and item.end_year and item.end_year < item.start_year:
            add(f"{where}.end_year", "cvdoc.check.end_before_start")
    for number, qualification in enumerate(cv.qualifications, 1):
        where = f"qualifications[{number}]"
        add(f"{where}.name", "cvdoc.check.qualification_missing" if not qualification.name.strip() else None)
        length(f"{where}.name", qualification.name, "qualification")
        length(f"{where}.detail", qualification.detail, "detail")
    for number, skill in enumerate(cv.skills, 1):
        length(f"skills[{number}]", skill, "skill")
    length("interests", cv.interests, "interests")
    length("references", cv.references, "references")
    return problems


def _too_long(text: str, limit: str) -> str | None:
    return "cvdoc.check.too_long" if len(text) > LIMITS[limit] else None
