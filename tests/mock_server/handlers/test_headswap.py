"""headswap.*: the two-stage Head Swap job (person analysis, then a task that maps obj_ids to faces)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mock_server.conftest import Fake, make_fake

ANALYZE = "/api/open/v4/headswap/analyze"
ANALYSIS = "/api/open/v4/headswap/analyze/detail"
CREATE = "/api/open/v4/headswap/task/create"
TASK = "/api/open/v4/headswap/task/detail"
VIDEO = "https://example.com/videos/source.mp4"
FACE = "https://example.com/faces/reference.jpeg"


def _analyse(fake: Fake, video: str = VIDEO, *, complete: bool = True) -> dict[str, Any]:
    answer = fake.post(ANALYZE, {"video_url": video, "type": "head"})
    assert (answer["code"], answer["msg"]) == (1000, "Analyze success"), answer
    if complete:
        fake.request("POST", f"/_mock/jobs/{answer['data']['_id']}/complete")
    return dict(answer["data"])


def _task_body(**changes: Any) -> dict[str, Any]:
    body = {
        "video_url": VIDEO,
        "mappings": [{"obj_id": 0, "img_url": FACE}],
        "model_name": "akool-premium",
        "resolution": "720p",
        "keep_original_sound": True,
        "webhookUrl": "https://hooks.example/headswap",
    }
    return {**body, **changes}


def test_an_analysis_is_queued_then_lists_the_people_it_found(fake: Fake) -> None:
    created = _analyse(fake, complete=False)
    assert (created["status"], created["progress"], created["analysis_result"]) == (1, 0, None)
    assert (created["video_url"], created["type"]) == (VIDEO, "head")
    fake.clock.advance(600)
    done = fake.get(ANALYSIS, _id=created["_id"])["data"]
    assert (done["status"], done["progress"], done["error_code"]) == (3, 100, 0)
    media = done["analysis_result"]["media"]
    assert [item["obj_id"] for item in media] == list(range(done["analysis_result"]["detected_objects"]))
    assert all(item["img_url"].startswith("http") for item in media)


def test_a_task_needs_a_completed_analysis_of_the_identical_video(fake: Fake) -> None:
    missing = fake.post(CREATE, _task_body())
    assert missing["code"] == 1003, missing
    assert missing["msg"].startswith("video_url: no person analysis"), missing
    _analyse(fake, complete=False)
    pending = fake.post(CREATE, _task_body())
    assert pending["code"] == 1003, pending
    assert "not completed" in pending["msg"], pending
    _analyse(fake, VIDEO + "?other")
    assert fake.post(CREATE, _task_body())["code"] == 1003


def test_each_obj_id_must_be_a_detected_person(fake: Fake) -> None:
    analysis = _analyse(fake)
    found = fake.get(ANALYSIS, _id=analysis["_id"])["data"]["analysis_result"]["detected_objects"]
    answer = fake.post(CREATE, _task_body(mappings=[{"obj_id": found, "img_url": FACE}]))
    assert answer["code"] == 1003, answer
    assert answer["msg"].startswith("mappings[0].obj_id"), answer


def test_more_than_five_mappings_are_refused_naming_the_field(fake: Fake) -> None:
    _analyse(fake)
    answer = fake.post(CREATE, _task_body(mappings=[{"obj_id": 0, "img_url": FACE}] * 6))
    assert answer["code"] == 1003, answer
    assert "mappings" in answer["msg"], answer


def test_a_task_runs_to_a_video_and_reports_to_its_webhook(fake: Fake) -> None:
    _analyse(fake)
    created = fake.post(CREATE, _task_body())["data"]
    assert (created["status"], created["video_url"], created["model_name"]) == (1, None, "akool-premium")
    assert created["file_name"] == f"Headswap_{created['create_time']}.mp4"
    queued = fake.get(TASK, _id=created["_id"])["data"]
    assert (queued["status"], queued["video_url"], queued["source_video_url"]) == (1, None, VIDEO)
    fake.clock.advance(600)
    done = fake.get(TASK, _id=created["_id"])["data"]
    assert done["status"] == 3
    assert done["video_url"].endswith(".mp4")
    media = fake.request("GET", urlsplit(done["video_url"]).path)
    assert media.status == 200
    assert media.content_type == "video/mp4"
    payloads = [d.payload for d in fake.backend.outbox.for_job(created["_id"])]
    assert payloads[-1]["type"] == "faceswap"
    assert (payloads[-1]["status"], payloads[-1]["url"]) == (3, done["video_url"])


def test_a_failed_task_says_why(fake: Fake) -> None:
    _analyse(fake)
    task_id = fake.post(CREATE, _task_body(webhookUrl=""))["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{task_id}/fail", body={"reason": "no head found"})
    failed = fake.get(TASK, _id=task_id)["data"]
    assert (failed["status"], failed["error_reason"], failed["video_url"]) == (4, "no head found", None)
    assert failed["error_code"] != 0


def test_unknown_and_foreign_ids_answer_1014(fake: Fake) -> None:
    analysis = _analyse(fake)
    task_id = fake.post(CREATE, _task_body())["data"]["_id"]
    assert fake.get(ANALYSIS, _id="0" * 24)["code"] == 1014
    assert fake.get(TASK, _id=analysis["_id"])["code"] == 1014, "an analysis id is not a task id"
    other = fake.request("POST", "/_mock/accounts", body={"credits": 1000}).body
    foreign = fake.request("GET", TASK, query={"_id": task_id}, headers={"x-api-key": other["api_key"]}).body
    assert foreign["code"] == 1014


def test_a_task_costs_ten_credits_a_second_and_a_shortfall_is_1104() -> None:
    fake = make_fake()
    account = fake.backend.accounts["AKmockClientId0000000001"]
    _analyse(fake)
    before = account.credits
    fake.post(CREATE, _task_body())
    assert before - account.credits == 100
    account.credits = 99
    assert fake.post(CREATE, _task_body())["code"] == 1104


@settings(max_examples=10)
@given(st.sampled_from(["480p", "720p"]), st.lists(st.integers(0, 0), min_size=1, max_size=5))
def test_any_documented_resolution_and_mapping_count_is_accepted(resolution: str, ids: list[int]) -> None:
    fake = make_fake()
    _analyse(fake)
    mappings = [{"obj_id": obj_id, "img_url": FACE} for obj_id in ids]
    data = fake.post(CREATE, _task_body(resolution=resolution, mappings=mappings))["data"]
    assert data["resolution"] == resolution


def test_analyses_share_their_plan_and_each_shows_its_own_previews(fake: Fake) -> None:
    """The plan (a count of people) is one object per count; each result is computed from its job's id."""
    made = [_analyse(fake, f"{VIDEO}?n={n}") for n in range(12)]
    jobs = [fake.backend.jobs.jobs[item["_id"]] for item in made]
    by_count: dict[int, list[Any]] = {}
    for item in made:
        result = fake.get(ANALYSIS, _id=item["_id"])["data"]["analysis_result"]
        previews = [urlsplit(media["img_url"]).path for media in result["media"]]
        assert previews == [f"/_mock/media/{item['_id']}.png"] * result["detected_objects"]
    for job in jobs:
        by_count.setdefault(job.fields["analysis_result"]["detected_objects"], []).append(job.planned)
    assert len(by_count) > 1
    assert all(all(plan is plans[0] for plan in plans) for plans in by_count.values())
