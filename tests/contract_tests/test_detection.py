"""The face detection checks of the contract suite (contract_tests.detection), on made-up answers."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.contract_tests import detection
from akool_mock.contract_tests.checks import CheckFailure
from akool_mock.contract_tests.exchange import Exchange
from akool_mock.schemas import load_catalog


def answer(faces_obj: dict[str, Any], code: int = 0, msg: str = "SUCCESS") -> Exchange:
    body = {"error_code": code, "error_msg": msg, "faces_obj": faces_obj}
    return Exchange(load_catalog().operation("face_detection.detect_faces"), {}, 200, body)


def frame(region: list[list[int]], removed: list[list[int]], at: float | None = 0.0) -> dict[str, Any]:
    return {"landmarks": [], "region": region, "removed": removed, "frame_time": at}


@given(width=st.integers(1, 400), height=st.integers(1, 400))
def test_png_is_a_real_picture_of_its_size(width: int, height: int) -> None:
    data = detection.png(width, height)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", data[16:24]) == (width, height)
    idat = data.index(b"IDAT")
    (length,) = struct.unpack(">I", data[idat - 4 : idat])
    assert len(zlib.decompress(data[idat + 4 : idat + 4 + length])) == (width + 1) * height


def test_boxes_fit_the_picture_or_the_check_names_the_box() -> None:
    inside = answer({"0": {**frame([[0, 0, 100, 80]], [], None), "crop_region": [[0, 0, 100, 100]]}})
    detection.boxes_fit(100, 100)(inside)
    wide = answer({"0": {**frame([[10, 0, 80, 80]], [], None), "crop_region": [[10, 0, 100, 100]]}})
    with pytest.raises(CheckFailure, match=r"crop_region \[10, 0, 100, 100\] does not fit the 100x100"):
        detection.boxes_fit(100, 100)(wide)


def test_a_read_picture_has_faces_or_says_it_has_none() -> None:
    detection.found_faces_or_none(answer({"0": frame([[0, 0, 9, 9]], [], None)}))
    detection.found_faces_or_none(answer({}, code=1, msg="No faces detected"))
    with pytest.raises(CheckFailure, match="valid picture"):
        detection.found_faces_or_none(
            answer({}, code=1, msg="Either 'url' or 'img' parameter must be provided")
        )


def test_video_frames_remove_the_previous_frames_boxes() -> None:
    a, b = [[0, 0, 10, 10]], [[5, 5, 10, 10]]
    detection.tracks_faces(answer({"0": frame(a, []), "5": frame(b, a, 0.2), "10": frame(a, b, 0.4)}))
    with pytest.raises(CheckFailure, match="frame 5 removed None"):
        detection.tracks_faces(answer({"0": frame(a, []), "5": frame(b, None, 0.2)}))  # type: ignore[arg-type]
    with pytest.raises(CheckFailure, match="several frames answered 1"):
        detection.tracks_faces(answer({"0": frame(a, [], None)}))
    with pytest.raises(CheckFailure, match="no frame_time"):
        detection.tracks_faces(answer({"0": frame(a, [], None), "5": frame(b, a, None)}))
