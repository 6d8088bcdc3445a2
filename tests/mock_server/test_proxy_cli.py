"""`akool-mock proxy` and `akool-mock replay` as real processes: console, summary, files written on exit."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from akool_mock.contract_tests.serve import free_port, served
from akool_mock.mock_server.settings import DEFAULT_API_KEY
from tests.support import drift_upstream
from tests.support.threaded import threaded

AUTH = {"x-api-key": DEFAULT_API_KEY}
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
POLL = "/api/open/v3/faceswap/result/listbyids"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
BODY = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}


@contextmanager
def command(*args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`akool-mock <args> --port P`, until it answers on P; interrupted (Ctrl-C) and reaped at the end."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "akool_mock", *args, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{base}/_ready", timeout=1)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(process.stdout.read() if process.stdout else "did not start") from None
            time.sleep(0.05)
    try:
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_the_proxy_prints_each_exchange_and_writes_the_report_and_recording_on_exit(tmp_path: Path) -> None:
    har, report = tmp_path / "session.har", tmp_path / "drift"
    with served() as fake:
        args = [
            "proxy",
            "--upstream",
            fake,
            "--detect-upstream",
            fake,
            "--record",
            str(har),
            "--report",
            str(report),
        ]
        with command(*args) as (proxy, process), httpx.Client(headers=AUTH) as client:
            created = client.post(proxy + CREATE, json={**BODY, "webhookURL": "x"})
            job = created.json()["data"]["_id"]
            polled = client.get(f"{proxy}{POLL}?_ids={job}")
            process.send_signal(signal.SIGINT)
            out, _ = process.communicate(timeout=15)
    assert process.returncode == 0
    assert f"→ {fake}" in out
    assert "POST /api/open/v3/faceswap/highquality/specifyimage faceswap.create_image 200 code=1000" in out
    assert "ok, 1 unknown field(s)" in out
    assert "GET /api/open/v3/faceswap/result/listbyids faceswap.list_results 200 code=1000" in out
    assert "GET /_ready (not in the contract) 404" in out
    assert "akool-mock proxy: 3 exchange(s), 3 conforming, 0 with drift, 0 without an answer" in out
    assert "not in the contract: GET /_ready (1x)" in out
    figures = json.loads((tmp_path / "drift.json").read_text())
    assert (figures["exchanges"], figures["drifting"]) == (3, 0)
    assert figures["unknown_fields"][0]["path"] == "body.webhookURL"
    assert (tmp_path / "drift.md").read_text().startswith("# akool-mock proxy: drift report")
    text = har.read_text()
    assert DEFAULT_API_KEY not in text
    assert len(json.loads(text)["log"]["entries"]) == 3

    with command("replay", str(har)) as (replay, _process), httpx.Client(headers=AUTH) as client:
        again = client.post(replay + CREATE, json={**BODY, "webhookURL": "x"})
        polled_again = client.get(f"{replay}{POLL}?_ids={job}")
    assert (again.status_code, again.content) == (created.status_code, created.content)
    assert (polled_again.status_code, polled_again.content) == (polled.status_code, polled.content)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_strict_refuses_drift_and_exits_1(stop: signal.Signals) -> None:
    with (
        threaded(drift_upstream.create_app()) as upstream,
        command("proxy", "--upstream", upstream, "--strict", "--quiet") as (proxy, process),
    ):
        refused = httpx.get(f"{proxy}{POLL}?_ids=missing")
        process.send_signal(stop)
        out, _ = process.communicate(timeout=15)
    assert refused.status_code == 502
    assert refused.json()["drift"][0]["path"] == "data.result[0]._id"
    assert process.returncode == 1
    assert "faceswap.list_results response data.result[0]._id: required" in out
    assert "GET /api/open" not in out  # --quiet: no line per exchange, only the summary


def test_replay_refuses_a_file_that_is_not_a_recording(tmp_path: Path) -> None:
    bad = tmp_path / "bad.har"
    bad.write_text("[]")
    result = subprocess.run(
        [sys.executable, "-m", "akool_mock", "replay", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "not a HAR file" in result.stderr
