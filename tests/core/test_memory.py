"""kiosk.memory: a full collection, what is left set aside from later rounds, and given back when the app stops."""

import gc
import weakref

from kiosk.memory import release_free_memory, thaw


class Thing:
    """Something to keep or to lose."""


def test_garbage_is_collected_and_what_is_alive_is_set_aside_until_thawed():
    garbage = Thing()
    garbage.me = garbage  # a cycle: only a full collection frees it
    gone = weakref.ref(garbage)
    del garbage
    kept = [Thing() for _ in range(1000)]
    try:
        release_free_memory()
        assert gone() is None
        assert gc.get_freeze_count() >= len(kept)
        thaw()
        assert gc.get_freeze_count() == 0
    finally:
        thaw()
