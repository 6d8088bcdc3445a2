"""Types of the auth area: the token getToken answers."""

from __future__ import annotations

from dataclasses import dataclass

from akool_mock.sdk.types._base import WireModel, WireNames

NAMES = WireNames({"clientId": "client_id", "clientSecret": "client_secret"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Token(WireModel):
    """A token for `Authorization: Bearer <token>`; Akool says it is valid for more than a year."""

    _names = NAMES

    token: str
