"""`akool-mock serve` as a service: AKOOL_MOCK_* variables, health, CORS, banner after bind, SIGTERM → 0."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests.serve import free_port, wait_ready
from akool_mock.mock_server.app import create_app
from akool_mock.mock_server.cli import build_parser, serve_settings
from akool_mock.mock_server.service import PortUnavailable, bind
from akool_mock.mock_server.settings import SERVE_FLAGS, ConfigError, Settings, build_settings, env_name
from tests.mock_server.conftest import Fake, make_fake
from tests.support.servers import serve


def asgi(settings_: Settings, method: str, path: str, headers: dict[str, str]) -> httpx.Response:
    """One request to the app over httpx's ASGI transport (no socket; the lifespan is not needed)."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(settings_))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
            return await client.request(method, path, headers=headers)

    return asyncio.run(send())


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["serve", *argv])


def test_every_serve_flag_has_an_environment_variable() -> None:
    serve_parser = build_parser()._subparsers._group_actions[0].choices["serve"]  # type: ignore[union-attr]
    flags = {action.dest for action in serve_parser._actions if action.dest != "help"}
    assert flags == set(SERVE_FLAGS)


def test_variables_set_what_flags_leave_unset() -> None:
    environ = {
        env_name("port"): "9123",
        env_name("seed"): "5",
        env_name("clock"): "manual",
        env_name("speed"): "2.5",
        env_name("control_token"): "tok",
        env_name("log_format"): "json",
        env_name("log_level"): "warning",
        env_name("cors"): "http://localhost:5173, https://app.example",
        env_name("public_url"): "http://fake:9123",
    }
    settings = serve_settings(parse(), environ)
    assert (settings.port, settings.seed, settings.clock, settings.speed) == (9123, 5, "manual", 2.5)
    assert (settings.control_token, settings.log_format, settings.log_level) == ("tok", "json", "warning")
    assert settings.cors_origins == ("http://localhost:5173", "https://app.example")
    assert settings.base_url == "http://fake:9123"
    # a flag on the command line wins over its variable
    assert serve_settings(parse("--port", "9200", "--cors"), environ).port == 9200
    assert serve_settings(parse("--cors"), {}).cors_origins == ("*",)


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("port", "eighty", "AKOOL_MOCK_PORT"),
        ("speed", "fast", "AKOOL_MOCK_SPEED"),
        ("cors", "ftp://x", "ftp"),
    ],
)
def test_bad_variables_are_named(name: str, value: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        serve_settings(parse(), {env_name(name): value})


def test_non_loopback_host_from_the_environment_still_needs_a_token() -> None:
    with pytest.raises(ConfigError, match="control-token"):
        serve_settings(parse(), {env_name("host"): "0.0.0.0"})


@settings(max_examples=20)
@given(st.sampled_from(["debug", "info", "warning", "error"]), st.sampled_from(["text", "json"]))
def test_log_settings_round_trip(level: str, fmt: str) -> None:
    settings_ = build_settings(log_level=level, log_format=fmt)
    assert (settings_.log_level, settings_.log_format) == (level, fmt)


def test_health_answers_without_the_control_token() -> None:
    fake = make_fake(build_settings(clock="manual", control_token="s3cret"))
    answer = fake.request("GET", "/_mock/health", headers={})
    assert answer.status == 200
    assert answer.body["status"] == "ok"
    assert fake.request("GET", "/_mock/jobs", headers={}).status == 401


def test_health_names_the_version(fake: Fake) -> None:
    from akool_mock import __version__

    assert fake.get("/_mock/health")["version"] == __version__


def test_cors_preflight_and_headers_only_when_asked() -> None:
    origin = "http://localhost:5173"
    preflight = {
        "origin": origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-api-key,content-type",
    }
    with_cors = build_settings(clock="manual", cors_origins=(origin,))
    quota = "/api/open/v3/faceswap/quota/info"
    answer = asgi(with_cors, "OPTIONS", "/api/open/v3/faceswap/highquality/specifyimage", preflight)
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == origin
    assert "x-api-key" in answer.headers["access-control-allow-headers"].lower()
    assert asgi(with_cors, "GET", quota, {"origin": origin}).headers["access-control-allow-origin"] == origin
    assert (
        "access-control-allow-origin"
        not in asgi(with_cors, "GET", quota, {"origin": "http://evil.example"}).headers
    )
    plain = asgi(build_settings(clock="manual"), "GET", quota, {"origin": origin})
    assert "access-control-allow-origin" not in plain.headers


def test_root_points_at_the_dashboard() -> None:
    answer = asgi(build_settings(clock="manual"), "GET", "/", {})
    assert (answer.status_code, answer.headers["location"]) == (307, "/_mock/ui")


def test_bind_refuses_a_busy_port_with_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortUnavailable, match=f"127.0.0.1:{port}"):
            bind("127.0.0.1", port)


def test_busy_port_prints_an_error_and_no_banner() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "akool_mock", "serve", "--port", port],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert "serving" not in done.stdout
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_sigterm_is_a_clean_exit_0_and_the_banner_came_after_the_bind() -> None:
    with serve("--clock", "manual") as served:
        # The banner is printed by the startup hook: by then the health route answers.
        assert "serving the Akool API" in served.banner
        assert httpx.get(f"{served.base_url}/_mock/health", timeout=5).status_code == 200
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=20) == 0


def test_serve_is_configured_by_environment_alone() -> None:
    port = free_port()
    env = {
        **os.environ,
        "AKOOL_MOCK_PORT": str(port),
        "AKOOL_MOCK_CLOCK": "manual",
        "AKOOL_MOCK_CONTROL_TOKEN": "tok-123",
        "AKOOL_MOCK_LOG_FORMAT": "json",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "akool_mock", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process, lambda: "")
        assert httpx.get(f"{base}/_mock/clock", timeout=5).status_code == 401
        clock = httpx.get(f"{base}/_mock/clock", headers={"x-akool-mock-token": "tok-123"}, timeout=5)
        assert clock.json()["kind"] == "manual"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
