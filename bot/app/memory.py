"""Large buffers go back to the system when freed.

glibc raises its mmap threshold each time a large block is freed (up to 32 MB), after which
blocks of a decoded photo or a drawn page come from the heap and stay with the process. A fixed
threshold keeps them mmapped: a burst of photos leaves the server at its usual size."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

logger = logging.getLogger(__name__)
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 1024 * 1024


def return_large_blocks() -> bool:
    """True when glibc took the setting (elsewhere nothing is done)."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        logger.debug("mallopt is not available")
        return False
