"""Large request bodies give their memory back to the system once answered (glibc only).

glibc raises its mmap threshold each time a large block is freed, so after a few 20 MB bodies later ones are
carved from the heap and stay in the process's resident memory. Fixing the threshold at 1 MiB keeps every
block that large in its own mapping, returned to the system as soon as it is freed; after a large body, the
heap's free pages (where the socket's 64 KiB chunks were) are trimmed too. Elsewhere (musl, macOS, Windows)
this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from typing import Any

M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 1024 * 1024


@functools.cache
def _glibc() -> Any:
    """The C library when it is glibc (it has mallopt and malloc_trim), else None."""
    name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt, libc.malloc_trim  # noqa: B018 (only glibc has both)
    except (OSError, AttributeError):
        return None
    return libc


def return_large_blocks() -> bool:
    """Ask glibc to map (and unmap on free) every allocation of LARGE_BLOCK bytes or more; True if it did."""
    libc = _glibc()
    return bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)) if libc is not None else False


def trim() -> bool:
    """Give the heap's free pages back to the system (the socket's chunks of a large body end up scattered in
    it); a few milliseconds, so only after a large body. True if glibc released something."""
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
