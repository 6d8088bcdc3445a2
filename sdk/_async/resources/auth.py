"""client.auth: the token exchange (pages/authentication__usage.md)."""

from __future__ import annotations

from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.auth import NAMES, Token


class AsyncAuth(AsyncResource):
    async def get_token(self, *, client_id: str, client_secret: str) -> Token:
        """Exchange a client id and secret (the API key) for a token for `Authorization: Bearer`.

        A client built with client_id= and client_secret= does this by itself; call it to manage tokens
        yourself. Raises AuthenticationError (1101) for a wrong pair.
        """
        body = NAMES.to_wire(client_id=client_id, client_secret=client_secret)
        data = await self._call("auth.get_token", json=body)
        payload = {key: value for key, value in data.items() if key not in ("code", "msg")}
        return from_wire(Token, payload, "auth.get_token")
