"""ids.py: `--seed` repeats ids, never credentials (NOTES.md #seeded-secrets)."""

from __future__ import annotations

from akool_mock.mock_server.clock import ManualClock
from akool_mock.mock_server.ids import IdFactory
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
