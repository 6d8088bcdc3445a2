"""Secrets: how API keys are shown to people and kept at rest, and how bearer tokens are stored.

- Shown: the documented default key is public (README "Default credentials") and is printed as is; any
  other key is masked to its first four characters, like the control API's `api_key_hint`.
- At rest: a state file never holds a key or a token in plain text. Tokens only need to be recognised, so
  the file keeps their SHA-256 digest. API keys must be recovered (webhooks are AES-encrypted with the
  key, NOTES.md #state-file-secrets), so the file keeps them encrypted (AES-256-GCM, the clientId as
  associated data) under a random key kept in a separate file, `<state file>.key`, created 0600.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from akool_mock.mock_server.settings import DEFAULT_API_KEY
from akool_mock.mock_server.state_format import StateFileError

KEY_BYTES = 32
NONCE_BYTES = 12
HINT_CHARS = 4


class SecretError(StateFileError):
    """A key file or an encrypted key that cannot be used; the message is one line naming the file."""


def hint(api_key: str) -> str:
    """The first characters of a key, enough to tell keys apart, never enough to use one."""
    return api_key[:HINT_CHARS] + "…"


def shown_key(api_key: str) -> str:
    """What the start-up banner prints for a key: the documented default as is, any other one masked."""
    if api_key == DEFAULT_API_KEY:
        return api_key
    return f"{hint(api_key)}  (masked: the key you configured)"


def token_digest(token: str) -> str:
    """How a bearer token is stored and looked up: tokens are random, so a plain SHA-256 suffices."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def key_file_for(state_file: Path) -> Path:
    return state_file.with_name(state_file.name + ".key")


class KeyVault:
    """Encrypts API keys for a state file with a random key kept in `<state file>.key` (0600)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._aead: AESGCM | None = None

    def seal(self, client_id: str, api_key: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._cipher(create=True).encrypt(nonce, api_key.encode("utf-8"), client_id.encode("utf-8"))
        return base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, client_id: str, sealed: str) -> str:
        raw = base64.b64decode(sealed)
        try:
            plain = self._cipher(create=False).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], client_id.encode("utf-8")
            )
        except InvalidTag:
            raise SecretError(
                f"{self.path} does not decrypt the API key of account {client_id!r}: "
                "it belongs to another state file"
            ) from None
        return plain.decode("utf-8")

    def _cipher(self, create: bool) -> AESGCM:
        if self._aead is None:
            self._aead = AESGCM(self._read() if self.path.exists() or not create else self._create())
        return self._aead

    def _read(self) -> bytes:
        try:
            key = bytes.fromhex(self.path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            raise SecretError(
                f"{self.path} is missing: the state file's API keys are encrypted with it; "
                "copy it along with the state file"
            ) from None
        except (OSError, ValueError) as exc:
            raise SecretError(f"{self.path} cannot be read as a key file: {exc}") from None
        if len(key) != KEY_BYTES:
            raise SecretError(f"{self.path} cannot be read as a key file: it holds {len(key)} bytes, not 32")
        return key

    def _create(self) -> bytes:
        key = os.urandom(KEY_BYTES)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(key.hex() + "\n")
        return key
