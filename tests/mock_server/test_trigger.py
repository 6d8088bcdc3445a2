"""`akool-mock trigger` and `akool-mock listen` against a served fake, with local webhook receivers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from akool_mock.mock_server.cli import main
from akool_mock.mock_server.control_client import ControlFailed
from akool_mock.mock_server.dispatch import send_sync
from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID
from akool_mock.mock_server.trigger import job_operations, prerequisite, trigger_body, webhook_field
from akool_mock.schemas import load_catalog
from tests.mock_server.conftest import Fake, make_fake
from tests.support.servers import Served, receiver, serve

CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": "https://e.com/m.png"}


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with serve("--clock", "manual", "--seed", "4") as fake:
        yield fake


@pytest.mark.parametrize("op_id", job_operations(load_catalog()))
def test_every_job_operation_has_a_body_the_fake_accepts(op_id: str) -> None:
    catalog = load_catalog()
    op = catalog.operation(op_id)
    body = trigger_body(catalog, op_id)
    assert op.request_errors({"body": body}) == []
    field = webhook_field(op)
    if field is not None:  # image2video.update_audio takes no webhook URL (its page has none)
        body[field] = "http://127.0.0.1:9/h"
    fake = make_fake()
    needed = prerequisite(op_id)
    if needed is not None:  # it acts on an earlier finished job: make one first
        earlier = catalog.operation(needed[0])
        assert (
            fake.request(earlier.method, earlier.path, body=trigger_body(catalog, needed[0])).body["code"]
            == 1000
        )
        [job] = fake.get("/_mock/jobs", operation=needed[0])["jobs"]
        needed[1](fake.request("POST", f"/_mock/jobs/{job['id']}/complete").body, body)
    answer = fake.request(op.method, op.path, body=body)
    assert answer.body["code"] == 1000, answer.body


def test_trigger_creates_completes_and_sends_the_webhooks(
    served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    with receiver() as hook:
        code = main(["trigger", "faceswap.create_image", "--webhook-url", hook.url, "--url", served.base_url])
        out = capsys.readouterr().out
        assert code == 0
        bodies = hook.wait_for(2)
    assert len(bodies) == 2
    assert "3 completed" in out
    assert out.count("delivered") == 2
    from akool_mock.sdk.webhooks import decrypt

    statuses = [
        json.loads(decrypt(b["dataEncrypt"], client_id=DEFAULT_CLIENT_ID, client_secret=DEFAULT_API_KEY))[
            "status"
        ]
        for b in bodies
    ]
    assert sorted(statuses) == [2, 3]  # each status is its own delivery: they may arrive in any order


@pytest.mark.parametrize("lower", ["voices.tts", "images.create_by_button", "headswap.create_task"])
def test_trigger_json_for_other_areas_and_jobs_on_earlier_jobs(
    served: Served, capsys: pytest.CaptureFixture[str], lower: str
) -> None:
    with receiver() as hook:
        code = main(["trigger", lower, "--webhook-url", hook.url, "--url", served.base_url, "--json"])
        result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["job"]["status"] == 3
    assert result["job"]["operation"] == lower
    assert {d["state"] for d in result["deliveries"]} == {"delivered"}


def test_trigger_refuses_what_is_not_a_job(served: Served, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["trigger", "faceswap.get_quota", "--url", served.base_url])
    err = capsys.readouterr().err
    assert code == 1
    assert "not a job operation" in err
    assert "faceswap.create_image" in err


def test_trigger_body_unknown_operation() -> None:
    with pytest.raises(KeyError):
        trigger_body(load_catalog(), "nope.nothing")


def test_an_operation_without_a_known_body_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from akool_mock.mock_server import trigger

    monkeypatch.setattr(trigger, "_examples", list)
    monkeypatch.setattr(trigger, "_declared", dict)
    with pytest.raises(ControlFailed, match=r"no valid request body is known for voices\.tts"):
        trigger_body(load_catalog(), "voices.tts")


def test_listen_forwards_every_delivery_whatever_the_webhook_url(served: Served) -> None:
    with receiver() as local:
        command = [
            sys.executable,
            "-m",
            "akool_mock",
            "listen",
            "--forward-to",
            local.url,
            "--url",
            served.base_url,
            "--max-events",
            "2",
        ]
        listener = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while (
                httpx.get(f"{served.base_url}/_mock/webhooks/forward", timeout=5).json()["url"] != local.url
            ):
                assert time.monotonic() < deadline, "listen never set the forward URL"
                assert listener.poll() is None, listener.stderr.read() if listener.stderr else ""
                time.sleep(0.1)
            # The job's own webhookUrl points nowhere (port 9 on loopback): the delivery goes to `local`.
            body = {
                "sourceImage": [{"path": "https://e.com/a.png", "opts": "1,1:2,2:3,3:4,4"}],
                "targetImage": [{"path": "https://e.com/b.png", "opts": "1,1:2,2:3,3:4,4"}],
                "face_enhance": 0,
                "modifyImage": "https://e.com/b.png",
                "webhookUrl": "http://127.0.0.1:9/elsewhere",
            }
            created = httpx.post(
                served.base_url + CREATE, json=body, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10
            ).json()
            job_id = created["data"]["_id"]
            httpx.post(f"{served.base_url}/_mock/jobs/{job_id}/complete", timeout=10)
            out, err = listener.communicate(timeout=60)
        finally:
            if listener.poll() is None:
                listener.terminate()
                listener.wait(timeout=20)
        assert listener.returncode == 0, err
        assert len(local.wait_for(2)) == 2
    lines = [line for line in out.splitlines() if line.startswith("wh_")]
    assert len(lines) == 2
    assert all(job_id in line and local.url in line and "delivered" in line for line in lines)
    # On exit the fake's own URLs apply again.
    assert httpx.get(f"{served.base_url}/_mock/webhooks/forward", timeout=5).json() == {"url": None}


def test_the_forward_route_validates_and_survives_a_reset(fake: Fake) -> None:
    assert fake.get("/_mock/webhooks/forward") == {"url": None}
    for bad in ("ftp://x", 5, "127.0.0.1:9"):
        assert fake.request("POST", "/_mock/webhooks/forward", body={"url": bad}).status == 400
    fake.request("POST", "/_mock/webhooks/forward", body={"url": "http://127.0.0.1:9/fwd"})
    fake.request("POST", "/_mock/reset")
    assert fake.get("/_mock/webhooks/forward") == {"url": "http://127.0.0.1:9/fwd"}
    job_id = fake.post(CREATE, {**JOB, "webhookUrl": "http://127.0.0.1:9/own"})["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    sent: list[str] = []
    send_sync(fake.backend, lambda url, _body, _headers: sent.append(url) or 200)
    assert sent == ["http://127.0.0.1:9/fwd", "http://127.0.0.1:9/fwd"]
    attempts = [d["attempts"][0] for d in fake.get("/_mock/webhooks", job=job_id)["deliveries"]]
    assert {a["url"] for a in attempts} == {"http://127.0.0.1:9/fwd"}
    fake.request("POST", "/_mock/webhooks/forward", body={"url": None})
    assert fake.backend.outbox.forward_to is None
