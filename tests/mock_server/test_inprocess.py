"""FakeAkool: a context manager and a decorator (sync and async) routing both Akool hosts, no sockets."""

from __future__ import annotations

import httpx
import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from tests.support.servers import receiver

QUOTA = "https://openapi.akool.com/api/open/v3/faceswap/quota/info"
LEGACY = "https://sg3.akool.com/detect"
fake = FakeAkool(seed=1)


@fake
def test_as_a_decorator_of_a_sync_test() -> None:
    answer = httpx.get(QUOTA, headers={"x-api-key": fake.api_key}).json()
    assert answer["code"] == 1000


@pytest.mark.anyio
@fake
async def test_as_a_decorator_of_an_async_test() -> None:
    async with httpx.AsyncClient() as client:
        answer = (await client.get(QUOTA, headers={"x-api-key": fake.api_key})).json()
    assert answer["code"] == 1000


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_routes_the_legacy_host_and_passes_other_hosts_through() -> None:
    with receiver() as hook, FakeAkool() as akool:
        body = {"single_face": True, "image_url": "https://e.com/a.png"}
        legacy = httpx.post(LEGACY, json=body, headers={"x-api-key": akool.api_key})
        assert legacy.json()["error_code"] == 0
        assert httpx.post(hook.url, json={"ping": 1}).status_code == 200  # a real socket, not the fake
        assert hook.wait_for(1) == [{"ping": 1}]
        assert akool.journal[-1]["path"] == "/detect"


def test_nothing_is_routed_after_the_context() -> None:
    with FakeAkool() as akool:
        key = akool.api_key
    with pytest.raises(httpx.HTTPError):  # the real host, unreachable from here: the fake is gone
        httpx.get(QUOTA, headers={"x-api-key": key}, timeout=2)


def test_starting_a_started_fake_leaves_nothing_routed_after_stop() -> None:
    akool = FakeAkool()
    akool.start()
    assert akool.start() is akool
    key = akool.api_key
    assert httpx.get(QUOTA, headers={"x-api-key": key}).json()["code"] == 1000
    akool.stop()
    with pytest.raises(httpx.HTTPError):  # a second set of interceptors would still answer here
        httpx.get(QUOTA, headers={"x-api-key": key}, timeout=2)


def test_faults_reach_the_client_as_transport_errors() -> None:
    with FakeAkool() as akool, httpx.Client(headers={"x-api-key": akool.api_key}, timeout=0.5) as client:
        akool.faults.add(delay_s=5, count=1)
        with pytest.raises(httpx.ReadTimeout):
            client.get(QUOTA)
        akool.faults.add(drop=True, count=1)
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(QUOTA)
        akool.faults.add(http_status=503, count=1)
        assert client.get(QUOTA).status_code == 503
        assert client.get(QUOTA).json()["code"] == 1000


def test_python_controls() -> None:
    with FakeAkool() as akool:
        other = akool.accounts.create(credits=3)
        akool.accounts.ban(other.client_id)
        answer = httpx.get(QUOTA, headers={"x-api-key": other.api_key}).json()
        assert answer["code"] == 1200
        akool.reset()
        assert akool.journal == []


CREATE = "https://openapi.akool.com/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
SWAP = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}


def test_without_a_receiver_webhooks_are_recorded_and_not_sent() -> None:
    with receiver() as hook, FakeAkool() as akool:
        body = {**SWAP, "webhookUrl": hook.url}
        httpx.post(CREATE, json=body, headers={"x-api-key": akool.api_key})
        akool.clock.advance(600)
        deliveries = akool.webhooks.deliveries
        assert [d["payload"]["status"] for d in deliveries] == [2, 3]
        assert all(d["attempts"] == [] and d["state"] == "pending" for d in deliveries)
        assert hook.bodies == []
        akool.webhooks.receiver = lambda _url, _body: 200  # a receiver set later gets them, in order
        akool.clock.advance(1)
        assert [d["state"] for d in akool.webhooks.deliveries] == ["delivered", "delivered"]


def test_sending_webhooks_over_the_network_is_an_explicit_choice() -> None:
    with receiver() as hook, FakeAkool(send_webhooks=True) as akool:
        body = {**SWAP, "webhookUrl": hook.url}
        httpx.post(CREATE, json=body, headers={"x-api-key": akool.api_key})
        akool.clock.advance(600)
        assert len(hook.wait_for(2)) == 2
        assert [d["state"] for d in akool.webhooks.deliveries] == ["delivered", "delivered"]


def test_fakes_share_what_the_catalog_determines_and_nothing_else() -> None:
    """`_pipeline` copies a per-process template: a new per-instance attribute of Pipeline must be made
    per fake there (this list says which attributes are shared)."""
    first, second = FakeAkool(), FakeAkool()
    shared = {
        "handlers",
        "error_shapes",
        "_query_types",
        "_parts",
        "_checks",
        "_exact",
        "_templated",
        "_paths",
    }
    assert set(vars(first.pipeline)) == shared | {"backend", "control"}
    assert all(getattr(first.pipeline, name) is getattr(second.pipeline, name) for name in shared)
    assert first.backend is not second.backend
    assert first.pipeline.control is not second.pipeline.control


def test_seeded_catalogs_made_once_leave_the_ids_as_if_made_again() -> None:
    import random

    from akool_mock.mock_server.seed import _make, seed_catalogs

    cached, fresh = random.Random(5), random.Random(5)
    seed_catalogs(random.Random(5))  # fill the cache
    assert seed_catalogs(cached) == _make(fresh)
    assert cached.random() == fresh.random()
