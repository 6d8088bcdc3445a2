"""getToken (pages authentication__usage, ai-tools-suite__live-faceswap).

The token answer is `{code, token}` at the top level, with neither `msg` nor `data` (the Usage page's example;
schemas/NOTES.md#auth-token-answer). The Backend checks the pair (1101), the ban (1200) and
keeps the token with its lifetime (`Settings.token_lifetime_s`); `Backend.authenticate` then honours it as
`Authorization: Bearer <token>`, before any x-api-key.
"""

from __future__ import annotations

from akool_mock.mock_server.errors import AuthMissing
from akool_mock.mock_server.handlers.base import Call, Handler, Reply


def get_token(call: Call) -> Reply:
    # The request schema requires both fields as strings; an empty one is the page's 1102 "Authorization
    # cannot be empty" (schemas/NOTES.md #audit-get-token-empty), naming the field.
    for name in ("clientId", "clientSecret"):
        if call.body[name] == "":
            raise AuthMissing(f"{name}: Authorization cannot be empty")
    token = call.backend.issue_token(str(call.body["clientId"]), str(call.body["clientSecret"]))
    return Reply(raw={"code": 1000, "token": token})


HANDLERS: dict[str, Handler] = {"auth.get_token": get_token}
