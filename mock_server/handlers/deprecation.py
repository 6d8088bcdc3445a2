"""Deprecated operations: what a caller of an operation that Akool's docs now call deprecated sees.

The catalog marks such an operation with `deprecated` (the page, the date of the docs that say so, their
words). With the `deprecated = "refuse"` setting (the default) a call that passes authentication and the
request check answers code 1008 with the page's words; with `"serve"` it is served as before. Decisions:
schemas/NOTES.md#deprecated-operations.
"""

from __future__ import annotations

from akool_mock.mock_server.errors import NotFound
from akool_mock.mock_server.handlers.base import Call, Handler, Reply

GONE_CODE = 1008  # "content not exist": the operation is gone, as an unknown path's code


def refusal(call: Call) -> str | None:
    """The refusal message when this call's operation is deprecated and the fake refuses it, else None."""
    marker = call.op.raw.get("deprecated")
    if not marker or call.backend.settings.deprecated == "serve":
        return None
    return f"{marker['message']} ({call.op.summary}: {marker['page']}, docs of {marker['since']})"


def unless_deprecated(handler: Handler) -> Handler:
    """`handler`, answering the deprecation refusal first when the operation is refused."""

    def guarded(call: Call) -> Reply:
        message = refusal(call)
        if message is not None:
            raise NotFound(message, code=GONE_CODE)
        return handler(call)

    guarded.__name__ = handler.__name__
    guarded.__doc__ = handler.__doc__
    return guarded
