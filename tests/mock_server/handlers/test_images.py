"""images.*: Image Generate, Generate 4K or variations, Background Change and the infobymodelid poll."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.settings import build_settings
from tests.mock_server.conftest import Fake, make_fake

PROMPT = "/api/open/v3/content/image/createbyprompt"
BUTTON = "/api/open/v3/content/image/createbybutton"
BACKGROUND = "/api/open/v3/content/image/bg/replace"
INFO = "/api/open/v3/content/image/infobymodelid"
BUTTONS = ["U1", "U2", "U3", "U4", "V1", "V2", "V3", "V4"]
BG_BODY = {
    "color_code": "#aafbe3",
    "canvas_size": "3840x3840",
    "template_url": "https://d3c24lvfmudc1v.cloudfront.net/public/background_change/ROne.png",
    "modify_template_size": "3828x3828",
    "overlay_template_x": 2049,
    "overlay_template_y": -6,
    "origin_img": "https://drz0f01yeq1cx.cloudfront.net/1712132369637-0183.png",
    "modify_origin_img_size": "3062x3828",
    "overlay_origin_x": -72,
    "overlay_origin_y": -84,
}


@pytest.fixture
def fake() -> Fake:
    """Background Change is deprecated in the 2026 docs and refused by default: these tests serve it
    (NOTES.md #deprecated-operations)."""
    return make_fake(build_settings(clock="manual", seed=7, deprecated="serve"))


def _account(fake: Fake, credits: float = 1000) -> dict[str, str]:
    created = fake.request("POST", "/_mock/accounts", body={"credits": credits}).body
    return {"x-api-key": created["api_key"]}


def _info(fake: Fake, image_id: str, headers: dict[str, str] | None = None) -> Any:
    return fake.request("GET", INFO, query={"image_model_id": image_id}, headers=headers).body


def _prompt(fake: Fake, **extra: Any) -> str:
    answer = fake.post(
        PROMPT, {"prompt": "Sun Wukong is surrounded by heavenly soldiers", "webhookUrl": "", **extra}
    )
    assert answer["code"] == 1000, answer
    return str(answer["data"]["_id"])


def _completed_prompt(fake: Fake) -> str:
    image_id = _prompt(fake)
    fake.request("POST", f"/_mock/jobs/{image_id}/complete")
    return image_id


def _credits(fake: Fake) -> float:
    return float(fake.backend.accounts["AKmockClientId0000000001"].credits)


def test_create_by_prompt_answers_the_queued_document_and_charges(fake: Fake) -> None:
    before = _credits(fake)
    answer = fake.post(
        PROMPT, {"prompt": "a red fox", "scale": "16:9", "source_image": "https://x.example/a.png"}
    )
    data = answer["data"]
    assert (data["image_status"], data["buttons"], data["used_buttons"], data["upscaled_urls"]) == (
        1,
        [],
        [],
        [],
    )
    assert data["origin_prompt"] == "a red fox"
    assert data["source_image"] == "https://x.example/a.png"
    assert "image" not in data
    assert data["deduction_credit"] == 2
    assert _credits(fake) == before - 2


def test_prompt_job_walks_the_clock_to_completion(fake: Fake) -> None:
    image_id = _prompt(fake)
    fake.clock.advance(5)
    processing = _info(fake, image_id)["data"]
    assert processing["image_status"] == 2
    assert "image" not in processing  # notes/real-world-quirks.md: status 2 carries no URL
    fake.clock.advance(35)
    done = _info(fake, image_id)["data"]
    assert done["image_status"] == 3
    assert done["image"].endswith(f"/_mock/media/{image_id}.png")
    assert done["buttons"] == BUTTONS


def test_failed_prompt_job_has_no_image(fake: Fake) -> None:
    image_id = _prompt(fake)
    fake.request("POST", f"/_mock/jobs/{image_id}/fail", body={"reason": "prompt rejected"})
    data = _info(fake, image_id)["data"]
    assert data["image_status"] == 4
    assert "image" not in data
    assert data["buttons"] == []


def test_polls_policy_moves_an_image_job_every_second_poll(fake_factory: Callable[..., Fake]) -> None:
    fake = fake_factory(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    image_id = _prompt(fake)
    seen = [_info(fake, image_id)["data"]["image_status"] for _ in range(4)]
    assert seen == [1, 2, 2, 3]


def test_change_background_walks_to_completion_with_both_urls(fake: Fake) -> None:
    answer = fake.post(BACKGROUND, BG_BODY)
    data = answer["data"]
    assert (data["image_status"], data["image_sub_status"], data["error_reasons"], data["type"]) == (
        1,
        1,
        [],
        3,
    )
    assert data["deduction_credit"] == 4
    fake.clock.advance(40)
    done = _info(fake, data["_id"])["data"]
    assert (done["image_status"], done["image_sub_status"]) == (3, 3)
    assert done["image"] == done["external_img"]
    assert done["image"].startswith("http")


def test_failed_background_change_carries_the_reason_in_error_reasons(fake: Fake) -> None:
    image_id = fake.post(BACKGROUND, {k: v for k, v in BG_BODY.items() if "template" not in k})["data"]["_id"]
    fake.clock.advance(5)
    fake.request("POST", f"/_mock/jobs/{image_id}/fail", body={"reason": "foreground not found"})
    data = _info(fake, image_id)["data"]
    assert (data["image_status"], data["error_reasons"]) == (4, ["foreground not found"])
    assert "image" not in data


def test_shortfall_answers_1006_and_creates_nothing(fake: Fake) -> None:
    poor = _account(fake, credits=3)
    jobs_before = len(fake.backend.jobs)
    answer = fake.request("POST", BACKGROUND, body=BG_BODY, headers=poor).body
    assert answer["code"] == 1006
    assert len(fake.backend.jobs) == jobs_before
    assert fake.request("POST", PROMPT, body={"prompt": "x"}, headers=poor).body["code"] == 1000


def test_get_result_of_an_unknown_id_is_1008_naming_the_field(fake: Fake) -> None:
    answer = _info(fake, "000000000000000000000000")
    assert answer["code"] == 1008
    assert answer["msg"].startswith("image_model_id:")


def test_another_account_cannot_see_or_use_an_image(fake: Fake) -> None:
    image_id = _completed_prompt(fake)
    other = _account(fake)
    assert _info(fake, image_id, other)["code"] == 1008
    answer = fake.request("POST", BUTTON, body={"_id": image_id, "button": "U1"}, headers=other).body
    assert answer["code"] == 1008
    assert answer["msg"].startswith("_id:")


def test_create_by_button_makes_a_job_from_a_completed_image(fake: Fake) -> None:
    source = _completed_prompt(fake)
    answer = fake.post(BUTTON, {"_id": source, "button": "U2", "webhookUrl": ""})
    data = answer["data"]
    assert (data["image_content_model_id"], data["op_button"], data["image_status"]) == (source, "U2", 1)
    assert len(data["op_buttonMessageId"]) == 20
    assert _info(fake, source)["data"]["used_buttons"] == ["U2"]
    assert _info(fake, source)["data"]["upscaled_urls"] == []  # not finished yet
    fake.request("POST", f"/_mock/jobs/{data['_id']}/complete")
    upscaled = _info(fake, data["_id"])["data"]
    assert upscaled["image_status"] == 3
    assert upscaled["buttons"] == []
    assert _info(fake, source)["data"]["upscaled_urls"] == [upscaled["image"]]


def test_variations_are_not_upscaled_urls_and_buttons_are_listed_once(fake: Fake) -> None:
    source = _completed_prompt(fake)
    for button in ("V1", "V1", "U3"):
        made = fake.post(BUTTON, {"_id": source, "button": button})["data"]["_id"]
        fake.request("POST", f"/_mock/jobs/{made}/complete")
    data = _info(fake, source)["data"]
    assert data["used_buttons"] == ["V1", "U3"]
    assert len(data["upscaled_urls"]) == 1


def test_create_by_button_refuses_unknown_and_unfinished_sources(fake: Fake) -> None:
    unknown = fake.post(BUTTON, {"_id": "65d3206b83ccf5ab7d46cdc6", "button": "U2"})
    assert (unknown["code"], unknown["msg"].split(":")[0]) == (1008, "_id")
    queued = _prompt(fake)
    answer = fake.post(BUTTON, {"_id": queued, "button": "U2"})
    assert (answer["code"], answer["msg"].split(":")[0]) == (1010, "_id")


def test_create_by_button_needs_a_source_that_offers_buttons(fake: Fake) -> None:
    background = fake.post(BACKGROUND, BG_BODY)["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{background}/complete")
    before = _credits(fake)
    answer = fake.post(BUTTON, {"_id": background, "button": "V1"})
    assert answer["code"] == 1003
    assert answer["msg"].startswith("button:")
    assert _credits(fake) == before


@settings(max_examples=30, deadline=None)
@given(
    status=st.sampled_from(["queued", "processing", "completed", "failed"]), button=st.sampled_from(BUTTONS)
)
def test_a_button_is_accepted_exactly_when_the_source_is_completed(status: str, button: str) -> None:
    fake = make_fake()
    source = _prompt(fake)
    action = {"processing": "advance", "completed": "complete", "failed": "fail"}.get(status)
    if action:
        fake.request("POST", f"/_mock/jobs/{source}/{action}")
    answer = fake.post(BUTTON, {"_id": source, "button": button})
    assert (answer["code"] == 1000) == (status == "completed")


@settings(max_examples=20, deadline=None)
@given(owners=st.lists(st.booleans(), min_size=1, max_size=6))
def test_images_of_another_owner_are_never_visible(owners: list[bool]) -> None:
    fake = make_fake()
    other = _account(fake)
    made = []
    for mine in owners:
        headers = None if mine else other
        answer = fake.request("POST", PROMPT, body={"prompt": "x"}, headers=headers).body
        made.append((mine, answer["data"]["_id"]))
    for mine, image_id in made:
        assert (_info(fake, image_id)["code"] == 1000) == mine
        assert (_info(fake, image_id, other)["code"] == 1000) != mine
