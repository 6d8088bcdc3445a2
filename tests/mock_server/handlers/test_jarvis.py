"""jarvis.*: Jarvis Moderator analyses and their infobyid poll."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.settings import build_settings
from tests.mock_server.conftest import Fake, make_fake

CREATE = "/api/open/v3/content/analysis/sentiment"
INFO = "/api/open/v3/content/analysis/infobyid"
FOOD = "https://drz0f01yeq1cx.cloudfront.net/1714023431475-food.jpg"
CONCLUSIONS = {"Non-Compliant", "Compliant", "Unknown"}


def _account(fake: Fake, credits: float = 1000) -> dict[str, str]:
    created = fake.request("POST", "/_mock/accounts", body={"credits": credits}).body
    return {"x-api-key": created["api_key"]}


def _credits(fake: Fake) -> float:
    return float(fake.backend.accounts["AKmockClientId0000000001"].credits)


def _info(fake: Fake, analysis_id: str, headers: dict[str, str] | None = None) -> Any:
    return fake.request("GET", INFO, query={"_id": analysis_id}, headers=headers).body


def _create(fake: Fake, **body: Any) -> str:
    answer = fake.post(CREATE, body or {"type": 1, "content": FOOD, "webhookUrl": ""})
    assert answer["code"] == 1000, answer
    return str(answer["data"]["_id"])


def test_create_answers_a_queued_analysis_with_an_empty_result(fake: Fake) -> None:
    data = fake.post(CREATE, {"type": 1, "content": FOOD, "webhookUrl": ""})["data"]
    assert (data["status"], data["result"], data["type"], data["__v"], data["webhookUrl"]) == (
        1,
        "",
        1,
        0,
        "",
    )
    assert "final_conclusion" not in data


def test_an_analysis_walks_the_clock_to_its_verdict(fake: Fake) -> None:
    analysis_id = _create(fake, type=4, content="Buy now and get a discount code!", language="en")
    fake.clock.advance(5)
    processing = _info(fake, analysis_id)["data"]
    assert (processing["status"], processing["result"], processing["final_conclusion"]) == (2, "", "")
    fake.clock.advance(25)
    done = _info(fake, analysis_id)["data"]
    assert done["status"] == 3
    assert done["final_conclusion"] == "Non-Compliant"
    assert done["result"].endswith("Result: Non-Compliant")
    assert "advertising" in done["result"]


def test_clean_text_is_compliant(fake: Fake) -> None:
    analysis_id = _create(fake, type=4, content="The weather is lovely today.")
    fake.request("POST", f"/_mock/jobs/{analysis_id}/complete")
    data = _info(fake, analysis_id)["data"]
    assert (data["final_conclusion"], data["result"].splitlines()[-1]) == ("Compliant", "Result: Compliant")


def test_input_defines_customized_content(fake: Fake) -> None:
    analysis_id = _create(fake, type=4, content="Our rival brand Zorbo is great", input="zorbo")
    fake.request("POST", f"/_mock/jobs/{analysis_id}/complete")
    data = _info(fake, analysis_id)["data"]
    assert data["final_conclusion"] == "Non-Compliant"
    assert "customized content" in data["result"]


def test_media_analyses_end_with_one_of_the_three_conclusions(fake: Fake) -> None:
    for content_type in (1, 2, 3):
        analysis_id = _create(fake, type=content_type, content=FOOD)
        fake.request("POST", f"/_mock/jobs/{analysis_id}/complete")
        data = _info(fake, analysis_id)["data"]
        assert data["final_conclusion"] in CONCLUSIONS
        assert data["result"].endswith(f"Result: {data['final_conclusion']}")


def test_a_failed_analysis_keeps_result_and_conclusion_empty(fake: Fake) -> None:
    analysis_id = _create(fake)
    fake.clock.advance(5)
    fake.request(
        "POST", f"/_mock/jobs/{analysis_id}/fail", body={"reason": "content could not be downloaded"}
    )
    data = _info(fake, analysis_id)["data"]
    assert (data["status"], data["result"], data["final_conclusion"]) == (4, "", "")


def test_polls_policy_moves_an_analysis_every_second_poll(fake_factory: Callable[..., Fake]) -> None:
    fake = fake_factory(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    analysis_id = _create(fake)
    seen = [_info(fake, analysis_id)["data"]["status"] for _ in range(4)]
    assert seen == [1, 2, 2, 3]


@pytest.mark.parametrize(
    ("body", "cost"),
    [
        ({"type": 1, "content": FOOD}, 0.2),
        ({"type": 2, "content": "https://x.example/a.mp4"}, 1.0),
        ({"type": 3, "content": "https://x.example/a.mp3"}, 0.5),
        ({"type": 4, "content": "https://x.example/a.txt"}, 0.1),
        ({"type": 4, "content": "x" * 601}, 0.2),
    ],
)
def test_credits_follow_the_content_type(fake: Fake, body: dict[str, Any], cost: float) -> None:
    before = _credits(fake)
    _create(fake, **body)
    assert _credits(fake) == pytest.approx(before - cost)


def test_shortfall_answers_1006_and_creates_nothing(fake: Fake) -> None:
    poor = _account(fake, credits=0.1)
    jobs_before = len(fake.backend.jobs)
    answer = fake.request("POST", CREATE, body={"type": 1, "content": FOOD}, headers=poor).body
    assert answer["code"] == 1006
    assert len(fake.backend.jobs) == jobs_before
    text = fake.request("POST", CREATE, body={"type": 4, "content": "short"}, headers=poor).body
    assert text["code"] == 1000


def test_unknown_and_foreign_ids_are_1008_naming_the_field(fake: Fake) -> None:
    unknown = _info(fake, "662e20b93baa7aa53169a325")
    assert (unknown["code"], unknown["msg"].split(":")[0]) == (1008, "_id")
    analysis_id = _create(fake)
    assert _info(fake, analysis_id, _account(fake))["code"] == 1008
    assert _info(fake, analysis_id)["code"] == 1000


@settings(max_examples=25, deadline=None)
@given(length=st.integers(min_value=1, max_value=3000))
def test_text_is_charged_per_started_600_characters(length: int) -> None:
    fake = make_fake()
    before = _credits(fake)
    _create(fake, type=4, content="a" * length)
    assert _credits(fake) == pytest.approx(before - 0.1 * math.ceil(length / 600))


@settings(max_examples=20, deadline=None)
@given(
    words=st.lists(st.sampled_from(["kill", "hello", "discount code", "sunny", "porn", "garden"]), min_size=1)
)
def test_text_verdict_is_non_compliant_exactly_when_a_listed_word_appears(words: list[str]) -> None:
    fake = make_fake()
    analysis_id = _create(fake, type=4, content=" ".join(words))
    fake.request("POST", f"/_mock/jobs/{analysis_id}/complete")
    flagged = any(word in ("kill", "discount code", "porn") for word in words)
    expected = "Non-Compliant" if flagged else "Compliant"
    assert _info(fake, analysis_id)["data"]["final_conclusion"] == expected


def test_the_documented_webhook_url_is_called_at_each_status(fake: Fake) -> None:
    """#audit-jarvis-webhook: `webhookUrl` gets a delivery per status, type "sentiment analysis"."""
    hook = "http://127.0.0.1:9/jarvis"
    analysis_id = _create(fake, type=1, content=FOOD, webhookUrl=hook)
    fake.request("POST", f"/_mock/jobs/{analysis_id}/complete")
    deliveries = fake.backend.outbox.for_job(analysis_id)
    assert {d.url for d in deliveries} == {hook}
    payloads = [d.payload for d in deliveries]
    assert [(p["_id"], p["status"], p["type"]) for p in payloads] == [
        (analysis_id, 2, "sentiment analysis"),
        (analysis_id, 3, "sentiment analysis"),
    ]
    assert "url" not in payloads[-1]  # a verdict, no result file: read it with infobyid
    assert payloads[-1]["deduction_credit"] > 0
    catalog = fake.backend.catalog
    assert all(catalog.store.violations(catalog.webhook.payload_schema, p) == [] for p in payloads)


def test_an_empty_webhook_url_calls_nothing(fake: Fake) -> None:
    analysis_id = _create(fake, type=1, content=FOOD, webhookUrl="")
    fake.request("POST", f"/_mock/jobs/{analysis_id}/complete")
    assert not fake.backend.outbox.for_job(analysis_id)
