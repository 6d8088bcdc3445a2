"""`akool-mock clock|jobs|webhooks|accounts|reset|health` against a served fake on a free loopback port."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.cli import main
from akool_mock.mock_server.settings import DEFAULT_API_KEY, ConfigError, client_settings
from tests.support.servers import Receiver, Served, receiver, serve

TOKEN = "cli-token"
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": "https://e.com/m.png"}


@pytest.fixture(scope="module")
def fake() -> Iterator[tuple[Served, Receiver]]:
    with receiver() as hook, serve("--clock", "manual", "--seed", "2", "--control-token", TOKEN) as served:
        yield served, hook


@pytest.fixture
def env(fake: tuple[Served, Receiver], monkeypatch: pytest.MonkeyPatch) -> Served:
    monkeypatch.setenv("AKOOL_MOCK_URL", fake[0].base_url)
    monkeypatch.setenv("AKOOL_MOCK_CONTROL_TOKEN", TOKEN)
    main(["reset"])
    return fake[0]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def create(served: Served, hook: str | None = None) -> str:
    body = {**JOB, "webhookUrl": hook} if hook else JOB
    answer = httpx.post(
        served.base_url + CREATE, json=body, headers={"x-api-key": DEFAULT_API_KEY}, timeout=10
    )
    job_id: str = answer.json()["data"]["_id"]
    return job_id


def test_clock_show_and_advance(env: Served, capsys: pytest.CaptureFixture[str]) -> None:
    start = as_json(capsys, "clock")["now_ms"]
    moved = as_json(capsys, "clock", "advance", "60")
    assert moved["now_ms"] == start + 60_000
    assert as_json(capsys, "clock", "show")["kind"] == "manual"


def test_jobs_list_show_complete_fail(env: Served, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = create(env), create(env)
    code, out, _ = run(capsys, "jobs")
    assert code == 0
    assert first in out
    assert second in out
    assert "2 job(s)" in out
    assert as_json(capsys, "jobs", "complete", first)["status"] == 3
    failed = as_json(capsys, "jobs", "fail", second, "--reason", "no face")
    assert (failed["status"], failed["failure_reason"]) == (4, "no face")
    assert as_json(capsys, "jobs", "show", first)["status"] == 3
    only = as_json(capsys, "jobs", "list", "--status", "4")
    assert [job["id"] for job in only["jobs"]] == [second]


def test_webhooks_list_and_redeliver(
    env: Served, fake: tuple[Served, Receiver], capsys: pytest.CaptureFixture[str]
) -> None:
    hook = fake[1]
    job_id = create(env, hook.url)
    before = len(hook.bodies)
    as_json(capsys, "jobs", "complete", job_id)
    hook.wait_for(before + 2)
    listed = as_json(capsys, "webhooks", "--job", job_id)
    assert [d["payload"]["status"] for d in listed["deliveries"]] == [2, 3]
    _code, out, _ = run(capsys, "webhooks", "list", "--job", job_id)
    assert "2 delivery(ies)" in out
    again = as_json(capsys, "webhooks", "redeliver", listed["deliveries"][-1]["id"])
    assert again["job_id"] == job_id
    assert len(hook.wait_for(before + 3)) == before + 3


def test_accounts_list_and_create(env: Served, capsys: pytest.CaptureFixture[str]) -> None:
    made = as_json(capsys, "accounts", "create", "--credits", "5")
    assert len(made["api_key"]) == 32
    _code, out, _ = run(capsys, "accounts")
    assert made["client_id"] in out
    assert "credits=5" in out
    assert made["api_key"] not in out  # listed without keys


def test_reset_forgets_jobs(env: Served, capsys: pytest.CaptureFixture[str]) -> None:
    create(env)
    assert as_json(capsys, "reset") == {"reset": True}
    assert as_json(capsys, "jobs")["count"] == 0


def test_health(env: Served, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "health")
    assert code == 0
    assert out.startswith("ok akool-mock")


def test_errors_are_one_line_and_exit_1(env: Served, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "jobs", "show", "000000000000000000000000")
    assert code == 1
    assert "HTTP 404" in err
    assert "no job" in err
    code, _, err = run(capsys, "jobs", "complete")
    assert (code, "needs a job id" in err) == (1, True)


def test_a_wrong_token_is_refused(
    fake: tuple[Served, Receiver], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("AKOOL_MOCK_CONTROL_TOKEN", raising=False)
    code, _, err = run(capsys, "jobs", "--url", fake[0].base_url, "--control-token", "wrong")
    assert code == 1
    assert "401" in err


def test_no_server_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    from akool_mock.contract_tests.serve import free_port

    code, _, err = run(capsys, "clock", "--url", f"http://127.0.0.1:{free_port()}")
    assert code == 1
    assert "cannot reach" in err


def test_client_settings_from_flags_and_environment() -> None:
    assert client_settings(environ={}).url == "http://127.0.0.1:8000"
    assert client_settings(environ={"AKOOL_MOCK_PORT": "9001"}).url == "http://127.0.0.1:9001"
    found = client_settings(environ={"AKOOL_MOCK_URL": "http://fake:1/", "AKOOL_MOCK_CONTROL_TOKEN": "t"})
    assert (found.url, found.control_token, found.api_key) == ("http://fake:1", "t", DEFAULT_API_KEY)
    assert (
        client_settings("http://x:2", "u", "k" * 32, {"AKOOL_MOCK_URL": "http://fake:1"}).url == "http://x:2"
    )
    with pytest.raises(ConfigError, match="AKOOL_MOCK_URL"):
        client_settings(environ={"AKOOL_MOCK_URL": "fake:1"})
