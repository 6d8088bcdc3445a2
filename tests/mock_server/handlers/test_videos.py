"""The shared video poll (videos.get_result): talking photo, lip-sync, talking avatar, character swap.

Video translation has its own file (test_video_translation.py); avatars too (test_avatars.py).
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.mock_server.settings import DEFAULT_API_KEY, build_settings
from tests.mock_server.conftest import Fake, make_fake

POLL = "/api/open/v3/content/video/infobymodelid"
TALKING_PHOTO = "/api/open/v3/content/video/createbytalkingphoto"
LIPSYNC = "/api/open/v3/content/video/lipsync"
TALKING_AVATAR = "/api/open/v3/talkingavatar/create"
CHARACTER_SWAP = "/api/open/v4/characterSwap/create"
STOCK_AVATAR = "Yasmin_in_White_shirt_20231121"  # fixtures/canonical/avatars.json
STOCK_VOICE = "6889b628662160e2caad5dbc"  # fixtures/canonical/voices.json (the docs' talking avatar example)
PLACEMENT = {"scale_x": 1, "scale_y": 1, "offset_x": 1920, "offset_y": 1080}

# One docs-shaped body per product (pages' examples), with the operation id.
BODIES: dict[str, tuple[str, dict[str, Any]]] = {
    "talking_photo.create": (
        TALKING_PHOTO,
        {
            "talking_photo_url": "https://x.example/p.jpg",
            "audio_url": "https://x.example/a.mp3",
            "webhookUrl": "",
        },
    ),
    "lipsync.create": (
        LIPSYNC,
        {"video_url": "https://x.example/v.mp4", "audio_url": "https://x.example/a.wav", "webhookUrl": ""},
    ),
    "talking_avatar.create": (
        TALKING_AVATAR,
        {
            "width": 3840,
            "height": 2160,
            "avatar_from": 2,
            "elements": [
                {"type": "image", "url": "#aabbcc", **PLACEMENT},
                {"type": "avatar", "avatar_id": STOCK_AVATAR, **PLACEMENT},
                {"type": "audio", "url": "https://x.example/a.mp3"},
            ],
        },
    ),
    "character_swap.create": (
        CHARACTER_SWAP,
        {
            "image": "https://x.example/c.png",
            "video": "https://x.example/s.mp4",
            "duration": 10,
            "resolution": "720p",
        },
    ),
}
FAILURE_FIELDS = {"character_swap.create": "faceswap_fail_reason"}


def _account(fake: Fake, credits: float = 1000) -> dict[str, str]:
    return {"x-api-key": fake.request("POST", "/_mock/accounts", body={"credits": credits}).body["api_key"]}


def _credits(fake: Fake, headers: dict[str, str] | None = None) -> float:
    key = (headers or {}).get("x-api-key", DEFAULT_API_KEY)
    return float(fake.backend.by_api_key[key].credits)


def _create(fake: Fake, op_id: str, headers: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    path, body = BODIES[op_id]
    answer = fake.request("POST", path, body={**body, **extra}, headers=headers).body
    assert answer["code"] == 1000, answer
    return dict(answer["data"])


def _poll(fake: Fake, job_id: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return dict(fake.request("GET", POLL, query={"video_model_id": job_id}, headers=headers).body)


def _durations(fake: Fake, op_id: str) -> tuple[float, float]:
    queued, processing = fake.backend.settings.lifecycle.duration(op_id)
    return float(queued), float(processing)


@pytest.mark.parametrize("op_id", sorted(BODIES))
def test_job_walks_the_clock_to_completion(fake: Fake, op_id: str) -> None:
    job_id = _create(fake, op_id)["_id"]
    queued, processing = _durations(fake, op_id)
    first = _poll(fake, job_id)["data"]
    assert (first["_id"], first["video_status"]) == (job_id, 1)
    assert first.get("video", "") == ""
    fake.clock.advance(queued + 0.5)
    assert _poll(fake, job_id)["data"]["video_status"] == 2
    fake.clock.advance(processing)
    done = _poll(fake, job_id)["data"]
    assert done["video_status"] == 3
    assert done["video"].endswith(f"/_mock/media/{job_id}.mp4")
    media = fake.request("GET", f"/_mock/media/{job_id}.mp4")
    assert (media.status, media.content_type) == (200, "video/mp4")


@pytest.mark.parametrize("op_id", sorted(BODIES))
def test_job_fails_through_the_control_api_with_its_reason(fake: Fake, op_id: str) -> None:
    job_id = _create(fake, op_id)["_id"]
    fake.clock.advance(_durations(fake, op_id)[0] + 1)
    fake.request("POST", f"/_mock/jobs/{job_id}/fail", body={"reason": "No face in the input"})
    data = _poll(fake, job_id)["data"]
    assert data["video_status"] == 4
    assert data.get("video", "") == ""
    field = FAILURE_FIELDS.get(op_id)
    if field:
        assert data[field] == "No face in the input"
    else:
        # Lip-sync, talking photo and talking avatar document no failure field (notes #videos-failure-reason).
        assert not {"faceswap_fail_reason", "error_reason", "error_code"} & set(data)


@pytest.mark.parametrize("op_id", sorted(BODIES))
def test_polls_policy_moves_one_step_every_two_polls(op_id: str) -> None:
    fake = make_fake(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    job_id = _create(fake, op_id)["_id"]
    statuses = [_poll(fake, job_id)["data"]["video_status"] for _ in range(6)]
    assert statuses == [1, 2, 2, 3, 3, 3]


def test_talking_photo_answers_match_the_openapi_examples(fake: Fake) -> None:
    created = _create(fake, "talking_photo.create", resolution=1080, prompt="wave")
    assert (created["type"], created["from"], created["faceswap_quality"], created["__v"]) == (5, 2, 2, 0)
    assert (created["talking_photo"], created["prompt"]) == ("https://x.example/p.jpg", "wave")
    assert created["resolution"] == "1080"  # a number is stored as the string answers carry
    polled = _poll(fake, created["_id"])["data"]
    assert len(polled["video_id"]) == 32
    assert polled["resolution"] == "1080"
    assert "__v" not in polled


def test_lipsync_create_echoes_inputs_and_poll_shows_the_example_fields(fake: Fake) -> None:
    created = _create(fake, "lipsync.create")
    assert (created["type"], created["lipsync"], created["video"]) == (9, True, "")
    assert (created["target_video"], created["input_audio"]) == (
        "https://x.example/v.mp4",
        "https://x.example/a.wav",
    )
    polled = _poll(fake, created["_id"])["data"]
    assert polled["video_id"] == created["video_id"]
    assert "input_audio" not in polled  # the Get Video Info example shows the short record


def test_talking_avatar_create_and_poll_shapes(fake: Fake) -> None:
    created = _create(fake, "talking_avatar.create")
    assert set(created) == {"_id", "uid", "video_id", "task_id", "video_status", "video", "create_time"}
    polled = _poll(fake, created["_id"])["data"]
    assert polled["deduction_duration"] == 1


def test_character_swap_status_names_and_completed_fields(fake: Fake) -> None:
    created = _create(fake, "character_swap.create", prompt="smooth")
    assert created["status"] == 1
    assert "video_status" not in created
    assert created["file_name"] == f"CharacterSwap_{created['create_time']}.mp4"
    assert (created["mode"], created["model_name"]) == ("animate", "wavespeed-ai/wan-2.2/animate")
    queued = _poll(fake, created["_id"])["data"]
    assert queued["video_status"] == 1
    assert not {"video", "update_time", "mode", "model_name", "status"} & set(queued)
    fake.request("POST", f"/_mock/jobs/{created['_id']}/complete")
    done = _poll(fake, created["_id"])["data"]
    assert done["update_time"] >= done["create_time"]
    assert done["deduction_credit"] == 20


def test_character_swap_failure_refunds_in_the_answer(fake: Fake) -> None:
    job_id = _create(fake, "character_swap.create")["_id"]
    fake.request("POST", f"/_mock/jobs/{job_id}/fail", body={"reason": "bad video"})
    data = _poll(fake, job_id)["data"]
    assert (data["deduction_credit"], data["faceswap_fail_reason"]) == (0, "bad video")
    assert "update_time" in data


def test_character_swap_webhook_spellings(fake: Fake) -> None:
    both = _create(
        fake, "character_swap.create", webhookurl="https://a.example/h", webhookUrl="https://b.example/h"
    )
    assert both["webhookUrl"] == "https://a.example/h"
    assert fake.request("GET", f"/_mock/jobs/{both['_id']}").body["webhook_url"] == "https://a.example/h"
    camel = _create(fake, "character_swap.create", webhookurl="", webhookUrl="https://b.example/h")
    assert fake.request("GET", f"/_mock/jobs/{camel['_id']}").body["webhook_url"] == "https://b.example/h"
    none = _create(fake, "character_swap.create")
    assert none["webhookUrl"] == ""
    assert fake.request("GET", f"/_mock/jobs/{none['_id']}").body["webhook_url"] is None


@pytest.mark.parametrize(
    ("duration", "resolution", "credits"),
    [(12, "720p", 30), (10, "720p", 20), (1, "1080p", 15), (120, "480p", 120)],
)
def test_character_swap_charges_each_started_5_second_block(
    fake: Fake, duration: float, resolution: str, credits: int
) -> None:
    before = _credits(fake)
    created = _create(fake, "character_swap.create", duration=duration, resolution=resolution)
    assert created["deduction_credit"] == credits
    assert _credits(fake) == before - credits


def test_character_swap_without_duration_assumes_10_seconds(fake: Fake) -> None:
    path, body = BODIES["character_swap.create"]
    sent = {key: value for key, value in body.items() if key != "duration"}
    data = fake.post(path, {**sent, "resolution": "1080p"})["data"]
    assert (data["video_duration"], data["deduction_credit"]) == (10, 30)


@given(duration=st.floats(1, 120, allow_nan=False), resolution=st.sampled_from(["480p", "720p", "1080p"]))
def test_character_swap_price_rule_holds_for_every_duration(duration: float, resolution: str) -> None:
    fake = make_fake()
    before = _credits(fake)
    data = _create(fake, "character_swap.create", duration=duration, resolution=resolution)
    expected = math.ceil(duration / 5) * {"480p": 5, "720p": 10, "1080p": 15}[resolution]
    assert data["deduction_credit"] == expected
    assert _credits(fake) == before - expected


@pytest.mark.parametrize("op_id", sorted(BODIES))
def test_each_create_charges_and_a_short_balance_answers_1006(fake: Fake, op_id: str) -> None:
    headers = _account(fake, credits=50)
    _create(fake, op_id, headers=headers)
    assert _credits(fake, headers) == 50 - (20 if op_id == "character_swap.create" else 1)
    poor = _account(fake, credits=0.5)
    path, body = BODIES[op_id]
    answer = fake.request("POST", path, body=body, headers=poor).body
    assert answer["code"] == 1006
    assert _credits(fake, poor) == 0.5
    assert fake.request("GET", "/_mock/jobs", query={"operation": op_id}).body["count"] == 1


@pytest.mark.parametrize("op_id", sorted(BODIES))
def test_another_account_never_sees_the_job(fake: Fake, op_id: str) -> None:
    job_id = _create(fake, op_id)["_id"]
    other = _account(fake)
    assert _poll(fake, job_id, headers=other)["code"] == 1008
    assert _poll(fake, job_id)["code"] == 1000


@given(owners=st.lists(st.booleans(), min_size=1, max_size=6))
def test_jobs_of_other_owners_are_never_visible(owners: list[bool]) -> None:
    fake = make_fake()
    other = _account(fake)
    jobs = [
        (_create(fake, "lipsync.create", headers=other if mine else None)["_id"], mine) for mine in owners
    ]
    for job_id, mine in jobs:
        assert (_poll(fake, job_id, headers=other)["code"] == 1000) is mine
        assert (_poll(fake, job_id)["code"] == 1000) is not mine


@pytest.mark.parametrize("ref", ["0123456789abcdef01234567", "nope", " "])
def test_unknown_ids_answer_1008(fake: Fake, ref: str) -> None:
    assert _poll(fake, ref)["code"] == 1008


def test_one_id_only_comma_lists_answer_1008(fake: Fake) -> None:
    first = _create(fake, "lipsync.create")["_id"]
    second = _create(fake, "lipsync.create")["_id"]
    assert _poll(fake, f"{first},{second}")["code"] == 1008


def test_talking_avatar_needs_an_existing_official_avatar(fake: Fake) -> None:
    path, body = BODIES["talking_avatar.create"]
    elements = [{"type": "avatar", "avatar_id": "NoSuchAvatar", **PLACEMENT}]
    answer = fake.post(path, {**body, "elements": elements})
    assert answer["code"] == 1003
    assert answer["msg"].startswith("elements[0].avatar_id:")


def test_talking_avatar_avatar_from_must_match_the_avatar(fake: Fake) -> None:
    path, body = BODIES["talking_avatar.create"]
    answer = fake.post(path, {**body, "avatar_from": 3})
    assert answer["code"] == 1003
    assert answer["msg"].startswith("avatar_from:")


def test_talking_avatar_with_an_own_avatar_waits_for_status_3(fake: Fake) -> None:
    upload = {"url": "https://x.example/me.mp4", "avatar_id": "me1", "name": "Me", "type": 1}
    [record] = fake.post("/api/open/v3/avatar/create", upload)["data"]  # type 1: a one-item array
    path, body = BODIES["talking_avatar.create"]
    sent = {**body, "avatar_from": 3, "elements": [{"type": "avatar", "avatar_id": "me1", **PLACEMENT}]}
    early = fake.post(path, sent)
    assert early["code"] == 1003
    assert "status 1" in early["msg"]
    fake.request("POST", f"/_mock/jobs/{record['_id']}/complete")
    assert fake.post(path, sent)["code"] == 1000
    other = _account(fake)
    assert fake.request("POST", path, body=sent, headers=other).body["code"] == 1003


def test_talking_avatar_checks_the_voice_of_a_text_element(fake: Fake) -> None:
    path, body = BODIES["talking_avatar.create"]
    speech = {"type": "audio", "input_text": "Hello", "voice_id": STOCK_VOICE}
    assert fake.post(path, {**body, "elements": [*body["elements"][:2], speech]})["code"] == 1000
    unknown = {**speech, "voice_id": "no-such-voice"}
    answer = fake.post(path, {**body, "elements": [*body["elements"][:2], unknown]})
    assert answer["code"] == 1003
    assert answer["msg"].startswith("elements[2].voice_id:")
    # "If both the URL and the input text fields are passed, the URL takes precedence": not checked then.
    with_url = {**unknown, "url": "https://x.example/a.mp3"}
    assert fake.post(path, {**body, "elements": [*body["elements"][:2], with_url]})["code"] == 1000


def test_talking_avatar_accepts_a_completed_clone_only(fake: Fake) -> None:
    backend = fake.backend
    account = backend.by_api_key[DEFAULT_API_KEY]
    clone = backend.create_job(
        account, backend.catalog.operation("voices.clone"), {}, planned={"voice_id": "myVoice"}
    )
    path, body = BODIES["talking_avatar.create"]
    speech = {"type": "audio", "input_text": "Hello", "voice_id": "myVoice"}
    sent = {**body, "elements": [*body["elements"][:2], speech]}
    assert fake.post(path, sent)["code"] == 1003  # the voice_id is not known before the clone completes
    fake.request("POST", f"/_mock/jobs/{clone.id}/complete")
    assert fake.post(path, sent)["code"] == 1000
    assert fake.request("POST", path, body=sent, headers=_account(fake)).body["code"] == 1003


def test_only_character_swap_reads_a_lower_case_webhookurl(fake: Fake) -> None:
    lower = _create(fake, "lipsync.create", webhookurl="https://a.example/h")
    assert lower["webhookUrl"] == ""
    assert fake.request("GET", f"/_mock/jobs/{lower['_id']}").body["webhook_url"] is None
    camel = _create(fake, "lipsync.create", webhookUrl="https://b.example/h")
    assert camel["webhookUrl"] == "https://b.example/h"
    assert fake.request("GET", f"/_mock/jobs/{camel['_id']}").body["webhook_url"] == "https://b.example/h"


def _doc_requests() -> list[tuple[str, str, dict[str, Any]]]:
    examples = json.loads((FIXTURES_DIR / "docs" / "examples.json").read_text(encoding="utf-8"))
    areas = ("character_swap", "lipsync", "talking_photo", "talking_avatar", "video_translation", "avatars")
    return [
        (e["id"], e["operation"], e["parsed"])
        for e in examples
        if e.get("operation") and e["operation"].split(".")[0] in areas and e["direction"] == "request"
    ]


@pytest.mark.parametrize(("example", "op_id", "body"), _doc_requests())
def test_the_docs_request_examples_replay(fake: Fake, example: str, op_id: str, body: dict[str, Any]) -> None:
    op = fake.backend.catalog.operation(op_id)
    answer = fake.request(op.method, op.path, body=body).body
    assert answer["code"] == 1000, (example, answer)
    data = answer["data"]
    job_id = (data[0] if isinstance(data, list) else data)["_id"]  # avatars.create type 1: an array
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    poll = (
        _poll(fake, job_id)
        if op_id != "avatars.create"
        else fake.get("/api/open/v3/avatar/detail", id=job_id)
    )
    assert poll["code"] == 1000
