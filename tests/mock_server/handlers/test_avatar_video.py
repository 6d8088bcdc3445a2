"""avatars.create_video (2026 docs: Create Avatar Video, v3): a video of scenes, polled as a video job."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mock_server.conftest import Fake, make_fake

CREATE = "/api/open/v3/avatar/createVideo"
POLL = "/api/open/v3/content/video/infobymodelid"
VOICE = "https://drz0f01yeq1cx.cloudfront.net/1712113284451-fe73dd6c-f981-46df-ba73-0b9d85c1be9c-8195.mp3"


def _scene(**changes: Any) -> dict[str, Any]:
    scene = {
        "width": 1920,
        "height": 1080,
        "duration": 18938.75,
        "voice": {"voice_url": VOICE},
        "elements": [
            {"url": "https://example.com/furniture.png", "type": "image", "layer_number": 1},
            {
                "id": "avatar",
                "type": "avatar",
                "avatar_id": "Barbara_in_Black_suit_20231121",
                "layer_number": 3,
            },
        ],
        "ratio": "16:9",
        "background": "#ffffff",
        "avatarFrom": 3,
    }
    return {**scene, **changes}


def test_the_create_answers_the_queued_video_document_of_the_example(fake: Fake) -> None:
    data = fake.post(CREATE, {"data": [_scene()], "webhookUrl": ""})["data"]
    assert (data["video_status"], data["video"], data["type"], data["ratio"]) == (1, "", 4, "16:9")
    assert data["video_lock_duration"] == 18.94
    assert data["source_data"]["data"][0]["voice"] == {"voice_url": VOICE}


def test_the_video_job_finishes_through_get_video_info(fake: Fake) -> None:
    video_id = fake.post(CREATE, {"data": [_scene()], "webhookUrl": "https://hooks.example/av"})["data"][
        "_id"
    ]
    fake.clock.advance(600)
    done = fake.get(POLL, video_model_id=video_id)["data"]
    assert done["video_status"] == 3
    served = fake.request("GET", urlsplit(done["video"]).path)
    assert (served.status, served.content_type) == (200, "video/mp4")
    assert fake.backend.outbox.for_job(video_id)[-1].payload["status"] == 3


def test_a_scene_needs_a_voice_url_or_voice_id(fake: Fake) -> None:
    answer = fake.post(CREATE, {"data": [_scene(voice={})]})
    assert answer["code"] == 1003
    assert "voice" in answer["msg"]
    assert fake.post(CREATE, {"data": [_scene(voice={"voice_id": "v1"})]})["code"] == 1000


@settings(max_examples=10)
@given(st.lists(st.floats(1000, 60000), min_size=1, max_size=3))
def test_the_held_duration_is_the_sum_of_the_scenes(durations: list[float]) -> None:
    body = {"data": [_scene(duration=d) for d in durations]}
    data = make_fake().post(CREATE, body)["data"]
    assert data["video_lock_duration"] == round(sum(durations) / 1000, 2)
