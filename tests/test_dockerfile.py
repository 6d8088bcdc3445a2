"""The container recipe, run outside a container: its entrypoint serves, its healthcheck sees it, and binding
to all interfaces without a control token is refused. (No container engine is needed; .ci/run builds the
image where one exists.)"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from akool_mock.contract_tests.serve import free_port, stop, wait_ready

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the final stage, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", text)
    lines = [
        line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    stages: list[list[tuple[str, str]]] = []
    for line in lines:
        word, _, rest = line.partition(" ")
        if word.upper() == "FROM":
            stages.append([])
        stages[-1].append((word.upper(), rest.strip()))
    return stages[-1]


def exec_form(arguments: str) -> list[str]:
    value = json.loads(arguments)
    assert isinstance(value, list), f"use the exec form (JSON array) so signals reach the server: {arguments}"
    return [str(item) for item in value]


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in instructions(DOCKERFILE):
        if word == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def command(name: str) -> list[str]:
    for word, rest in instructions(DOCKERFILE):
        if word == name:
            return exec_form(rest.split("CMD", 1)[1].strip() if name == "HEALTHCHECK" else rest)
    raise AssertionError(f"the Dockerfile has no {name}")


def local(argv: list[str]) -> list[str]:
    """The image's `akool-mock` console script is this interpreter's `python -m akool_mock` here."""
    assert argv[0] == "akool-mock"
    return [sys.executable, "-m", "akool_mock", *argv[1:]]


def test_the_image_runs_as_a_non_root_user_on_a_slim_base() -> None:
    found = dict(instructions(DOCKERFILE))
    assert found["USER"] not in ("root", "0")
    assert re.match(r"python:3\.\d+-slim", DOCKERFILE.split("FROM ", 1)[1])
    assert image_env()["AKOOL_MOCK_HOST"] == "0.0.0.0"


def test_entrypoint_serves_and_healthcheck_reports_healthy() -> None:
    port = free_port()
    env = {**os.environ, **image_env()}
    # As `docker run -e AKOOL_MOCK_CONTROL_TOKEN=...`; the host is narrowed to loopback for the test.
    env.update(AKOOL_MOCK_HOST="127.0.0.1", AKOOL_MOCK_PORT=str(port), AKOOL_MOCK_CONTROL_TOKEN="t0ken")
    served = subprocess.Popen(
        local(command("ENTRYPOINT") + command("CMD")),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}", served, lambda: "")
        health = subprocess.run(
            local(command("HEALTHCHECK")), env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert health.returncode == 0, health.stderr
        assert "ok" in health.stdout
    finally:
        stop(served)
        if served.stderr is not None:
            served.stderr.close()
    assert served.returncode == 0  # SIGTERM (docker stop) is a clean exit
    after = subprocess.run(
        local(command("HEALTHCHECK")), env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert after.returncode == 1
    assert "cannot reach" in after.stderr


def test_all_interfaces_without_a_token_is_refused() -> None:
    env = {**os.environ, **image_env()}
    env.pop("AKOOL_MOCK_CONTROL_TOKEN", None)
    done = subprocess.run(
        local(command("ENTRYPOINT") + command("CMD")),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "AKOOL_MOCK_CONTROL_TOKEN" in done.stderr


@pytest.mark.parametrize("name", ["compose.yaml"])
def test_compose_example_uses_the_image_and_a_token(name: str) -> None:
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    service = compose["services"]["akool-mock"]
    assert service["build"] == "."
    assert "AKOOL_MOCK_CONTROL_TOKEN" in service["environment"]
    assert all(key.startswith("AKOOL_MOCK_") for key in service["environment"])
