"""VoiceLab handlers (mock_server/handlers/voices.py): clones, TTS, voice changer, lists, details, delete."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.handlers.base import Call
from akool_mock.mock_server.handlers.voices import HANDLERS
from akool_mock.mock_server.settings import build_settings
from tests.mock_server.conftest import Fake

CLONE = "/api/open/v4/voice/clone"
TTS = "/api/open/v4/voice/tts"
CHANGE = "/api/open/v4/voice/change"
VOICES = "/api/open/v4/voice/list"
RESULTS = "/api/open/v4/voice/resource/list"
DELETE = "/api/open/v4/voice/del"
STOCK_ID = "6889b628662160e2caad5dbc"  # the voice_id the docs' TTS and changer examples send
STOCK_VOICE_ID = "hkfHEbBvdQFNX4uWHqRF"
SOURCE = "https://drz0f01yeq1cx.cloudfront.net/1749098405491-5858-1749019840512audio.mp3"
CLONE_BODY = {
    "source_voice_file": SOURCE,
    "name": "My Voice",
    "voice_options": {"style": ["Calm"], "gender": ["Male"], "age": ["Elderly"], "language": "pl"},
    "voice_model_name": "Akool Multilingual 1",
    "webhookUrl": "",
}
FAILED_FIELDS = {"status": 4, "preview": None}


def voice(fake: Fake, voice_doc_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = fake.get(f"/api/open/v4/voice/detail/{voice_doc_id}")
    return answer


def result(fake: Fake, result_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = fake.get(f"/api/open/v4/voice/resource/detail/{result_id}")
    return answer


def clone(fake: Fake, **changes: Any) -> dict[str, Any]:
    answer = fake.post(CLONE, {**CLONE_BODY, **changes})
    assert answer["code"] == 1000, answer
    data: dict[str, Any] = answer["data"]
    return data


def completed_clone(fake: Fake) -> dict[str, Any]:
    made = clone(fake)
    fake.request("POST", f"/_mock/jobs/{made['_id']}/complete")
    done: dict[str, Any] = voice(fake, made["_id"])["data"]
    return done


def other_account(fake: Fake, credits: float = 100) -> dict[str, str]:
    created = fake.request("POST", "/_mock/accounts", body={"credits": credits}).body
    return {"x-api-key": created["api_key"], "client_id": created["client_id"]}


def as_other(fake: Fake, who: dict[str, str], method: str, path: str, **kw: Any) -> Any:
    return fake.request(method, path, headers={"x-api-key": who["x-api-key"]}, **kw).body


def listed(fake: Fake, op_id: str, **query: Any) -> dict[str, Any]:
    """A list called past the wire, with `page` typed (see test_page_query_is_coerced_on_the_wire)."""
    backend = fake.backend
    op = backend.catalog.operation(op_id)
    account = next(iter(backend.accounts.values()))
    body = HANDLERS[op_id](Call(op, backend, account, query=query)).body()
    assert op.response_errors(body) == []
    data: dict[str, Any] = body["data"]
    return data


# ----- voice clone ------------------------------------------------------------------------------------
def test_clone_answers_the_voice_document_with_status_1_and_no_voice_id(fake: Fake) -> None:
    data = clone(fake)
    assert data["status"] == 1
    assert data["voice_id"] is None
    assert data["preview"] is None
    assert data["name"] == "My Voice"
    assert data["gender"] == "Male"
    assert (data["style"], data["age"], data["scenario"]) == (["Calm"], ["Elderly"], [])
    assert (data["locale"], data["language"]) == ("pl", "Polish")
    assert data["source_voice_file"] == SOURCE
    assert data["support_stream"] is True
    assert data["deduction_credit"] == 0


def test_clone_walks_to_completion_on_the_clock_and_reveals_the_planned_voice_id(fake: Fake) -> None:
    data = clone(fake)
    planned = fake.backend.jobs.get(data["_id"]).planned_dict()["voice_id"]
    assert len(planned) == 64
    assert planned.isalnum()
    assert voice(fake, data["_id"])["data"]["status"] == 1
    fake.clock.advance(3)
    assert voice(fake, data["_id"])["data"]["status"] == 2
    fake.clock.advance(17)
    done = voice(fake, data["_id"])["data"]
    assert done["status"] == 3
    assert done["voice_id"] == planned
    assert done["preview"].endswith(f"/_mock/media/{data['_id']}.mp3")
    listed = fake.get(VOICES, type=1)["data"]["result"]
    assert [(v["_id"], v["voice_id"]) for v in listed] == [(data["_id"], planned)]


def test_clone_fails_through_the_control_api_and_keeps_no_voice_id(fake: Fake) -> None:
    data = clone(fake)
    fake.request("POST", f"/_mock/jobs/{data['_id']}/fail", body={"reason": "audio too noisy"})
    failed = voice(fake, data["_id"])["data"]
    assert failed | FAILED_FIELDS == failed
    assert failed["voice_id"] is None
    refused = fake.post(TTS, {"input_text": "hi", "voice_id": data["_id"]})
    assert refused["code"] == 1003
    assert refused["msg"].startswith("voice_id:")


def test_clone_under_the_polls_policy_moves_every_second_poll(fake_factory: Callable[..., Fake]) -> None:
    fake = fake_factory(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    data = clone(fake)
    seen = [voice(fake, data["_id"])["data"]["status"] for _ in range(4)]
    assert seen == [1, 2, 2, 3]
    assert voice(fake, data["_id"])["data"]["voice_id"]


def test_clone_defaults_model_and_language_and_costs_no_credit(fake: Fake) -> None:
    before = fake.backend.accounts[next(iter(fake.backend.accounts))].credits
    data = clone(fake, voice_options={}, voice_model_name="Akool Multilingual 4", name="")
    assert (data["locale"], data["language"]) == ("en", "English")
    assert data["support_stream"] is False  # only Multilingual 1 and 3 stream
    assert "gender" not in data
    assert data["name"].startswith("voice-")
    assert fake.backend.accounts[next(iter(fake.backend.accounts))].credits == before


# ----- voices.list and voices.get ---------------------------------------------------------------------
def test_stock_voices_are_type_2_and_clones_type_1(fake: Fake) -> None:
    mine = clone(fake)
    stock = fake.get(VOICES, type=2, size=100)["data"]
    assert stock["count"] == len(fake.backend.seeded["voices"]) == 12
    assert mine["_id"] not in {v["_id"] for v in stock["result"]}
    assert [v["_id"] for v in fake.get(VOICES, type=1)["data"]["result"]] == [mine["_id"]]


def test_voice_list_filters_by_tags_name_and_streaming(fake: Fake) -> None:
    clone(fake)
    clone(fake, name="Other", voice_options={"style": ["Happy"], "gender": ["Female"]})
    assert [v["name"] for v in fake.get(VOICES, type=1, style="calm,sad")["data"]["result"]] == ["My Voice"]
    assert [v["name"] for v in fake.get(VOICES, type=1, gender="Female")["data"]["result"]] == ["Other"]
    assert [v["name"] for v in fake.get(VOICES, type=1, name="my vo")["data"]["result"]] == ["My Voice"]
    assert fake.get(VOICES, type=1, age="Young")["data"]["count"] == 0
    assert fake.get(VOICES, type=1, support_stream=2)["data"]["count"] == 0
    females = fake.get(VOICES, type=2, gender="female", size=100)["data"]["result"]
    assert females
    assert {v["gender"] for v in females} == {"Female"}
    assert fake.get(VOICES, type=2, name="MyVoice0626")["data"]["count"] >= 1


def test_voice_list_newest_first_and_paged(fake: Fake) -> None:
    ids = []
    for _ in range(3):
        ids.append(clone(fake)["_id"])
        fake.clock.advance(1)
    page = listed(fake, "voices.list", type=1, page=2, size=2)
    assert (page["count"], page["page"], page["size"]) == (3, 2, 2)
    assert [v["_id"] for v in page["result"]] == [ids[0]]
    assert [v["_id"] for v in fake.get(VOICES, type=1, size=2)["data"]["result"]] == ids[:0:-1]


def test_result_list_pages(fake: Fake) -> None:
    ids = [fake.post(TTS, {"input_text": str(n), "voice_id": STOCK_ID})["data"]["_id"] for n in range(3)]
    page = listed(fake, "voices.list_resources", type=1, page=2, size=2)
    assert (page["count"], page["page"], page["size"]) == (3, 2, 2)
    assert [r["_id"] for r in page["result"]] == [ids[0]]


def test_page_query_is_coerced_on_the_wire(fake: Fake) -> None:
    assert fake.get(VOICES, type=2, page=2, size=5)["code"] == 1000


def test_stock_voice_detail_is_readable_by_every_account(fake: Fake) -> None:
    data = voice(fake, "68676e544439e3b8e246a077")["data"]
    assert data["name"] == "MyVoice0626-01"
    who = other_account(fake)
    assert (
        as_other(fake, who, "GET", f"/api/open/v4/voice/detail/{STOCK_ID}")["data"]["voice_id"]
        == STOCK_VOICE_ID
    )


def test_unknown_voice_detail_is_1014(fake: Fake) -> None:
    answer = voice(fake, "000000000000000000000000")
    assert answer == {"code": 1014, "msg": "VoiceId:000000000000000000000000 resource not found"}


# ----- TTS and voice changer --------------------------------------------------------------------------
def test_tts_with_a_stock_voice_by_voice_id_or_document_id(fake: Fake) -> None:
    for ref in (STOCK_VOICE_ID, STOCK_ID):
        answer = fake.post(TTS, {"input_text": "Hello there", "voice_id": ref, "language_code": "en"})
        data = answer["data"]
        assert (data["status"], data["preview"], data["duration"], data["update_time"]) == (1, None, 0, 0)
        assert (data["voice_id"], data["voice_model_id"], data["gender"]) == (
            STOCK_VOICE_ID,
            STOCK_ID,
            "Female",
        )
        assert data["input_text"] == "Hello there"
        assert data["language_code"] == "en"


def test_tts_walks_to_completion_and_shows_in_the_tts_list(fake: Fake) -> None:
    own = completed_clone(fake)
    data = fake.post(TTS, {"input_text": "x" * 150, "voice_id": own["voice_id"]})["data"]
    assert data["voice_model_id"] == own["_id"]
    fake.clock.advance(3)
    assert result(fake, data["_id"])["data"]["result"]["status"] == 2
    fake.clock.advance(17)
    done = result(fake, data["_id"])["data"]["result"]
    assert (done["status"], done["rate"], done["duration"]) == (3, "100%", 10_000)
    assert done["preview"].endswith(f"{data['_id']}.mp3")
    assert done["update_time"] > done["create_time"]
    listed = fake.get(RESULTS, type=1)["data"]
    assert [r["_id"] for r in listed["result"]] == [data["_id"]]
    assert fake.get(RESULTS, type=2)["data"]["count"] == 0


def test_a_tts_result_has_its_own_hex_name_and_file_name_in_its_format(fake: Fake) -> None:
    """Both are 32 hex characters made from the job id when read: the same on every poll, one per job."""
    wav = {"audio_setting": {"format": "wav"}}
    body = {"input_text": "Hello", "voice_id": STOCK_ID, "extra_options": wav}
    first, second = fake.post(TTS, body)["data"], fake.post(TTS, body)["data"]
    for data in (first, second):
        assert re.fullmatch(r"[0-9a-f]{32}", data["name"])
        assert re.fullmatch(r"[0-9a-f]{32}\.wav", data["file_name"])
        assert data["name"] != data["file_name"][:32]
        polled = result(fake, data["_id"])["data"]["result"]
        assert (polled["name"], polled["file_name"]) == (data["name"], data["file_name"])
    assert len({first["name"], second["name"], first["file_name"], second["file_name"]}) == 4


def test_tts_failure_shows_status_4_and_no_preview(fake: Fake) -> None:
    data = fake.post(TTS, {"input_text": "Hello", "voice_id": STOCK_ID})["data"]
    fake.request("POST", f"/_mock/jobs/{data['_id']}/fail", body={"reason": "voice processing error"})
    failed = result(fake, data["_id"])["data"]["result"]
    assert failed | FAILED_FIELDS == failed
    assert failed["duration"] == 0


def test_tts_charges_pro_rate_per_character(fake: Fake) -> None:
    account = fake.backend.accounts[next(iter(fake.backend.accounts))]
    before = account.credits
    # The docs' result detail: 117 characters deduct 0.5148 credits (4.4 per 1000 characters).
    text = (
        "Życie jak wspinaczka górska: ważniejsza od wysokości szczytu jest postawa, "
        "z jaką się wspinasz. Gdy czujesz, że stopy"
    )
    data = fake.post(TTS, {"input_text": text, "voice_id": STOCK_ID})["data"]
    assert data["deduction_credit"] == 0.5148
    assert account.credits == pytest.approx(before - 0.5148)


def test_shortfall_answers_1104_and_creates_nothing(fake: Fake) -> None:
    who = other_account(fake, credits=1)
    answer = as_other(fake, who, "POST", TTS, body={"input_text": "x" * 1000, "voice_id": STOCK_ID})
    assert answer["code"] == 1104
    assert as_other(fake, who, "GET", RESULTS, query={"type": 1})["data"]["count"] == 0
    changed = as_other(fake, who, "POST", CHANGE, body={"voice_id": STOCK_ID, "source_voice_file": SOURCE})
    assert changed["code"] == 1000  # 12.8 s at 4.4 credits/minute = 0.9387 credits
    assert changed["data"]["deduction_credit"] == 0.9387
    again = as_other(fake, who, "POST", CHANGE, body={"voice_id": STOCK_ID, "source_voice_file": SOURCE})
    assert again["code"] == 1104
    assert as_other(fake, who, "POST", CLONE, body=CLONE_BODY)["code"] == 1000  # clones cost no credit


def test_tts_refuses_unknown_pending_and_oversized(fake: Fake) -> None:
    unknown = fake.post(TTS, {"input_text": "hi", "voice_id": "nope"})
    assert (unknown["code"], unknown["msg"]) == (1003, "voice_id: no such voice nope")
    pending = clone(fake)
    refused = fake.post(TTS, {"input_text": "hi", "voice_id": pending["_id"]})
    assert refused["code"] == 1003
    assert "still being cloned" in refused["msg"]
    huge = fake.post(TTS, {"input_text": "x" * 50_001, "voice_id": STOCK_ID})
    assert huge["code"] == 1003
    assert huge["msg"].startswith("input_text:")


def test_change_walks_to_completion_and_failure_in_the_changer_list(fake: Fake) -> None:
    body = {
        "voice_id": STOCK_ID,
        "source_voice_file": SOURCE,
        "voice_options": {"stability": 0.9, "speed": 1},
    }
    data = fake.post(CHANGE, body)["data"]
    assert (data["status"], data["duration"], data["source_voice_file"]) == (1, 12_800, SOURCE)
    assert data["file_name"] == "1749098405491-5858-1749019840512audio.mp3"
    assert data["voice_options"]["stability"] == 0.9
    fake.clock.advance(20)
    assert result(fake, data["_id"])["data"]["result"]["preview"].endswith(".mp3")
    other = fake.post(CHANGE, body)["data"]
    fake.request("POST", f"/_mock/jobs/{other['_id']}/fail", body={"reason": "bad audio"})
    failed = result(fake, other["_id"])["data"]["result"]
    assert failed | FAILED_FIELDS == failed
    listed = fake.get(RESULTS, type=2)["data"]["result"]
    assert [(r["_id"], r["status"]) for r in listed] == [(other["_id"], 4), (data["_id"], 3)]
    assert fake.get(RESULTS, type=1)["data"]["count"] == 0


def test_change_refuses_an_unknown_voice(fake: Fake) -> None:
    answer = fake.post(CHANGE, {"voice_id": "missing", "source_voice_file": SOURCE})
    assert answer["code"] == 1003
    assert answer["msg"].startswith("voice_id:")


def test_results_under_the_polls_policy(fake_factory: Callable[..., Fake]) -> None:
    fake = fake_factory(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    data = fake.post(TTS, {"input_text": "Hello", "voice_id": STOCK_ID})["data"]
    seen = [result(fake, data["_id"])["data"]["result"]["status"] for _ in range(4)]
    assert seen == [1, 2, 2, 3]
    # The page sends clients to the result list: listing counts as a poll too.
    changed = fake.post(CHANGE, {"voice_id": STOCK_ID, "source_voice_file": SOURCE})["data"]
    statuses = [fake.get(RESULTS, type=2)["data"]["result"][0]["status"] for _ in range(4)]
    assert statuses == [1, 2, 2, 3]
    assert result(fake, changed["_id"])["data"]["result"]["preview"]


def test_unknown_result_detail_is_1014(fake: Fake) -> None:
    answer = result(fake, "000000000000000000000000")
    assert answer == {"code": 1014, "msg": "ResourceId:000000000000000000000000 resource not found"}
    voice_doc = clone(fake)
    assert result(fake, voice_doc["_id"])["code"] == 1014  # a voice is not a voice result


# ----- delete -----------------------------------------------------------------------------------------
def test_delete_removes_own_clones_and_reports_the_rest(fake: Fake) -> None:
    own = completed_clone(fake)
    spoken = fake.post(TTS, {"input_text": "kept", "voice_id": own["voice_id"]})["data"]
    answer = fake.post(DELETE, {"_ids": [own["_id"], STOCK_ID, "6881cd86618fa41c89557b0c"]})
    assert answer["msg"] == "Delete voice successfully"
    assert answer["data"]["successIds"] == [own["_id"]]
    assert answer["data"]["noPermissionVoices"] == [
        {"_id": STOCK_ID, "msg": f"VoiceId:{STOCK_ID} no permission to delete an Akool voice"},
        {"_id": "6881cd86618fa41c89557b0c", "msg": "VoiceId:6881cd86618fa41c89557b0c resource not found"},
    ]
    assert voice(fake, own["_id"])["code"] == 1014
    assert fake.get(VOICES, type=1)["data"]["count"] == 0
    assert fake.post(TTS, {"input_text": "hi", "voice_id": own["voice_id"]})["code"] == 1003
    assert result(fake, spoken["_id"])["code"] == 1000  # results outlive their voice
    assert voice(fake, STOCK_ID)["code"] == 1000  # stock voices cannot be deleted
    again = fake.post(DELETE, {"_ids": [own["_id"]]})["data"]
    assert again["successIds"] == []


# ----- isolation --------------------------------------------------------------------------------------
def test_another_account_sees_none_of_the_first_accounts_voices_or_results(fake: Fake) -> None:
    own = completed_clone(fake)
    spoken = fake.post(TTS, {"input_text": "mine", "voice_id": own["voice_id"]})["data"]
    who = other_account(fake)
    assert as_other(fake, who, "GET", f"/api/open/v4/voice/detail/{own['_id']}")["code"] == 1014
    assert as_other(fake, who, "GET", f"/api/open/v4/voice/resource/detail/{spoken['_id']}")["code"] == 1014
    assert as_other(fake, who, "GET", VOICES, query={"type": 1})["data"]["count"] == 0
    assert as_other(fake, who, "GET", RESULTS, query={"type": 1})["data"]["count"] == 0
    used = as_other(fake, who, "POST", TTS, body={"input_text": "hi", "voice_id": own["voice_id"]})
    assert used["code"] == 1003
    refused = as_other(fake, who, "POST", DELETE, body={"_ids": [own["_id"]]})["data"]
    assert refused["noPermissionVoices"] == [
        {"_id": own["_id"], "msg": f"VoiceId:{own['_id']} resource not found"}
    ]
    assert voice(fake, own["_id"])["data"]["status"] == 3


# ----- properties -------------------------------------------------------------------------------------
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.integers(1, 6), size=st.integers(1, 15))
def test_stock_paging_never_exceeds_size_and_covers_the_catalog(fake: Fake, page: int, size: int) -> None:
    data = listed(fake, "voices.list", type=2, page=page, size=size)
    catalog = fake.backend.seeded["voices"]
    assert len(data["result"]) <= size
    assert data["count"] == len(catalog)
    expected = [v["_id"] for v in catalog][(page - 1) * size : page * size]
    assert [v["_id"] for v in data["result"]] == expected


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    gender=st.sampled_from(["", "Male", "female", "Male,Female", "x"]),
    style=st.sampled_from(["", "Calm", "authoritative,Happy", "none"]),
    name=st.sampled_from(["", "my", "VOICE", "zz"]),
)
def test_every_listed_stock_voice_matches_the_filters(fake: Fake, gender: str, style: str, name: str) -> None:
    query = {k: v for k, v in {"gender": gender, "style": style, "name": name}.items() if v}
    for item in fake.get(VOICES, type=2, size=100, **query)["data"]["result"]:
        if gender:
            assert item["gender"].lower() in gender.lower().split(",")
        if style:
            assert {s.lower() for s in item["style"]} & set(style.lower().split(","))
        if name:
            assert name.lower() in item["name"].lower()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10)
@given(kinds=st.lists(st.sampled_from(["clone", "tts", "change"]), min_size=1, max_size=4))
def test_ids_of_another_owner_are_never_visible(fake_factory: Callable[..., Fake], kinds: list[str]) -> None:
    fake = fake_factory()
    who = other_account(fake)
    made: list[str] = []
    for kind in kinds:
        if kind == "clone":
            made.append(clone(fake)["_id"])
        else:
            body = {"input_text": "hi", "voice_id": STOCK_ID, "source_voice_file": SOURCE}
            made.append(fake.post(TTS if kind == "tts" else CHANGE, body)["data"]["_id"])
    for made_id in made:
        for path in ("/api/open/v4/voice/detail/", "/api/open/v4/voice/resource/detail/"):
            assert as_other(fake, who, "GET", path + made_id)["code"] == 1014
    for list_type, path in ((1, VOICES), (1, RESULTS), (2, RESULTS)):
        assert as_other(fake, who, "GET", path, query={"type": list_type})["data"]["result"] == []
