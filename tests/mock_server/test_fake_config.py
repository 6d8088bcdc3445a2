"""FakeAkool's keywords mean what the served fake's config means, and never override settings= silently."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from akool_mock.mock_server.clock import ManualClock
from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.settings import ConfigError, Lifecycle, build_settings

QUOTA = "https://openapi.akool.com/api/open/v3/faceswap/quota/info"
CREATE = "https://openapi.akool.com/api/open/v3/faceswap/highquality/specifyimage"
POLL = "https://openapi.akool.com/api/open/v3/faceswap/result/listbyids"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
SWAP = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
KEY = "k" * 32


def create(akool: FakeAkool, key: str | None = None) -> str:
    answer = httpx.post(CREATE, json=SWAP, headers={"x-api-key": key or akool.api_key}).json()
    job_id: str = answer["data"]["_id"]
    return job_id


def test_defaults_a_manual_clock_seed_0_and_result_urls_on_the_akool_host() -> None:
    fake = FakeAkool()
    assert (fake.settings.clock, fake.settings.seed) == ("manual", 0)
    assert fake.settings.base_url == "https://openapi.akool.com"


def test_the_same_seed_gives_the_same_ids_and_another_seed_others() -> None:
    ids = []
    for seed in (4, 4, 5):
        with FakeAkool(seed=seed) as akool:
            ids.append(create(akool))
    assert ids[0] == ids[1] != ids[2]


def test_settings_without_a_public_url_still_point_results_at_the_intercepted_host() -> None:
    with FakeAkool(build_settings(clock="manual", seed=2), lifecycle=None) as akool:
        job_id = create(akool)
        akool.jobs.complete(job_id)
        answer = httpx.get(POLL, params={"_ids": job_id}, headers={"x-api-key": akool.api_key}).json()
        url = answer["data"]["result"][0]["url"]
        assert url.startswith("https://openapi.akool.com/_mock/media/")
        assert httpx.get(url).status_code == 200


@pytest.mark.parametrize(
    ("keywords", "named"),
    [
        ({"seed": 3}, "seed"),
        ({"clock": "real"}, "clock"),
        ({"credits": 5}, "credits"),
        ({"lifecycle": "polls"}, "lifecycle"),
    ],
)
def test_settings_and_a_keyword_that_disagree_are_refused(keywords: dict[str, object], named: str) -> None:
    with pytest.raises(ConfigError, match=f"{named}= disagrees with settings="):
        FakeAkool(build_settings(clock="manual", seed=None), **keywords)  # type: ignore[arg-type]


def test_settings_and_a_keyword_that_agree_are_fine() -> None:
    assert FakeAkool(build_settings(clock="manual", seed=3), seed=3).settings.seed == 3


def test_a_config_file_means_what_it_means_to_akool_mock_serve(tmp_path: Path) -> None:
    config = tmp_path / "fake.toml"
    config.write_text(
        'seed = 9\n[lifecycle]\npolicy = "polls"\npolls_per_step = 2\n'
        f'[[accounts]]\nclient_id = "AKclientFromConfig00001"\napi_key = "{KEY}"\ncredits = 42\n'
    )
    with FakeAkool(config=config) as akool:
        assert (akool.settings.seed, akool.settings.lifecycle.policy, akool.client_id) == (
            9,
            "polls",
            "AKclientFromConfig00001",
        )
        assert akool.accounts.get(akool.client_id).credits == 42
    with pytest.raises(ConfigError, match=r"seed= disagrees with config"):
        FakeAkool(config=config, seed=1)
    assert FakeAkool(config=config, clock="manual").settings.seed == 9  # the file does not set the clock
    with pytest.raises(ConfigError, match="settings= or config="):
        FakeAkool(build_settings(), config=config)


def test_credits_accounts_and_speed() -> None:
    with FakeAkool(credits=1.5) as akool:
        assert akool.accounts.get(akool.client_id).credits == 1.5
    accounts = [{"client_id": "AKsecondAccount00000001", "api_key": KEY, "credits": 7}]
    with FakeAkool(accounts=accounts) as akool:
        assert akool.client_id == "AKsecondAccount00000001"
    with pytest.raises(ConfigError, match="credits in each"):
        FakeAkool(accounts=accounts, credits=1)
    assert FakeAkool(speed=60).settings.clock == "real"
    with pytest.raises(ConfigError, match="speed= needs clock='real'"):
        FakeAkool(speed=60, clock="manual")
    assert FakeAkool(clock=ManualClock()).settings.clock == "manual"


def test_lifecycle_as_a_name_a_mapping_or_an_object() -> None:
    assert FakeAkool(lifecycle="manual").settings.lifecycle.policy == "manual"
    assert (
        FakeAkool(lifecycle={"policy": "polls", "polls_per_step": 3}).settings.lifecycle.polls_per_step == 3
    )
    assert FakeAkool(lifecycle=Lifecycle(policy="immediate")).settings.lifecycle.policy == "immediate"
    with pytest.raises(ConfigError, match=r"lifecycle\.policy must be one of"):
        FakeAkool(lifecycle="instant")


def test_the_immediate_lifecycle_finishes_jobs_as_they_are_created_and_tells_every_status() -> None:
    payloads: list[int] = []
    with FakeAkool(
        lifecycle="immediate", receiver=lambda _u, body: payloads.append(len(body)) and None
    ) as akool:
        job_id = create_with_hook(akool)
        answer = httpx.get(POLL, params={"_ids": job_id}, headers={"x-api-key": akool.api_key}).json()
        assert answer["data"]["result"][0]["faceswap_status"] == 3
        assert [p["status"] for p in akool.webhooks.payloads] == [2, 3]
        assert len(payloads) == 2


def create_with_hook(akool: FakeAkool) -> str:
    body = {**SWAP, "webhookUrl": "https://app.example/h"}
    answer = httpx.post(CREATE, json=body, headers={"x-api-key": akool.api_key}).json()
    job_id: str = answer["data"]["_id"]
    return job_id


fake = FakeAkool()


@fake
def test_a_decorated_test_starts_fresh_first() -> None:
    assert fake.journal == []
    create(fake)


@fake
def test_a_decorated_test_starts_fresh_second() -> None:
    assert fake.journal == []  # the first test's job and calls are gone
    assert fake.jobs.all() == []
    create(fake)


def test_a_decorator_starts_fresh_on_every_call() -> None:
    seen: list[int] = []

    @fake
    def one_test() -> None:
        seen.append(len(fake.jobs.all()))
        create(fake)
        fake.clock.advance(30)

    one_test()
    one_test()
    assert seen == [0, 0]
    assert json.dumps(fake.settings.seed) == "0"
