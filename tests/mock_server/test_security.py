"""Security: no account sees or touches another's objects; secrets never leak; the control API is guarded."""

from __future__ import annotations

import logging
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID
from akool_mock.schemas import Operation
from tests.mock_server.conftest import Fake
from tests.support.scenarios import create_job, job_operations, poll
from tests.support.servers import serve
from tests.support.targets import PipelineApi

NOT_FOUND = {1008, 1014, 1216, 1232}


def second_account(fake: Fake) -> PipelineApi:
    """The same fake, called with a second account's key."""
    created = fake.request("POST", "/_mock/accounts", body={}).body
    return PipelineApi(fake, api_key=created["api_key"])


def invisible(answer: dict[str, Any]) -> bool:
    """Not found, or an empty result: the id does not exist for this caller."""
    if answer["code"] in NOT_FOUND:
        return True
    data = answer.get("data")
    return answer["code"] == 1000 and isinstance(data, dict) and data.get("result") == []


@pytest.mark.parametrize("op", job_operations(), ids=lambda op: op.id)
def test_another_accounts_job_does_not_exist(fake: Fake, op: Operation) -> None:
    owner = PipelineApi(fake)
    job_id = create_job(owner, op)
    intruder = second_account(fake)
    assert op.job is not None
    poller = fake.backend.catalog.operation(op.job.poll_operation)
    assert poller.poll is not None
    location, _, name = poller.poll.id_in.partition(".")
    answer = intruder.call(poller.id, **{location: {name: job_id}})
    assert invisible(answer), (op.id, answer)
    assert poll(owner, op, job_id)["_id"] == job_id  # and the owner still sees it


@pytest.mark.parametrize(
    ("op_id", "field"),
    [("faceswap.delete_results", "_ids"), ("faceswap.cancel_job", "job_ids"), ("image2video.delete", "_ids")],
)
def test_another_account_cannot_delete_or_cancel(fake: Fake, op_id: str, field: str) -> None:
    producer = {"image2video.delete": "image2video.create"}.get(op_id, "faceswap.create_image")
    create = fake.backend.catalog.operation(producer)
    owner = PipelineApi(fake)
    job_id = create_job(owner, create)
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    second_account(fake).call(op_id, body={field: job_id})
    item = poll(owner, create, job_id)
    assert item["_id"] == job_id
    assert fake.backend.jobs.get(job_id).status == 3  # type: ignore[union-attr]


def test_knowledge_streaming_and_live_sessions_are_private(fake: Fake) -> None:
    owner = PipelineApi(fake)
    kb = owner.call("knowledge.create", body={"name": "private"})["data"]["_id"]
    live = owner.call(
        "live_faceswap.create_session",
        body={"sourceImage": [{"path": "https://e.com/a.png", "opts": "1,1:2,2:3,3:4,4"}]},
    )["data"]["_id"]
    avatar = fake.get("/api/open/v4/liveAvatar/avatar/list")["data"]["result"][0]["avatar_id"]
    session = owner.call("streaming.create_session", body={"avatar_id": avatar})["data"]["_id"]
    intruder = second_account(fake)
    assert intruder.call("knowledge.get", query={"id": kb})["code"] == 1232
    assert intruder.call("knowledge.update", body={"id": kb, "name": "mine"})["code"] == 1232
    assert intruder.call("knowledge.delete", body={"id": kb})["code"] == 1232
    assert intruder.call("knowledge.list")["data"] == []
    assert intruder.call("streaming.get_session", query={"id": session})["code"] == 1216
    assert intruder.call("streaming.close_session", body={"id": session})["code"] == 1216
    assert intruder.call("streaming.list_sessions")["data"]["result"] == []
    face = [{"path": "https://e.com/b.png", "opts": "1,1:2,2:3,3:4,4"}]
    assert (
        intruder.call("live_faceswap.update_session", body={"_id": live, "sourceImage": face})["code"] == 1008
    )
    assert intruder.call("live_faceswap.close_session", body={"_id": live})["code"] == 1008
    assert owner.call("knowledge.get", query={"id": kb})["data"]["name"] == "private"
    assert owner.call("streaming.get_session", query={"id": session})["data"]["status"] in (1, 2)


def test_no_secret_reaches_the_log_or_the_journal(fake: Fake, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = fake.post(
        "/api/open/v3/getToken", {"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY}
    )
    secrets = [DEFAULT_API_KEY, token["token"]]
    fake.request(
        "GET", "/api/open/v3/faceswap/quota/info", headers={"authorization": f"Bearer {token['token']}"}
    )
    fake.request("GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": DEFAULT_API_KEY + "x"})
    fake.pipeline.handlers = {**fake.pipeline.handlers, "faceswap.get_quota": _boom}  # type: ignore[misc]
    fake.request("GET", "/api/open/v3/faceswap/quota/info", check=False)  # an internal error is logged
    exposed = [
        caplog.text,
        repr(fake.request("GET", "/_mock/journal").body),
        repr(fake.request("GET", "/_mock/accounts").body),
        repr(fake.request("GET", "/_mock/jobs").body),
    ]
    for text in exposed:
        for secret in secrets:
            assert secret not in text


def _boom(_call: Any) -> Any:
    raise RuntimeError("a bug")


def test_control_api_off_loopback_needs_its_token() -> None:
    with ExitStack() as stack:
        served = stack.enter_context(
            serve("--host", "0.0.0.0", "--control-token", "s3cret", "--clock", "manual")
        )
        client = stack.enter_context(httpx.Client(base_url=served.base_url, timeout=10))
        assert client.get("/_mock/jobs").status_code == 401
        assert client.post("/_mock/reset").status_code == 401
        assert client.post("/_mock/accounts", json={"credits": 1e9}).status_code == 401
        assert client.get("/_mock/jobs", headers={"x-akool-mock-token": "wrong"}).status_code == 401
        assert client.get("/_mock/jobs", headers={"x-akool-mock-token": "s3cret"}).status_code == 200
        quota = client.get("/api/open/v3/faceswap/quota/info", headers={"x-api-key": DEFAULT_API_KEY})
        assert quota.json()["code"] == 1000
