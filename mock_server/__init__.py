"""The fake Akool API: `akool-mock serve` over HTTP, or `FakeAkool` inside a test process."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from akool_mock.mock_server.inprocess import FakeAkool

__all__ = ["FakeAkool"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that `akool-mock openapi` and `validate` start without the server stack.
    if name == "FakeAkool":
        from akool_mock.mock_server.inprocess import FakeAkool

        return FakeAkool
    raise AttributeError(name)
