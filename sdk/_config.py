"""Client settings: the constructor's arguments, with the environment filling what was not given.

The environment (AKOOL_API_KEY, AKOOL_CLIENT_ID, AKOOL_CLIENT_SECRET, AKOOL_BASE_URL) is read once, by the
client's constructor, and passed here as a mapping, so this module stays pure and easy to test.
"""

from __future__ import annotations

from collections.abc import Mapping

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._core import Credentials, RetryPolicy
from akool_mock.sdk._transport import TransportConfig
from akool_mock.sdk.errors import ConfigurationError


def credentials_from(
    api_key: str | None, client_id: str | None, client_secret: str | None, environ: Mapping[str, str]
) -> Credentials:
    """Explicit credentials win; the environment is only used when none were given."""
    if api_key is None and client_id is None and client_secret is None:
        api_key = environ.get(defaults.ENV_API_KEY) or None
        if api_key is None:
            client_id = environ.get(defaults.ENV_CLIENT_ID) or None
            client_secret = environ.get(defaults.ENV_CLIENT_SECRET) or None
    if api_key:
        return Credentials(api_key=api_key)
    if client_id and client_secret:
        return Credentials(client_id=client_id, client_secret=client_secret)
    if client_id or client_secret:
        raise ConfigurationError("client_id and client_secret go together, and only one was given.")
    raise ConfigurationError("No Akool credentials were given.")


def transport_config(
    *,
    api_key: str | None,
    client_id: str | None,
    client_secret: str | None,
    base_url: str | None,
    detect_base_url: str | None,
    timeout: float,
    max_retries: int,
    environ: Mapping[str, str],
) -> TransportConfig:
    """The transport settings of a new client."""
    if max_retries < 0:
        raise ValueError("max_retries must be 0 or more")
    if timeout <= 0:
        raise ValueError("timeout must be a positive number of seconds")
    return TransportConfig(
        credentials=credentials_from(api_key, client_id, client_secret, environ),
        base_url=base_url or environ.get(defaults.ENV_BASE_URL) or defaults.BASE_URL,
        detect_base_url=detect_base_url or defaults.DETECT_BASE_URL,
        timeout=timeout,
        retry=RetryPolicy(max_retries=max_retries),
    )
