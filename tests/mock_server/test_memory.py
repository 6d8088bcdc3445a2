"""Large blocks are mapped on their own, so their memory leaves the process once freed (Linux, glibc)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CODE = """
import gc
from akool_mock.mock_server.memory import return_large_blocks
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
print(return_large_blocks())
for _ in range(5):
    blocks = [bytes(20 * 1024 * 1024) + b"x" for _ in range(3)]
    del blocks
gc.collect()
before = rss()
blocks = [bytearray(20 * 1024 * 1024) for _ in range(3)]
for block in blocks:
    block[::4096] = b"x" * len(block[::4096])
during = rss()
del blocks, block
print(during - before, rss() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt is Linux only")
def test_freed_large_blocks_leave_the_resident_memory() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    applied, sizes = result.stdout.splitlines()
    if applied != "True":
        pytest.skip("not glibc")
    grown, left = (int(size) for size in sizes.split())
    assert grown > 50 * 1024 * 1024
    assert left < 10 * 1024 * 1024


TRIM = """
from akool_mock.mock_server.memory import trim
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
before = rss()
chunks, kept = [], []
for n in range(800):  # a 50 MB body as the socket gives it: 64 KiB chunks, with small objects in between
    chunks.append(bytes(65536) + bytes([n % 256]))
    kept.append(bytearray(1000))  # over 512 bytes: from malloc, between the chunks
del chunks
freed = rss()
print(trim(), freed - before, rss() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim is Linux only")
def test_trim_gives_back_the_pages_of_scattered_chunks() -> None:
    result = subprocess.run([sys.executable, "-c", TRIM], capture_output=True, text=True, check=True)
    trimmed, freed, left = result.stdout.split()
    if trimmed != "True":
        pytest.skip("not glibc, or nothing to trim")
    assert int(freed) > 30 * 1024 * 1024  # freed by Python, still resident
    assert int(left) < 10 * 1024 * 1024
