"""getToken and Bearer auth (mock_server/handlers/auth.py; Backend.authenticate)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, build_settings
from tests.mock_server.conftest import Fake

TOKEN = "/api/open/v3/getToken"
MODELS = "/api/open/v4/aigModel/list"
LIVE_CREATE = "/api/open/v3/faceswap/live/create"
LIVE_CLOSE = "/api/open/v3/faceswap/live/close"
FACES = [{"path": "https://example.com/face.png", "opts": "262,175:363,175:313,215:272,279"}]
NO_AUTH: dict[str, str] = {}


def get_token(fake: Fake, client_id: str = DEFAULT_CLIENT_ID, secret: str = DEFAULT_API_KEY) -> Any:
    return fake.request(
        "POST", TOKEN, body={"clientId": client_id, "clientSecret": secret}, headers=NO_AUTH
    ).body


def token_of(fake: Fake, client_id: str = DEFAULT_CLIENT_ID, secret: str = DEFAULT_API_KEY) -> str:
    answer = get_token(fake, client_id, secret)
    assert answer["code"] == 1000, answer
    token: str = answer["token"]
    return token


def models(fake: Fake, headers: dict[str, str]) -> Any:
    return fake.request("GET", MODELS, query={"types[]": "1501"}, headers=headers).body


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_get_token_answers_code_and_token_only(fake: Fake) -> None:
    answer = get_token(fake)
    assert set(answer) == {"code", "token"}
    assert answer["token"].count(".") == 2  # shaped like a JWT, as Akool's tokens are


def test_token_authorizes_calls(fake: Fake) -> None:
    answer = models(fake, bearer(token_of(fake)))
    assert answer["code"] == 1000
    assert answer["data"]


def test_authorization_wins_over_x_api_key(fake: Fake) -> None:
    both = {"x-api-key": DEFAULT_API_KEY, **bearer("not-a-token")}
    assert models(fake, both)["code"] == 1101
    valid_token_bad_key = {"x-api-key": "wrong-key", **bearer(token_of(fake))}
    assert models(fake, valid_token_bad_key)["code"] == 1000


def test_non_bearer_scheme_is_invalid(fake: Fake) -> None:
    assert models(fake, {"authorization": f"Basic {token_of(fake)}"})["code"] == 1101


def test_missing_auth_answers_1102(fake: Fake) -> None:
    assert models(fake, NO_AUTH)["code"] == 1102


def test_wrong_credentials_answer_1101(fake: Fake) -> None:
    assert get_token(fake, secret="wrong-secret")["code"] == 1101
    assert get_token(fake, client_id="nobody-at-all-here")["code"] == 1101
    assert models(fake, {"x-api-key": "wrong-key"})["code"] == 1101


def test_empty_credentials_are_refused_before_the_handler(fake: Fake) -> None:
    # A missing field is a parameter error (1003, naming it); an empty one is 1102 (#audit-get-token-empty).
    answer = fake.request("POST", TOKEN, body={"clientSecret": "x"}, headers=NO_AUTH).body
    assert answer["code"] == 1003
    assert "clientId" in answer["msg"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"clientId": "", "clientSecret": ""}, "clientId"),
        ({"clientId": "", "clientSecret": DEFAULT_API_KEY}, "clientId"),
        ({"clientId": DEFAULT_CLIENT_ID, "clientSecret": ""}, "clientSecret"),
    ],
)
def test_empty_credentials_answer_1102_naming_the_field(fake: Fake, body: dict[str, str], field: str) -> None:
    answer = fake.request("POST", TOKEN, body=body, headers=NO_AUTH).body
    assert answer == {"code": 1102, "msg": f"{field}: Authorization cannot be empty"}


def test_token_expires_after_its_lifetime(fake_factory: Callable[..., Fake]) -> None:
    fake = fake_factory(build_settings({"token_lifetime_days": 1}, clock="manual", seed=7))
    token = token_of(fake)
    fake.clock.advance(86_399)
    assert models(fake, bearer(token))["code"] == 1000
    fake.clock.advance(1)
    assert models(fake, bearer(token))["code"] == 1101
    # A new token works again, and the API key never expires.
    assert models(fake, bearer(token_of(fake)))["code"] == 1000
    assert models(fake, {"x-api-key": DEFAULT_API_KEY})["code"] == 1000


def test_default_token_lives_more_than_a_year(fake: Fake) -> None:
    token = token_of(fake)
    fake.clock.advance(365 * 86400 - 1)
    assert models(fake, bearer(token))["code"] == 1000


def test_banned_account_gets_1200(fake: Fake) -> None:
    token = token_of(fake)
    fake.request("POST", f"/_mock/accounts/{DEFAULT_CLIENT_ID}", body={"banned": True})
    assert get_token(fake)["code"] == 1200
    assert models(fake, bearer(token))["code"] == 1200
    assert models(fake, {"x-api-key": DEFAULT_API_KEY})["code"] == 1200
    fake.request("POST", f"/_mock/accounts/{DEFAULT_CLIENT_ID}", body={"banned": False})
    assert models(fake, bearer(token))["code"] == 1000


def test_token_acts_as_its_own_account(fake: Fake) -> None:
    other = fake.request("POST", "/_mock/accounts", body={"credits": 5}).body
    other_token = token_of(fake, other["client_id"], other["api_key"])
    mine = fake.post(LIVE_CREATE, {"sourceImage": FACES})["data"]["_id"]
    closed = fake.request("POST", LIVE_CLOSE, body={"_id": mine}, headers=bearer(other_token)).body
    assert closed["code"] == 1008
    created = fake.request("POST", LIVE_CREATE, body={"sourceImage": FACES}, headers=bearer(other_token)).body
    assert created["code"] == 1000
    assert fake.backend.accounts[other["client_id"]].credits == 4  # charged to the token's account


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(secret=st.text(min_size=1, max_size=40).filter(lambda s: s != DEFAULT_API_KEY))
def test_no_wrong_secret_gets_a_token(fake: Fake, secret: str) -> None:
    assert get_token(fake, secret=secret)["code"] == 1101


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(token=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=60))
def test_no_made_up_token_is_accepted(fake: Fake, token: str) -> None:
    assert models(fake, {"x-api-key": DEFAULT_API_KEY, **bearer(token)})["code"] == 1101
