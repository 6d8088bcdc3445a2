"""The control API under /_mock/: clock, jobs, accounts, journal, faults, webhooks, media, token."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.settings import build_settings
from tests.mock_server.conftest import Fake, make_fake

FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
JOB = {
    "sourceImage": [FACE],
    "targetImage": [FACE],
    "face_enhance": 0,
    "modifyImage": "https://example.com/m.png",
}
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
POLL = "/api/open/v3/faceswap/result/listbyids"


def create(fake: Fake) -> str:
    job_id: str = fake.post(CREATE, JOB)["data"]["_id"]
    return job_id


def status(fake: Fake, job_id: str) -> Any:
    return fake.get(POLL, _ids=job_id)["data"]["result"][0]["faceswap_status"]


def test_clock_advance_moves_jobs(fake: Fake) -> None:
    job_id = create(fake)
    before = fake.request("GET", "/_mock/clock").body
    answer = fake.request("POST", "/_mock/clock/advance", body={"seconds": 3600}).body
    assert answer["now_ms"] == before["now_ms"] + 3_600_000
    assert answer["jobs_moved"] == 2
    assert status(fake, job_id) == 3


@pytest.mark.parametrize("body", [{}, {"seconds": "ten"}, {"seconds": -1}, {"seconds": True}])
def test_clock_advance_refuses_nonsense(fake: Fake, body: dict[str, Any]) -> None:
    assert fake.request("POST", "/_mock/clock/advance", body=body).status == 400


def test_speed_needs_a_real_clock(fake: Fake) -> None:
    assert fake.request("POST", "/_mock/clock/speed", body={"speed": 2}).status == 409


def test_jobs_complete_fail_advance(fake: Fake) -> None:
    a, b, c = create(fake), create(fake), create(fake)
    assert fake.request("POST", f"/_mock/jobs/{a}/complete").body["status"] == 3
    failed = fake.request("POST", f"/_mock/jobs/{b}/fail", body={"reason": "no face found"}).body
    assert (failed["status"], failed["failure_reason"]) == (4, "no face found")
    assert fake.request("POST", f"/_mock/jobs/{c}/advance").body["status"] == 2
    assert [status(fake, j) for j in (a, b, c)] == [3, 4, 2]
    assert fake.request("POST", f"/_mock/jobs/{a}/fail").status == 409  # terminal is final
    assert fake.request("GET", "/_mock/jobs/000000000000000000000000").status == 404


def test_jobs_listing_filters(fake: Fake) -> None:
    a = create(fake)
    create(fake)
    fake.request("POST", f"/_mock/jobs/{a}/complete")
    listing = fake.request("GET", "/_mock/jobs", query={"status": 3}).body
    assert [j["id"] for j in listing["jobs"]] == [a]
    assert fake.request("GET", "/_mock/jobs", query={"operation": "faceswap.create_image"}).body["count"] == 2
    assert fake.request("GET", f"/_mock/jobs/{a}").body["history"][-1]["status"] == 3


def test_accounts_create_set_credits_and_ban(fake: Fake) -> None:
    created = fake.request("POST", "/_mock/accounts", body={"credits": 1.5}).body
    assert len(created["api_key"]) == 32
    key = {"x-api-key": created["api_key"]}
    quota = fake.request("GET", "/api/open/v3/faceswap/quota/info", headers=key).body
    assert quota["data"]["credit"] == 1.5
    fake.request("POST", f"/_mock/accounts/{created['client_id']}", body={"credits": 0})
    assert fake.request("POST", CREATE, body=JOB, headers=key).body["code"] == 1006
    fake.request("POST", f"/_mock/accounts/{created['client_id']}", body={"banned": True})
    assert fake.request("GET", "/api/open/v3/faceswap/quota/info", headers=key).body["code"] == 1200
    listed = fake.request("GET", "/_mock/accounts").body["accounts"]
    assert all("api_key" not in a for a in listed), "keys are never listed"


def test_accounts_refuse_bad_keys(fake: Fake) -> None:
    assert fake.request("POST", "/_mock/accounts", body={"api_key": "short"}).status == 409


def test_reset_forgets_everything_and_repeats_ids(fake: Fake) -> None:
    first = create(fake)
    fake.request("POST", "/_mock/accounts", body={})
    fake.request("POST", "/_mock/reset")
    assert fake.request("GET", "/_mock/jobs").body["count"] == 0
    assert len(fake.request("GET", "/_mock/accounts").body["accounts"]) == 1
    assert create(fake) == first


def test_media_serves_the_right_type_and_expires(fake: Fake) -> None:
    job_id = create(fake)
    path = f"/_mock/media/{job_id}.png"
    assert fake.request("GET", path).status == 404  # not finished yet
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    media = fake.request("GET", path)
    assert (media.status, media.content_type) == (200, "image/png")
    assert media.raw.startswith(b"\x89PNG")
    fake.clock.advance(7 * 24 * 3600 + 1)
    assert fake.request("GET", path).status == 404


def test_unknown_control_route(fake: Fake) -> None:
    assert fake.request("GET", "/_mock/nothing").status == 404


def test_bad_json_to_control(fake: Fake) -> None:
    answer = fake.request(
        "POST", "/_mock/clock/advance", raw=b"{", headers={"content-type": "application/json"}
    )
    assert answer.status == 400


def test_control_token_is_required_when_set() -> None:
    fake = make_fake(build_settings(clock="manual", seed=1, control_token="s3cret"))
    assert fake.request("GET", "/_mock/jobs").status == 401
    assert fake.request("GET", "/_mock/jobs", headers={"x-akool-mock-token": "s3cret"}).status == 200
    assert (
        fake.request("GET", "/_mock/media/000000000000000000000000.png").status == 404
    )  # media needs no token


def test_faults_answer_a_code_then_stop(fake: Fake) -> None:
    fake.request("POST", "/_mock/faults", body={"operation": "faceswap.get_quota", "count": 2, "code": 1005})
    codes = [fake.get("/api/open/v3/faceswap/quota/info")["code"] for _ in range(3)]
    assert codes == [1005, 1005, 1000]


def test_fault_http_status_and_account_scope(fake: Fake) -> None:
    other = fake.request("POST", "/_mock/accounts", body={}).body
    fake.request(
        "POST", "/_mock/faults", body={"account": other["client_id"], "http_status": 503, "count": 1}
    )
    assert fake.request("GET", "/api/open/v3/faceswap/quota/info").status == 200
    answer = fake.request(
        "GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": other["api_key"]}, check=False
    )
    assert answer.status == 503


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"code": 1005, "count": 0},
        {"http_status": 200},
        {"delay_s": 9999},
        {"operation": "no.such", "code": 1},
    ],
)
def test_faults_refuse_nonsense(fake: Fake, body: dict[str, Any]) -> None:
    assert fake.request("POST", "/_mock/faults", body=body).status in (400, 409)


def test_fault_listing_and_clearing(fake: Fake) -> None:
    fake.request("POST", "/_mock/faults", body={"code": 1005})
    assert len(fake.request("GET", "/_mock/faults").body["faults"]) == 1
    fake.request("DELETE", "/_mock/faults")
    assert fake.get("/api/open/v3/faceswap/quota/info")["code"] == 1000


def test_rate_limit_answers_1005_within_one_second_of_clock(fake: Fake) -> None:
    client_id = fake.backend.settings.accounts[0].client_id
    fake.request("POST", f"/_mock/accounts/{client_id}/rate-limit", body={"per_second": 2})
    codes = [fake.get("/api/open/v3/faceswap/quota/info")["code"] for _ in range(3)]
    assert codes == [1000, 1000, 1005]
    fake.clock.advance(1.0)
    assert fake.get("/api/open/v3/faceswap/quota/info")["code"] == 1000
    fake.request("POST", f"/_mock/accounts/{client_id}/rate-limit", body={"per_second": None})
    assert all(fake.get("/api/open/v3/faceswap/quota/info")["code"] == 1000 for _ in range(5))
