"""The shape of an office's "help near you" entries, shared by the kiosk and the central service.

An entry has a name and at least one of a phone number or a web address; the newer fields (a category,
opening times in English and Welsh) are optional, so an office config written before them still reads.
"""

#: The categories an entry may be in, in the order the kiosk lists them (issue #19 point 3).
CATEGORIES = ("digital", "money", "food", "housing", "health", "training", "childcare")
#: The fields every entry may carry since the first version.
BASE_KEYS = ("name", "phone", "url", "about_en", "about_cy")
#: The fields added for the home screen's "Help near you"; left out of an entry that has none of them,
#: so an old office's config (and its version) stays the same.
NEW_KEYS = ("category", "opening_en", "opening_cy")
#: Every field an entry may have.
ALL_KEYS = BASE_KEYS + NEW_KEYS
#: The longest text taken for each new field.
NEW_LIMITS = {"category": 20, "opening_en": 300, "opening_cy": 300}


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
