"""secrecy.py: keys shown masked, tokens kept as digests, keys encrypted under a separate 0600 key file."""

from __future__ import annotations

import stat
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.secrecy import (
    KeyVault,
    SecretError,
    hint,
    key_file_for,
    shown_key,
    token_digest,
)
from akool_mock.mock_server.settings import DEFAULT_API_KEY

KEYS = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=24, max_size=32)
CLIENT = "AKmockClientId0000000001"


def test_the_documented_default_key_is_shown_as_documented() -> None:
    assert shown_key(DEFAULT_API_KEY) == DEFAULT_API_KEY


@given(KEYS)
@settings(max_examples=50)
def test_any_other_key_is_shown_masked(key: str) -> None:
    if key == DEFAULT_API_KEY:
        return
    shown = shown_key(key)
    assert key not in shown
    assert shown.startswith(hint(key))
    assert len(hint(key)) == 5  # four characters and an ellipsis: not enough to use the key


def test_token_digests_are_stable_and_do_not_contain_the_token() -> None:
    token = "eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjF9.secretpart"
    assert token_digest(token) == token_digest(token)
    assert token_digest(token) != token_digest(token + "x")
    assert "secretpart" not in token_digest(token)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> KeyVault:
    return KeyVault(tmp_path_factory.mktemp("vault") / "state.sqlite.key")


@given(key=KEYS)
@settings(max_examples=25, deadline=None)
def test_sealed_keys_open_to_the_same_key_and_never_contain_it(vault: KeyVault, key: str) -> None:
    sealed = vault.seal(CLIENT, key)
    assert key not in sealed
    assert vault.seal(CLIENT, key) != sealed  # a fresh nonce every time
    assert KeyVault(vault.path).open(CLIENT, sealed) == key


def test_the_key_file_is_created_0600(tmp_path: Path) -> None:
    vault = KeyVault(key_file_for(tmp_path / "state.sqlite"))
    vault.seal(CLIENT, DEFAULT_API_KEY)
    assert vault.path == tmp_path / "state.sqlite.key"
    assert stat.S_IMODE(vault.path.stat().st_mode) == 0o600


def test_a_sealed_key_is_bound_to_its_account(tmp_path: Path) -> None:
    vault = KeyVault(tmp_path / "s.key")
    sealed = vault.seal(CLIENT, DEFAULT_API_KEY)
    with pytest.raises(SecretError, match="another state file"):
        KeyVault(vault.path).open("AKmockClientId0000000002", sealed)


def test_another_files_key_does_not_open_it(tmp_path: Path) -> None:
    sealed = KeyVault(tmp_path / "a.key").seal(CLIENT, DEFAULT_API_KEY)
    KeyVault(tmp_path / "b.key").seal(CLIENT, DEFAULT_API_KEY)
    with pytest.raises(SecretError, match=r"b\.key does not decrypt"):
        KeyVault(tmp_path / "b.key").open(CLIENT, sealed)


def test_a_missing_or_bad_key_file_is_named(tmp_path: Path) -> None:
    sealed = KeyVault(tmp_path / "a.key").seal(CLIENT, DEFAULT_API_KEY)
    with pytest.raises(SecretError, match=r"gone\.key is missing.*copy it along"):
        KeyVault(tmp_path / "gone.key").open(CLIENT, sealed)
    (tmp_path / "bad.key").write_text("not hex\n")
    with pytest.raises(SecretError, match=r"bad\.key cannot be read as a key file"):
        KeyVault(tmp_path / "bad.key").open(CLIENT, sealed)
    (tmp_path / "short.key").write_text("abcd\n")
    with pytest.raises(SecretError, match="2 bytes, not 32"):
        KeyVault(tmp_path / "short.key").open(CLIENT, sealed)
