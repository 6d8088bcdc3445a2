"""Checks of face detection answers against what was sent (current/ai-tools-suite/face-detection/
detect-faces.mdx): boxes `[x, y, width, height]` lie inside the picture, and a video's frames track
faces, each frame listing the previous frame's boxes as `removed` (schemas/NOTES.md
#face_detection-video-frames, the OpenAPI video example). `png(width, height)` makes a real image of a
known size to send as `img`.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import Any

from akool_mock.contract_tests.checks import Check, CheckFailure
from akool_mock.contract_tests.exchange import Exchange

NO_FACES = "No faces detected"  # the page's error text for a picture without a face


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of `width` x `height` pixels (8-bit greyscale, every row filter 0)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress((b"\x00" + b"\x80" * width) * height, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def frames(exchange: Exchange) -> list[tuple[int, dict[str, Any]]]:
    """The frames of a detection answer, in frame order."""
    found = exchange.body.get("faces_obj") if isinstance(exchange.body, dict) else None
    if not isinstance(found, dict):
        return []
    return sorted((int(key), frame) for key, frame in found.items() if isinstance(frame, dict))


def _boxes(frame: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    for name in ("region", "removed", "crop_region"):
        for box in frame.get(name) or []:
            yield name, box


def boxes_fit(width: int, height: int) -> Check:
    """Every box of every frame lies inside the `width` x `height` picture that was sent."""

    def check(exchange: Exchange) -> None:
        for index, frame in frames(exchange):
            for name, box in _boxes(frame):
                x, y, w, h = (int(value) for value in box)
                if x < 0 or y < 0 or w <= 0 or h <= 0 or x + w > width or y + h > height:
                    raise CheckFailure(
                        exchange, f"frame {index} {name} {box} does not fit the {width}x{height} picture sent"
                    )

    check.__name__ = f"boxes_fit_{width}x{height}"
    return check


def found_faces_or_none(exchange: Exchange) -> None:
    """A picture that was sent is read: the answer finds faces, or says it found none (never that no
    picture was given, nor that it could not read a valid one)."""
    if exchange.code == 1000 and frames(exchange):
        return
    if exchange.code == 1 and exchange.msg.startswith(NO_FACES):
        return
    raise CheckFailure(exchange, f"a valid picture was answered {exchange.code} {exchange.msg!r}")


def tracks_faces(exchange: Exchange) -> None:
    """A video's answer holds several timed frames; the first removes nothing and each later one lists
    the previous frame's boxes as `removed`."""
    shown = frames(exchange)
    if len(shown) < 2:
        raise CheckFailure(exchange, f"a video asked for several frames answered {len(shown)}")
    previous: list[Any] = []
    for index, frame in shown:
        if frame.get("frame_time") is None:
            raise CheckFailure(exchange, f"video frame {index} has no frame_time")
        if frame.get("removed") != previous:
            raise CheckFailure(
                exchange,
                f"frame {index} removed {frame.get('removed')}, the previous frame showed {previous}",
            )
        previous = frame.get("region") or []
