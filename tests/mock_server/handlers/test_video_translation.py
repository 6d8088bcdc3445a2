"""video_translation.*: one job per target language, all_results, progress, failures, the language list."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server.settings import DEFAULT_API_KEY, build_settings
from tests.mock_server.conftest import Fake, make_fake

CREATE = "/api/open/v3/content/video/createbytranslate"
POLL = "/api/open/v3/content/video/infobymodelid"
LANGUAGES = "/api/open/v3/language/list"
VIDEO = "https://x.example/talk.mp4"
OP = "video_translation.create"


def _account(fake: Fake, credits: float = 1000) -> dict[str, str]:
    return {"x-api-key": fake.request("POST", "/_mock/accounts", body={"credits": credits}).body["api_key"]}


def _translate(
    fake: Fake, language: str, headers: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    body = {"url": VIDEO, "source_language": "DEFAULT", "language": language, **extra}
    return dict(fake.request("POST", CREATE, body=body, headers=headers).body)


def _poll(fake: Fake, job_id: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return dict(fake.request("GET", POLL, query={"video_model_id": job_id}, headers=headers).body)


def test_one_job_per_language_with_all_results(fake: Fake) -> None:
    answer = _translate(fake, "es, fr,de", lipsync=False, caption_type=2, remove_bgm=True)
    results = answer["all_results"]
    assert [item["data"]["language"] for item in results] == ["es", "fr", "de"]
    assert all(item["code"] == 1000 for item in results)
    assert answer["data"] == results[0]["data"]
    ids = {item["data"]["_id"] for item in results}
    assert len(ids) == 3
    for item in results:
        data = item["data"]
        assert (data["video_status"], data["progress"], data["video"]) == (1, 0, "")
        assert _poll(fake, data["_id"])["data"]["language"] == data["language"]


def test_repeated_codes_make_one_job(fake: Fake) -> None:
    assert len(_translate(fake, "es,es,fr")["all_results"]) == 2


def test_each_language_is_charged(fake: Fake) -> None:
    account = fake.backend.by_api_key[DEFAULT_API_KEY]
    before = account.credits
    _translate(fake, "ja,zh-CN-shandong,zh-CN-sichuan")
    assert account.credits == before - 3


def test_a_short_balance_fails_the_languages_it_cannot_pay(fake: Fake) -> None:
    headers = _account(fake, credits=2)
    answer = _translate(fake, "es,fr,de", headers=headers)
    assert [item["code"] for item in answer["all_results"]] == [1000, 1000, 1006]
    broke = _account(fake, credits=0)
    assert _translate(fake, "es", headers=broke)["code"] == 1006


def test_lipsync_twice_in_the_same_language_answers_1202_for_that_language(fake: Fake) -> None:
    first = _translate(fake, "es", lipsync=True)
    assert first["code"] == 1000
    again = _translate(fake, "es,fr", lipsync=True)
    assert [item["code"] for item in again["all_results"]] == [1202, 1000]
    assert again["data"]["language"] == "fr"  # data is the first job created
    assert _translate(fake, "es", lipsync=True)["code"] == 1202  # every language refused: the call fails
    assert _translate(fake, "es", lipsync=False)["code"] == 1000
    # A failed job does not count, and neither do other accounts' jobs.
    fake.request("POST", f"/_mock/jobs/{first['data']['_id']}/fail", body={"reason": "x"})
    assert _translate(fake, "es", lipsync=True)["code"] == 1000
    assert _translate(fake, "fr", headers=_account(fake), lipsync=True)["code"] == 1000


def test_progress_grows_with_the_clock_to_completion(fake: Fake) -> None:
    job_id = _translate(fake, "es")["data"]["_id"]
    queued, processing = fake.backend.settings.lifecycle.duration(OP)
    seen = [_poll(fake, job_id)["data"]["progress"]]
    fake.clock.advance(queued + 1)
    for _ in range(4):
        data = _poll(fake, job_id)["data"]
        assert data["video_status"] == 2
        seen.append(data["progress"])
        fake.clock.advance(processing / 5)
    fake.clock.advance(processing)
    done = _poll(fake, job_id)["data"]
    seen.append(done["progress"])
    assert seen == sorted(seen)
    assert seen[0] == 0
    assert seen[-1] == 100
    assert 0 < seen[1] < 100
    assert done["video_status"] == 3
    assert done["video"].startswith("http")
    assert "error_code" not in done


def test_failure_carries_error_code_reason_and_the_progress_reached(fake: Fake) -> None:
    job_id = _translate(fake, "es")["data"]["_id"]
    queued, processing = fake.backend.settings.lifecycle.duration(OP)
    fake.clock.advance(queued + processing / 2)
    reached = _poll(fake, job_id)["data"]["progress"]
    fake.request("POST", f"/_mock/jobs/{job_id}/fail", body={"reason": "Video should contain audio"})
    fake.clock.advance(processing)
    data = _poll(fake, job_id)["data"]
    assert (data["video_status"], data["error_code"], data["error_reason"]) == (
        4,
        1205,
        "Video should contain audio",
    )
    assert data["progress"] == reached
    assert data["video"] == ""


def test_polls_policy() -> None:
    fake = make_fake(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    job_id = _translate(fake, "es")["data"]["_id"]
    seen = [(d["video_status"], d["progress"]) for d in (_poll(fake, job_id)["data"] for _ in range(4))]
    assert seen == [(1, 0), (2, 50), (2, 50), (3, 100)]


def test_other_accounts_get_1008(fake: Fake) -> None:
    job_id = _translate(fake, "es")["data"]["_id"]
    assert _poll(fake, job_id, headers=_account(fake))["code"] == 1008


@given(codes=st.lists(st.sampled_from(["es", "fr", "de", "ja", "zh-CN", "af-ZA"]), min_size=1, max_size=6))
def test_all_results_follow_the_language_list_in_order(codes: list[str]) -> None:
    fake = make_fake()
    answer = _translate(fake, ",".join(codes))
    expected = list(dict.fromkeys(codes))
    assert [item["data"]["language"] for item in answer["all_results"]] == expected
    assert answer["data"]["language"] == expected[0]


def test_language_list_is_the_seeded_catalog(fake: Fake) -> None:
    answer = fake.get(LANGUAGES)
    langs = answer["data"]["lang_list"]
    assert langs[0] == {
        "lang_name": "Afrikaans (South Africa)",
        "lang_code": "af-ZA",
        "url": "https://flags.akool-mock.invalid/af-za.png",  # #audit-missing-fields
    }
    assert all(item["url"].startswith("https://") for item in langs)
    codes = {item["lang_code"] for item in langs}
    assert {"es", "fr", "de", "ja", "zh-CN", "zh-CN-shandong", "zh-CN-sichuan"} <= codes
    assert len(langs) == len(fake.backend.seeded["languages"])


def test_unknown_target_languages_are_refused_and_nothing_is_made(fake: Fake) -> None:
    """#audit-translation-languages: every target is checked against the language list first."""
    before = len(fake.backend.jobs)
    body = {"url": "https://example.com/talk.mp4", "language": "fr,xx-YY,klingon", "lipsync": False}
    answer = fake.post(CREATE, body)
    assert answer["code"] == 1003
    assert answer["msg"].startswith("language: xx-YY, klingon")
    assert len(fake.backend.jobs) == before
    codes = [item["lang_code"] for item in fake.get(LANGUAGES)["data"]["lang_list"]]
    assert fake.post(CREATE, {**body, "language": ",".join(codes)})["code"] == 1000
