"""`akool.serve()`: the in-process fake on a real loopback port, one Backend and clock for both sides."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from akool_mock.mock_server.inprocess import FakeAkool

QUOTA = "/api/open/v3/faceswap/quota/info"
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
POLL = "/api/open/v3/faceswap/result/listbyids"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
SWAP = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}

CHILD = """
import json, sys, urllib.request
base, key = sys.argv[1], sys.argv[2]
body = json.dumps(json.loads(sys.argv[3])).encode()
request = urllib.request.Request(base + "/api/open/v3/faceswap/highquality/specifyimage", data=body,
                                 headers={"x-api-key": key, "content-type": "application/json"})
print(urllib.request.urlopen(request, timeout=10).read().decode())
"""


def test_a_subprocess_and_the_test_share_one_fake() -> None:
    events: list[int] = []
    with FakeAkool(receiver=lambda _url, body: events.append(len(body)) and None) as akool:
        url = akool.serve()
        assert url.startswith("http://127.0.0.1:")
        assert akool.serve() == url  # started once
        body = json.dumps({**SWAP, "webhookUrl": "https://app.example/hook"})
        child = subprocess.run(
            [sys.executable, "-c", CHILD, url, akool.api_key, body],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert child.returncode == 0, child.stderr
        job_id = json.loads(child.stdout)["data"]["_id"]
        akool.jobs.complete(job_id)  # the test drives a job the subprocess created
        answer = httpx.get(
            f"https://openapi.akool.com{POLL}", params={"_ids": job_id}, headers={"x-api-key": akool.api_key}
        )
        assert answer.json()["data"]["result"][0]["faceswap_status"] == 3
        assert len(events) == 2  # its webhooks went to the receiver, in the process
        akool.assert_called("faceswap.create_image", times=1)


def test_the_port_sees_the_clock_and_jobs_of_the_in_process_side() -> None:
    with (
        FakeAkool() as akool,
        httpx.Client(base_url=akool.serve(), headers={"x-api-key": akool.api_key}) as port,
    ):
        created = httpx.post(
            f"https://openapi.akool.com{CREATE}", json=SWAP, headers={"x-api-key": akool.api_key}
        )
        job_id = created.json()["data"]["_id"]
        akool.clock.advance(60)
        assert port.get(POLL, params={"_ids": job_id}).json()["data"]["result"][0]["faceswap_status"] == 3
        assert port.get(QUOTA).json()["code"] == 1000
        assert port.get("/_mock/clock").json()["now_ms"] == akool.clock.now_ms()


def test_result_media_from_the_port_can_be_fetched_from_the_port() -> None:
    with FakeAkool() as akool, httpx.Client(headers={"x-api-key": akool.api_key}) as port:
        base = akool.serve()
        job_id = port.post(base + CREATE, json=SWAP).json()["data"]["_id"]
        akool.jobs.complete(job_id)
        served = port.get(base + POLL, params={"_ids": job_id}).json()["data"]["result"][0]["url"]
        assert served.startswith(f"{base}/_mock/media/")
        media = port.get(served)
        assert media.status_code == 200
        assert media.headers["content-type"].startswith("image/")
        # in-process, the same job's URL names the in-process host, which the in-process routes answer
        inside = httpx.get(
            f"https://openapi.akool.com{POLL}", params={"_ids": job_id}, headers={"x-api-key": akool.api_key}
        ).json()["data"]["result"][0]["url"]
        assert inside == served.replace(base, "https://openapi.akool.com")
        assert httpx.get(inside).content == media.content


def test_the_port_closes_with_the_fake() -> None:
    with FakeAkool() as akool:
        url = akool.serve()
        assert httpx.get(url + QUOTA, headers={"x-api-key": akool.api_key}).status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + QUOTA, timeout=2)
