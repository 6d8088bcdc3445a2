"""ids.py: `--seed` repeats ids, never credentials (NOTES.md #seeded-secrets)."""

from __future__ import annotations

import subprocess
import sys

from akool_mock.mock_server.clock import ManualClock
from akool_mock.mock_server.ids import IdFactory, job_token
from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, build_settings
from tests.mock_server.conftest import Fake, make_fake

SESSION = "/api/open/v4/liveAvatar/session/create"


def seeded() -> Fake:
    return make_fake(build_settings({}, clock="manual", seed=7))


def test_the_same_seed_repeats_ids_but_no_secret() -> None:
    first, second = IdFactory(ManualClock(), seed=3), IdFactory(ManualClock(), seed=3)
    assert [first.object_id() for _ in range(3)] == [second.object_id() for _ in range(3)]
    assert first.secret(32) != second.secret(32)
    assert len(first.secret(43)) == 43
    # drawing a secret takes nothing from the seeded stream: the ids after it still agree
    assert first.object_id() == second.object_id()
    assert first.token(24) == second.token(24)


def test_two_seeded_fakes_make_the_same_ids_and_different_keys_and_tokens() -> None:
    runs = []
    for fake in (seeded(), seeded()):
        account = fake.request("POST", "/_mock/accounts", body={}).body
        token = fake.post(
            "/api/open/v3/getToken", {"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_API_KEY}
        )["token"]
        session = fake.post(SESSION, {"avatar_id": "dvp_Tristan_cloth2_1080P", "stream_type": "agora"})
        runs.append((account, token, session["data"]))
    (account_a, token_a, session_a), (account_b, token_b, session_b) = runs
    assert account_a["client_id"] == account_b["client_id"]  # an id: repeatable
    assert session_a["_id"] == session_b["_id"]
    assert account_a["api_key"] != account_b["api_key"]  # credentials: never
    assert token_a.rsplit(".", 1)[1] != token_b.rsplit(".", 1)[1]
    credentials_a, credentials_b = session_a["credentials"], session_b["credentials"]
    assert credentials_a["agora_token"] != credentials_b["agora_token"]


def test_a_fixed_key_stays_fixed_under_a_seed() -> None:
    for fake in (seeded(), seeded()):
        fixed = fake.request("POST", "/_mock/accounts", body={"api_key": "k" * 32}).body
        assert fixed["api_key"] == "k" * 32
        assert fake.backend.accounts[DEFAULT_CLIENT_ID].api_key == DEFAULT_API_KEY


def test_a_job_token_is_the_same_for_a_seed_and_name_and_differs_otherwise() -> None:
    token = job_token(7, "6774858062d82c07cdc2094e", 64)
    assert len(token) == 64
    assert token.isalnum()
    assert token.isascii()
    assert job_token(7, "6774858062d82c07cdc2094e", 64) == token
    others = {job_token(7, "6774858062d82c07cdc2094f", 64), job_token(8, "6774858062d82c07cdc2094e", 64)}
    assert token not in others
    assert len(others) == 2
    assert job_token(None, "a", 64) == job_token(None, "a", 64) != job_token(0, "a", 64)
    assert job_token(7, "a", 10) == job_token(7, "a", 64)[:10]


def test_a_seeded_clone_gets_the_same_voice_id_on_every_run() -> None:
    code = (
        "from tests.mock_server.conftest import make_fake\n"
        "from akool_mock.mock_server.settings import build_settings\n"
        "fake = make_fake(build_settings(clock='manual', seed=5))\n"
        "body = {'source_voice_file': 'https://example.com/a.mp3', 'voice_options': {}}\n"
        "job_id = fake.post('/api/open/v4/voice/clone', body)['data']['_id']\n"
        "print(fake.backend.jobs.get(job_id).planned_dict()['voice_id'])\n"
    )
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in "ab"
    }
    assert len(runs) == 1
    assert len(runs.pop().strip()) == 64
