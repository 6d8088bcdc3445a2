"""image2video.*: create, batch create, results by ids, effects, update audio, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.settings import build_settings
from tests.mock_server.conftest import Fake, make_fake

CREATE = "/api/open/v4/image2Video/createBySourcePrompt"
BATCH = "/api/open/v4/image2Video/createBySourcePrompt/batch"
RESULTS = "/api/open/v4/image2Video/resultsByIds"
EFFECTS = "/api/open/v4/image2Video/effects"
AUDIO = "/api/open/v4/image2Video/updateVideoAudio"
DELETE = "/api/open/v4/image2Video/delbyids"
IMAGE = "https://drz0f01yeq1cx.cloudfront.net/1753772478686-9524-b6e4169bb1b44d5d8361936b3f6eddb8.png"
SONG = "https://drz0f01yeq1cx.cloudfront.net/1753772497950-9213-1749809724426audio.mp3"
PROMPT = "Animate this image with smooth camera movement and subtle object motion."
TABLE = {5: {"720p": 20, "1080p": 25, "4k": 30}, 10: {"720p": 40, "1080p": 50, "4k": 60}}
SEEDANCE = {
    "sort": 95,
    "type": 1501,
    "label": "Small Test Model",
    "value": "test-i2v-small",
    "resolutionList": [
        {"label": "480p", "value": "480p", "unit_credit": 3},
        {"label": "720p", "value": "720p", "unit_credit": 5},
    ],
    "durationList": [5, 10],
    "maxCount": 2,
}


def _body(**extra: Any) -> dict[str, Any]:
    body = {
        "image_url": IMAGE,
        "prompt": PROMPT,
        "negative_prompt": "blurry",
        "extend_prompt": True,
        "resolution": "720p",
        "audio_type": 3,
        "video_length": 5,
        "webhookurl": "",
    }
    body.update(extra)
    return body


def _account(fake: Fake, credits: float = 1000) -> dict[str, str]:
    created = fake.request("POST", "/_mock/accounts", body={"credits": credits}).body
    return {"x-api-key": created["api_key"]}


def _credits(fake: Fake) -> float:
    return float(fake.backend.accounts["AKmockClientId0000000001"].credits)


def _results(fake: Fake, ids: str, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    answer = fake.request("POST", RESULTS, body={"_ids": ids}, headers=headers).body
    assert answer["code"] == 1000, answer
    return list(answer["data"]["result"])


def _create(fake: Fake, **extra: Any) -> str:
    answer = fake.post(CREATE, _body(**extra))
    assert answer["code"] == 1000, answer
    return str(answer["data"]["_id"])


def _completed(fake: Fake, **extra: Any) -> str:
    video_id = _create(fake, **extra)
    fake.request("POST", f"/_mock/jobs/{video_id}/complete")
    return video_id


def test_create_answers_the_queued_job_with_the_effect_and_table_price(fake: Fake) -> None:
    before = _credits(fake)
    body = _body(
        resolution="4k", video_length=10, audio_type=2, audio_url=SONG, effect_code="squish_89244231312"
    )
    data = fake.post(CREATE, body)["data"]
    assert (data["status"], data["effect_name"], data["deduction_credit"]) == (1, "Squish", 60)
    assert (data["audio_type"], data["audio_url"], data["webhookUrl"]) == (2, SONG, "")
    assert data["file_name"] == "Image2Video_Animate this image with .mp4"  # as in the docs' example
    assert "video_url" not in data
    assert _credits(fake) == before - 60


def test_create_with_an_unknown_effect_is_1003_naming_the_field(fake: Fake) -> None:
    before = _credits(fake)
    answer = fake.post(CREATE, _body(effect_code="nope_1"))
    assert answer["code"] == 1003
    assert answer["msg"].startswith("effect_code:")
    assert _credits(fake) == before


def test_a_video_walks_the_clock_to_completion(fake: Fake) -> None:
    video_id = _create(fake)
    fake.clock.advance(10)
    [processing] = _results(fake, video_id)
    assert processing["status"] == 2
    assert "video_url" not in processing
    fake.clock.advance(110)
    [done] = _results(fake, video_id)
    assert done["status"] == 3
    assert done["video_url"].endswith(f"/_mock/media/{video_id}.mp4")
    assert (done["video_duration"], done["only_add_audio"]) == (5.0, False)
    assert done["update_time"] == 1000 * int(fake.clock.now())


def test_a_failed_video_has_no_url(fake: Fake) -> None:
    video_id = _create(fake)
    fake.request("POST", f"/_mock/jobs/{video_id}/fail", body={"reason": "image could not be animated"})
    [item] = _results(fake, video_id)
    assert item["status"] == 4
    assert "video_url" not in item


def test_polls_policy_moves_a_video_every_second_poll(fake_factory: Callable[..., Fake]) -> None:
    fake = fake_factory(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    video_id = _create(fake)
    seen = [_results(fake, video_id)[0]["status"] for _ in range(4)]
    assert seen == [1, 2, 2, 3]


def test_shortfall_answers_1006_and_creates_nothing(fake: Fake) -> None:
    poor = _account(fake, credits=39)
    jobs_before = len(fake.backend.jobs)
    answer = fake.request("POST", CREATE, body=_body(video_length=10), headers=poor).body
    assert answer["code"] == 1006
    batch = fake.request("POST", BATCH, body=_body(count=2), headers=poor).body
    assert batch["code"] == 1006  # the whole batch (2 x 20) is charged up front
    assert len(fake.backend.jobs) == jobs_before


def test_batch_makes_one_job_per_video_and_keeps_audio_type_an_integer(fake: Fake) -> None:
    before = _credits(fake)
    body = _body(count=3, audio_type="1", audio_url="", last_image_url=IMAGE)
    data = fake.post(BATCH, body)["data"]
    assert data["errorList"] == []
    items = data["successList"]
    assert len({item["_id"] for item in items}) == 3
    assert {item["audio_type"] for item in items} == {1}
    assert {(item["batch_count"], item["batch_id"]) for item in items} == {(3, items[0]["batch_id"])}
    assert [item["create_time"] - items[0]["create_time"] for item in items] == [0, 1, 2]
    assert _credits(fake) == before - 60
    ids = ",".join(item["_id"] for item in items)
    assert [item["_id"] for item in _results(fake, ids)] == ids.split(",")
    stored = fake.backend.jobs.get(items[0]["_id"]).fields["audio_type"]
    assert stored == 1
    assert isinstance(stored, int)


def test_batch_puts_videos_with_an_unknown_effect_in_error_list(fake: Fake) -> None:
    before = _credits(fake)
    data = fake.post(BATCH, _body(count=2, effect_code="nope_1", prompt=""))["data"]
    assert data["successList"] == []
    assert [(e["index"], e["code"]) for e in data["errorList"]] == [(0, 1003), (1, 1003)]
    assert data["errorList"][0]["msg"].startswith("effect_code:")
    assert _credits(fake) == before


def test_batch_prices_by_the_models_unit_credit(fake: Fake) -> None:
    fake.backend.seeded["ai_models"] = [SEEDANCE]
    before = _credits(fake)
    body = _body(count=3, model_name=SEEDANCE["value"], resolution="480p", video_length=10)
    data = fake.post(BATCH, body)["data"]
    assert [item["deduction_credit"] for item in data["successList"]] == [6, 6]  # 3 per 5 s
    assert [(e["index"], e["msg"].split(":")[0]) for e in data["errorList"]] == [(2, "count")]  # maxCount 2
    assert data["successList"][0]["model_name"] == SEEDANCE["value"]
    assert _credits(fake) == before - 12


def test_batch_with_the_docs_example_model_costs_its_unit_credit(fake: Fake) -> None:
    # The batch example: seedance-1-0-lite-i2v-250428, 720p, 5 s, count 3 -> "deduction_credit": 5 each.
    body = _body(
        model_name="seedance-1-0-lite-i2v-250428", count=3, negative_prompt="blurry, distorted, low quality"
    )
    data = fake.post(BATCH, body)["data"]
    assert [item["deduction_credit"] for item in data["successList"]] == [5, 5, 5]
    character = fake.post(BATCH, _body(model_name="wavespeed-ai/wan-2.2/animate"))  # a type 2101 model
    assert (character["code"], character["msg"].split(":")[0]) == (1003, "model_name")


def test_batch_refuses_what_the_model_does_not_offer(fake: Fake) -> None:
    fake.backend.seeded["ai_models"] = [SEEDANCE]
    cases: dict[str, dict[str, Any]] = {
        "model_name": {"model_name": "nope"},
        "resolution": {"resolution": "4k"},
        "video_length": {"video_length": 7},
    }
    for field, extra in cases.items():
        answer = fake.post(BATCH, _body(**{"model_name": SEEDANCE["value"], **extra}))
        assert (answer["code"], answer["msg"].split(":")[0]) == (1003, field)


def test_batch_without_a_model_uses_the_table(fake: Fake) -> None:
    answer = fake.post(BATCH, _body(resolution="480p"))
    assert (answer["code"], answer["msg"].split(":")[0]) == (1003, "resolution")
    assert fake.post(BATCH, _body(resolution="1080p"))["data"]["successList"][0]["deduction_credit"] == 25


def test_list_effects_serves_the_seeded_effects(fake: Fake) -> None:
    answer = fake.get(EFFECTS)
    assert answer["msg"] == "Success"
    result = answer["data"]["result"]
    assert answer["data"]["count"] == len(result) == 10
    assert result[0]["effect_code"] == "squish_89244231312"
    for effect in result:
        assert fake.post(CREATE, _body(effect_code=effect["effect_code"]))["code"] == 1000


def test_update_audio_makes_a_new_job_on_a_completed_video(fake: Fake) -> None:
    pre = _completed(fake, video_length=10, effect_code="cakeify_24743216")
    before = _credits(fake)
    data = fake.post(AUDIO, {"pre_video_id": pre, "audio_url": SONG, "audio_type": 2})["data"]
    assert (data["pre_video_id"], data["only_add_audio"], data["status"]) == (pre, True, 1)
    assert (data["audio_type"], data["audio_url"], data["effect_name"]) == (2, SONG, "Cakeify")
    assert data["deduction_credit"] == 10
    assert _credits(fake) == before - 10
    fake.clock.advance(120)
    [done] = _results(fake, data["_id"])
    assert done["status"] == 3
    assert done["video_url"] != _results(fake, pre)[0]["video_url"]


def test_update_audio_checks_the_video(fake: Fake) -> None:
    missing = fake.post(AUDIO, {"pre_video_id": "6890830af27dfad2a3e6062d", "audio_type": 1})
    assert (missing["code"], missing["msg"].split(":")[0]) == (1008, "pre_video_id")
    running = _create(fake)
    answer = fake.post(AUDIO, {"pre_video_id": running, "audio_type": 1})
    assert (answer["code"], answer["msg"].split(":")[0]) == (1003, "pre_video_id")
    fake.request("POST", f"/_mock/jobs/{running}/fail")
    assert fake.post(AUDIO, {"pre_video_id": running, "audio_type": 1})["code"] == 1003
    other = _account(fake)
    mine = _completed(fake)
    foreign = fake.request("POST", AUDIO, body={"pre_video_id": mine, "audio_type": 1}, headers=other).body
    assert foreign["code"] == 1008


def test_update_audio_shortfall_is_1006(fake: Fake) -> None:
    pre = _completed(fake)
    fake.request("POST", "/_mock/accounts/AKmockClientId0000000001", body={"credits": 4})
    assert fake.post(AUDIO, {"pre_video_id": pre, "audio_type": 1})["code"] == 1006


def test_delete_removes_finished_videos_and_refuses_running_ones(fake: Fake) -> None:
    done, running = _completed(fake), _create(fake)
    answer = fake.post(DELETE, {"_ids": f"{done},{running},6881cd86618fa41c89557b0c"})
    assert answer["msg"] == "Delete successfully"
    assert answer["data"]["successIds"] == [done]
    refused = {item["_id"]: item["msg"] for item in answer["data"]["noPermissionItems"]}
    assert refused[running] == "video resource is processing, please try again later"
    assert refused["6881cd86618fa41c89557b0c"] == "video resource does not exist"
    assert [item["_id"] for item in _results(fake, f"{done},{running}")] == [running]
    assert fake.post(AUDIO, {"pre_video_id": done, "audio_type": 1})["code"] == 1008


def test_another_account_neither_reads_nor_deletes_a_video(fake: Fake) -> None:
    video_id = _completed(fake)
    other = _account(fake)
    assert _results(fake, video_id, other) == []
    answer = fake.request("POST", DELETE, body={"_ids": video_id}, headers=other).body
    assert answer["data"]["successIds"] == []
    assert answer["data"]["noPermissionItems"][0]["msg"] == "video resource does not exist"
    assert len(_results(fake, video_id)) == 1


@settings(max_examples=12, deadline=None)
@given(length=st.sampled_from([5, 10]), resolution=st.sampled_from(["720p", "1080p", "4k"]))
def test_create_charges_the_table_price(length: int, resolution: str) -> None:
    fake = make_fake()
    before = _credits(fake)
    data = fake.post(CREATE, _body(video_length=length, resolution=resolution))["data"]
    assert data["deduction_credit"] == TABLE[length][resolution]
    assert _credits(fake) == before - TABLE[length][resolution]


@settings(max_examples=20, deadline=None)
@given(mine=st.lists(st.booleans(), min_size=1, max_size=6))
def test_results_show_only_the_callers_videos(mine: list[bool]) -> None:
    fake = make_fake()
    other = _account(fake)
    made = []
    for owned in mine:
        headers = None if owned else other
        answer = fake.request("POST", CREATE, body=_body(), headers=headers).body
        made.append((owned, answer["data"]["_id"]))
    ids = ",".join(video_id for _, video_id in made)
    assert [item["_id"] for item in _results(fake, ids)] == [v for owned, v in made if owned]
    assert [item["_id"] for item in _results(fake, ids, other)] == [v for owned, v in made if not owned]


def test_webhookurl_is_read_before_its_camel_case_alias(fake: Fake) -> None:
    body = _body(webhookurl="https://hooks.example/lower", webhookUrl="https://hooks.example/camel")
    data = fake.post(CREATE, body)["data"]
    assert data["webhookUrl"] == "https://hooks.example/lower"
    assert fake.backend.jobs.get(data["_id"]).webhook_url == "https://hooks.example/lower"
    camel = fake.post(BATCH, {**_body(webhookUrl="https://hooks.example/camel"), "webhookurl": ""})["data"]
    assert camel["successList"][0]["webhookUrl"] == "https://hooks.example/camel"
