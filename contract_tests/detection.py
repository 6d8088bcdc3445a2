"""Checks of face detection answers against what was sent (current/ai-tools-suite/face-detection/
detect-faces.mdx): boxes `[x, y, width, height]` lie inside the picture, and a video's frames track
faces, each frame listing the previous frame's boxes as `removed` (schemas/NOTES.md
#face_detection-video-frames, the OpenAPI video example). `png(width, height)` and `webp(width, height)` make
real images of a known size to send as `img`. The legacy detector's flat answer reads as one frame.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import Any

from akool_mock.contract_tests.checks import ALLOWED, DOCUMENTED_ERROR_TEXTS, SUCCESS, Check, CheckFailure
from akool_mock.contract_tests.exchange import Exchange

NO_FACES = "No faces detected"  # the page's error text for a picture without a face
LEGACY = "face_detection.detect_legacy"
# What a URL that cannot be used answers (face-detection.mdx "Common Errors", detect-faces.mdx's error table):
# it could not be fetched, held no face, or was no media the API reads. Never that no input was given.
URL_FAILURES = (
    "Failed to download media",
    NO_FACES,
    "Failed to process media",
    "Media type detection failed",
)


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of `width` x `height` pixels (8-bit greyscale, every row filter 0)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress((b"\x00" + b"\x80" * width) * height, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def webp(width: int, height: int) -> bytes:
    """A valid grey lossless WEBP (VP8L) of `width` x `height` pixels, 1 to 16384 each: no transform, no
    colour cache, and one prefix code of one symbol per channel, so every pixel takes 0 bits."""
    fields = [(width - 1, 14), (height - 1, 14), (0, 1), (0, 3), (0, 1), (0, 1), (0, 1)]
    for symbol in (0x80, 0x80, 0x80, 0xFF):  # green, red, blue, alpha: a simple code, 1 symbol of 8 bits
        fields += [(1, 1), (0, 1), (1, 1), (symbol, 8)]
    fields += [(1, 1), (0, 1), (0, 1), (0, 1)]  # distance: a simple code, the 1-bit symbol 0
    bits = shift = 0
    for value, count in fields:  # VP8L packs its fields from the least significant bit on
        bits |= value << shift
        shift += count
    stream = b"\x2f" + bits.to_bytes((shift + 7) // 8, "little")
    chunk = b"VP8L" + struct.pack("<I", len(stream)) + stream + b"\0" * (len(stream) % 2)
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def frames(exchange: Exchange) -> list[tuple[int, dict[str, Any]]]:
    """The frames of a detection answer, in frame order; the legacy detector's answer is one frame."""
    if exchange.op.id == LEGACY:
        legacy = exchange.body if isinstance(exchange.body, dict) and "region" in exchange.body else None
        return [(0, legacy)] if legacy is not None else []
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


def _says_no_faces(exchange: Exchange) -> bool:
    """The page's text; the legacy page gives no texts: any that speaks of a face (NOTES.md
    #face_detection-suite-legacy-texts)."""
    if exchange.op.id == LEGACY:
        return "face" in exchange.msg.lower()
    return exchange.msg.startswith(NO_FACES)


def found_faces_or_none(exchange: Exchange) -> None:
    """A picture that was sent is read: the answer finds faces, or says it found none (never that no
    picture was given, nor that it could not read a valid one)."""
    if exchange.code == SUCCESS and frames(exchange):
        return
    if exchange.code == 1 and _says_no_faces(exchange):
        return
    raise CheckFailure(exchange, f"a valid picture was answered {exchange.code} {exchange.msg!r}")


def url_read(exchange: Exchange) -> None:
    """A URL that was sent is used: the answer finds faces, or fails with a text of `URL_FAILURES` (a
    target that fetches it may not reach it), never that no input was given or that the URL is malformed."""
    if exchange.code == SUCCESS or (exchange.code == 1 and exchange.msg.startswith(URL_FAILURES)):
        return
    raise CheckFailure(exchange, f"a well-formed URL was answered {exchange.code} {exchange.msg!r}")


def refused_as_unreadable(exchange: Exchange) -> None:
    """An `img` that is no picture is refused with the operation's code for a schema-valid request that
    cannot be served (checks.ALLOWED: error_code 1), with one of its page's error texts where it has them
    (NOTES.md #face_detection-handler-errors)."""
    codes = ALLOWED.get(exchange.op.id, frozenset())
    if exchange.code == SUCCESS or exchange.code not in codes or not exchange.msg:
        raise CheckFailure(
            exchange, f"an img that is no picture answered {exchange.code}; expected {set(codes)}"
        )
    texts = DOCUMENTED_ERROR_TEXTS.get(exchange.op.id)
    if texts and not exchange.msg.startswith(texts):
        raise CheckFailure(
            exchange, f"an img that is no picture answered a text the page does not give: {exchange.msg!r}"
        )


def error_has_empty_faces_obj(exchange: Exchange) -> None:
    """A detect_faces error carries `faces_obj: {}`, as both OpenAPI error examples (400 and 500) do
    (NOTES.md #face_detection-error-faces-obj). The legacy detector's flat answer has no `faces_obj`."""
    if exchange.op.id == LEGACY or exchange.code == SUCCESS or not isinstance(exchange.body, dict):
        return
    if exchange.body.get("faces_obj") != {}:
        raise CheckFailure(
            exchange, f"the error carries faces_obj {exchange.body.get('faces_obj')!r}, not {{}}"
        )


def _contains(outer: list[Any], inner: list[Any]) -> bool:
    ox, oy, ow, oh = (int(value) for value in outer)
    ix, iy, iw, ih = (int(value) for value in inner)
    return ox <= ix and oy <= iy and ix + iw <= ox + ow and iy + ih <= oy + oh


def _points_inside(text: object, width: int, height: int) -> bool:
    try:
        points = [[int(value) for value in point.split(",")] for point in str(text).split(":")]
    except ValueError:
        return False
    return len(points) == 4 and all(
        len(p) == 2 and 0 <= p[0] <= width and 0 <= p[1] <= height for p in points
    )


def crops_per_face(exchange: Exchange) -> None:
    """With `return_face_url`, every frame of a success carries per face (`region`) a cropped face URL, a
    `crop_region` that holds the face's box, and `crop_landmarks`: 4 points "x,y:..." inside the crop
    (detect-faces.mdx Example 3: region [80,50,150,180], crop_region [30,0,250,280])."""
    body = exchange.request.get("body") or {}
    if exchange.code != SUCCESS or not body.get("return_face_url"):
        return
    for index, frame in frames(exchange):
        regions = frame.get("region") or []
        urls, crops, marks = (
            frame.get(name) or [] for name in ("face_urls", "crop_region", "crop_landmarks")
        )
        if not len(urls) == len(crops) == len(marks) == len(regions):
            raise CheckFailure(
                exchange,
                f"frame {index}: {len(regions)} faces, {len(urls)} face_urls, {len(crops)} crop_region, "
                f"{len(marks)} crop_landmarks",
            )
        for region, url, crop, mark in zip(regions, urls, crops, marks, strict=True):
            if not str(url).startswith(("https://", "http://")):
                raise CheckFailure(exchange, f"frame {index}: face_url {url!r} is no http(s) URL")
            if not _contains(crop, region):
                raise CheckFailure(
                    exchange, f"frame {index}: crop_region {crop} does not hold the face {region}"
                )
            if not _points_inside(mark, int(crop[2]), int(crop[3])):
                raise CheckFailure(
                    exchange, f"frame {index}: crop_landmarks {mark!r} are not 4 points in {crop}"
                )


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
