"""`--state-file`: a restart, even after kill -9, loses nothing that had been acknowledged."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx

from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, build_settings
from tests.mock_server.conftest import Fake, make_fake
from tests.support.servers import receiver, serve

FACE = {"path": "https://example.com/face.png", "opts": "262,175:363,175:313,215:272,279"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
POLL = "/api/open/v3/faceswap/result/listbyids"
KB = "/api/open/v4/knowledge"


def fake_on(path: Path, **overrides: object) -> Fake:
    return make_fake(build_settings({"state_file": str(path)}, clock="manual", seed=5, **overrides))


def test_everything_acknowledged_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    job = first.post(CREATE, JOB)["data"]["_id"]
    first.clock.advance(6)
    first.get(POLL, _ids=job)  # processing now
    other = first.request("POST", "/_mock/accounts", body={"credits": 7}).body
    token = first.post(
        "/api/open/v3/getToken", {"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY}
    )
    kb = first.post(f"{KB}/create", {"name": "docs"})["data"]["_id"]
    credit = first.get("/api/open/v3/faceswap/quota/info")["data"]["credit"]

    second = fake_on(state)
    assert second.backend.now() >= first.backend.now()
    assert second.get(POLL, _ids=job)["data"]["result"][0]["faceswap_status"] == 2
    assert second.get("/api/open/v3/faceswap/quota/info")["data"]["credit"] == credit
    bearer = {"authorization": f"Bearer {token['token']}"}
    assert second.request("GET", "/api/open/v3/faceswap/quota/info", headers=bearer).body["code"] == 1000
    other_quota = second.request(
        "GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": other["api_key"]}
    )
    assert other_quota.body["data"]["credit"] == 7
    assert second.get(f"{KB}/detail", id=kb)["data"]["name"] == "docs"
    second.clock.advance(60)
    assert second.get(POLL, _ids=job)["data"]["result"][0]["faceswap_status"] == 3  # the lifecycle resumed
    assert second.post(CREATE, JOB)["data"]["_id"] != job  # ids go on, never repeat


def test_reset_empties_the_state_file(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    job = first.post(CREATE, JOB)["data"]["_id"]
    first.request("POST", "/_mock/reset")
    second = fake_on(state)
    assert second.get(POLL, _ids=job)["data"]["result"] == []


def test_kill_9_loses_nothing_and_pending_webhooks_resume(tmp_path: Path) -> None:
    state = str(tmp_path / "akool.sqlite")
    answers = iter([500] * 100)
    with receiver(lambda _n: next(answers, 200)) as hook:
        with serve("--clock", "manual", "--seed", "9", "--state-file", state) as served:
            client = httpx.Client(
                base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10
            )
            with client:
                job = client.post(CREATE, json={**JOB, "webhookUrl": hook.url}).json()["data"]["_id"]
                client.post(f"/_mock/jobs/{job}/complete")
                hook.wait_for(1)
            served.process.send_signal(signal.SIGKILL)
            served.process.wait()
        answers = iter([])  # the receiver now acknowledges everything
        with (
            serve("--clock", "manual", "--seed", "9", "--state-file", state) as served,
            httpx.Client(
                base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10
            ) as client,
        ):
            item = client.get(POLL, params={"_ids": job}).json()["data"]["result"][0]
            assert item["faceswap_status"] == 3
            log = client.get("/_mock/webhooks", params={"job": job}).json()["deliveries"]
            assert [d["payload"]["status"] for d in log] == [2, 3]
            client.post("/_mock/clock/advance", json={"seconds": 3600})
            bodies = hook.wait_for(3, timeout=10)
            assert len(bodies) >= 3  # the failed first delivery was retried after the restart
