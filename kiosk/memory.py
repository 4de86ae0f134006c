"""Give memory freed after a burst of work (start-up, a wipe) back to the operating system.

    release_free_memory()

Python and the C library keep freed memory for reuse; after start-up (parsing every layout, building every screen)
that is several megabytes a long-running kiosk never needs again. ``malloc_trim`` hands it back. Where the C
library has no ``malloc_trim`` (not glibc), this does nothing.
"""

import ctypes
import ctypes.util
import gc


def release_free_memory() -> None:
    """Collect garbage, then return free heap memory to the system (glibc only)."""
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is not None:
        trim(0)
