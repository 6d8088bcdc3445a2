"""Large request bodies give their memory back to the system once answered (glibc only).

glibc raises its mmap threshold each time a large block is freed, so after a few 20 MB bodies later ones are
carved from the heap and stay in the process's resident memory. Fixing the threshold at 1 MiB keeps every
block that large in its own mapping, returned to the system as soon as it is freed. Elsewhere (musl, macOS,
Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 1024 * 1024


def return_large_blocks() -> bool:
    """Ask glibc to map (and unmap on free) every allocation of LARGE_BLOCK bytes or more; True if it did."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False  # not glibc
    return bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK))
