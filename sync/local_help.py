"""The shape of an office's "help near you" entries, shared by the kiosk and the central service.

An entry has a name and at least one of a phone number or a web address; the newer fields (a category,
opening times in English and Welsh) are optional, so an office config written before them still reads.
"""

# The categories, in the order the kiosk lists them, are the kiosk's (kiosk.local_help): it shows them.
from kiosk.local_help import CATEGORIES, GROUPS

__all__ = ["ALL_KEYS", "BASE_KEYS", "CATEGORIES", "LOCAL_HELP_EVENTS", "NEW_KEYS", "NEW_LIMITS", "check_new_fields"]

#: The fields every entry may carry since the first version.
BASE_KEYS = ("name", "phone", "url", "about_en", "about_cy")
#: The fields added for the home screen's "Help near you"; left out of an entry that has none of them,
#: so an old office's config (and its version) stays the same.
NEW_KEYS = ("category", "opening_en", "opening_cy")
#: Every field an entry may have.
ALL_KEYS = BASE_KEYS + NEW_KEYS
#: The longest text taken for each new field.
NEW_LIMITS = {"category": 20, "opening_en": 300, "opening_cy": 300}
#: What the kiosk counts of "Help near you" (a closed list, as every usage event): the page opened, each group of
#: help looked at (``local_help_money`` ..., ``local_help_other``) and a list printed. Never which organisation.
LOCAL_HELP_EVENTS = ("local_help_opened", *(f"local_help_{group}" for group in GROUPS), "local_help_printed")


def check_new_fields(entry: dict, where: str) -> dict[str, str]:
    """The new optional fields of one entry, checked, or a plain message why not.

    :param entry: one decoded local_help entry.
    :param where: how the message names the entry (``local_help entry 3``).
    :returns: only the new fields the entry gives.
    :raises ValueError: naming the field that is wrong.
    """
    found = {}
    for key in NEW_KEYS:
        if entry.get(key) is None:  # the central service sends null for an entry written before the field
            continue
        value = entry[key]
        if not isinstance(value, str):
            raise ValueError(f"The {where} {key} must be text.")
        if len(value) > NEW_LIMITS[key]:
            raise ValueError(f"The {where} {key} is longer than {NEW_LIMITS[key]} characters.")
        found[key] = value.strip()
    if "category" in found and found["category"] not in CATEGORIES:
        raise ValueError(f"The {where} category must be one of: {', '.join(CATEGORIES)}.")
    return found
