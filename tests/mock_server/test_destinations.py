"""Webhook destinations: never the fake itself, whatever the spelling; an allowlist that restricts ports.

Only loopback is contacted, and no name is looked up in DNS: names resolve through an injected resolver.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.destinations import Destinations, Refused, literal_address, parse_allow
from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.settings import ConfigError, build_settings
from tests.support.servers import serve

FAKE_PORT = 8000
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
KEY = {"x-api-key": "akool-mock-api-key-0000000000000"}


def policy(**kwargs: Any) -> Destinations:
    return Destinations.for_fake(
        "127.0.0.1",
        FAKE_PORT,
        kwargs.pop("public_url", None),
        kwargs.pop("allowlist", ()),
        kwargs.pop("allow_self", False),
    )


def resolver(table: dict[str, list[str]]) -> Any:
    def resolve(host: str, _port: int) -> list[str]:
        if host not in table:
            raise OSError(f"{host}: not in the test's table")
        return table[host]

    return resolve


SELF_SPELLINGS = [
    "http://127.0.0.1:8000/_mock/reset",
    "http://localhost:8000/_mock/reset",
    "http://LOCALHOST.:8000/_mock/reset",
    "http://hooks.localhost:8000/_mock/reset",
    "http://127.1:8000/_mock/reset",
    "http://127.0.0.2:8000/_mock/reset",
    "http://0x7f000001:8000/_mock/reset",
    "http://2130706433:8000/_mock/reset",
    "http://[::1]:8000/_mock/reset",
    "http://[::ffff:127.0.0.1]:8000/_mock/reset",
    "http://0.0.0.0:8000/_mock/reset",
    "http://[::]:8000/_mock/reset",
    "http://user:pw@127.0.0.1:8000/_mock/reset",
    "http://127.0.0.1:08000/_mock/reset",
    "https://openapi.akool.com/_mock/reset",
    "https://sg3.akool.com/_mock/reset",
]


@pytest.mark.parametrize("url", SELF_SPELLINGS)
def test_no_spelling_reaches_the_fake_itself(url: str) -> None:
    with pytest.raises(Refused, match="fake itself"):
        policy().pin(url)


@pytest.mark.parametrize("url", SELF_SPELLINGS)
def test_a_test_may_allow_the_fake_itself(url: str) -> None:
    assert policy(allow_self=True).pin(url).url == url


def test_the_public_url_is_the_fake_too() -> None:
    guard = policy(public_url="https://mock.example.test:9443")
    with pytest.raises(Refused, match="fake itself"):
        guard.screen("https://mock.example.test:9443/_mock/reset")
    guard.resolver = resolver({"mock.example.test": ["203.0.113.9"]})
    assert guard.pin("https://mock.example.test/hook").headers == {"host": "mock.example.test"}


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**24 - 1), st.sampled_from(["dotted", "integer", "hex"]))
def test_every_loopback_address_on_the_fakes_port_is_refused(low: int, form: str) -> None:
    value = (127 << 24) | low
    host = {
        "dotted": ".".join(str((value >> s) & 255) for s in (24, 16, 8, 0)),
        "integer": str(value),
        "hex": hex(value),
    }[form]
    assert literal_address(host) is not None
    with pytest.raises(Refused):
        policy().screen(f"http://{host}:{FAKE_PORT}/_mock/reset")
    policy().screen(f"http://{host}:{FAKE_PORT + 1}/hooks")  # another port on loopback: a receiver


@pytest.mark.parametrize(
    "addresses", [["127.0.0.1"], ["::1"], ["203.0.113.5", "127.0.0.1"], ["::ffff:127.0.0.1"]]
)
def test_a_name_that_resolves_to_the_fake_is_refused(addresses: list[str]) -> None:
    guard = policy()
    guard.resolver = resolver({"rebind.example.test": addresses})
    guard.screen("http://rebind.example.test:8000/_mock/reset")  # the name alone says nothing
    with pytest.raises(Refused, match="fake itself"):
        guard.pin("http://rebind.example.test:8000/_mock/reset")


def test_a_name_is_pinned_to_the_address_that_was_checked() -> None:
    guard = policy()
    guard.resolver = resolver({"hooks.example.test": ["203.0.113.7"], "v6.example.test": ["2001:db8::7"]})
    target = guard.pin("https://hooks.example.test/akool?x=1")
    assert target.url == "https://203.0.113.7/akool?x=1"
    assert target.headers == {"host": "hooks.example.test"}
    assert target.extensions == {"sni_hostname": "hooks.example.test"}
    plain = guard.pin("http://v6.example.test:8080/a")
    assert plain.url == "http://[2001:db8::7]:8080/a"
    assert plain.headers == {"host": "v6.example.test:8080"}
    assert plain.extensions == {}


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
    ],
)
def test_link_local_multicast_and_reserved_addresses_are_refused(url: str) -> None:
    with pytest.raises(Refused, match=r"link-local|multicast|reserved"):
        policy().pin(url)


def test_a_name_resolving_to_metadata_is_refused() -> None:
    guard = policy()
    guard.resolver = resolver({"metadata.example.test": ["169.254.169.254"]})
    with pytest.raises(Refused, match="link-local"):
        guard.pin("http://metadata.example.test/")


@pytest.mark.parametrize(
    "url",
    ["ftp://hooks.example.test/x", "file:///etc/passwd", "http:///x", "not a url", "http://0177.0.0.1:8000/"],
)
def test_only_http_and_https_urls(url: str) -> None:
    with pytest.raises(Refused):
        policy().screen(url)


def test_an_unresolvable_name_is_refused() -> None:
    guard = policy()
    guard.resolver = resolver({})
    with pytest.raises(Refused, match="does not resolve"):
        guard.pin("http://nowhere.example.test/")


def test_the_allowlist_restricts_hosts_and_ports() -> None:
    guard = policy(
        allowlist=["hooks.example.test", "api.example.test:8443", "any.example.test:*", "[::1]:9000"]
    )
    for allowed in (
        "https://hooks.example.test/a",
        "http://hooks.example.test/a",
        "https://api.example.test:8443/a",
        "http://any.example.test:1234/a",
        "http://[::1]:9000/a",
    ):
        guard.screen(allowed)
    for refused in (
        "https://hooks.example.test:8443/a",
        "https://api.example.test/a",
        "http://other.example.test/a",
        "http://[::1]:9001/a",
        "http://127.0.0.1:9000/a",
    ):
        with pytest.raises(Refused, match="allowlist"):
            guard.screen(refused)


def test_an_allowlist_never_lets_the_fake_in() -> None:
    with pytest.raises(Refused, match="fake itself"):
        policy(allowlist=["localhost:8000"]).screen("http://localhost:8000/_mock/reset")


@pytest.mark.parametrize("entry", ["host:port", "host:99999", ":80", "[::1", "a:b:c"])
def test_bad_allowlist_entries_are_refused(entry: str) -> None:
    with pytest.raises(ValueError, match="allowlist entry"):
        parse_allow(entry)
    with pytest.raises(ConfigError, match="allowlist entry"):
        build_settings({"webhook_allowlist": [entry]})


# ----------------------------------------------------------------------------- in-process, over loopback


@dataclass
class Hook:
    url: str
    port: int
    hosts: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    redirect_to: str | None = None


@contextmanager
def hook_server() -> Iterator[Hook]:
    """A loopback receiver that records Host headers and paths; answers 307 when `redirect_to` is set."""
    state = Hook("", 0)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", "0")))
            state.hosts.append(self.headers.get("host", ""))
            state.paths.append(self.path)
            self.send_response(307 if state.redirect_to else 200)
            if state.redirect_to:
                self.send_header("location", state.redirect_to)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    state.url = f"http://127.0.0.1:{state.port}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _job_with_hook(akool: FakeAkool, url: str) -> str:
    body = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
    with httpx.Client(base_url="https://openapi.akool.com", headers={"x-api-key": akool.api_key}) as client:
        answer = client.post(CREATE, json={**body, "webhookUrl": url}).json()
    assert answer["code"] == 1000, answer
    job_id: str = answer["data"]["_id"]
    akool.jobs.advance(job_id)
    return job_id


def test_in_process_a_dns_name_goes_to_the_checked_address_with_its_host_header() -> None:
    manual = build_settings({"lifecycle": {"policy": "manual"}}, clock="manual", seed=1)
    with hook_server() as hook, FakeAkool(manual, send_webhooks=True) as akool:
        akool.backend.outbox.destinations.resolver = resolver(
            {"receiver.example.test": ["127.0.0.1"], "rebind.example.test": ["127.0.0.1"]}
        )
        good = _job_with_hook(akool, f"http://receiver.example.test:{hook.port}/hooks")
        assert [d["state"] for d in akool.webhooks.for_job(good)] == ["delivered"]
        assert hook.hosts == [f"receiver.example.test:{hook.port}"]
        bad = _job_with_hook(akool, f"http://rebind.example.test:{manual.port}/_mock/reset")
        [delivery] = akool.webhooks.for_job(bad)
        assert delivery["state"] == "refused"
        assert "fake itself" in delivery["attempts"][0]["error"]
        akool.clock.advance(3600)
        assert akool.webhooks.for_job(bad)[0]["attempts"] == delivery["attempts"], "never retried"


def test_a_redirect_is_an_answer_not_a_destination() -> None:
    manual = build_settings({"lifecycle": {"policy": "manual"}}, clock="manual", seed=1)
    with hook_server() as hook, FakeAkool(manual, send_webhooks=True) as akool:
        hook.redirect_to = "https://openapi.akool.com/_mock/reset"
        job_id = _job_with_hook(akool, hook.url)
        [delivery] = akool.webhooks.for_job(job_id)
        assert delivery["state"] == "pending"
        assert delivery["attempts"][0]["http_status"] == 307
        assert hook.paths == ["/hooks"]
        assert len(akool.jobs.all()) == 1, "the fake was not reset"


# ----------------------------------------------------------------------------- served, over loopback


def _served_job(api: httpx.Client, url: str) -> str:
    body = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
    answer = api.post(CREATE, json={**body, "webhookUrl": url}).json()
    assert answer["code"] == 1000, answer
    job_id: str = answer["data"]["_id"]
    assert api.post(f"/_mock/jobs/{job_id}/complete").status_code == 200
    return job_id


def test_served_webhooks_to_the_control_api_never_arrive(monkeypatch: pytest.MonkeyPatch) -> None:
    # The default policy, without the suite's loopback allowlist (tests/conftest.py): the refusal must come
    # from "the fake itself", whatever the spelling.
    monkeypatch.delenv("AKOOL_MOCK_WEBHOOK_ALLOW", raising=False)
    with ExitStack() as stack, serve("--clock", "manual", "--seed", "1") as served, hook_server() as hook:
        port = int(served.base_url.rsplit(":", 1)[1])
        api = stack.enter_context(httpx.Client(base_url=served.base_url, headers=KEY))
        spellings = [
            f"http://127.0.0.1:{port}/_mock/reset",
            f"http://localhost:{port}/_mock/reset",
            f"http://127.1:{port}/_mock/reset",
            f"http://0x7f000001:{port}/_mock/reset",
            f"http://[::1]:{port}/_mock/reset",
            f"http://[::ffff:127.0.0.1]:{port}/_mock/reset",
        ]
        jobs = [_served_job(api, url) for url in spellings]
        hook.redirect_to = f"http://127.0.0.1:{port}/_mock/reset"
        redirected = _served_job(api, hook.url)
        for _ in range(100):
            states = [api.get("/_mock/webhooks", params={"job": j}).json()["deliveries"] for j in jobs]
            if len(hook.paths) >= 2:
                break
            threading.Event().wait(0.05)
        assert len(api.get("/_mock/jobs").json()["jobs"]) == len(jobs) + 1, "nothing was reset"
        for job_states in states:
            assert {d["state"] for d in job_states} == {"refused"}
            assert all("fake itself" in d["attempts"][0]["error"] for d in job_states)
        redirects = api.get("/_mock/webhooks", params={"job": redirected}).json()["deliveries"]
        assert {a["http_status"] for d in redirects for a in d["attempts"]} == {307}


def test_served_allowlist_from_flag_and_control_api() -> None:
    with (
        ExitStack() as stack,
        serve("--clock", "manual", "--webhook-allow", "127.0.0.1:1") as served,
        hook_server() as hook,
    ):
        api = stack.enter_context(httpx.Client(base_url=served.base_url, headers=KEY))
        assert api.get("/_mock/webhook-policy").json() == {"allowlist": ["127.0.0.1:1"], "allow_self": False}
        refused = _served_job(api, hook.url)
        [first, _] = api.get("/_mock/webhooks", params={"job": refused}).json()["deliveries"]
        assert first["state"] == "refused"
        assert "allowlist" in first["attempts"][0]["error"]
        answer = api.post("/_mock/webhook-policy", json={"allowlist": [f"127.0.0.1:{hook.port}"]})
        assert answer.json()["allowlist"] == [f"127.0.0.1:{hook.port}"]
        _served_job(api, hook.url)
        for _ in range(100):
            if len(hook.paths) >= 2:
                break
            threading.Event().wait(0.05)
        assert len(hook.paths) == 2
        bad = api.post("/_mock/webhook-policy", json={"allowlist": ["host:port"]})
        assert bad.status_code == 400
        assert "allowlist entry" in bad.json()["error"]
        assert api.post("/_mock/webhook-policy", json={"allow_self": "yes"}).status_code == 400
        assert json.loads(api.get("/_mock/webhook-policy").text)["allowlist"] == [f"127.0.0.1:{hook.port}"]
