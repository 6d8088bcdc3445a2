"""Plans per account (mock_server/plans.py): the documented limits, their codes, config and control API."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.plans import DEFAULT_PLAN, PLANS
from akool_mock.mock_server.settings import ConfigError, build_settings
from tests.mock_server.conftest import Fake, make_fake
from tests.support.scenarios import valid_body
from tests.support.targets import PipelineApi

CLONE = "/api/open/v4/voice/clone"
TTS = "/api/open/v4/voice/tts"
CHARACTER_SWAP = "/api/open/v4/characterSwap/create"
JARVIS = "/api/open/v3/content/analysis/sentiment"
I2V = "/api/open/v4/image2Video/createBySourcePrompt"


def _account(fake: Fake, plan: str | None = None) -> dict[str, str]:
    body: dict[str, Any] = {"credits": 100_000}
    if plan:
        body["plan"] = plan
    made = fake.request("POST", "/_mock/accounts", body=body).body
    return {"x-api-key": made["api_key"]}


def _call(fake: Fake, op_id: str, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    op = fake.backend.catalog.operation(op_id)
    body = {**valid_body(PipelineApi(fake), op), **changes}
    answer: dict[str, Any] = fake.request(op.method, op.path, body=body, headers=headers).body
    return answer


def test_the_default_plan_allows_everything(fake: Fake) -> None:
    assert DEFAULT_PLAN == "enterprise"
    assert fake.get("/_mock/accounts")["accounts"][0]["plan"] == "enterprise"
    headers = _account(fake)
    for op_id in ("character_swap.create", "jarvis.create_analysis", "voices.clone"):
        assert _call(fake, op_id, headers)["code"] == 1000, op_id


@pytest.mark.parametrize(
    ("op_id", "changes", "needed"),
    [
        ("character_swap.create", {}, "pro"),
        ("jarvis.create_analysis", {}, "enterprise"),
        ("voices.clone", {}, "pro"),
        ("image2video.create", {"video_length": 10}, "pro"),
        ("image2video.create", {"is_premium_model": True}, "pro"),
    ],
)
def test_features_above_the_plan_answer_1213(op_id: str, changes: dict[str, Any], needed: str) -> None:
    fake = make_fake()
    needed_rank = PLANS[needed].rank
    for plan in PLANS.values():
        headers = _account(fake, plan.name)
        before = fake.get("/_mock/jobs")["count"]
        answer = _call(fake, op_id, headers, **changes)
        if plan.rank < needed_rank:
            assert answer["code"] == 1213, (plan.name, answer)
            assert needed in answer["msg"]
            assert fake.get("/_mock/jobs")["count"] == before  # nothing made, nothing charged
        else:
            assert answer["code"] == 1000, (plan.name, answer)


def test_voice_clone_count_is_the_plans(fake: Fake) -> None:
    """Pro: 30 instant voice clones (the VoiceLab rates); the 31st answers 1006; a failure frees a slot."""
    headers = _account(fake, "pro")
    ids = [_call(fake, "voices.clone", headers)["data"]["_id"] for _ in range(30)]
    refused = _call(fake, "voices.clone", headers)
    assert refused["code"] == 1006
    assert "30" in refused["msg"]
    fake.request("POST", f"/_mock/jobs/{ids[0]}/fail", body={"reason": "noisy sample"})
    assert _call(fake, "voices.clone", headers)["code"] == 1000


@pytest.mark.parametrize(("plan", "limit"), [("pro", 5_000), ("max", 10_000), ("business", 50_000)])
def test_tts_text_is_limited_per_plan(fake: Fake, plan: str, limit: int) -> None:
    headers = _account(fake, plan)
    assert _call(fake, "voices.tts", headers, input_text="a" * limit)["code"] == 1000
    over = _call(fake, "voices.tts", headers, input_text="a" * (limit + 1))
    assert over["code"] == 1003
    assert over["msg"].startswith("input_text")


def test_the_plan_is_set_by_config_and_changed_by_the_control_api() -> None:
    settings = build_settings(
        {"accounts": [{"client_id": "AKmockClientId0000000009", "api_key": "k" * 32, "plan": "pro"}]},
        clock="manual",
        seed=7,
    )
    fake = make_fake(settings)
    assert [a["plan"] for a in fake.get("/_mock/accounts")["accounts"]] == ["pro"]
    headers = {"x-api-key": "k" * 32}
    assert _call(fake, "jarvis.create_analysis", headers)["code"] == 1213
    updated = fake.request("POST", "/_mock/accounts/AKmockClientId0000000009", body={"plan": "enterprise"})
    assert updated.body["plan"] == "enterprise"
    assert _call(fake, "jarvis.create_analysis", headers)["code"] == 1000
    assert (
        fake.request("POST", "/_mock/accounts/AKmockClientId0000000009", body={"plan": "gold"}).status == 409
    )
    with pytest.raises(ConfigError, match="plan"):
        build_settings(
            {"accounts": [{"client_id": "AKmockClientId0000000009", "api_key": "k" * 32, "plan": "x"}]}
        )


def test_talking_avatar_text_is_limited_per_plan(fake: Fake) -> None:
    headers = _account(fake, "pro")
    body = valid_body(PipelineApi(fake), fake.backend.catalog.operation("talking_avatar.create"))
    index = next(i for i, e in enumerate(body["elements"]) if e.get("input_text"))
    body["elements"][index] = {**body["elements"][index], "input_text": "a" * 5_001}
    answer = fake.request("POST", "/api/open/v3/talkingavatar/create", body=body, headers=headers).body
    assert answer["code"] == 1003
    assert answer["msg"].startswith(f"elements[{index}].input_text")
