"""Give memory freed after a burst of work (start-up, the warm-up, a visit) back to the operating system, and keep
the garbage collector's full rounds short.

    release_free_memory()     # while nobody is waiting: after the first screen, the warm-up, each visit
    thaw()                    # when the app stops

Python and the C library keep freed memory for reuse; after start-up (parsing every layout, building every screen)
that is several megabytes a long-running kiosk never needs again. ``malloc_trim`` hands it back. Where the C
library has no ``malloc_trim`` (not glibc), this does nothing.

The warm-up leaves about 570,000 objects that live as long as the kiosk (screens, kv bindings, code). Python's
collector looks at every one of them in each of its full rounds, which it starts by itself whenever enough new
objects have survived: with software GL that was 350-550 ms in the middle of a touch (bench/journeys.py, gc
callbacks). ``gc.freeze()`` sets what is alive now aside, so a full round looks only at what was made since.
What is set aside is never collected while frozen, so each call first thaws everything and collects it all.
"""

import ctypes
import ctypes.util
import gc


def release_free_memory() -> None:
    """Collect all garbage, set aside what is left from the collector's later rounds (``gc.freeze``), then
    return free heap memory to the system (glibc only). Takes a full collection: call it while nobody waits."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is not None:
        trim(0)


def thaw() -> None:
    """Give what ``release_free_memory`` set aside back to the collector (the app stops; what it made can go)."""
    gc.unfreeze()
