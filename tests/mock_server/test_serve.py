"""`akool-mock serve` as a real process, driven over HTTP with plain httpx."""

from __future__ import annotations

from contextlib import ExitStack

import httpx
import pytest

from akool_mock.mock_server.cli import main
from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID
from tests.support.servers import receiver, serve

FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
JOB = {
    "sourceImage": [FACE],
    "targetImage": [FACE],
    "face_enhance": 0,
    "modifyImage": "https://example.com/m.png",
}


def test_serve_prints_url_and_credentials_and_serves() -> None:
    with ExitStack() as stack, serve("--clock", "manual", "--seed", "1") as served:
        assert served.base_url in served.banner
        assert DEFAULT_API_KEY in served.banner
        client = stack.enter_context(
            httpx.Client(base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10)
        )
        created = client.post("/api/open/v3/faceswap/highquality/specifyimage", json=JOB).json()
        assert created["code"] == 1000
        job_id = created["data"]["_id"]
        client.post("/_mock/clock/advance", json={"seconds": 600})
        result = client.get("/api/open/v3/faceswap/result/listbyids", params={"_ids": job_id}).json()
        item = result["data"]["result"][0]
        assert item["faceswap_status"] == 3
        media = client.get(item["url"])
        assert (media.status_code, media.headers["content-type"]) == (200, "image/png")
        token = client.post(
            "/api/open/v3/getToken", json={"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY}
        ).json()["token"]
        bearer = httpx.get(
            f"{served.base_url}/api/open/v3/faceswap/quota/info", headers={"authorization": f"Bearer {token}"}
        )
        assert bearer.json()["code"] == 1000


def test_a_custom_api_key_is_masked_in_the_banner_and_works() -> None:
    custom = "my-own-key-that-is-32-chars-long"
    with serve("--clock", "manual", "--api-key", custom) as served:
        assert "x-api-key: my-o…" in served.banner
        assert custom not in served.banner
        assert DEFAULT_API_KEY not in served.banner
        quota = httpx.get(f"{served.base_url}/api/open/v3/faceswap/quota/info", headers={"x-api-key": custom})
        assert quota.json()["code"] == 1000


def test_bad_input_over_http_is_1003_and_the_server_keeps_serving() -> None:
    with ExitStack() as stack, serve("--clock", "manual") as served:
        client = stack.enter_context(
            httpx.Client(base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10)
        )
        for raw in (b"{", b"\xff", b"[" * 5000, b'{"a":1,"a":2}'):
            answer = client.post(
                "/api/open/v3/faceswap/highquality/specifyimage",
                content=raw,
                headers={"content-type": "application/json"},
            )
            assert (answer.status_code, answer.json()["code"]) == (200, 1003)
        assert client.get("/nothing/here").status_code == 404
        assert client.get("/api/open/v3/faceswap/quota/info").json()["code"] == 1000


def test_real_clock_with_speed_moves_jobs_and_delivers_webhooks() -> None:
    with ExitStack() as stack, receiver() as hook, serve("--speed", "100") as served:
        client = stack.enter_context(
            httpx.Client(base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10)
        )
        created = client.post(
            "/api/open/v3/faceswap/highquality/specifyimage", json={**JOB, "webhookUrl": hook.url}
        ).json()
        bodies = hook.wait_for(2, timeout=15)
        assert len(bodies) == 2
        assert {"signature", "dataEncrypt", "timestamp", "nonce"} <= set(bodies[0])
        deliveries = client.get("/_mock/webhooks", params={"job": created["data"]["_id"]}).json()[
            "deliveries"
        ]
        assert [d["payload"]["status"] for d in deliveries] == [2, 3]


def test_dropped_connection_fault_over_http() -> None:
    with ExitStack() as stack, serve("--clock", "manual") as served:
        client = stack.enter_context(
            httpx.Client(base_url=served.base_url, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10)
        )
        client.post("/_mock/faults", json={"drop": True, "count": 1})
        with pytest.raises(httpx.HTTPError):
            client.get("/api/open/v3/faceswap/quota/info")
        assert client.get("/api/open/v3/faceswap/quota/info").json()["code"] == 1000


def test_non_loopback_bind_requires_a_control_token(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "--control-token" in capsys.readouterr().err


def test_bad_api_key_length_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--api-key", "short", "--port", "1"]) == 2
    assert "24 or 32 bytes" in capsys.readouterr().err
