"""text2video.create_batch: videos from a prompt, read and deleted with image to video's operations."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mock_server.conftest import Fake, make_fake

BATCH = "/api/open/v4/text2Video/createByPrompt/batch"
RESULTS = "/api/open/v4/image2Video/resultsByIds"
DELETE = "/api/open/v4/image2Video/delbyids"
PROMPT = "A serene mountain landscape at sunset, with golden light illuminating snow-capped peaks."


def _body(**changes: Any) -> dict[str, Any]:
    body = {
        "prompt": PROMPT,
        "model_name": "seedance-1-0-lite-i2v-250428",
        "negative_prompt": "blurry, distorted, low quality, text, watermark",
        "extend_prompt": True,
        "resolution": "720p",
        "video_length": 5,
        "count": 3,
        "webhookurl": "",
    }
    return {**body, **changes}


def _credits(fake: Fake) -> float:
    return float(fake.backend.accounts["AKmockClientId0000000001"].credits)


def test_a_batch_answers_one_queued_job_per_video_as_the_example(fake: Fake) -> None:
    data = fake.post(BATCH, _body())["data"]
    items = data["successList"]
    assert (len(items), data["errorList"]) == (3, [])
    first = items[0]
    assert (first["status"], first["deduction_credit"], first["batch_count"]) == (1, 20, 3)
    assert first["file_name"] == "Text2Video_A serene mountain landscape.mp4"
    assert first["batch_id"] == f"{first['create_time']}_{first['uid']}"
    assert [item["create_time"] - first["create_time"] for item in items] == [0, 1, 2]
    assert "video_length" not in first


def test_the_jobs_finish_as_videos_read_by_results_by_ids(fake: Fake) -> None:
    ids = [item["_id"] for item in fake.post(BATCH, _body(count=2))["data"]["successList"]]
    fake.clock.advance(600)
    result = fake.post(RESULTS, {"_ids": ",".join(ids)})["data"]["result"]
    assert [(item["_id"], item["status"]) for item in result] == [(ids[0], 3), (ids[1], 3)]
    assert all(item["video_url"].endswith(".mp4") for item in result)
    assert fake.post(DELETE, {"_ids": ids[0]})["code"] == 1000
    assert [item["_id"] for item in fake.post(RESULTS, {"_ids": ",".join(ids)})["data"]["result"]] == [ids[1]]


def test_the_page_table_prices_each_video(fake: Fake) -> None:
    before = _credits(fake)
    fake.post(BATCH, _body(resolution="1080p", video_length=10, count=2))
    assert before - _credits(fake) == 100


def test_unpriced_lengths_unknown_models_and_shortfalls_create_nothing() -> None:
    fake = make_fake()
    assert fake.post(BATCH, _body(video_length=7))["msg"].startswith("video_length:")
    assert fake.post(BATCH, _body(resolution="8k"))["msg"].startswith("resolution:")
    assert fake.post(BATCH, _body(model_name="no-such-model"))["msg"].startswith("model_name:")
    fake.backend.accounts["AKmockClientId0000000001"].credits = 59
    assert fake.post(BATCH, _body())["code"] == 1006
    assert len(fake.backend.jobs) == 0


def test_a_prompt_alone_makes_one_720p_five_second_video(fake: Fake) -> None:
    (item,) = fake.post(BATCH, {"prompt": "A cat"})["data"]["successList"]
    assert (item["resolution"], item["deduction_credit"], item["batch_count"]) == ("720p", 20, 1)


def test_the_page_spelling_webhookurl_is_the_callback(fake: Fake) -> None:
    item = fake.post(BATCH, _body(count=1, webhookurl="https://hooks.example/t2v"))["data"]["successList"][0]
    assert item["webhookUrl"] == "https://hooks.example/t2v"
    fake.clock.advance(600)
    assert fake.post(RESULTS, {"_ids": item["_id"]})["data"]["result"][0]["status"] == 3
    payloads = [d.payload for d in fake.backend.outbox.for_job(item["_id"])]
    assert payloads[-1]["status"] == 3


@settings(max_examples=10)
@given(st.integers(1, 10), st.sampled_from(["720p", "1080p", "4k"]), st.sampled_from([5, 10]))
def test_count_videos_cost_count_times_the_table(count: int, resolution: str, length: int) -> None:
    fake = make_fake()
    before = _credits(fake)
    body = _body(count=count, resolution=resolution, video_length=length)
    del body["model_name"]
    items = fake.post(BATCH, body)["data"]["successList"]
    assert len(items) == count
    assert before - _credits(fake) == count * items[0]["deduction_credit"]
