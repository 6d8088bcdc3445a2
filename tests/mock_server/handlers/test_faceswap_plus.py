"""faceswap.create_image_plus (2026 docs: Face Swap Plus on images and videos): a video target, a video."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.mock_server.settings import build_settings
from tests.mock_server.conftest import Fake, make_fake

PLUS = "/api/open/v4/faceswap/faceswapPlusByImage"
PRO = "/api/open/v4/faceswap/faceswapByImage"
RESULTS = "/api/open/v3/faceswap/result/listbyids"
FACE = "https://example.com/new-face.jpg"


def _finished(fake: Fake, target: str, **extra: Any) -> dict[str, Any]:
    body = {"source_url": FACE, "target_url": target, "single_face_mode": True, **extra}
    created = fake.post(PLUS, body)
    assert created["code"] == 1000, created
    job_id = created["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    (item,) = fake.get(RESULTS, _ids=job_id)["data"]["result"]
    return dict(item)


@pytest.mark.parametrize("target", ["https://example.com/video.mp4", "https://example.com/clip.MOV?x=1"])
def test_a_video_target_gives_a_video_result_with_the_video_fields(fake: Fake, target: str) -> None:
    item = _finished(fake, target)
    assert urlsplit(item["url"]).path.endswith(".mp4")
    assert (item["faceswap_type"], item["image"], item["video_duration"]) == (2, 0, 10)
    media = fake.request("GET", urlsplit(item["url"]).path)
    assert (media.status, media.content_type) == (200, "video/mp4")


def test_a_video_swap_finished_as_it_is_created_is_a_video() -> None:
    """Under the `immediate` lifecycle the job completes inside its create: its video plan is made first."""
    fake = make_fake(build_settings({"lifecycle": {"policy": "immediate"}}, clock="manual", seed=7))
    body = {"source_url": FACE, "target_url": "https://example.com/v.mp4", "single_face_mode": True}
    created = fake.post(PLUS, body)
    (item,) = fake.get(RESULTS, _ids=created["data"]["_id"])["data"]["result"]
    assert item["faceswap_status"] == 3
    assert urlsplit(item["url"]).path == f"/_mock/media/{item['_id']}.mp4"
    assert (item["faceswap_type"], item["image"]) == (2, 0)


def test_an_image_target_stays_an_image_job(fake: Fake) -> None:
    item = _finished(fake, "https://example.com/group-photo.jpg")
    assert urlsplit(item["url"]).path.endswith(".png")
    assert (item["faceswap_type"], item["image"], item["video_duration"]) == (1, 1, 0)


def test_the_webhook_of_a_video_swap_carries_the_video(fake: Fake) -> None:
    item = _finished(fake, "https://example.com/video.mp4", webhookUrl="https://hooks.example/plus")
    payload = fake.backend.outbox.for_job(item["_id"])[-1].payload
    assert (payload["status"], payload["url"]) == (3, item["url"])


def test_the_docs_multi_face_video_example_runs() -> None:
    fake = make_fake()
    mapping = [
        {
            "source_face_info": {"face_url": f"https://example.com/face-{n}.jpg"},
            "target_face_info": {"face_url": f"https://example.com/target-face-{n}.jpg"},
        }
        for n in (1, 2)
    ]
    item = _finished(
        fake, "https://example.com/group-video.mp4", single_face_mode=False, face_mapping=mapping
    )
    assert item["faceswap_type"] == 2


@settings(max_examples=15)
@given(st.sampled_from(["mp4", "mov", "avi", "png", "jpg", "jpeg", "webp"]), st.booleans())
def test_the_extension_decides_image_or_video(extension: str, upper: bool) -> None:
    fake = make_fake()
    item = _finished(fake, f"https://example.com/target.{extension.upper() if upper else extension}")
    video = extension in ("mp4", "mov", "avi")
    assert item["faceswap_type"] == (2 if video else 1)
    assert urlsplit(item["url"]).path.endswith(".mp4" if video else ".png")


CURRENT = json.loads((FIXTURES_DIR / "docs" / "current_examples.json").read_text("utf-8"))
MULTI_FACE = [
    e
    for e in CURRENT
    if e["direction"] == "request"
    and e["operation"] in ("faceswap.create_image_plus", "faceswap.create_image_pro")
]


@pytest.mark.parametrize("example", MULTI_FACE, ids=lambda e: e["id"])
def test_every_2026_face_swap_example_runs_to_a_result(example: dict[str, Any]) -> None:
    """Multi-face swap (Plus face_mapping, Pro batches with opts) as the 2026 pages show it."""
    fake = make_fake()
    path = PLUS if example["operation"] == "faceswap.create_image_plus" else PRO
    created = fake.post(path, example["parsed"])
    assert created["code"] == 1000, created
    fake.request("POST", f"/_mock/jobs/{created['data']['_id']}/complete")
    (item,) = fake.get(RESULTS, _ids=created["data"]["_id"])["data"]["result"]
    assert item["faceswap_status"] == 3
    assert item["url"].startswith("http")
